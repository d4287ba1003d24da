/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import dev.containment4j.IsolationReport.EnforcedLimit;
import dev.containment4j.isolation.gvisor.internal.FileProbe.Kind;
import dev.containment4j.isolation.gvisor.internal.ProcessSpec.Rlimit;
import dev.containment4j.isolation.gvisor.internal.SandboxPlan.Placeholder;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.IsolationSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Turns a policy into a {@link SandboxPlan}. Pure apart from the {@link FileProbe}: the same spec and file system
 * give the same plan, byte for byte.
 *
 * <p>Design: the sandbox root is the host's {@code /}, read-only to the host because runsc runs with
 * {@code --overlay2=root:memory}: the sandbox may write anywhere in its own view (package caches, {@code /etc}), the
 * writes land in a per-sandbox memory overlay and vanish with it. Using the host root (rather than a bundle rootfs)
 * keeps the host's toolchains at their usual paths, which agent tools expect, and costs nothing to prepare. Only the
 * workdir and {@code allowWrite} are bind-mounted read-write; secrets are masked; {@code /tmp} and (with
 * {@code hideHome}) the home directory are private tmpfs.
 */
public final class SandboxPlanner {

  /** Files that configure code execution, protected read-only inside the workdir (relative paths). */
  static final List<String> PROTECTED_DIRS = List.of(".git/hooks", ".vscode", ".idea");
  static final List<String> PROTECTED_FILES = List.of(".git/config", ".gitmodules", ".mcp.json");
  /** Shell start-up files: protected when present; placeholders only when the workdir is the home directory. */
  static final List<String> RC_FILES = List.of(".bashrc", ".bash_profile", ".bash_login", ".bash_logout", ".profile",
      ".zshrc", ".zshenv", ".zprofile", ".zlogin", ".inputrc");

  /** Soft and hard RLIMIT_NOFILE inside. */
  static final long NOFILE = 4096;

  private SandboxPlanner() {}

