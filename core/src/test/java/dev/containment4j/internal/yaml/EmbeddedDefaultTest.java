/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.policy.Policy;
import org.junit.jupiter.api.Test;

class EmbeddedDefaultTest {

  @Test
  void theJavaDefaultEqualsTheDocumentedYamlParsedByTheStrictLoader() {
    Policy parsed = PolicyLoader.parseDefaultResource();
    assertThat(EmbeddedDefault.policy()).isEqualTo(parsed);
    assertThat(Policy.defaults()).isEqualTo(parsed).isSameAs(Policy.defaults());
  }
}
