/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

class BackendConditionTest {
  private final String saved = System.getProperty(BackendCondition.REQUIRE_PROPERTY);

  @AfterEach
  void restore() {
    if (saved == null) {
      System.clearProperty(BackendCondition.REQUIRE_PROPERTY);
    } else {
      System.setProperty(BackendCondition.REQUIRE_PROPERTY, saved);
    }
  }

  private static final class Missing extends BackendCondition {
    Missing() {
      super("no-such-backend");
    }
  }

  @Test
  void anUnavailableBackendSkipsVisibly() {
    System.setProperty(BackendCondition.REQUIRE_PROPERTY, "gvisor");
    ConditionEvaluationResult r = new Missing().evaluateExecutionCondition(null);
    assertThat(r.isDisabled()).isTrue();
    assertThat(r.getReason()).hasValueSatisfying(reason -> assertThat(reason)
        .contains("no-such-backend unavailable", "no provider with id no-such-backend"));
  }

  @Test
  void anUnavailableRequiredBackendFails() {
    System.setProperty(BackendCondition.REQUIRE_PROPERTY, "gvisor, no-such-backend");
    assertThatThrownBy(() -> new Missing().evaluateExecutionCondition(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("requires it, so this is a failure, not a skip");
  }
}
