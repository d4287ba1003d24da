/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import dev.containment4j.IsolationReport.EnforcedLimit;
import dev.containment4j.internal.fs.FilesystemPlan;
import dev.containment4j.internal.fs.HostIdentity;
import dev.containment4j.internal.fs.HostPath;
import dev.containment4j.isolation.gvisor.internal.ProcessSpec.Rlimit;
import dev.containment4j.isolation.gvisor.internal.SandboxPlan.Placeholder;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.IsolationSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Turns a policy and its resolved file system plan into a {@link SandboxPlan}. Pure: the same inputs give the same
 * plan, byte for byte.
 *
 * <p>Design: the sandbox root is the host's {@code /}, read-only to the host because runsc runs with
 * {@code --overlay2=root:memory}: the sandbox may write anywhere in its own view (package caches, {@code /etc}), the
 * writes land in a per-sandbox memory overlay and vanish with it. Using the host root (rather than a bundle rootfs)
 * keeps the host's toolchains at their usual paths, which agent tools expect, and costs nothing to prepare. Only the
 * workdir and {@code allowWrite} are bind-mounted read-write; secrets are masked; {@code /tmp} and (with
 * {@code hideHome}) the home directory are private tmpfs.
 */
public final class SandboxPlanner {

  /** Protected names that are directories: a missing one is occupied by an empty read-only directory. */
  static final Set<String> DIRECTORY_NAMES = Set.of(".git", ".git/hooks", ".vscode", ".idea");

  /** Why a writable root is mounted (also how {@link SandboxPlan#writableRoots()} finds them). */
  static final String WORKDIR = "workdir";
  static final String ALLOW_WRITE = "allowWrite";

  /** Soft and hard RLIMIT_NOFILE inside. */
  static final long NOFILE = 4096;

  private SandboxPlanner() {}

  /**
   * @param spec the backend's spec (limits, environment)
   * @param settings gVisor settings (rootless changes how memory is limited)
   * @param emptyFile a private, read-only, empty host file used to mask files
   * @param fs the policy's file system section resolved against the host ({@link FilesystemPlan#resolve}), with
   *     this backend's own placeholders already counted as missing
   */
  public static SandboxPlan plan(IsolationSpec spec, GvisorSettings settings, Path emptyFile, FilesystemPlan fs) {
    return plan(spec, settings, emptyFile, Optional.empty(), fs);
  }

  /**
   * As {@link #plan(IsolationSpec, GvisorSettings, Path, FilesystemPlan)}, with the {@link ExecHelper} binary
   * mounted read-only at {@link ExecHelper#IN_SANDBOX} when {@code execHelper} is present.
   */
  public static SandboxPlan plan(IsolationSpec spec, GvisorSettings settings, Path emptyFile,
      Optional<Path> execHelper, FilesystemPlan fs) {
    return plan(spec, settings, emptyFile, execHelper, List.of(), fs);
  }

