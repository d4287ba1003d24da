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

  private static final int MAX_AGENT_PATTERNS = 256;
  private static final Map<String, Pattern> AGENT = new ConcurrentHashMap<>();

  /**
   * A pattern built from what an agent wrote (a glob in its command), compiled once while it repeats: kept in a
   * small cache of its own, emptied when full, so a stream of distinct patterns costs a compilation each (as before)
   * and never crowds out the constants of {@link #compiled}. A pure function of the text either way.
   */
  static Pattern agentPattern(String regex) {
    Pattern p = AGENT.get(regex);
    if (p == null) {
      p = Pattern.compile(regex);
      if (AGENT.size() >= MAX_AGENT_PATTERNS) {
        AGENT.clear();
      }
      AGENT.put(regex, p);
    }
    return p;
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
