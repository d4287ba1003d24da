/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pattern searched in long text (file contents, SQL, scripts) with a cheap necessary condition first: every match
 * contains one of a few literals, compared ignoring case. Most text holds none of them, and one pass over its
 * characters costs a fraction of the regex engine trying a dozen case-insensitive alternatives at every position.
 * The answer is exactly the pattern's: the literals only skip text the pattern cannot match. Immutable, thread-safe.
 */
final class GatedPattern {
  /** Every gated pattern, so a test can check on real text that the literals never skip a match. */
  static final List<GatedPattern> ALL = new CopyOnWriteArrayList<>();

  private final Pattern pattern;
  private final String[] literals;
  private final boolean[] starts = new boolean[128];

  private GatedPattern(Pattern pattern, String[] literals) {
    this.pattern = pattern;
    this.literals = literals;
    for (String l : literals) {
      char c = l.charAt(0);
      if (c >= 128 || !l.equals(l.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("gate literals are lower-case ASCII-led: " + l);
      }
      starts[c] = true;
      starts[Character.toUpperCase(c)] = true;
    }
  }

  /**
   * {@code regex}, tried only on text holding one of {@code literals} (lower case, matched ignoring case). Each
   * match of the regex must contain one of them; the caller shows why next to the regex.
   */
  static GatedPattern of(String regex, String... literals) {
    GatedPattern p = new GatedPattern(Pattern.compile(regex), literals.clone());
    ALL.add(p);
    return p;
  }

  Pattern pattern() {
    return pattern;
  }

  /** Whether the pattern finds a match in {@code text}, exactly as {@code pattern().matcher(text).find()}. */
  boolean find(CharSequence text) {
    return mayMatch(text) && pattern.matcher(text).find();
  }

  /** Whether all of {@code text} matches, exactly as {@code pattern().matcher(text).matches()}. */
  boolean matches(CharSequence text) {
    return mayMatch(text) && pattern.matcher(text).matches();
  }

  /** A matcher over {@code text}, or null when the text holds none of the literals (so there is no match). */
  Matcher matcherOrNull(CharSequence text) {
    return mayMatch(text) ? pattern.matcher(text) : null;
  }

  /** Whether {@code text} holds one of the literals, ignoring case. */
  boolean mayMatch(CharSequence text) {
    String s = text.toString();
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c < 128 && starts[c]) {
        for (String l : literals) {
          if (s.regionMatches(true, i, l, 0, l.length())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return pattern.pattern() + " gated by " + List.of(literals);
  }
}