  /**
   * As {@link #plan(IsolationSpec, GvisorSettings, Path, Optional, FilesystemPlan)}, with generated files bound over
   * the host's identity files ({@link HostIdentity#inRoot()}; gVisor's own {@code /proc} has no host boot id).
   */
  public static SandboxPlan plan(IsolationSpec spec, GvisorSettings settings, Path emptyFile,
      Optional<Path> execHelper, List<HostIdentity.Replacement> identity, FilesystemPlan fs) {
    Policy.Isolation iso = spec.policy().isolation();
    Path workdir = fs.workdir();
    List<OciMount> mounts = new ArrayList<>();
    List<String> notes = new ArrayList<>(fs.notes());

    mounts.add(new OciMount("/proc", "proc", "proc", List.of(), "gVisor's own /proc"));
    mounts.add(new OciMount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k"),
        "gVisor's own /dev"));
    mounts.add(new OciMount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro"),
        "gVisor's own /sys"));
    execHelper.ifPresent(h -> mounts.add(OciMount.bindFrom(h.toString(), ExecHelper.IN_SANDBOX,
        "session calls: c4j-exec installs the seccomp filter runsc exec does not apply")));
    mounts.add(OciMount.tmpfs("/tmp", true, "1777", "tmp: private"));
    for (HostIdentity.Replacement r : identity) {
      mounts.add(OciMount.bindFrom(r.source().toString(), r.target(), "the host's identity: generated " + r.target()));
    }
    if (settings.stateDir().getNameCount() > 0) {
      // bundles (the environment), runsc's state and call files of every backend: root inside owns host root's files
      mounts.add(OciMount.tmpfs(settings.stateDir().toString(), false, "0700",
          "isolation.gvisor.stateDir: hidden"));
    }
    fs.hiddenHome().ifPresent(h -> mounts.add(OciMount.tmpfs(h.toString(), true, "0700", "hideHome: true")));
    for (Path w : fs.writable()) {
      mounts.add(OciMount.bind(w.toString(), true, w.equals(workdir) ? WORKDIR : ALLOW_WRITE));
    }
    for (HostPath d : fs.denyRead()) {
      if (fs.hiddenHome().map(h -> d.path().startsWith(h)).orElse(false)
          && fs.writable().stream().noneMatch(w -> d.path().startsWith(w))) {
        continue; // already hidden by the home tmpfs
      }
      mounts.add(d.isDirectory() ? OciMount.tmpfs(d.path().toString(), false, "0755", "denyRead")
          : OciMount.bindFrom(emptyFile.toString(), d.path().toString(), "denyRead"));
    }
    for (Path p : fs.allowRead()) {
      mounts.add(OciMount.bind(p.toString(), false, "allowRead")); // readable again, never writable
    }
    for (Path p : fs.denyWrite()) {
      mounts.add(OciMount.bind(p.toString(), false, "denyWrite"));
    }
    boolean proxy = ProxyNetwork.applies(spec, settings) && spec.egress().isPresent();
    if (proxy) {
      // the interception CA certificate and trust stores (never the key), at the same path; often under /tmp
      spec.egress().get().caCertificate().map(Path::getParent).ifPresent(dir -> mounts.add(
          OciMount.bind(dir.toString(), false, "network.tls: intercept (CA certificate)")));
    }
    List<Placeholder> placeholders = new ArrayList<>();
    for (FilesystemPlan.ProtectedPath pp : fs.protectedPaths()) {
      String path = pp.path().toString();
      String name = fs.writable().stream().filter(pp.path()::startsWith).findFirst()
          .map(w -> w.relativize(pp.path()).toString()).orElse(pp.path().getFileName().toString());
      switch (pp.protection()) {
        // a mount point cannot be renamed (EBUSY): the tool cannot move .git away and put a hostile one in its place
        case PIN -> mounts.add(OciMount.bind(path, true, "protected (pinned) " + name));
        case READ_ONLY -> mounts.add(OciMount.bind(path, false, "protected " + name));
        case OCCUPY -> {
          boolean dir = DIRECTORY_NAMES.contains(name);
          placeholders.add(new Placeholder(path, dir));
          mounts.add(dir ? OciMount.tmpfs(path, false, "0755", "protected (placeholder) " + name)
              : OciMount.bindFrom(emptyFile.toString(), path, "protected (placeholder) " + name));
        }
        default -> throw new IllegalStateException("unknown protection " + pp.protection());
      }
    }

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
    if (proxy) {
      enforced.add(new EnforcedLimit("network", "proxy", "runsc --network=host in a network namespace of its own"
          + " that holds only lo and the egress proxy's listener at 127.0.0.1:" + ProxyNetns.PORT
          + ": no route, no resolver"));
    } else {
      enforced.add(new EnforcedLimit("network", "none", "runsc --network=none: loopback only"));
    }
    if (spec.policy().network().mode() == Policy.NetworkMode.PROXY && settings.rootless()) {
      // fail closed: less network than asked for, never more
      notes.add("network.mode proxy is not available to rootless gVisor sandboxes (runsc cannot join a network"
          + " namespace made outside its own user namespace); the sandbox has no network at all. Run the JVM as"
          + " root for proxy mode");
    } else if (spec.policy().network().mode() != Policy.NetworkMode.NONE && !proxy) {
      notes.add("network.mode " + spec.policy().network().mode().name().toLowerCase(java.util.Locale.ROOT)
          + " is not supported by the gVisor backend; the sandbox has no network at all");
    }

    Map<String, String> env = new LinkedHashMap<>(spec.environment());
    if (proxy) {
      // the proxy appears at 127.0.0.1:3128 inside, not at the host listener's port
      env.putAll(spec.egress().get().environment(ProxyNetns.PORT));
    }
    env.put("TMPDIR", "/tmp");
    ProcessSpec process = new ProcessSpec(List.of("/bin/sleep", "infinity"), env, workdir.toString(), rlimits);
    return new SandboxPlan(process, ordered, memory, placeholders, enforced, notes);
  }
}
