/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

/**
 * Escaping for text put into an SBPL profile. Every path, pattern and tag reaches the profile through
 * {@link #string(String)}, so data never becomes profile syntax.
 *
 * <p>SBPL is read by a TinyScheme reader: inside a string literal only {@code "} and {@code \} are special, and the
 * escapes every reader version understands are {@code \\}, {@code \"}, {@code \n}, {@code \t}, {@code \r}
 * (hex, octal and Unicode escapes are not portable; srt's JSON escaping of backspace, form feed and other control
 * characters as backslash-u sequences would silently change the path). Every other character, other control characters and UTF-8 included,
 * is copied into the string verbatim by the reader, so it is emitted as is.
 */
public final class Sbpl {

  /** Characters Apple's own {@code regex-quote} escapes: outside them, every character matches itself. */
  static final String REGEX_META = "^.[$()|*+?{\\";

  private Sbpl() {}

  /** {@code text} as an SBPL string literal, quotes included. */
  public static String string(String text) {
    requireEncodable(text);
    StringBuilder b = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }

  /** A regular expression that matches exactly {@code text} (no anchors added). */
  public static String regexQuote(String text) {
    requireEncodable(text);
    StringBuilder b = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (REGEX_META.indexOf(c) >= 0) {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  /**
   * Rejects what cannot be written faithfully: NUL (no path contains it, and the profile is a C string) and unpaired
   * surrogates (they have no UTF-8 form, so the kernel would see another path).
   */
  static void requireEncodable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        throw new IllegalArgumentException("a path for the Seatbelt profile contains NUL: " + printable(text));
      }
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(
            "a path for the Seatbelt profile is not valid Unicode (unpaired surrogate): " + printable(text));
      }
    }
  }

  /** {@code text} with control characters shown as backslash-u escapes, for error messages and comments. */
  public static String printable(String text) {
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints().forEach(cp -> {
      if (cp < 0x20 || cp == 0x7f || (cp >= 0xd800 && cp <= 0xdfff)) {
        b.append(String.format("\\u%04x", cp));
      } else {
        b.appendCodePoint(cp);
      }
    });
    return b.toString();
  }
}
