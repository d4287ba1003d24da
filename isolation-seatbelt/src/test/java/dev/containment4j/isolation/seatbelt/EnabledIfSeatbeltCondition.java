/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt;

import dev.containment4j.spi.Availability;
import java.util.Arrays;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/** See {@link EnabledIfSeatbelt}. The probe runs once per JVM. */
public final class EnabledIfSeatbeltCondition implements ExecutionCondition {
  private static volatile Availability probed;

  static Availability availability() {
    Availability a = probed;
    if (a == null) {
      a = new SeatbeltBackendProvider().probe();
      probed = a;
    }
    return a;
  }

  static boolean required() {
    return Arrays.stream(System.getProperty("containment.test.require", "").split(","))
        .map(String::trim).anyMatch("seatbelt"::equals);
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Availability a = availability();
    if (a.available()) {
      return ConditionEvaluationResult.enabled("seatbelt: " + a.detail());
    }
    if (required()) {
      throw new ExtensionConfigurationException("Seatbelt is required (-Dcontainment.test.require=seatbelt) but"
          + " unavailable: " + a.describe());
    }
    return ConditionEvaluationResult.disabled(a.detail().startsWith("macOS only") ? "macOS only" : a.describe());
  }
}
