/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What every match of a regular expression must contain, read off its source: an AND/OR formula over literal
 * substrings (the idea of RE2's prefilter and Google Code Search's trigram index, without trigrams). "(?:ignore|forget)
 * \s+(?:the )?(?:instructions|rules)" needs ("ignore" OR "forget") AND ("instructions" OR "rules"), so a text without
 * both can be skipped without running the regex. Derived from the pattern itself, so rule edits keep it right.
 *
 * <p>Literals are folded to lower case: the formula is checked against folded text (normalised windows are lower
 * case). Whatever the reader does not understand (flags other than MULTILINE/DOTALL, {@code \Q}, Unicode properties,
 * back references) counts as "matches anything", which only weakens the formula, never makes it wrong.
 */
final class Prefilter {
  /** Largest exact string set kept before it becomes an OR formula. */
  private static final int MAX_EXACT = 64;

  /** A condition on the literals a text contains. */
  sealed interface Cond permits Always, Lit, All, Any {}

  /** True for every text. */
  record Always() implements Cond {}

  /** The text contains {@code text}. */
  record Lit(String text) implements Cond {}

  /** Every part holds. */
  record All(List<Cond> parts) implements Cond {}

  /** At least one part holds. */
  record Any(List<Cond> parts) implements Cond {}

  static final Cond ALWAYS = new Always();

  /** What a piece of regex matches: an exact set of strings (null when unknown), else a condition. */
  private record Info(Set<String> exact, Cond cond) {
    static Info anything() {
      return new Info(null, ALWAYS);
    }

    static Info empty() {
      Set<String> s = new LinkedHashSet<>();
      s.add("");
      return new Info(s, ALWAYS);
    }

    Cond toCond() {
      return exact == null ? cond : or(exact);
    }
  }

  private Prefilter() {}

  /** The condition every match of {@code p} satisfies, as plain substrings. */
  static Cond of(Pattern p) {
    return of(p, false);
  }

  /**
   * The condition every match of {@code p} satisfies, checked against text whose runs of regex whitespace
   * ({@code [ \t\n\x0B\f\r]}) are collapsed to one space ({@link #collapse}). Then {@code \s*} is "" or " " and
   * {@code \s+} is " ", so "user\s*:" needs "user:" or "user :" instead of "user" and ":" anywhere. Sound because a
   * match's collapsed text is a substring of the collapsed text it was found in.
   */
  static Cond ofCollapsed(Pattern p) {
    return of(p, true);
  }

  private static Cond of(Pattern p, boolean collapse) {
    if ((p.flags() & ~(Pattern.MULTILINE | Pattern.DOTALL)) != 0) {
      return ALWAYS;
    }
    try {
      Parser parser = new Parser(p.pattern(), collapse);
      Info info = parser.alternation();
      if (parser.pos != parser.src.length()) {
        return ALWAYS;
      }
      return simplify(info.toCond());
    } catch (Unsupported | RuntimeException e) {
      return ALWAYS;
    }
  }

  /**
   * The condition for a pattern compiled with a leading {@code (?i)}: literals are folded to lower case anyway, and
   * the text they are looked for in is folded the same way.
   */
  static Cond ofIgnoringAsciiCase(Pattern p) {
    String src = p.pattern();
    if ((p.flags() & ~Pattern.CASE_INSENSITIVE) != 0 || !src.startsWith("(?i)")) {
      return of(p);
    }
    return of(Pattern.compile(src.substring(4)));
  }

  /** Whether {@code c} holds for a text containing exactly the literals {@code present} says. */
  static boolean holds(Cond c, java.util.function.Predicate<String> present) {
    if (c instanceof Always) {
      return true;
    }
    if (c instanceof Lit l) {
      return present.test(l.text());
    }
    if (c instanceof All a) {
      for (Cond x : a.parts()) {
        if (!holds(x, present)) {
          return false;
        }
      }
      return true;
    }
    for (Cond x : ((Any) c).parts()) {
      if (holds(x, present)) {
        return true;
      }
    }
    return false;
  }

