/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j;

import java.util.Objects;

/**
 * A layer's decision about a tool call: allow, ask a human, or deny. Each carries the layer, the rule that decided
 * (empty when no rule matched), a category (such as {@code credential-read}) and a reason written for the model.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public sealed interface Verdict permits Verdict.Allow, Verdict.Ask, Verdict.Deny {

  Layer layer();

  /** The rule that decided, as written in the policy (for example {@code Bash(git push:*)}), or empty. */
  String rule();

  /** Category of the decision, such as {@code destructive-delete}; empty when none applies. */
  String category();

  /** A reason written for the model (and the human reading the audit log). */
  String reason();

  /** Lower-case name: {@code allow}, {@code ask} or {@code deny}. */
  String decision();

  static Allow allow(Layer layer, String rule, String category, String reason) {
    return new Allow(layer, rule, category, reason);
  }

  static Ask ask(Layer layer, String rule, String category, String reason) {
    return new Ask(layer, rule, category, reason);
  }

  static Deny deny(Layer layer, String rule, String category, String reason) {
    return new Deny(layer, rule, category, reason);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }

  /** The call may proceed. */
  record Allow(Layer layer, String rule, String category, String reason) implements Verdict {
    public Allow {
      Objects.requireNonNull(layer, "layer");
      rule = orEmpty(rule);
      category = orEmpty(category);
      reason = orEmpty(reason);
    }

    @Override
    public String decision() {
      return "allow";
    }
  }

  /** A human must decide; with no {@code Approver} configured this becomes a denial. */
  record Ask(Layer layer, String rule, String category, String reason) implements Verdict {
    public Ask {
      Objects.requireNonNull(layer, "layer");
      rule = orEmpty(rule);
      category = orEmpty(category);
      reason = orEmpty(reason);
    }

    @Override
    public String decision() {
      return "ask";
    }
  }

  /** The call is refused; nothing ran. */
  record Deny(Layer layer, String rule, String category, String reason) implements Verdict {
    public Deny {
      Objects.requireNonNull(layer, "layer");
      rule = orEmpty(rule);
      category = orEmpty(category);
      reason = orEmpty(reason);
    }

    @Override
    public String decision() {
      return "deny";
    }
  }
}
