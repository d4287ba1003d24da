/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.yaml;

import dev.containment4j.policy.Policy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** PLACEHOLDER until the YAML binding lands. */
public final class PolicyLoader {
  private PolicyLoader() {}

  public static Policy load(Path file) {
    throw new UnsupportedOperationException("YAML loading not implemented yet");
  }

  public static Policy parse(String yaml, String source) {
    throw new UnsupportedOperationException("YAML loading not implemented yet");
  }

  public static Policy defaults() {
    return new Policy("<embedded default>",
        new Policy.Isolation(Policy.Backend.AUTO,
            new Policy.Filesystem(".", List.of(),
                List.of("~/.ssh", "~/.aws", "~/.config/gcloud", "~/.kube", "~/.docker", "~/.netrc", "~/.gnupg"),
                List.of(), List.of(), true, Policy.TmpMode.PRIVATE),
            new Policy.Limits(Duration.ofSeconds(120), 1024, 256, 1048576), new Policy.Env(List.of(), Map.of()),
            Map.of()),
        new Policy.Network(Policy.NetworkMode.NONE, List.of(), List.of(), true, Policy.TlsMode.PASSTHROUGH, Map.of(),
            List.of(), List.of()),
        new Policy.Guard(Policy.GuardMode.AUTO, List.of(), List.of(), List.of(), 3, 20),
        new Policy.Content(Policy.SecretsMode.REDACT, Policy.InjectionMode.QUARANTINE, 200000),
        new Policy.Trust(".containment.yaml"), new Policy.Audit(Optional.empty()));
  }
}
