/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ApprovalStatsTest {

  @Test
  void countsAnswersAndFlagsRubberStamping() {
    ApprovalStats stats = new ApprovalStats();
    for (int k = 0; k < 19; k++) {
      stats.recordAnswer(true, Duration.ofMillis(200));
    }
    assertThat(stats.snapshot().rubberStamping()).as("too few questions to tell").isFalse();
    stats.recordAnswer(true, Duration.ofMillis(400));
    stats.recordUnanswered();
    ApprovalStats.Snapshot s = stats.snapshot();
    assertThat(s.asked()).isEqualTo(21);
    assertThat(s.approved()).isEqualTo(20);
    assertThat(s.unanswered()).isEqualTo(1);
    assertThat(s.approvalRate()).isEqualTo(1.0);
    assertThat(s.meanTimeToAnswer()).isEqualTo(Duration.ofMillis(210));
    assertThat(s.maxTimeToAnswer()).isEqualTo(Duration.ofMillis(400));
    assertThat(s.rubberStamping()).isTrue();
    for (int k = 0; k < 5; k++) {
      stats.recordAnswer(false, Duration.ofSeconds(3));
    }
    assertThat(stats.snapshot().approvalRate()).isEqualTo(0.8);
    assertThat(stats.snapshot().rubberStamping()).isFalse();
  }
}
