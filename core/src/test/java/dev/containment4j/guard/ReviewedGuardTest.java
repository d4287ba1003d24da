/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.Layer;
import dev.containment4j.ToolCall;
import dev.containment4j.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReviewedGuardTest {
  private static final GuardContext CTX = GuardContext.of(Path.of("/w"));
  private static final ModelGuard UNSURE = (c, x) -> Verdict.ask(Layer.GUARD, "", "network", "unsure");
  private static final ToolCall CALL = ToolCall.bash("python3 -c 'import urllib'");

  @Test
  void theReviewerDecidesUncertainCalls() {
    assertThat(ReviewedGuard.of(UNSURE, (c, x, q) -> Reviewer.Review.allow("docs only"), Duration.ofSeconds(2))
        .review(CALL, CTX)).isInstanceOf(Verdict.Allow.class);
    Verdict d = ReviewedGuard.of(UNSURE, (c, x, q) -> Reviewer.Review.deny("exfil"), Duration.ofSeconds(2))
        .review(CALL, CTX);
    assertThat(d).isInstanceOf(Verdict.Deny.class);
    assertThat(d.reason()).contains("exfil");
    assertThat(ReviewedGuard.of(UNSURE, (c, x, q) -> Reviewer.Review.ask("?"), Duration.ofSeconds(2))
        .review(CALL, CTX)).isInstanceOf(Verdict.Ask.class);
  }

  @Test
  void failsClosedOnTimeoutErrorOrNull() {
    Reviewer slow = (c, x, q) -> {
      Thread.sleep(5_000);
      return Reviewer.Review.allow("late");
    };
    Verdict t = ReviewedGuard.of(UNSURE, slow, Duration.ofMillis(100)).review(CALL, CTX);
    assertThat(t).isInstanceOf(Verdict.Deny.class);
    assertThat(t.reason()).contains("did not answer within 100 ms");
    assertThat(ReviewedGuard.of(UNSURE, (c, x, q) -> {
      throw new IllegalStateException("boom");
    }, Duration.ofSeconds(1)).review(CALL, CTX)).isInstanceOf(Verdict.Deny.class);
    assertThat(ReviewedGuard.of(UNSURE, (c, x, q) -> null, Duration.ofSeconds(1)).review(CALL, CTX))
        .isInstanceOf(Verdict.Deny.class);
    assertThat(ReviewedGuard.of(UNSURE, slow, Duration.ofMillis(50)).onFailure(ReviewedGuard.OnFailure.ASK_HUMAN)
        .review(CALL, CTX)).isInstanceOf(Verdict.Ask.class);
  }

  @Test
  void finalVerdictsAndRuleAsksAreNotReviewed() {
    AtomicInteger calls = new AtomicInteger();
    Reviewer counting = (c, x, q) -> {
      calls.incrementAndGet();
      return Reviewer.Review.allow("x");
    };
    ReviewedGuard.of((c, x) -> Verdict.deny(Layer.GUARD, "", "exfiltration", "no"), counting, Duration.ofSeconds(1))
        .review(CALL, CTX);
    Verdict ruleAsk = ReviewedGuard.of((c, x) -> Verdict.ask(Layer.GUARD, "Bash(git push:*)", "rule", "policy"),
        counting, Duration.ofSeconds(1)).review(CALL, CTX);
    assertThat(ruleAsk).isInstanceOf(Verdict.Ask.class);
    assertThat(calls).hasValue(0);
  }
}
