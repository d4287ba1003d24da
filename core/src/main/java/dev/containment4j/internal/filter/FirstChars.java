/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import java.util.BitSet;
import java.util.regex.Pattern;

/**
 * The characters every match of a regular expression must start with, read off its source: word boundaries, then a
 * literal character or a non-capturing group of such alternatives. Lets a matcher skip start positions where the
 * regex cannot match without running it (the result is the same, only cheaper). {@code null} when the source does not
 * tell (a character class, an optional first element, flags): then every position must be tried.
 */
final class FirstChars {
  private static final String META = "\\[](){}.*+?^$|";
  private static final String OPTIONAL = "?*{";

  private FirstChars() {}

  /** First characters of {@code p}'s matches, or null when unknown. */
  static BitSet of(Pattern p) {
    if ((p.flags() & ~Pattern.MULTILINE) != 0) {
      return null; // case folding or comments would change what a literal matches
    }
    String r = p.pattern();
    return alternation(r, 0, r.length());
  }

  private static BitSet alternation(String r, int s, int e) {
    BitSet all = new BitSet();
    int start = s;
    int i = s;
    while (i <= e) {
      if (i == e || r.charAt(i) == '|') {
        BitSet one = first(r, start, i);
        if (one == null) {
          return null;
        }
        all.or(one);
        start = i + 1;
        i++;
      } else {
        i = skip(r, i);
      }
    }
    return all;
  }

  /** First characters of one alternative {@code r[s,e)}. */
  private static BitSet first(String r, int s, int e) {
    while (s + 1 < e && r.startsWith("\\b", s)) {
      s += 2; // a word boundary consumes nothing
    }
    if (s >= e) {
      return null; // may match empty
    }
    char c = r.charAt(s);
    if (r.startsWith("(?:", s)) {
      int close = skip(r, s) - 1;
      if (close >= e || (close + 1 < e && OPTIONAL.indexOf(r.charAt(close + 1)) >= 0)) {
        return null;
      }
      return alternation(r, s + 3, close);
    }
    if (META.indexOf(c) >= 0 || Character.isSurrogate(c)) {
      return null;
    }
    if (s + 1 < e && OPTIONAL.indexOf(r.charAt(s + 1)) >= 0) {
      return null;
    }
    BitSet one = new BitSet();
    one.set(c);
    return one;
  }

  /** Index after the element starting at {@code i}: an escape, a character class, a group, or one character. */
  private static int skip(String r, int i) {
    char c = r.charAt(i);
    if (c == '\\') {
      return Math.min(r.length(), i + 2);
    }
    if (c == '[') {
      int j = i + 1;
      if (j < r.length() && r.charAt(j) == '^') {
        j++;
      }
      if (j < r.length() && r.charAt(j) == ']') {
        j++;
      }
      while (j < r.length() && r.charAt(j) != ']') {
        j = r.charAt(j) == '\\' ? j + 2 : r.charAt(j) == '[' ? skip(r, j) : j + 1;
      }
      return Math.min(r.length(), j + 1);
    }
    if (c == '(') {
      int j = i + 1;
      while (j < r.length() && r.charAt(j) != ')') {
        j = skip(r, j);
      }
      return Math.min(r.length(), j + 1);
    }
    return i + 1;
  }
}
