/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.containment4j.internal.process.BoundedProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The limits prologue, run for real with the same shell as on macOS ({@code /bin/bash}); only {@code sandbox-exec}
 * and its profile are left out (they exist only on macOS).
 */
class LimitsPrologueTest {

  private static BoundedProcess.Outcome runPrologue(long nproc, List<String> argv) {
    List<String> cmd = LimitsPrologue.commandLine("(version 1)", nproc, argv);
    // drop "/usr/bin/sandbox-exec -p PROFILE": what follows is exactly what sandbox-exec executes
    List<String> inner = new ArrayList<>(cmd.subList(3, cmd.size()));
    return BoundedProcess.run(inner, Map.of("PATH", "/usr/bin:/bin"), null, null, 65536, Duration.ofSeconds(20));
  }

  @Test
  void setsTheProcessLimitAndExecsTheToolWithItsArgumentsUntouched() {
    assumeThat(Files.isExecutable(Path.of(LimitsPrologue.SHELL))).as("needs " + LimitsPrologue.SHELL).isTrue();
    BoundedProcess.Outcome o = runPrologue(4321, List.of("/bin/bash", "-c",
        "ulimit -S -u; ulimit -S -c; printf '<%s>' \"$@\"", "tool", "$(touch /tmp/pwned)", "a b", ";", "'\"\\"));
    assertThat(o.exitCode()).as(o.stderrText()).isZero();
    String hard = runPrologue(4321, List.of("/bin/bash", "-c", "ulimit -H -u")).stdoutText().strip();
    String expected = hard.equals("unlimited") || Long.parseLong(hard) >= 4321 ? "4321" : hard;
    assertThat(o.stdoutText()).isEqualTo(expected + "\n0\n<$(touch /tmp/pwned)><a b><;><'\"\\>");
    assertThat(Path.of("/tmp/pwned")).doesNotExist();
  }

  @Test
  void theToolsExitStatusPassesThrough() {
    assumeThat(Files.isExecutable(Path.of(LimitsPrologue.SHELL))).as("needs " + LimitsPrologue.SHELL).isTrue();
    assertThat(runPrologue(100000, List.of("/bin/sh", "-c", "exit 7")).exitCode()).isEqualTo(7);
  }

  @Test
  void commandLineUsesFixedPathsNeverPath() {
    List<String> cmd = LimitsPrologue.commandLine("(version 1)", 10, List.of("ls"));
    assertThat(cmd.subList(0, 5)).containsExactly("/usr/bin/sandbox-exec", "-p", "(version 1)", "/bin/bash", "-c");
    assertThat(cmd.subList(6, 8)).containsExactly("containment4j", "ls");
  }
}
