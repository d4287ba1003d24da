/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.testing;

import dev.containment4j.spi.Availability;
import dev.containment4j.spi.IsolationBackendProvider;
import java.util.Arrays;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Enables a test only when the production {@code probe()} of a backend succeeds; the reason shows in the report when
 * it does not. When the system property {@code containment.test.require} (a comma list of backend ids) names the
 * backend, an unavailable backend fails the test run instead of skipping it, so CI cannot go green without
 * exercising it. Probe results are cached per JVM.
 */
public abstract class BackendCondition implements ExecutionCondition {
  /** System property naming the backends that must be available. */
  public static final String REQUIRE_PROPERTY = "containment.test.require";

  private static final Map<String, Availability> PROBED = new ConcurrentHashMap<>();

  private final String backendId;

  protected BackendCondition(String backendId) {
    this.backendId = backendId;
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Availability a = PROBED.computeIfAbsent(backendId, BackendCondition::probe);
    if (a.available()) {
      return ConditionEvaluationResult.enabled(backendId + " available: " + a.detail());
    }
    String reason = backendId + " unavailable: " + a.describe();
    if (required().contains(backendId)) {
      throw new IllegalStateException(reason + " (and -D" + REQUIRE_PROPERTY + "=" + System.getProperty(
          REQUIRE_PROPERTY) + " requires it, so this is a failure, not a skip)");
    }
    return ConditionEvaluationResult.disabled(reason);
  }

  /** The backend ids named by {@code -Dcontainment.test.require}. */
  public static Set<String> required() {
    String value = System.getProperty(REQUIRE_PROPERTY, "");
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
  }

  /** Runs the production probe of the provider with id {@code id} found by {@link ServiceLoader}. */
  public static Availability probe(String id) {
    for (IsolationBackendProvider p : ServiceLoader.load(IsolationBackendProvider.class)) {
      if (p.id().equals(id)) {
        try {
          return p.probe();
        } catch (RuntimeException e) {
          return Availability.unavailable("probe threw " + e, "report this as a bug");
        }
      }
    }
    return Availability.unavailable("no provider with id " + id + " on the test class path",
        "add the dependency dev.containment4j:containment4j-isolation-" + id);
  }
}
