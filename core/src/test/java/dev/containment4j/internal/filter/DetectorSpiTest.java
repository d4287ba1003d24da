/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.Finding;
import dev.containment4j.guard.Detector;
import dev.containment4j.guard.FilterContext;
import dev.containment4j.guard.FilterResult;
import dev.containment4j.policy.Policy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A detector registered in test {@code META-INF/services} is found and its findings act like built-in ones. */
class DetectorSpiTest {

  /** Flags a marker no corpus item contains, as an ML classifier would flag a whole text. */
  public static final class CanaryDetector implements Detector {
    @Override
    public String id() {
      return "canary";
    }

    @Override
    public List<Finding> detect(CharSequence text, FilterContext context) {
      String s = text.toString();
      int i = s.indexOf("CANARY-INJECTION");
      int k = s.indexOf("CANARY-SECRET-");
      if (s.contains("CANARY-THROW")) {
        throw new IllegalStateException("model not loaded");
      }
      if (i >= 0) {
        return List.of(new Finding("injection", "canary-classifier", i, i + 16, 0.97));
      }
      if (k >= 0) {
        return List.of(new Finding("secret", "canary-secret", k, k + 22, 0.9));
      }
      return List.of();
    }
  }

  private static final PolicyFilter FILTER =
      PolicyFilter.of(new Policy.Content(Policy.SecretsMode.REDACT, Policy.InjectionMode.QUARANTINE, 0));

  @Test
  void detectorIsLoadedAndItsInjectionQuarantines() {
    assertThat(Analysis.DETECTORS).anyMatch(d -> d.id().equals("canary"));
    FilterResult r = FILTER.filter("harmless words CANARY-INJECTION more words", FilterContext.standalone());
    assertThat(r.decision()).isEqualTo(FilterResult.Decision.QUARANTINE);
    assertThat(r.findings()).anyMatch(f -> f.rule().equals("canary-classifier") && f.start() == 15);
  }

  @Test
  void detectorSecretsAreRedactedAndFailuresIgnored() {
    FilterResult r = FILTER.filter("key CANARY-SECRET-12345678 end", FilterContext.standalone());
    assertThat(r.text()).isEqualTo("key [REDACTED:canary-secret] end");
    FilterResult t = FILTER.filter("CANARY-THROW but fine", FilterContext.standalone());
    assertThat(t.decision()).isEqualTo(FilterResult.Decision.PASS);
    assertThat(t.text()).isEqualTo("CANARY-THROW but fine");
  }
}
