/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

/**
 * Compiles a path glob below a base directory to an anchored SBPL regular expression.
 *
 * <p>Glob syntax: {@code *} matches within one path segment, {@code ?} one character (one byte for non-ASCII: the
 * sandbox matches bytes), a segment that is exactly {@code **} matches any number of segments. Every other character,
 * brackets and braces included, matches itself. The base is data: it is regex-quoted, never interpreted. Only
 * negated classes ({@code [^/]}) are used as wildcards, never {@code .}, so names containing newlines match too.
 */
public final class GlobRegex {

  /** How the end of the match is anchored. */
  public enum End {
    /** The matched path and everything below it: {@code (/|$)}. */
    SUBTREE,
    /** Exactly the matched path: {@code $}. */
    EXACT
  }

  private GlobRegex() {}

  /** Whether {@code text} contains glob wildcards. */
  public static boolean isGlob(String text) {
    return text.indexOf('*') >= 0 || text.indexOf('?') >= 0;
  }

  /**
   * @param base absolute directory the glob is relative to ({@code /} for anywhere)
   * @param glob segments separated by {@code /}; empty segments are ignored
   * @param end how the end is anchored
   * @param ignoreCase whether ASCII letters of the glob (not of the base) match in either case
   */
  public static String compile(String base, String glob, End end, boolean ignoreCase) {
    if (!base.startsWith("/")) {
      throw new IllegalArgumentException("glob base must be absolute: " + Sbpl.printable(base));
    }
    StringBuilder r = new StringBuilder("^");
    r.append(Sbpl.regexQuote(base.endsWith("/") ? base.substring(0, base.length() - 1) : base)).append('/');
    String[] segments = java.util.Arrays.stream(glob.split("/", -1)).filter(s -> !s.isEmpty())
        .toArray(String[]::new);
    if (segments.length == 0) {
      throw new IllegalArgumentException("empty glob below " + Sbpl.printable(base));
    }
    for (int i = 0; i < segments.length; i++) {
      boolean last = i == segments.length - 1;
      String seg = segments[i];
      if (seg.equals("**")) {
        r.append(last ? "([^/]*/)*[^/]*" : "([^/]*/)*");
        continue;
      }
      seg.codePoints().forEach(cp -> r.append(atom(cp, ignoreCase)));
      if (!last) {
        r.append('/');
      }
    }
    r.append(end == End.SUBTREE ? "(/|$)" : "$");
    return r.toString();
  }

  private static String atom(int cp, boolean ignoreCase) {
    if (cp == '*') {
      return "[^/]*";
    }
    if (cp == '?') {
      return "[^/]";
    }
    if (ignoreCase && cp < 128 && Character.isLetter(cp)) {
      return "[" + Character.toLowerCase((char) cp) + Character.toUpperCase((char) cp) + "]";
    }
    return Sbpl.regexQuote(new String(Character.toChars(cp)));
  }
}
