/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One secret format: the cheap trigger keywords, the regex run only around a trigger hit, the group that holds the
 * secret, and the check that rejects placeholders and low-entropy values.
 *
 * @param id rule id, also the redaction label ({@code [REDACTED:id]})
 * @param anchors trigger keywords (matched case-insensitively by {@link Triggers})
 * @param pattern regex run in a window around the hit; transparent bounds, so lookarounds see the real neighbours
 * @param group the group whose span is redacted (0 = the whole match)
 * @param back how far before the anchor's end the window starts
 * @param forward how far after the anchor's end the window ends
 * @param check accepts or rejects the secret value
 * @param priority wins over lower priority rules on overlapping spans (specific formats beat generic ones)
 */
record SecretRule(
    String id, List<String> anchors, Pattern pattern, int group, int back, int forward, Check check, int priority) {

  /** Accepts a candidate secret value. */
  @FunctionalInterface
  interface Check {
    boolean accept(String value);
  }

  static Check entropyAtLeast(double bits) {
    return v -> !Entropy.isPlaceholder(v) && Entropy.shannon(v) >= bits;
  }
}
