/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.guard;

import dev.containment4j.Finding;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The content filter's answer: the text the model may see, what was decided and what was found.
 *
 * @param text the filtered text (redacted, wrapped, withheld or capped as decided)
 * @param decision the strongest action taken
 * @param findings everything found, with spans in the original text; never the secret values
 * @since 0.1
 */
public record FilterResult(String text, Decision decision, List<Finding> findings) {

  /** Actions of the content filter, weakest first. */
  public enum Decision {
    /** Nothing found that needed an action. */
    PASS,
    /** Secrets were replaced by markers (or findings were only annotated). */
    REDACT,
    /** The text was wrapped as untrusted data or withheld with a summary. */
    QUARANTINE,
    /** The whole output was withheld. */
    BLOCK;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The stronger of two decisions. */
    public Decision max(Decision other) {
      return compareTo(other) >= 0 ? this : other;
    }
  }

  public FilterResult {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(decision, "decision");
    findings = List.copyOf(findings);
  }

  public static FilterResult pass(String text) {
    return new FilterResult(text, Decision.PASS, List.of());
  }
}
