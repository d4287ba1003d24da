/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containment4j.PolicyException;
import dev.containment4j.policy.Policy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilesTest {
  @Test
  void profileMergesOverItsParents() throws IOException {
    Policy p = PolicyLoader.parse(PolicyLoaderTest.fixture("valid/profiles.yaml"), "p.yaml", "python", n -> null);

    assertThat(p.source()).isEqualTo("p.yaml, profile python");
    assertThat(p.isolation().limits().wall()).isEqualTo(Duration.ofSeconds(60));       // top level
    assertThat(p.isolation().limits().memoryMb()).isEqualTo(1024);                       // default
    assertThat(p.guard().mode()).isEqualTo(Policy.GuardMode.DENY);                       // ci
    assertThat(p.guard().deny()).containsExactly("Bash(git push:*)");
    assertThat(p.network().mode()).isEqualTo(Policy.NetworkMode.PROXY);                  // python
    assertThat(p.network().allow()).containsExactly("pypi.org", "*.pythonhosted.org");
    assertThat(p.isolation().filesystem().allowWrite()).containsExactly(".venv");
    assertThat(p.isolation().filesystem().denyRead()).isEqualTo(PolicyLoaderTest.OMITTED_DENY_READ);
  }

  @Test
  void withoutAProfileTheTopLevelApplies() throws IOException {
    Policy p = PolicyLoader.parse(PolicyLoaderTest.fixture("valid/profiles.yaml"), "p.yaml", n -> null);

    assertThat(p.source()).isEqualTo("p.yaml");
    assertThat(p.guard().mode()).isEqualTo(Policy.GuardMode.AUTO);
    assertThat(p.network().mode()).isEqualTo(Policy.NetworkMode.NONE);
    assertThat(p.isolation().limits().wall()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void listsAreReplacedNotAppended() {
    Policy p = PolicyLoader.parse("""
        version: 1
        guard: {deny: ["Bash(a)"], ask: ["Bash(b)"]}
        profiles:
          strict: {guard: {deny: ["Bash(c)"]}}
        """, "l.yaml", "strict", n -> null);

    assertThat(p.guard().deny()).containsExactly("Bash(c)");
    assertThat(p.guard().ask()).containsExactly("Bash(b)");
  }

  @Test
  void valueErrorsInAProfilePointIntoTheProfile() {
    String yaml = """
        version: 1
        isolation:
          limits: {wallSeconds: 60}
        profiles:
          quick:
            isolation:
              limits: {wallSeconds: 0}
        """;

    assertThat(PolicyLoader.parse(yaml, "v.yaml", n -> null).isolation().limits().wall().toSeconds()).isEqualTo(60);
    assertThatThrownBy(() -> PolicyLoader.parse(yaml, "v.yaml", "quick", n -> null))
        .isInstanceOf(PolicyException.class)
        .hasMessageStartingWith("v.yaml:7:29: profiles.quick.isolation.limits.wallSeconds: must be positive, found 0");
  }

  @Test
  void envReferencesInAProfileResolveWhenSelected() {
    String yaml = """
        version: 1
        profiles:
          mirror: {network: {mode: proxy, allow: ["${env:MIRROR}"]}}
        """;

    assertThat(PolicyLoader.parse(yaml, "e.yaml", n -> null).network().allow()).isEmpty();
    assertThat(PolicyLoader.parse(yaml, "e.yaml", "mirror", java.util.Map.of("MIRROR", "m.example")::get)
        .network().allow()).containsExactly("m.example");
    assertThatThrownBy(() -> PolicyLoader.parse(yaml, "e.yaml", "mirror", n -> null))
        .hasMessageStartingWith("e.yaml:3:43: profiles.mirror.network.allow[0]: environment variable MIRROR is not"
            + " set");
  }

  @Test
  void unknownProfileListsTheProfiles() throws IOException {
    assertThatThrownBy(() -> PolicyLoader.parse(PolicyLoaderTest.fixture("valid/profiles.yaml"), "p.yaml", "pyhton",
        n -> null)).isInstanceOf(PolicyException.class)
        .hasMessage("p.yaml: profiles: no profile 'pyhton'. Did you mean 'python'? Profiles in this policy: ci, python.");
    assertThatThrownBy(() -> PolicyLoader.parse("version: 1\n", "n.yaml", "ci", n -> null))
        .hasMessageContaining("the policy has no profiles: section");
  }

  @Test
  void fromYamlSelectsAProfile(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("c.yaml"), "version: 1\nprofiles:\n  off: {network: {mode: none}}\n");

    assertThat(Policy.fromYaml(file, "off").source()).endsWith("c.yaml, profile off");
  }

  @Test
  void workspaceProfilesAreCheckedButCannotBeSelected() {
    PolicyLoader.Parsed parsed = PolicyLoader.parseWorkspace(
        "version: 1\nprofiles:\n  loose: {network: {mode: host}}\n", "ws.yaml");

    assertThat(parsed.profiles()).containsExactly("loose");
    assertThat(parsed.policy().network().mode()).isEqualTo(Policy.NetworkMode.NONE);
    assertThatThrownBy(() -> PolicyLoader.parseWorkspace(
        "version: 1\nprofiles:\n  x: {audit: {jsonl: \"${env:HOME}\"}}\n", "ws.yaml"))
        .hasMessageContaining("profiles.x.audit.jsonl: ${env:HOME}: a workspace configuration cannot read host");
  }
}
