/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.containment4j.internal.process.BoundedProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled c4j-exec binaries. On an x86_64 Linux host the helper also runs here, on the host kernel (never with
 * {@code --kill-all}, which is only for the sandbox): the seccomp filter it installs must refuse nested user
 * namespaces to the command and its children, and it must pass exit statuses through as a shell would.
 */
class ExecHelperTest {

  @Test
  void everySupportedArchitectureHasAStaticElfOfItsOwnMachineType() throws IOException {
    // e_machine: 62 = x86-64, 183 = AArch64
    assertThat(machineOf("c4j-exec-x86_64")).isEqualTo(62);
    assertThat(machineOf("c4j-exec-aarch64")).isEqualTo(183);
    assertThat(ExecHelper.resourceFor("amd64")).contains("c4j-exec-x86_64");
    assertThat(ExecHelper.resourceFor("aarch64")).contains("c4j-exec-aarch64");
    assertThat(ExecHelper.resourceFor("ppc64le")).isEmpty();
  }

  @Test
  void wrapsTheArgvUnquoted() {
    assertThat(ExecHelper.wrap(List.of("sh", "-c", "echo \"$1\"", "x y")))
        .containsExactly(ExecHelper.IN_SANDBOX, "--kill-all", "sh", "-c", "echo \"$1\"", "x y");
  }

  @Test
  void aRefusalIsRecognisedOnlyWithItsStatusAndMessage() {
    assertThat(ExecHelper.filterFailed(125, ExecHelper.FILTER_FAILED + "; refusing to run x\n")).isTrue();
    assertThat(ExecHelper.filterFailed(1, ExecHelper.FILTER_FAILED)).isFalse();
    assertThat(ExecHelper.filterFailed(125, "tool: " + ExecHelper.FILTER_FAILED)).isFalse();
  }

  @Test
  void onThisHostTheFilterRefusesNestedUserNamespacesAndStatusesPassThrough(@TempDir Path dir) throws IOException {
    assumeThat(System.getProperty("os.arch")).as("the x86_64 helper runs on x86_64 only").isIn("amd64", "x86_64");
    assumeThat(Path.of("/usr/bin/unshare")).as("util-linux unshare").isExecutable();
    InstanceDir inst = new InstanceDir(dir);
    Path helper = ExecHelper.install(inst).orElseThrow();
    assertThat(helper).isExecutable();

    BoundedProcess.Outcome o = run(helper, "/bin/sh", "-c",
        "unshare -U true && echo NESTED; /usr/bin/unshare -r true && echo NESTED2;"
            + " grep '^Seccomp:' /proc/self/status; /usr/bin/python3 -c 'import ctypes;"
            + " l = ctypes.CDLL(None, use_errno=True); r = l.syscall(425, 4, ctypes.create_string_buffer(120));"
            + " print(\"io_uring_setup\", r, ctypes.get_errno())'; exit 7");
    assertThat(o.stdoutText()).doesNotContain("NESTED").contains("Seccomp:\t2").contains("io_uring_setup -1 1\n");
    assertThat(o.exitCode()).isEqualTo(7);
    assertThat(run(helper, "sh", "-c", "kill -TERM $$").exitCode()).as("128 + SIGTERM").isEqualTo(143);
    BoundedProcess.Outcome missing = run(helper, "no-such-command-c4j");
    assertThat(missing.exitCode()).isEqualTo(127);
    assertThat(missing.stderrText()).contains("no-such-command-c4j: not found");
    assertThat(run(helper, "/etc/passwd").exitCode()).as("not executable").isEqualTo(126);
    Path script = Files.writeString(dir.resolve("noshebang"), "echo script \"$1\"\n");
    Files.setPosixFilePermissions(script, java.nio.file.attribute.PosixFilePermissions.fromString("r-x------"));
    assertThat(run(helper, script.toString(), "arg").stdoutText()).isEqualTo("script arg\n");
  }

  private static BoundedProcess.Outcome run(Path helper, String... argv) {
    List<String> a = new ArrayList<>();
    a.add(helper.toString());
    a.addAll(List.of(argv));
    return BoundedProcess.run(a, Map.of("PATH", "/usr/bin:/bin"), null, null, 65536, Duration.ofSeconds(20));
  }

  private static int machineOf(String resource) throws IOException {
    try (InputStream in = ExecHelper.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      byte[] h = in.readNBytes(20);
      assertThat(h).startsWith(0x7f, 'E', 'L', 'F');
      return (h[18] & 0xff) | (h[19] & 0xff) << 8;
    }
  }
}