  /** Regex whitespace ({@code \\s} without UNICODE_CHARACTER_CLASS). */
  static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
  }

  /** Appends {@code t[from,to)} folded, every run of whitespace as one space (the text {@link #ofCollapsed} reads). */
  static void collapse(CharSequence t, int from, int to, StringBuilder out) {
    boolean space = false;
    for (int i = from; i < to; i++) {
      char c = t.charAt(i);
      if (isSpace(c)) {
        if (!space) {
          out.append(' ');
        }
        space = true;
      } else {
        out.append(c < 128 ? (c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) : Fold.fold(c));
        space = false;
      }
    }
  }

  /**
   * {@code c} with every literal {@code keep} rejects taken as true: a weaker condition, so still a necessary one
   * wherever {@code c} is (conditions are monotone: only AND and OR of literals). Used to drop literals that occur
   * everywhere and cost more to find than they reject.
   */
  static Cond weaken(Cond c, java.util.function.Predicate<String> keep) {
    if (c instanceof Lit l) {
      return keep.test(l.text()) ? c : ALWAYS;
    }
    if (c instanceof All a) {
      return simplify(new All(a.parts().stream().map(x -> weaken(x, keep)).toList()));
    }
    if (c instanceof Any a) {
      return simplify(new Any(a.parts().stream().map(x -> weaken(x, keep)).toList()));
    }
    return c;
  }

  /** Every literal the condition mentions. */
  static void literals(Cond c, Set<String> out) {
    if (c instanceof Lit l) {
      out.add(l.text());
    } else if (c instanceof All a) {
      a.parts().forEach(x -> literals(x, out));
    } else if (c instanceof Any a) {
      a.parts().forEach(x -> literals(x, out));
    }
  }

  private static Cond or(Set<String> strings) {
    List<Cond> parts = new ArrayList<>();
    for (String s : strings) {
      if (s.isEmpty()) {
        return ALWAYS;
      }
      boolean implied = false; // " user:" contains "user:": OR-ing it in changes nothing
      for (String other : strings) {
        implied |= !other.equals(s) && s.contains(other);
      }
      if (!implied) {
        parts.add(new Lit(s));
      }
    }
    return parts.size() == 1 ? parts.get(0) : new Any(parts);
  }

  private static Cond and(Cond a, Cond b) {
    if (a instanceof Always) {
      return b;
    }
    if (b instanceof Always) {
      return a;
    }
    List<Cond> parts = new ArrayList<>();
    for (Cond c : new Cond[] {a, b}) {
      if (c instanceof All all) {
        parts.addAll(all.parts());
      } else {
        parts.add(c);
      }
    }
    return new All(parts);
  }

  private static Cond simplify(Cond c) {
    if (c instanceof All a) {
      List<Cond> parts = new ArrayList<>();
      for (Cond x : a.parts()) {
        Cond s = simplify(x);
        if (!(s instanceof Always)) {
          parts.add(s);
        }
      }
      return parts.isEmpty() ? ALWAYS : parts.size() == 1 ? parts.get(0) : new All(parts);
    }
    if (c instanceof Any a) {
      List<Cond> parts = new ArrayList<>();
      for (Cond x : a.parts()) {
        Cond s = simplify(x);
        if (s instanceof Always) {
          return ALWAYS;
        }
        parts.add(s);
      }
      return parts.size() == 1 ? parts.get(0) : new Any(parts);
    }
    return c;
  }

  /** Thrown for syntax the reader does not handle; the caller then falls back to "matches anything". */
  private static final class Unsupported extends Exception {
    private static final long serialVersionUID = 1L;

    Unsupported() {
      super(null, null, false, false);
    }
  }

  /** Recursive-descent reader of the regex subset the rules use. */
  private static final class Parser {
    final String src;
    final boolean collapse;
    int pos;

    Parser(String src, boolean collapse) {
      this.src = src;
      this.collapse = collapse;
    }

    /** One character as the checked text holds it: folded, and whitespace as a space when collapsing. */
    String one(char c) {
      return collapse && isSpace(c) ? " " : String.valueOf(Fold.fold(c));
    }

    Info alternation() throws Unsupported {
      List<Info> alts = new ArrayList<>();
      alts.add(sequence());
      while (pos < src.length() && src.charAt(pos) == '|') {
        pos++;
        alts.add(sequence());
      }
      if (alts.size() == 1) {
        return alts.get(0);
      }
      Set<String> union = new LinkedHashSet<>();
      for (Info a : alts) {
        if (a.exact == null || union.size() + a.exact.size() > MAX_EXACT) {
          union = null;
          break;
        }
        union.addAll(a.exact);
      }
      if (union != null) {
        return new Info(union, null);
      }
      List<Cond> parts = new ArrayList<>();
      for (Info a : alts) {
        Cond c = a.toCond();
        if (c instanceof Always) {
          return Info.anything();
        }
        parts.add(c);
      }
      return new Info(null, new Any(parts));
    }

    /**
     * A concatenation: runs of exact pieces are multiplied out ("ba|z" then "sh" is "bash", "zsh"); a piece that is
     * not exact (or a product that grows too large) closes the run, and the runs are ANDed.
     */
    Info sequence() throws Unsupported {
      Cond closed = ALWAYS;
      Set<String> run = Info.empty().exact;
      boolean exact = true;
      while (pos < src.length() && src.charAt(pos) != '|' && src.charAt(pos) != ')') {
        Info next = quantified();
        if (next.exact != null && (long) run.size() * next.exact.size() <= MAX_EXACT) {
          Set<String> s = new LinkedHashSet<>();
          for (String x : run) {
            for (String y : next.exact) {
              // collapsing: "a" then "\\s" then " " then "b" is "a  b", which the collapsed text holds as "a b"
              s.add(collapse && x.endsWith(" ") && y.startsWith(" ") ? x + y.substring(1) : x + y);
            }
          }
          run = s;
          continue;
        }
        exact = false;
        closed = and(closed, or(run));
        if (next.exact != null) {
          run = next.exact;
        } else {
          closed = and(closed, next.cond);
          run = Info.empty().exact;
        }
      }
      return exact ? new Info(run, null) : new Info(null, and(closed, or(run)));
    }

    Info quantified() throws Unsupported {
      Info atom = atom();
      if (pos >= src.length()) {
        return atom;
      }
      char c = src.charAt(pos);
      int min;
      if (c == '?' || c == '*') {
        pos++;
        min = 0;
      } else if (c == '+') {
        pos++;
        min = 1;
      } else if (c == '{') {
        int close = src.indexOf('}', pos);
        if (close < 0) {
          throw new Unsupported();
        }
        String body = src.substring(pos + 1, close);
        int comma = body.indexOf(',');
        min = Integer.parseInt((comma < 0 ? body : body.substring(0, comma)).trim());
        pos = close + 1;
      } else {
        return atom;
      }
      if (pos < src.length() && (src.charAt(pos) == '?' || src.charAt(pos) == '+')) {
        pos++; // lazy or possessive: the same strings
      }
      if (collapse && atom.exact != null && atom.exact.stream().allMatch(x -> x.isEmpty() || x.equals(" "))) {
        Set<String> s = new LinkedHashSet<>(); // any number of whitespace characters collapses to one space
        if (min == 0 || atom.exact.contains("")) {
          s.add("");
        }
        if (atom.exact.contains(" ")) {
          s.add(" ");
        }
        return new Info(s, null);
      }
      if (min >= 1) {
        return new Info(null, atom.toCond()); // at least one copy of the atom is in the match
      }
      if (atom.exact != null && atom.exact.size() < MAX_EXACT && c == '?') {
        Set<String> s = new LinkedHashSet<>(atom.exact);
        s.add("");
        return new Info(s, null);
      }
      return Info.anything();
    }

    Info atom() throws Unsupported {
      char c = src.charAt(pos);
      switch (c) {
        case '(' -> {
          return group();
        }
        case '[' -> {
          return charClass();
        }
        case '\\' -> {
          return escape();
        }
        case '.' -> {
          pos++;
          return Info.anything();
        }
        case '^', '$' -> {
          pos++;
          return Info.empty();
        }
        case '*', '+', '?', '{' -> throw new Unsupported();
        default -> {
          pos++;
          return literal(one(c));
        }
      }
    }

    private static Info literal(String c) {
      Set<String> s = new LinkedHashSet<>();
      s.add(c);
      return new Info(s, null);
    }

    private Info group() throws Unsupported {
      pos++; // (
      boolean look = false;
      if (src.startsWith("?:", pos)) {
        pos += 2;
      } else if (src.startsWith("?=", pos) || src.startsWith("?!", pos)) {
        pos += 2;
        look = true;
      } else if (src.startsWith("?<=", pos) || src.startsWith("?<!", pos)) {
        pos += 3;
        look = true;
      } else if (src.startsWith("?<", pos)) {
        int close = src.indexOf('>', pos);
        if (close < 0) {
          throw new Unsupported();
        }
        pos = close + 1; // named group
      } else if (pos < src.length() && src.charAt(pos) == '?') {
        // inline flags (?s) (?s:...) are harmless; anything that changes case or comments is not
        int end = pos + 1;
        while (end < src.length() && Character.isLetter(src.charAt(end))) {
          end++;
        }
        String flags = src.substring(pos + 1, end);
        if (!flags.chars().allMatch(f -> f == 's' || f == 'm') || end >= src.length()) {
          throw new Unsupported();
        }
        if (src.charAt(end) == ')') {
          pos = end + 1;
          return Info.empty();
        }
        if (src.charAt(end) != ':') {
          throw new Unsupported();
        }
        pos = end + 1;
      }
      Info inner = alternation();
      if (pos >= src.length() || src.charAt(pos) != ')') {
        throw new Unsupported();
      }
      pos++;
      return look ? Info.empty() : inner;
    }

    private Info charClass() throws Unsupported {
      int start = pos;
      pos++; // [
      boolean negated = pos < src.length() && src.charAt(pos) == '^';
      if (negated) {
        pos++;
      }
      Set<String> chars = new LinkedHashSet<>();
      boolean simple = !negated;
      boolean first = true;
      while (pos < src.length() && (src.charAt(pos) != ']' || first)) {
        first = false;
        char c = src.charAt(pos);
        if (c == '[' || (c == '&' && src.startsWith("&&", pos))) {
          throw new Unsupported(); // nested classes and intersections
        }
        if (c == '\\') {
          if (pos + 1 >= src.length()) {
            throw new Unsupported();
          }
          char e = src.charAt(pos + 1);
          pos += 2;
          Character lit = escapedLiteral(e);
          if (lit == null) {
            if (Character.isLetterOrDigit(e)) {
              simple = false; // \s \w \d \p ...: a set we do not enumerate
              if (e == 'p' || e == 'P') {
                skipBraces();
              }
              continue;
            }
            lit = e;
          }
          c = lit;
        } else {
          pos++;
        }
        if (pos + 1 < src.length() && src.charAt(pos) == '-' && src.charAt(pos + 1) != ']') {
          char hi = src.charAt(pos + 1);
          if (hi == '\\') {
            throw new Unsupported();
          }
          pos += 2;
          if (hi - c > 8) {
            simple = false;
          } else {
            for (char x = c; x <= hi; x++) {
              chars.add(one(x));
            }
          }
          continue;
        }
        chars.add(one(c));
      }
      if (pos >= src.length()) {
        throw new Unsupported();
      }
      pos++; // ]
      if (!simple || chars.isEmpty() || chars.size() > 16 || pos - start > 200) {
        return Info.anything();
      }
      return new Info(chars, null);
    }

    private void skipBraces() throws Unsupported {
      if (pos < src.length() && src.charAt(pos) == '{') {
        int close = src.indexOf('}', pos);
        if (close < 0) {
          throw new Unsupported();
        }
        pos = close + 1;
      } else {
        pos++;
      }
    }

    /** The character an escape stands for, or null for a class or an assertion. */
    private static Character escapedLiteral(char e) {
      return switch (e) {
        case 'n' -> '\n';
        case 't' -> '\t';
        case 'r' -> '\r';
        case 'f' -> '\f';
        case 'e' -> '\u001B';
        case 'a' -> '\u0007';
        default -> Character.isLetterOrDigit(e) ? null : e;
      };
    }

    private Info escape() throws Unsupported {
      if (pos + 1 >= src.length()) {
        throw new Unsupported();
      }
      char e = src.charAt(pos + 1);
      pos += 2;
      switch (e) {
        case 'b', 'B', 'A', 'z', 'Z', 'G' -> {
          return Info.empty();
        }
        case 's' -> {
          return collapse ? literal(" ") : Info.anything();
        }
        case 'S', 'w', 'W', 'd', 'D', 'h', 'H', 'v', 'V', 'R', 'X' -> {
          return Info.anything();
        }
        case 'p', 'P' -> {
          skipBraces();
          return Info.anything();
        }
        case 'Q', 'k', 'x', 'u', 'c', 'N' -> throw new Unsupported();
        default -> {
          if (e >= '0' && e <= '9') {
            while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
              pos++;
            }
            return Info.anything(); // a back reference matches whatever its group matched
          }
          Character lit = escapedLiteral(e);
          if (lit == null) {
            throw new Unsupported();
          }
          return literal(one(lit));
        }
      }
    }
  }
}
