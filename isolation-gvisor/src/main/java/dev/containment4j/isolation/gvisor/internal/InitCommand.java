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
  public static final List<String> ENV_IGNORE = List.of("/usr/bin/env", "--ignore-signal=CHLD", "/bin/sleep", "infinity");
  static final List<String> BASH_TRAP = List.of("/bin/bash", "-c", "trap '' CHLD; exec /bin/sleep infinity");
  static final List<String> PLAIN = List.of("/bin/sleep", "infinity");

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
