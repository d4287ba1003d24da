/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap.internal;

import dev.containment4j.internal.fs.FilesystemPlan;
import dev.containment4j.internal.fs.HostIdentity;
import dev.containment4j.internal.fs.HostPath;
import dev.containment4j.internal.fs.ProtectedNames;
import dev.containment4j.policy.Policy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Pure builder of the {@code bwrap} argument list (in the manner of Bazel's {@code LinuxSandboxCommandLineBuilder}):
 * it reads nothing from the disk and returns argv elements, so every path stays one argument and no shell ever parses
 * it. Golden-file tested.
 *
 * <p>The options (environment values among them) are not meant for bwrap's own argv, which every local user can read
 * in {@code /proc/PID/cmdline}: the launcher hands them over a descriptor ({@code --args}, see
 * {@link Invocation#viaArgsFd}); only the command stays on the command line, where it stays visible anyway once bwrap
 * execs it.
 *
 * <p>Mounts are ordered by path depth so that a deeper mount always lands on top of a shallower one (a {@code denyRead}
 * file inside the workdir hides it, the workdir inside a hidden home shows it); at the same path the order is: tmpfs,
 * writable, hidden, carve-out, read-only, protected.
 */
public final class BwrapCommandLine {

  /** Placeholder source for protected names that do not exist: reads as empty, cannot be written or replaced. */
  static final String OCCUPY_SOURCE = "/dev/null";

  /**
   * Global kernel settings and device knobs under the sandbox's fresh /proc, bound read-only from the host's (the
   * same files: they act on the opener's namespaces, not the mount's). A sandbox of a host run as root keeps the
   * host's root uid, which passes sysctl's owner-write check with no capability at all, and bwrap covers /proc/sys
   * only when its access() probe of the directory succeeds, which the directory's 0555 mode refuses even to root.
   * The list is Docker's read-only set plus the writable device directories.
   */
  private static final List<String> PROC_READ_ONLY =
      List.of("/proc/sys", "/proc/sysrq-trigger", "/proc/fs", "/proc/acpi", "/proc/scsi", "/proc/driver");

  /**
   * {@code /proc} files a sandbox of a root-run host (the host's root uid, no capabilities) could still read and that
   * tell about the host's kernel rather than the call: physical page flags (a side channel's map), the kernel's
   * timers and keyrings. Covered by the empty mode-0000 file, as Docker masks them; measured readable before
   * ({@code kernelLogMemoryAndCryptoSurfacesAreClosed}).
   */
  static final List<String> PROC_MASKED = List.of("/proc/kpageflags", "/proc/kpagecount",
      "/proc/kpagecgroup", "/proc/timer_list", "/proc/keys", "/proc/key-users", "/proc/sched_debug");

  /** The files of {@link #PROC_MASKED} that exist on this host. */
  public static List<String> hostProcMasks() {
    return PROC_MASKED.stream().filter(p -> java.nio.file.Files.exists(Path.of(p))).toList();
  }

  /**
   * What the sandbox's {@code /sys} shows of the host's: the CPU and NUMA topology
   * ({@code sysconf(_SC_NPROCESSORS_ONLN)}, {@code nproc}, {@code os.cpu_count()}) and the transparent huge page
   * settings (JVM, allocators); roughly what gVisor's own sysfs offers. The rest of the host's sysfs is behind a
   * read-only tmpfs: the host's network interfaces and their addresses ({@code /sys/class/net} shows the sysfs
   * mounter's network namespace, the host's), the host's cgroup tree (the names of its services and containers; in
   * the sandbox's cgroup namespace it showed the host root's limits, never the call's, so a JVM inside sizes itself
   * the same without it), and, to a sandbox of a host run as root, root-only files such as the firmware's ACPI and
   * DMI tables, serial numbers and debugfs. The cgroup tree is also the costly part: binding its dozen mounts added
   * about as much to a bwrap start as the rest of this together (docs/benchmarks.md).
   */
  static final List<String> SYS_VISIBLE = List.of("/sys/devices/system/cpu", "/sys/devices/system/node",
      "/sys/kernel/mm/transparent_hugepage");

  private BwrapCommandLine() {}

  public static Builder builder(Path bwrap) {
    return new Builder(bwrap);
  }

  /** Collects the inputs; {@link #build()} is pure. Not thread-safe. */
  public static final class Builder {
    private final Path bwrap;
    private FilesystemPlan plan;
    private Map<String, String> environment = Map.of();
    private Policy.NetworkMode network = Policy.NetworkMode.NONE;
    private Optional<Path> tmpSource = Optional.empty();
    private Path deniedFile;
    private List<String> procMasks = List.of();
    private String occupySource = OCCUPY_SOURCE;
    private List<Path> readOnly = List.of();
    private List<HostIdentity.Replacement> identity = List.of();
    private OptionalInt seccompFd = OptionalInt.empty();
    private Path cwd;
    private List<String> command;
    private boolean newSession = true;

    private Builder(Path bwrap) {
      this.bwrap = Objects.requireNonNull(bwrap, "bwrap");
    }

    /** The resolved filesystem policy. */
    public Builder plan(FilesystemPlan value) {
      this.plan = value;
      return this;
    }

    /** The complete environment of the sandboxed process (nothing else is inherited). */
    public Builder environment(Map<String, String> value) {
      this.environment = Map.copyOf(value);
      return this;
    }

    public Builder network(Policy.NetworkMode value) {
      this.network = Objects.requireNonNull(value, "network");
      return this;
    }

    /**
     * Files of {@code PROC_MASKED} that exist on this host, to be covered by the denied file (bwrap cannot create a
     * missing mount point in {@code /proc}); the backend passes {@link #hostProcMasks()}.
     */
    public Builder procMasks(List<String> value) {
      this.procMasks = List.copyOf(value);
      return this;
    }

    /** A host directory to appear as {@code /tmp} (a session's); empty for a fresh tmpfs. */
    public Builder tmpSource(Optional<Path> value) {
      this.tmpSource = Objects.requireNonNull(value, "tmpSource");
      return this;
    }

    /** An empty, mode 0000 host file bound over denied files, so reads fail with "Permission denied". */
    public Builder deniedFile(Path value) {
      this.deniedFile = value;
      return this;
    }

    /**
     * An empty, read-only (0444) host file bound over protected names that do not exist, except {@code .git} and
     * {@code HEAD}; {@code /dev/null} when unset, which the sandbox cannot open (bind mounts are {@code nodev}): git
     * dies on an include file it cannot read, so occupied {@code include.path} targets ({@code GitRedirects}) need a
     * file that reads as empty.
     */
    public Builder emptyFile(Path value) {
      this.occupySource = value.toString();
      return this;
    }

    /**
     * More host paths readable at the same path inside (the egress proxy's CA certificate directory, which lives
     * under the host's temp directory and would be hidden by the private {@code /tmp}).
     */
    public Builder readOnly(List<Path> value) {
      this.readOnly = List.copyOf(value);
      return this;
    }

    /**
     * Generated files bound read-only over the host's identity files ({@link HostIdentity}): those under
     * {@code /proc} on top of the host's {@code /proc/sys}, the rest like any mount, beneath a policy's own.
     */
    public Builder identity(List<HostIdentity.Replacement> value) {
      this.identity = List.copyOf(value);
      return this;
    }

    /** The descriptor bwrap reads the seccomp BPF program from. */
    public Builder seccompFd(int fd) {
      this.seccompFd = OptionalInt.of(fd);
      return this;
    }

    /** The working directory inside (same path as on the host). */
    public Builder cwd(Path value) {
      this.cwd = value;
      return this;
    }

    /**
     * Whether bwrap puts the sandbox in a session of its own ({@code --new-session}, the default). Off only when the
     * launcher starts bwrap through {@link ProcessGroupHelper}, which gives it a process group of its own and no
     * controlling terminal instead.
     */
    public Builder newSession(boolean value) {
      this.newSession = value;
      return this;
    }

    public Builder command(List<String> value) {
      this.command = List.copyOf(value);
      return this;
    }

    /** The argument list, {@code bwrap} first. */
    public Invocation build() {
      Objects.requireNonNull(plan, "plan");
      Objects.requireNonNull(deniedFile, "deniedFile");
      Objects.requireNonNull(cwd, "cwd");
      Objects.requireNonNull(command, "command");
      if (command.isEmpty()) {
        throw new IllegalArgumentException("command is empty");
      }
      List<String> a = new ArrayList<>();
      a.add(bwrap.toString());
      // process and namespaces
      a.add("--die-with-parent");
      if (newSession) {
        a.add("--new-session");
      }
      a.add("--unshare-all");
      a.add("--unshare-user");
      if (network == Policy.NetworkMode.HOST) {
        a.add("--share-net");
      }
      a.add("--disable-userns");
      a.add("--assert-userns-disabled");
      a.add("--cap-drop");
      a.add("ALL");
      a.add("--hostname");
      a.add(HostIdentity.SANDBOX_HOSTNAME);
      seccompFd.ifPresent(fd -> {
        a.add("--seccomp");
        a.add(Integer.toString(fd));
      });
      // environment: nothing inherited
      a.add("--clearenv");
      for (Map.Entry<String, String> e : new TreeMap<>(environment).entrySet()) {
        checkName(e.getKey());
        a.add("--setenv");
        a.add(e.getKey());
        a.add(e.getValue());
      }
      // filesystem
      a.add("--ro-bind");
      a.add("/");
      a.add("/");
      a.add("--dev");
      a.add("/dev");
      a.add("--proc");
      a.add("/proc");
      for (String p : PROC_READ_ONLY) {
        a.add("--ro-bind-try");
        a.add(p);
        a.add(p);
      }
      for (String p : procMasks) {
        a.add("--ro-bind-try");
        a.add(deniedFile.toString());
        a.add(p);
      }
      for (HostIdentity.Replacement r : identity) {
        if (r.target().startsWith("/proc/")) {
          a.add("--ro-bind-try");
          a.add(r.source().toString());
          a.add(r.target());
        }
      }
      a.add("--perms");
      a.add("0555");
      a.add("--tmpfs");
      a.add("/sys");
      for (String p : SYS_VISIBLE) {
        a.add("--ro-bind-try");
        a.add(p);
        a.add(p);
      }
      // read-only like the host's sysfs was; the binds below keep their own read-only flag
      a.add("--remount-ro");
      a.add("/sys");
      mounts(a);
      a.add("--chdir");
      a.add(cwd.toString());
      return new Invocation(bwrap.toString(), a.subList(1, a.size()), command);
    }

    private void mounts(List<String> a) {
      List<Mount> mounts = new ArrayList<>();
      if (tmpSource.isPresent()) {
        mounts.add(new Mount(Path.of("/tmp"), 0, List.of("--bind", tmpSource.get().toString(), "/tmp")));
      } else {
        mounts.add(new Mount(Path.of("/tmp"), 0, List.of("--tmpfs", "/tmp")));
      }
      plan.hiddenHome().ifPresent(h -> mounts.add(new Mount(h, 0, List.of("--tmpfs", h.toString()))));
      for (HostIdentity.Replacement r : identity) {
        if (!r.target().startsWith("/proc/")) {
          mounts.add(new Mount(Path.of(r.target()), 0, List.of("--ro-bind", r.source().toString(), r.target())));
        }
      }
      for (Path w : plan.writable()) {
        mounts.add(new Mount(w, 1, List.of("--bind", w.toString(), w.toString())));
      }
      List<Path> remount = new ArrayList<>();
      for (HostPath d : plan.denyRead()) {
        String p = d.path().toString();
        if (d.isDirectory()) {
          // traverse-only, so carve-outs below stay reachable while the listing is refused
          mounts.add(new Mount(d.path(), 2, List.of("--perms", "0111", "--tmpfs", p)));
          boolean writableInside = plan.writable().stream().anyMatch(w -> w.startsWith(d.path()));
          if (!writableInside) {
            remount.add(d.path());
          }
        } else {
          mounts.add(new Mount(d.path(), 2, List.of("--ro-bind", deniedFile.toString(), p)));
        }
      }
      for (Path r : plan.allowRead()) {
        mounts.add(new Mount(r, 3, List.of("--ro-bind", r.toString(), r.toString())));
      }
      for (Path r : readOnly) {
        mounts.add(new Mount(r, 6, List.of("--ro-bind", r.toString(), r.toString())));
      }
      for (Path r : plan.denyWrite()) {
        mounts.add(new Mount(r, 4, List.of("--ro-bind", r.toString(), r.toString())));
      }
      for (FilesystemPlan.ProtectedPath p : plan.protectedPaths()) {
        String s = p.path().toString();
        switch (p.protection()) {
          case PIN -> mounts.add(new Mount(p.path(), 5, List.of("--bind", s, s)));
          case READ_ONLY -> mounts.add(new Mount(p.path(), 6, List.of("--ro-bind", s, s)));
          case OCCUPY -> mounts.add(new Mount(p.path(), 6, List.of("--ro-bind", occupySource(p.path()), s)));
          default -> throw new IllegalStateException(p.protection().toString());
        }
      }
      mounts.sort(Comparator.comparingInt((Mount m) -> m.path.getNameCount()).thenComparingInt(m -> m.rank));
      for (Mount m : mounts) {
        a.addAll(m.args);
      }
      // remounting a hidden directory read-only does not touch the mounts below it (measured with bwrap 0.8)
      for (Path r : remount) {
        a.add("--remount-ro");
        a.add(r.toString());
      }
    }

    /**
     * {@code /dev/null}, which cannot be opened inside, for the names git reads as a repository ({@code .git},
     * {@code HEAD}): an unreadable one is ignored, while an empty file would be parsed and refused ("invalid gitfile
     * format"), breaking git in a workdir that is no repository. The readable empty file for the rest.
     */
    private String occupySource(Path p) {
      String name = p.getFileName().toString();
      return name.equals(ProtectedNames.GIT) || ProtectedNames.TOP_LEVEL.contains(name) ? OCCUPY_SOURCE : occupySource;
    }

    private static void checkName(String name) {
      if (name.isEmpty() || name.indexOf('=') >= 0 || name.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("invalid environment variable name: \"" + name + "\"");
      }
    }
  }

  /**
   * A built command line: bwrap, its options, then (after {@code --}) the command.
   *
   * @param bwrap the bwrap executable
   * @param options every option, in order, without the {@code --} that ends them
   * @param command the command bwrap execs inside
   */
  public record Invocation(String bwrap, List<String> options, List<String> command) {
    public Invocation {
      options = List.copyOf(options);
      command = List.copyOf(command);
    }

    /** The whole list, as one would type it: {@code bwrap OPTIONS -- COMMAND}. */
    public List<String> argv() {
      List<String> a = new ArrayList<>(options.size() + command.size() + 2);
      a.add(bwrap);
      a.addAll(options);
      a.add("--");
      a.addAll(command);
      return List.copyOf(a);
    }

    /** The argv when bwrap reads {@link #options()} from descriptor {@code fd}: {@code bwrap --args FD -- COMMAND}. */
    public List<String> viaArgsFd(int fd) {
      List<String> a = new ArrayList<>(command.size() + 4);
      a.add(bwrap);
      a.add("--args");
      a.add(Integer.toString(fd));
      a.add("--");
      a.addAll(command);
      return List.copyOf(a);
    }
  }

  /** One mount operation, sorted by the depth of its target, then by rank. */
  private record Mount(Path path, int rank, List<String> args) {}

  /**
   * An argument file's content ({@code bwrap --args}, the prepared launcher's {@code mapfile -d ''}): each element
   * NUL-terminated. Refuses NUL inside one (it would split it, and an environment value could smuggle in an option).
   */
  public static byte[] nulTerminated(List<String> argv) {
    StringBuilder sb = new StringBuilder();
    for (String a : argv) {
      if (a.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("an argument contains a NUL character, which no process can receive: "
            + ShellQuote.quote(a.replace('\0', '?')));
      }
      sb.append(a).append('\0');
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The list for humans: one argument per line, shell-quoted where needed, continuation backslashes. */
  public static String render(List<String> argv) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < argv.size(); i++) {
      String arg = argv.get(i);
      boolean option = arg.startsWith("--") && i > 0;
      if (i > 0) {
        sb.append(option ? " \\\n  " : " ");
      }
      sb.append(ShellQuote.quote(arg));
    }
    return sb.append('\n').toString();
  }
}
