/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import java.text.Normalizer;

/**
 * A slice of text prepared for matching: NFKC, folded (lower case, lookalikes to Latin), invisible and bidi characters
 * removed, Unicode tag characters decoded to the ASCII they smuggle. {@link #origin(int)} maps every position back to
 * the original text so findings point at what the user sees.
 */
final class Normalized {
  final String text;
  private final int[] map;
  private final int originEnd;
  /** Invisible or bidi characters removed. */
  final int invisibles;
  /** Unicode tag characters decoded. */
  final int tags;
  /** Words that mixed Latin with Cyrillic/Greek letters (homoglyph spoofing). */
  final int mixedScriptWords;

  private Normalized(String text, int[] map, int originEnd, int invisibles, int tags, int mixed) {
    this.text = text;
    this.map = map;
    this.originEnd = originEnd;
    this.invisibles = invisibles;
    this.tags = tags;
    this.mixedScriptWords = mixed;
  }

  /** Original index of normalized position {@code i}; {@code i == text.length()} maps to the end of the slice. */
  int origin(int i) {
    return i >= text.length() ? originEnd : map[i];
  }

  /** Original end (exclusive) of a normalized span ending at {@code end}. */
  int originEnd(int end) {
    if (end <= 0) {
      return origin(0);
    }
    if (end >= text.length()) {
      return originEnd;
    }
    return map[end - 1] + 1;
  }

  static Normalized of(CharSequence src, int from, int to) {
    StringBuilder b = new StringBuilder(to - from);
    int[] map = new int[(to - from) * 2 + 8];
    int n = 0;
    int invisibles = 0;
    int tags = 0;
    int mixed = 0;
    boolean wordLatin = false;
    boolean wordOther = false;
    for (int i = from; i < to; i++) {
      char c = src.charAt(i);
      if (c < 128) {
        if (n >= map.length) {
          map = java.util.Arrays.copyOf(map, map.length * 2);
        }
        char f = (c >= 'A' && c <= 'Z') ? (char) (c + 32) : c;
        boolean letter = (f >= 'a' && f <= 'z');
        if (letter) {
          wordLatin = true;
        } else if (f != '\'') {
          if (wordLatin && wordOther) {
            mixed++;
          }
          wordLatin = false;
          wordOther = false;
        }
        b.append(f);
        map[n++] = i;
        continue;
      }
      if (Fold.isInvisible(c) || Fold.isBidiControl(c)) {
        invisibles++;
        continue;
      }
      if (c == 0xDB40 && i + 1 < to) {
        char lo = src.charAt(i + 1);
        if (lo >= 0xDC00 && lo <= 0xDC7F) {
          int ascii = lo - 0xDC00;
          boolean flagSequence = isAfterBlackFlag(src, i, from);
          if (!flagSequence) {
            tags++;
            if (ascii >= 0x20 && ascii < 0x7F) {
              if (n + 1 >= map.length) {
                map = java.util.Arrays.copyOf(map, map.length * 2);
              }
              b.append(Character.toLowerCase((char) ascii));
              map[n++] = i;
            }
          }
          i++;
          continue;
        }
      }
      String nf;
      int span = 1;
      if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(src.charAt(i + 1))) {
        nf = Normalizer.normalize(new String(new char[] {c, src.charAt(i + 1)}), Normalizer.Form.NFKC);
        span = 2;
      } else {
        nf = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC);
      }
      for (int k = 0; k < nf.length(); k++) {
        char raw = nf.charAt(k);
        char f = Fold.fold(raw);
        if (n >= map.length) {
          map = java.util.Arrays.copyOf(map, map.length * 2);
        }
        Character.UnicodeBlock block = raw < 128 ? null : Character.UnicodeBlock.of(raw);
        if (block == Character.UnicodeBlock.CYRILLIC || block == Character.UnicodeBlock.GREEK) {
          if (f < 128) {
            wordOther = true; // a lookalike folded to Latin
          }
        } else if (f >= 'a' && f <= 'z') {
          wordLatin = true;
        }
        b.append(f);
        map[n++] = i;
      }
      i += span - 1;
    }
    if (wordLatin && wordOther) {
      mixed++;
    }
    return new Normalized(b.toString(), map, to, invisibles, tags, mixed);
  }

  private static boolean isAfterBlackFlag(CharSequence src, int i, int from) {
    // U+1F3F4 (D83C DFF4) followed by tag characters is a subdivision flag emoji, not smuggled text
    int j = i;
    while (j - 2 >= from && src.charAt(j - 2) == 0xDB40) {
      j -= 2;
    }
    return j - 2 >= from && src.charAt(j - 2) == 0xD83C && src.charAt(j - 1) == 0xDFF4;
  }
}
