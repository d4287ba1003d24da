/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor;

import dev.containment4j.spi.Availability;
import java.util.Arrays;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** See {@link EnabledIfGvisor}. The probe result is cached for the JVM. */
public final class EnabledIfGvisorCondition implements ExecutionCondition {
  private static volatile Availability cached;

  static Availability availability() {
    if (cached == null) {
      cached = new GvisorBackendProvider().probe();
    }
    return cached;
  }

  static boolean required() {
    return Arrays.stream(System.getProperty("containment.test.require", "").split(","))
        .map(String::trim).anyMatch("gvisor"::equals);
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Availability a = availability();
    if (a.available()) {
      return ConditionEvaluationResult.enabled("gVisor: " + a.detail());
    }
    if (required()) {
      throw new IllegalStateException("gVisor is required (-Dcontainment.test.require) but unavailable: "
          + a.describe());
    }
    return ConditionEvaluationResult.disabled("gVisor unavailable: " + a.describe());
  }
}