  /**
   * @param spec the backend's spec
   * @param settings gVisor settings (rootless changes how memory is limited)
   * @param emptyFile a private, read-only, empty host file used to mask files
   * @param files what exists on the host
   */
  public static SandboxPlan plan(IsolationSpec spec, GvisorSettings settings, Path emptyFile, FileProbe files) {
    Policy.Isolation iso = spec.policy().isolation();
    Policy.Filesystem fs = iso.filesystem();
    Path workdir = files.real(spec.workdir().toAbsolutePath().normalize());
    Path home = spec.home().toAbsolutePath().normalize();
    List<OciMount> mounts = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Set<Path> writable = new LinkedHashSet<>();
    writable.add(workdir);

    mounts.add(new OciMount("/proc", "proc", "proc", List.of(), "gVisor's own /proc"));
    mounts.add(new OciMount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k"),
        "gVisor's own /dev"));
    mounts.add(new OciMount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro"),
        "gVisor's own /sys"));
    mounts.add(OciMount.tmpfs("/tmp", true, "1777", "tmp: private"));
    boolean homeHidden = fs.hideHome() && !workdir.equals(home) && !home.startsWith(workdir)
        && !home.toString().equals("/");
    if (homeHidden) {
      mounts.add(OciMount.tmpfs(home.toString(), true, "0700", "hideHome: true"));
    }
    mounts.add(OciMount.bind(workdir.toString(), true, "workdir"));
    for (String entry : fs.allowWrite()) {
      Path p = files.real(resolve(entry, workdir, home, "allowWrite"));
      if (files.kind(p) == Kind.MISSING) {
        notes.add("allowWrite " + entry + ": " + p + " does not exist, not mounted");
        continue;
      }
      if (writable.add(p)) {
        mounts.add(OciMount.bind(p.toString(), true, "allowWrite " + entry));
      }
    }
    for (String entry : fs.denyRead()) {
      Path p = resolve(entry, workdir, home, "denyRead");
      Path real = files.real(p);
      Kind kind = files.kind(real);
      if (kind == Kind.MISSING) {
        continue; // nothing to read; a file the tool creates there later is its own
      }
      if (homeHidden && real.startsWith(home) && !underAny(real, writable)) {
        continue; // already hidden by the home tmpfs
      }
      mounts.add(mask(real, kind, emptyFile, "denyRead " + entry));
      if (!real.equals(p) && files.kind(p) != Kind.MISSING && !p.startsWith(real)) {
        notes.add("denyRead " + entry + " is a symlink to " + real + ", which is masked");
      }
    }
    for (String entry : fs.allowRead()) {
      Path p = files.real(resolve(entry, workdir, home, "allowRead"));
      if (files.kind(p) != Kind.MISSING) {
        mounts.add(OciMount.bind(p.toString(), false, "allowRead " + entry)); // readable again, never writable
      }
    }
    for (String entry : fs.denyWrite()) {
      Path p = files.real(resolve(entry, workdir, home, "denyWrite"));
      if (files.kind(p) != Kind.MISSING && underAny(p, writable)) {
        mounts.add(OciMount.bind(p.toString(), false, "denyWrite " + entry));
      }
    }
    List<Placeholder> placeholders = new ArrayList<>();
    protect(workdir, home, spec.policy().trust().workspaceConfig(), emptyFile, files, mounts, placeholders);

    // parents before children; equal depth keeps the order above (masks after the binds they cover)
    List<OciMount> ordered = new ArrayList<>(mounts);
    ordered.sort(Comparator.comparingInt(OciMount::depth));

    Policy.Limits limits = iso.limits();
    List<Rlimit> rlimits = new ArrayList<>();
    rlimits.add(new Rlimit("RLIMIT_NPROC", limits.pids()));
    rlimits.add(new Rlimit("RLIMIT_NOFILE", NOFILE));
    rlimits.add(new Rlimit("RLIMIT_CORE", 0));
    long memBytes = limits.memoryMb() * 1024 * 1024;
    List<EnforcedLimit> enforced = new ArrayList<>();
    enforced.add(new EnforcedLimit("wallSeconds", limits.wall().toSeconds() + " s",
        "host timer; the runsc process is killed and so is every process of the call inside the sandbox"));
    enforced.add(new EnforcedLimit("outputBytes", limits.outputBytes() + " B", "capped capture through pipes"));
    enforced.add(new EnforcedLimit("pids", Integer.toString(limits.pids()),
        "RLIMIT_NPROC counted by gVisor's Sentry for the whole sandbox (holds for root inside; the OCI pids cgroup is"
            + " not used: it crashes runsc 20221219 on ptrace)"));
    OptionalLong memory;
    if (settings.rootless()) {
      rlimits.add(new Rlimit("RLIMIT_AS", memBytes));
      memory = OptionalLong.empty();
      enforced.add(new EnforcedLimit("memoryMb", limits.memoryMb() + " MiB",
          "RLIMIT_AS per process (rootless runsc has no cgroup)"));
    } else {
      memory = OptionalLong.of(memBytes);
      enforced.add(new EnforcedLimit("memoryMb", limits.memoryMb() + " MiB",
          "cgroup memory limit of the whole sandbox (linux.resources.memory); exceeding it kills the sandbox"));
    }
    enforced.add(new EnforcedLimit("network", "none", "runsc --network=none: loopback only"));

    Map<String, String> env = new LinkedHashMap<>(spec.environment());
    env.put("TMPDIR", "/tmp");
    ProcessSpec process = new ProcessSpec(List.of("/bin/sleep", "infinity"), env, workdir.toString(), rlimits);
    return new SandboxPlan(process, ordered, memory, placeholders, enforced, notes);
  }

  private static void protect(Path workdir, Path home, String workspaceConfig, Path emptyFile, FileProbe files,
      List<OciMount> mounts, List<Placeholder> placeholders) {
    Map<String, Boolean> wanted = new LinkedHashMap<>(); // relative path -> is a directory
    PROTECTED_DIRS.forEach(p -> wanted.put(p, true));
    PROTECTED_FILES.forEach(p -> wanted.put(p, false));
    wanted.put(workspaceConfig, false);
    boolean workdirIsHome = workdir.equals(home);
    Set<String> done = new LinkedHashSet<>();
    for (String rc : RC_FILES) {
      Path p = workdir.resolve(rc);
      if (files.kind(p) != Kind.MISSING) {
        wanted.put(rc, false);
      } else if (workdirIsHome) {
        wanted.put(rc, false);
      }
    }
    for (Map.Entry<String, Boolean> e : wanted.entrySet()) {
      Path target = workdir.resolve(e.getKey()).normalize();
      if (!target.startsWith(workdir)) {
        continue;
      }
      // walk down from the workdir: the first component that is missing (or is a file where a directory is needed)
      // is what gets protected, so `git init` cannot create .git/hooks under a missing .git either
      Path cur = workdir;
      Path rel = workdir.relativize(target);
      for (int i = 0; i < rel.getNameCount(); i++) {
        cur = cur.resolve(rel.getName(i));
        boolean last = i == rel.getNameCount() - 1;
        Kind kind = files.kind(cur);
        if (kind == Kind.MISSING) {
          boolean dir = !last || e.getValue();
          if (done.add(cur.toString())) {
            placeholders.add(new Placeholder(cur.toString(), dir));
            mounts.add(dir ? OciMount.tmpfs(cur.toString(), false, "0755", "protected (placeholder) " + e.getKey())
                : OciMount.bindFrom(emptyFile.toString(), cur.toString(), "protected (placeholder) " + e.getKey()));
          }
          break;
        }
        if (last || kind == Kind.FILE) {
          // a .git *file* (worktree pointer) is protected itself: rewriting it could redirect git to planted hooks
          if (done.add(cur.toString())) {
            mounts.add(OciMount.bind(cur.toString(), false, "protected " + e.getKey()));
          }
          break;
        }
      }
    }
  }

  private static OciMount mask(Path p, Kind kind, Path emptyFile, String why) {
    return kind == Kind.DIRECTORY ? OciMount.tmpfs(p.toString(), false, "0755", why)
        : OciMount.bindFrom(emptyFile.toString(), p.toString(), why);
  }

  private static boolean underAny(Path p, Set<Path> roots) {
    return roots.stream().anyMatch(p::startsWith);
  }

  /**
   * Resolves a policy path: {@code ~} and {@code $HOME} to the home directory, relative paths against the workdir.
   *
   * @throws IllegalArgumentException for globs, which this backend cannot mount (failing closed rather than
   *     ignoring a deny rule)
   */
  static Path resolve(String entry, Path workdir, Path home, String key) {
    String e = entry.trim();
    if (e.isEmpty() || e.contains("*") || e.contains("?") || e.contains("[")) {
      throw new IllegalArgumentException("isolation.filesystem." + key + " entry '" + entry
          + "' is empty or a glob; the gVisor backend needs plain paths (one entry per path)");
    }
    Path p;
    if (e.equals("~") || e.equals("$HOME")) {
      p = home;
    } else if (e.startsWith("~/")) {
      p = home.resolve(e.substring(2));
    } else if (e.startsWith("$HOME/")) {
      p = home.resolve(e.substring(6));
    } else {
      p = workdir.resolve(e);
    }
    return p.toAbsolutePath().normalize();
  }
}
