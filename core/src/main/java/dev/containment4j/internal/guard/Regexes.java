/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@link String#matches(String)} with each pattern compiled once. The guard tests words against constant regexes
 * in many places; {@code String.matches} compiles its pattern on every call, which was the largest single cost of a
 * decision after parsing. Thread-safe.
 */
final class Regexes {
  private static final int MAX_PATTERNS = 1024;
  private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

  private Regexes() {}

  /** Whether all of {@code text} matches {@code regex}, exactly as {@code text.matches(regex)}. */
  static boolean matches(String text, String regex) {
    return compiled(regex).matcher(text).matches();
  }

  /** The compiled pattern, kept for constant regexes (the cache is bounded in case one is not). */
  static Pattern compiled(String regex) {
    Pattern p = COMPILED.get(regex);
    if (p == null) {
      p = Pattern.compile(regex);
      if (COMPILED.size() < MAX_PATTERNS) {
        COMPILED.putIfAbsent(regex, p);
      }
    }
    return p;
  }
}
