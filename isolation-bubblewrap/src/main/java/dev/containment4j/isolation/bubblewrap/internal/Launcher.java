/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The host-side launcher: a fixed {@code /bin/sh} script that joins the call's cgroups, applies fallback rlimits, and
 * execs bwrap with the seccomp program on descriptor 3 and its options (a file of NUL-terminated arguments) on
 * descriptor 4, so environment values never sit in a command line other local users can read.
 *
 * <p>Why a shell: Java cannot hand a child extra descriptors, and joining the cgroups from the child itself (before
 * exec) leaves no window in which bwrap or the tool runs unaccounted. The script is a constant; every path reaches it
 * as a positional parameter ({@code "$1"}), never as script text, so nothing is parsed by the shell. {@code exec}
 * replaces the shell, so no extra process stays around. Measured cost: about 1 ms per call (see docs/benchmarks.md).
 */
public final class Launcher {
  /** Descriptor of the seccomp program inside bwrap. */
  public static final int SECCOMP_FD = 3;
  /** Descriptor bwrap reads its options from ({@code --args}). */
  public static final int ARGS_FD = 4;
  /** Exit status when the launcher itself fails (as the CLI's "containment error"). */
  public static final int LAUNCHER_FAILED = 125;

  private Launcher() {}

  /**
   * The launcher's argv.
   *
   * @param seccomp the BPF program file
   * @param options bwrap's options, NUL-terminated (see {@link BwrapCommandLine#nulTerminated})
   * @param cgroupProcs {@code cgroup.procs} files to join, may be empty
   * @param addressSpaceKb {@code ulimit -v} when no memory cgroup is available
   * @param processes {@code ulimit -u} when no pids cgroup is available
   * @param bwrapArgv the bwrap command line, bwrap first, reading its options from {@link #ARGS_FD}
   */
  public static List<String> argv(Path seccomp, Path options, List<Path> cgroupProcs, OptionalLong addressSpaceKb,
      OptionalInt processes, List<String> bwrapArgv) {
    StringBuilder script = new StringBuilder();
    script.append("b=$1; o=$2; shift 2; ");
    script.append("while [ \"$1\" != -- ]; do echo $$ > \"$1\" || { echo \"containment-launcher: cannot join cgroup"
        + " $1\" >&2; exit ").append(LAUNCHER_FAILED).append("; }; shift; done; shift; ");
    addressSpaceKb.ifPresent(kb -> script.append("ulimit -v ").append(kb).append(" || exit ").append(LAUNCHER_FAILED)
        .append("; "));
    // bash and busybox spell RLIMIT_NPROC -u, dash spells it -p
    processes.ifPresent(n -> script.append("{ ulimit -u ").append(n).append(" 2>/dev/null || ulimit -p ").append(n)
        .append("; } || exit ").append(LAUNCHER_FAILED).append("; "));
    script.append("exec \"$@\" ").append(SECCOMP_FD).append("<\"$b\" ").append(ARGS_FD).append("<\"$o\"");
    List<String> argv = new ArrayList<>();
    argv.add("/bin/sh");
    argv.add("-c");
    argv.add(script.toString());
    argv.add("containment-launcher");
    argv.add(seccomp.toString());
    argv.add(options.toString());
    for (Path p : cgroupProcs) {
      argv.add(p.toString());
    }
    argv.add("--");
    argv.addAll(bwrapArgv);
    return List.copyOf(argv);
  }
}
