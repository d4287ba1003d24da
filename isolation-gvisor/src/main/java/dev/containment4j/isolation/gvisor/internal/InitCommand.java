/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import dev.containment4j.internal.process.BoundedProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The long-lived init of a session sandbox. It must ignore SIGCHLD: orphans of a call are re-parented to it, and
 * gVisor reaps them at once only when their parent ignores SIGCHLD; a plain {@code sleep} would collect zombies that
 * count against RLIMIT_NPROC until the session can no longer fork. The host's binaries are used (the sandbox root is
 * the host's {@code /}): coreutils {@code env --ignore-signal} (8.31+), else bash (dash resets an ignored SIGCHLD on
 * exec).
 */
public final class InitCommand {
  /**
   * The init inherits {@code runsc create}'s standard streams, which are the host's log file of the sandbox (a pipe
   * would stay open as long as the sandbox lives): left open, every session call could append to that host file
   * through {@code /proc/1/fd/1}, outside every allowed path and without a size limit (measured). The init swaps them
   * for gVisor's own {@code /dev/null} before it sleeps.
   */
  private static final String DETACH_STDIO = "exec </dev/null >/dev/null 2>&1; ";

  public static final List<String> ENV_IGNORE = List.of("/bin/sh", "-c",
      DETACH_STDIO + "exec /usr/bin/env --ignore-signal=CHLD /bin/sleep infinity");
  static final List<String> BASH_TRAP = List.of("/bin/bash", "-c", DETACH_STDIO + "trap '' CHLD;"
      + " exec /bin/sleep infinity");
  static final List<String> PLAIN = List.of("/bin/sh", "-c", DETACH_STDIO + "exec /bin/sleep infinity");

  private InitCommand() {}

  static List<String> choose() {
    try {
      var o = BoundedProcess.run(List.of("/usr/bin/env", "--ignore-signal=CHLD", "/bin/true"),
          Map.of("PATH", "/usr/bin:/bin"), null, null, 4096, Duration.ofSeconds(5));
      if (o.exitCode() == 0) {
        return ENV_IGNORE;
      }
    } catch (RuntimeException e) {
      // no coreutils env
    }
    return Files.isExecutable(Path.of("/bin/bash")) ? BASH_TRAP : PLAIN;
  }
}
