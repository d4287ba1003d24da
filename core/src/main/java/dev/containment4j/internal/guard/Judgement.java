/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

/**
 * One finding of the guard about a call or a part of it.
 *
 * @param decision allow, ask or deny
 * @param category the category id ({@code destructive-delete}, {@code exfiltration}, ...)
 * @param reason written for the model: what the call would do and why that matters
 * @param rule the policy rule that decided, or empty for the classifier
 */
record Judgement(Decision decision, String category, String reason, String rule) {

  /** Decisions, weakest first. */
  enum Decision {
    ALLOW, ASK, DENY
  }

  static final Judgement ALLOW = new Judgement(Decision.ALLOW, "", "", "");

  static Judgement allow(String category, String reason) {
    return new Judgement(Decision.ALLOW, category, reason, "");
  }

  static Judgement ask(String category, String reason) {
    return new Judgement(Decision.ASK, category, reason, "");
  }

  static Judgement deny(String category, String reason) {
    return new Judgement(Decision.DENY, category, reason, "");
  }

  Judgement withRule(String r) {
    return new Judgement(decision, category, reason, r);
  }

  /** The stronger of two judgements; on a tie the first one found stays. */
  Judgement max(Judgement other) {
    return other.decision.compareTo(decision) > 0 ? other : this;
  }

  boolean atLeast(Decision d) {
    return decision.compareTo(d) >= 0;
  }
}
