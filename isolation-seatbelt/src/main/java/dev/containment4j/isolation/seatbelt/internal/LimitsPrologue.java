/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line: {@code sandbox-exec -p PROFILE /bin/bash -c PROLOGUE containment4j ARGV...}. The prologue runs
 * inside the sandbox, sets the rlimits, then runs the tool, so the limits bind the tool and every child.
 *
 * <p>Process tree: the tool runs as a job in its own process group ({@code set -m}); when it exits, the prologue
 * kills that whole group, which also reaches background children that were re-parented to launchd (Seatbelt has no
 * PID namespace). A child that leaves the group ({@code setsid}) is left to the host-side {@link ProcessTracker}.
 *
 * <p>Process limit: macOS counts {@code RLIMIT_NPROC} per user, across the whole system, so the soft limit is the
 * user's current process count plus the policy's {@code pids} (never above the hard limit). Core dumps are off (they
 * would be written outside the sandbox's roots anyway). Memory is not limited: macOS does not enforce
 * {@code RLIMIT_AS}/{@code RLIMIT_DATA} and has no cgroups; the isolation report says so.
 */
public final class LimitsPrologue {

  /** sandbox-exec's fixed location: never looked up in PATH. */
  public static final String SANDBOX_EXEC = "/usr/bin/sandbox-exec";

  /**
   * The shell that runs the prologue: bash, because {@code /bin/sh} can be switched to dash on macOS, whose
   * {@code ulimit} has no {@code -u}.
   */
  public static final String SHELL = "/bin/bash";

  /** Marker on stderr when a limit could not be set; the call then fails as a setup error. */
  public static final String FAILURE = "containment4j: cannot set the process limit";

  /** Exit status of the prologue when a limit could not be set. */
  public static final int FAILURE_EXIT = 125;

  private LimitsPrologue() {}

  /**
   * The prologue script; {@code "$@"} is the tool's argv, passed as separate arguments, never parsed. The tool's
   * exit status is the script's (128+signal when it was killed).
   */
  public static String script(long maxUserProcesses) {
    if (maxUserProcesses < 1) {
      throw new IllegalArgumentException("process limit must be positive");
    }
    return "n=" + maxUserProcesses + "; h=$(ulimit -H -u); "
        + "if [ \"$h\" != unlimited ] && [ \"$h\" -lt \"$n\" ]; then n=$h; fi; "
        + "ulimit -S -u \"$n\" || { echo '" + FAILURE + " (ulimit -u)' >&2; exit " + FAILURE_EXIT + "; }; "
        + "ulimit -S -c 0; "
        + "set -m; \"$@\" & pid=$!; set +m; wait \"$pid\"; rc=$?; kill -KILL -- \"-$pid\" 2>/dev/null; exit \"$rc\"";
  }

  /** The full argv for {@code sandbox-exec}. */
  public static List<String> commandLine(String profile, long maxUserProcesses, List<String> argv) {
    List<String> cmd = new ArrayList<>(List.of(SANDBOX_EXEC, "-p", profile, SHELL, "-c", script(maxUserProcesses),
        "containment4j"));
    cmd.addAll(argv);
    return cmd;
  }
}
