/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunscArgsTest {
  static final Path ROOT = Path.of("/s/i/state");

  @Test
  void everyInvocationCarriesTheSameGlobalFlags() {
    RunscArgs a = new RunscArgs("/usr/bin/runsc", new GvisorSettings("runsc", "", 1, false, Path.of("/s")), ROOT);
    List<String> g = List.of("/usr/bin/runsc", "--root=/s/i/state", "--network=none", "--overlay2=root:memory",
        "--oci-seccomp");
    assertThat(a.create(Path.of("/s/i/b/x"), "x", Path.of("/s/i/b/x/pid")))
        .startsWith(g.toArray(String[]::new)).endsWith("create", "--bundle=/s/i/b/x", "--pid-file=/s/i/b/x/pid", "x");
    assertThat(a.start("x")).isEqualTo(concat(g, "start", "x"));
    assertThat(a.exec(Path.of("/s/i/p/1.json"), "x")).isEqualTo(concat(g, "exec", "--process=/s/i/p/1.json", "x"));
    assertThat(a.run(Path.of("/b"), "x")).isEqualTo(concat(g, "run", "--bundle=/b", "x"));
    assertThat(a.deleteForce("x")).isEqualTo(concat(g, "delete", "--force", "x"));
  }

  @Test
  void platformAndRootlessAreAddedWhenSet() {
    RunscArgs a = new RunscArgs("runsc", new GvisorSettings("runsc", "systrap", 0, true, Path.of("/s")), ROOT);
    assertThat(a.globalFlags()).containsExactly("--root=/s/i/state", "--network=none", "--overlay2=root:memory",
        "--oci-seccomp", "--platform=systrap", "--ignore-cgroups");
  }

  @Test
  void settingsAreValidated() {
    assertThat(GvisorSettings.from(Map.of("poolSize", "3", "platform", "ptrace", "rootless", "true")))
        .satisfies(s -> {
          assertThat(s.poolSize()).isEqualTo(3);
          assertThat(s.platform()).isEqualTo("ptrace");
          assertThat(s.rootless()).isTrue();
        });
    assertThatThrownBy(() -> GvisorSettings.from(Map.of("poolSize", "99"))).hasMessageContaining("between 0 and 16");
    assertThatThrownBy(() -> GvisorSettings.from(Map.of("pool", "1"))).hasMessageContaining("unknown key");
    assertThatThrownBy(() -> GvisorSettings.from(Map.of("platform", "kvm --debug")))
        .hasMessageContaining("not a platform");
    assertThatThrownBy(() -> GvisorSettings.from(Map.of("stateDir", "rel"))).hasMessageContaining("absolute");
  }

  @Test
  void idsHaveOneLengthSoNoneIsAPrefixOfAnother() {
    String a = SandboxIds.container();
    String b = SandboxIds.container();
    assertThat(a).hasSize(SandboxIds.LENGTH).isNotEqualTo(b).startsWith("c4j");
    assertThat(SandboxIds.isContainer(a)).isTrue();
    assertThat(SandboxIds.isContainer("c4j1")).isFalse();
  }

  private static List<String> concat(List<String> g, String... rest) {
    List<String> l = new java.util.ArrayList<>(g);
    l.addAll(List.of(rest));
    return l;
  }
}
