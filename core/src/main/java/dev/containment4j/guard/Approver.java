/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.guard;

import dev.containment4j.ToolCall;
import dev.containment4j.Verdict;

/**
 * Asks a human about a call the guard answered with {@code ask}. With no approver configured, ask means deny.
 *
 * <p>Called from the thread that runs the call; implementations may block while the human decides.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Approver {

  Approval decide(ToolCall call, Verdict.Ask question);

  /**
   * The human's answer.
   *
   * @param approved whether the call may run
   * @param reason the human's words, passed to the model on a denial
   */
  record Approval(boolean approved, String reason) {
    public Approval {
      reason = reason == null ? "" : reason;
    }

    public static Approval approve() {
      return new Approval(true, "approved by a human");
    }

    public static Approval reject(String reason) {
      return new Approval(false, reason);
    }
  }
}
