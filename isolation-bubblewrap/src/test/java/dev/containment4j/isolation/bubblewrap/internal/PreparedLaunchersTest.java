/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PreparedLaunchersTest {

  @Test
  void theArgumentFileIsNulTerminatedElementsAndRefusesANulInsideOne() {
    byte[] encoded = BwrapCommandLine.nulTerminated(List.of("/usr/bin/bwrap", "--setenv", "A", "x y\nz", ""));
    assertThat(new String(encoded, StandardCharsets.UTF_8)).isEqualTo("/usr/bin/bwrap\0--setenv\0A\0x y\nz\0\0");
    // a NUL would split one element into two: an environment value could smuggle in a bwrap option
    assertThatThrownBy(() -> BwrapCommandLine.nulTerminated(List.of("bwrap", "--setenv", "A", "x\0--bind\0/\0/")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NUL");
  }

  @Test
  void theScriptIsAConstantAndEveryPathIsAPositionalParameter() {
    Path seccomp = Path.of("/dev/shm/c4j 'x'/seccomp.bpf");
    Path options = Path.of("/dev/shm/c4j $(touch pwned)/launch-1.opts");
    Path args = Path.of("/dev/shm/c4j $(touch pwned)/launch-1.args");
    Path procs = Path.of("/sys/fs/cgroup/pids/containment4j/1-a/cgroup.procs");
    List<String> withCgroups = PreparedLaunchers.preparedArgv(seccomp, options, args, List.of(procs), OptionalLong.empty(),
        OptionalInt.empty());
    List<String> other = PreparedLaunchers.preparedArgv(Path.of("/s"), Path.of("/o"), Path.of("/a"),
        List.of(Path.of("/p")),
        OptionalLong.empty(), OptionalInt.empty());
    assertThat(withCgroups.subList(0, 2)).containsExactly("/bin/bash", "-c");
    assertThat(withCgroups.get(2)).isEqualTo(other.get(2)).doesNotContain("/dev/shm", "/sys/fs");
    assertThat(withCgroups.subList(3, withCgroups.size())).containsExactly("containment-launcher",
        seccomp.toString(), options.toString(), args.toString(), procs.toString(), "--");
    assertThat(withCgroups.get(2)).contains("read -r go", "mapfile -t -d ''", "exec \"${c[@]}\" 3<\"$b\" 4<\"$o\"");
  }

  @Test
  void withoutCgroupsTheScriptSetsTheFallbackRlimitsBeforeWaiting() {
    String script = PreparedLaunchers.preparedArgv(Path.of("/s"), Path.of("/o"), Path.of("/a"), List.of(),
        OptionalLong.of(131072),
        OptionalInt.of(64)).get(2);
    assertThat(script).contains("ulimit -v 131072", "ulimit -u 64");
    assertThat(script.indexOf("ulimit -v")).isLessThan(script.indexOf("read -r go"));
  }
}
