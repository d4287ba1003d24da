/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.policy.Policy;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxEnvironmentTest {

  @Test
  void theHostEnvironmentIsNotInherited() {
    Map<String, String> host = Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8", "LC_ALL", "C",
        "AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI", "GITHUB_TOKEN", "ghp_x", "SSH_AUTH_SOCK", "/run/agent",
        "LD_PRELOAD", "/evil.so", "HOME", "/root");

    Map<String, String> env = SandboxEnvironment.build(Policy.defaults(), host, Path.of("/home/sandbox"));

    assertThat(env).containsOnlyKeys("PATH", "LANG", "LC_ALL", "HOME");
    assertThat(env).containsEntry("HOME", "/home/sandbox");
    assertThat(env.values()).doesNotContain("wJalrXUtnFEMI", "ghp_x", "/run/agent", "/evil.so");
  }

  @Test
  void aPathIsAlwaysSet() {
    assertThat(SandboxEnvironment.build(Policy.defaults(), Map.of(), Path.of("/h")))
        .containsEntry("PATH", SandboxEnvironment.DEFAULT_PATH);
  }
}
