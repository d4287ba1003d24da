/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

/**
 * Compiles a path glob below a base directory to an anchored SBPL regular expression.
 *
 * <p>Glob syntax, as Java's {@code glob:} syntax that core's resolver uses: {@code *} matches within one path
 * segment, {@code ?} one character (one byte for non-ASCII: the sandbox matches bytes), a segment that is exactly
 * {@code **} any number of segments, {@code [abc]}, {@code [a-z]} and {@code [!a]} one character of a set (ASCII
 * letters, digits, {@code -}, {@code _}, {@code .} only), {@code {a,b}} one of the alternatives (within a segment, not
 * nested), backslash escapes the next character. What cannot be translated exactly is refused, never approximated. The
 * base is data: it is regex-quoted, never interpreted. Only negated classes ({@code [^/]}) serve as wildcards, never
 * {@code .}, so names containing newlines match too.
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

  /** Whether {@code text} contains glob syntax; the same test as core's resolver, so backends agree. */
  public static boolean isGlob(String text) {
    return dev.containment4j.internal.fs.PathResolver.isGlob(text);
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
      r.append(segment(seg, ignoreCase, glob));
      if (!last) {
        r.append('/');
      }
    }
    r.append(end == End.SUBTREE ? "(/|$)" : "$");
    return r.toString();
  }

  /** One segment: wildcards, classes, alternatives, escapes; everything else quoted. */
  private static String segment(String seg, boolean ignoreCase, String glob) {
    StringBuilder r = new StringBuilder();
    int i = 0;
    while (i < seg.length()) {
      int cp = seg.codePointAt(i);
      i += Character.charCount(cp);
      switch (cp) {
        case '*' -> r.append("[^/]*");
        case '?' -> r.append("[^/]");
        case '\\' -> {
          if (i >= seg.length()) {
            throw refuse(glob, "a trailing backslash");
          }
          int next = seg.codePointAt(i);
          i += Character.charCount(next);
          r.append(literal(next, ignoreCase));
        }
        case '[' -> {
          int end = seg.indexOf(']', i);
          if (end < 0) {
            throw refuse(glob, "an unclosed '['");
          }
          r.append(charClass(seg.substring(i, end), glob));
          i = end + 1;
        }
        case '{' -> {
          int end = seg.indexOf('}', i);
          String body = end < 0 ? "" : seg.substring(i, end);
          if (end < 0 || body.indexOf('{') >= 0) {
            throw refuse(glob, "'{' without a matching '}' in the same path segment, or nested braces");
          }
          StringBuilder alts = new StringBuilder("(");
          String[] parts = body.split(",", -1);
          for (int k = 0; k < parts.length; k++) {
            alts.append(k == 0 ? "" : "|").append(segment(parts[k], ignoreCase, glob));
          }
          r.append(alts).append(')');
          i = end + 1;
        }
        case ']', '}' -> throw refuse(glob, "an unmatched '" + (char) cp + "'");
        default -> r.append(literal(cp, ignoreCase));
      }
    }
    return r.toString();
  }

  private static String charClass(String body, String glob) {
    boolean negate = body.startsWith("!");
    String set = negate ? body.substring(1) : body;
    if (!set.matches("[A-Za-z0-9_.-]+")) {
      throw refuse(glob, "a character class other than ASCII letters, digits, '-', '_' and '.'");
    }
    return "[" + (negate ? "^/" : "") + set + "]";
  }

  private static String literal(int cp, boolean ignoreCase) {
    if (ignoreCase && cp < 128 && Character.isLetter(cp)) {
      return "[" + Character.toLowerCase((char) cp) + Character.toUpperCase((char) cp) + "]";
    }
    return Sbpl.regexQuote(new String(Character.toChars(cp)));
  }

  private static IllegalArgumentException refuse(String glob, String what) {
    return new IllegalArgumentException("cannot express the glob '" + Sbpl.printable(glob) + "' in a Seatbelt"
        + " profile: it has " + what + "; write it with *, ?, **, [a-z] and {a,b} only");
  }
}
