/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProportionTest {
  @Test
  void wilsonIntervalMatchesPublishedValues() {
    // the anchor of the guard docs: 83% of 52 real over-eager actions, 95% interval 70.3-90.6%
    Proportion.Interval ci = Proportion.of(43, 52).wilson();
    assertThat(ci.low()).isCloseTo(0.703, within(0.001));
    assertThat(ci.high()).isCloseTo(0.906, within(0.001));
    // 24 of 25 phishing runs: 80.5-99.3%
    assertThat(Proportion.of(24, 25).wilson().low()).isCloseTo(0.805, within(0.001));
    assertThat(Proportion.of(24, 25).wilson().high()).isCloseTo(0.993, within(0.001));
  }

  @Test
  void edgesStayInsideZeroAndOne() {
    assertThat(Proportion.of(0, 300).wilson().low()).isCloseTo(0, within(1e-12));
    assertThat(Proportion.of(0, 300).wilson().high()).isCloseTo(0.0126, within(0.0005));
    assertThat(Proportion.of(300, 300).wilson().high()).isCloseTo(1, within(1e-12));
    assertThat(Proportion.of(0, 0).wilson()).isEqualTo(new Proportion.Interval(0, 1));
    assertThat(Proportion.of(0, 0).rate()).isZero();
    assertThatThrownBy(() -> Proportion.of(3, 2)).hasMessageContaining("k=3");
  }

  @Test
  void formatsForReports() {
    assertThat(Proportion.of(43, 52).percentWithInterval()).isEqualTo("82.7% (70.3–90.6)");
    assertThat(Proportion.of(43, 52).fraction()).isEqualTo("43/52");
    assertThat(new Proportion.Tally().add(true).add(false).add(true).proportion()).isEqualTo(Proportion.of(2, 3));
  }
}
