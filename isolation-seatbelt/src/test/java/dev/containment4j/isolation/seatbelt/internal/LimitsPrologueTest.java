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
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits prologue, run for real with the same shell as on macOS ({@code /bin/bash}); only {@code sandbox-exec}
 * and its profile are left out (they exist only on macOS).
 */
class LimitsPrologueTest {

  private static BoundedProcess.Outcome runPrologue(long nproc, List<String> argv) {
    return runPrologue(nproc, argv, null);
  }

  private static BoundedProcess.Outcome runPrologue(long nproc, List<String> argv, byte[] stdin) {
    List<String> cmd = LimitsPrologue.commandLine("(version 1)", nproc, argv);
    // drop "/usr/bin/sandbox-exec -p PROFILE": what follows is exactly what sandbox-exec executes
    List<String> inner = new ArrayList<>(cmd.subList(3, cmd.size()));
    return BoundedProcess.run(inner, Map.of("PATH", "/usr/bin:/bin"), null, stdin, 65536, Duration.ofSeconds(20));
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
  void backgroundChildrenOfTheToolDieWhenItExitsEvenAfterReparenting(@TempDir Path tmp) throws Exception {
    assumeThat(Files.isExecutable(Path.of(LimitsPrologue.SHELL))).as("needs " + LimitsPrologue.SHELL).isTrue();
    Path pids = tmp.resolve("pids");
    BoundedProcess.Outcome o = runPrologue(100000, List.of("/bin/bash", "-c",
        "sleep 300 </dev/null >/dev/null 2>&1 & echo $! > \"$1\"; "
            + "(sleep 301 </dev/null >/dev/null 2>&1 & echo $! >> \"$1\"); read line; echo \"got $line\"; exit 5",
        "tool", pids.toString()), "hello\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(o.exitCode()).isEqualTo(5);
    assertThat(o.stdoutText()).as("stdin reaches the tool").isEqualTo("got hello\n");
    assertThat(o.stderrText()).as("no job-control chatter").isEmpty();
    for (String pid : Files.readAllLines(pids)) {
      assertThat(dies(Long.parseLong(pid.strip()))).as("background child %s", pid).isTrue();
    }
  }

  /** Whether the process is gone or a zombie within 5 s (killed orphans may wait for a reaper in containers). */
  private static boolean dies(long pid) throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      Path stat = Path.of("/proc/" + pid + "/stat");
      try {
        if (ProcessHandle.of(pid).isEmpty() || (Files.exists(stat)
            && "ZX".indexOf(Files.readString(stat).replaceFirst(".*\\) ", "").charAt(0)) >= 0)) {
          return true;
        }
      } catch (java.io.IOException gone) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  @Test
  void commandLineUsesFixedPathsNeverPath() {
    List<String> cmd = LimitsPrologue.commandLine("(version 1)", 10, List.of("ls"));
    assertThat(cmd.subList(0, 5)).containsExactly("/usr/bin/sandbox-exec", "-p", "(version 1)", "/bin/bash", "-c");
    assertThat(cmd.subList(6, 8)).containsExactly("containment4j", "ls");
  }
}
