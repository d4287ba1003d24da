/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.guard;

import dev.containment4j.ToolCall;
import dev.containment4j.Verdict;
import java.util.Objects;

/**
 * A second stage for calls the built-in classifier is unsure about (it answered {@code ask} without a policy rule):
 * for example an LLM judge. Plug it in with {@link ReviewedGuard}, which bounds it with a timeout and treats a
 * failure, a timeout or a null answer as a failure to decide (fail closed).
 *
 * <p>The reviewer sees the proposed call and the classifier's question, never the tool outputs of the session, so a
 * prompt injection in an output cannot argue with it. Implementations must be thread-safe; they may block.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Reviewer {

  /**
   * Judges one uncertain call.
   *
   * @param call the proposed call
   * @param context where it runs
   * @param question the classifier's question (category and reason)
   * @return allow, ask (leave it to a human) or deny, with a reason written for the model
   * @throws Exception any failure; the guard then fails closed
   */
  Review review(ToolCall call, GuardContext context, Verdict.Ask question) throws Exception;

  /** The reviewer's answer. */
  record Review(Decision decision, String reason) {
    public Review {
      Objects.requireNonNull(decision, "decision");
      reason = reason == null ? "" : reason;
    }

    public static Review allow(String reason) {
      return new Review(Decision.ALLOW, reason);
    }

    public static Review ask(String reason) {
      return new Review(Decision.ASK, reason);
    }

    public static Review deny(String reason) {
      return new Review(Decision.DENY, reason);
    }
  }

  /** What a reviewer can decide. */
  enum Decision {
    ALLOW, ASK, DENY
  }
}
