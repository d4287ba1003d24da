/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

/**
 * Character folding shared by the trigger automaton and the normaliser: lower case, full-width forms to ASCII, and the
 * Cyrillic/Greek letters that look like Latin ones. Folding lookalikes makes "іgnоrе" (Cyrillic і, о, е) trigger like
 * "ignore"; Russian words still match their own (equally folded) keywords.
 */
final class Fold {
  private static final char[] TABLE = new char[65536];

  /** Letters of scripts written without spaces between words (CJK ideographs, kana, hangul): every one starts a word. */
  static boolean unspaced(char c) {
    return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF)
        || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF);
  }

  /** Characters with no width that attackers put between letters; ZWJ/ZWNJ included (they are legal in scripts). */
  static boolean isInvisible(char c) {
    return c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\u2060' || c == '\u2061' || c == '\u2062'
        || c == '\u2063' || c == '\u2064' || c == '\uFEFF' || c == '\u180E' || c == '\u00AD' || c == '\u034F';
  }

  /** Bidirectional overrides and isolates (Trojan-source style reordering). */
  static boolean isBidiControl(char c) {
    return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069');
  }

  static {
    for (int c = 0; c < 65536; c++) {
      TABLE[c] = Character.toLowerCase((char) c);
    }
    // full-width ASCII
    for (int c = 0xFF01; c <= 0xFF5E; c++) {
      TABLE[c] = Character.toLowerCase((char) (c - 0xFF01 + 0x21));
    }
    // pairs: lookalike, Latin letter (Cyrillic first, then Greek)
    String lookalikes = "аaеeоoрpсcуyхxіiјjѕsһhԁdԛqԝwӏlɡgոnνvοoαaιiκkρpτtυuχxεe";
    for (int i = 0; i + 1 < lookalikes.length(); i += 2) {
      char from = lookalikes.charAt(i);
      char to = lookalikes.charAt(i + 1);
      TABLE[from] = to;
      TABLE[Character.toUpperCase(from)] = to;
    }
  }

  private Fold() {}

  static char fold(char c) {
    return TABLE[c];
  }

  /** Folds the non-ASCII characters of a regex source (ASCII is left alone: {@code \\S} must stay upper case). */
  static String foldNonAscii(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c < 128 ? c : fold(c));
    }
    return b.toString();
  }
}
