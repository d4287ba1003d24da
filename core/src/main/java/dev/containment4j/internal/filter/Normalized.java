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
  /**
   * Words that mixed Latin with Cyrillic/Greek lookalike letters and no other Cyrillic/Greek letter (homoglyph
   * spoofing: "іgnоrе"). A word that also has a letter of its own script is a word of that language joined to Latin
   * ("\\fBгруппа" in a Russian man page's markup, "Dockerfile'ы"): not spoofing, it folds to no English word.
   */
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

  /** The byte a variation selector at {@code i} stands for (VS1-16: 0-15, VS17-256: 16-255), or -1. */
  private static int selectorByte(CharSequence src, int i, int to) {
    if (i >= to) {
      return -1;
    }
    char c = src.charAt(i);
    if (c >= 0xFE00 && c <= 0xFE0F) {
      return c - 0xFE00;
    }
    if (c == 0xDB40 && i + 1 < to) {
      char lo = src.charAt(i + 1);
      return lo >= 0xDD00 && lo <= 0xDDEF ? lo - 0xDD00 + 16 : -1;
    }
    return -1;
  }

  private static boolean selectorBefore(CharSequence src, int i, int from) {
    if (i - 1 < from) {
      return false;
    }
    char p = src.charAt(i - 1);
    return p >= 0xFE00 && p <= 0xFE0F
        || p >= 0xDD00 && p <= 0xDDEF && i - 2 >= from && src.charAt(i - 2) == 0xDB40;
  }

  /**
   * Whether the bidi control at {@code i} stands next to a right-to-left letter (Hebrew, Arabic, Syriac, Thaana and
   * their presentation forms), looking past spaces and other controls: there it embeds or isolates a word of that
   * script. An override around Latin text (Trojan-source style) has none beside it.
   */
  private static boolean besideRightToLeft(CharSequence src, int i, int from, int to) {
    for (int dir = -1; dir <= 1; dir += 2) {
      for (int j = i + dir, k = 0; j >= from && j < to && k < 4; j += dir, k++) {
        char c = src.charAt(j);
        if (c == ' ' || Fold.isBidiControl(c)) {
          continue;
        }
        if (c >= 0x0590 && c <= 0x08FF || c >= 0xFB1D && c <= 0xFDFF || c >= 0xFE70 && c <= 0xFEFE) {
          return true;
        }
        break;
      }
    }
    return false;
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
    boolean wordNative = false;
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
          if (wordLatin && wordOther && !wordNative) {
            mixed++;
          }
          wordLatin = false;
          wordOther = false;
          wordNative = false;
        }
        b.append(f);
        map[n++] = i;
        continue;
      }
      if (Fold.isInvisible(c) || Fold.isBidiControl(c)) {
        if (!(Fold.isBidiControl(c) && besideRightToLeft(src, i, from, to) || c == '\u00AD' && i > from && i + 1 < to
            && Character.isLetter(src.charAt(i - 1)) && Character.isLetter(src.charAt(i + 1)))) {
          // a soft hyphen inside a word is a hyphenation point (its words are still read joined)
          invisibles++; // session 9: embedding marks around Hebrew or Arabic words are formatting, not hiding
        }
        continue;
      }
      int selector = selectorByte(src, i, to);
      if (selector >= 0) {
        int len = c == 0xDB40 ? 2 : 1;
        if (selectorByte(src, i + len, to) >= 0 || selectorBefore(src, i, from)) {
          // session 9: a run of variation selectors spells bytes (text smuggled after one emoji); a single selector
          // after a base character is ordinary emoji presentation and is only dropped
          tags++;
          if (selector >= 0x20 && selector < 0x7F) {
            if (n >= map.length) {
              map = java.util.Arrays.copyOf(map, map.length * 2);
            }
            b.append(Character.toLowerCase((char) selector));
            map[n++] = i;
          }
        }
        i += len - 1;
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
          } else if (Character.isLetter(f)) {
            wordNative = true;
          }
        } else if (f >= 'a' && f <= 'z') {
          wordLatin = true;
        }
        b.append(f);
        map[n++] = i;
      }
      i += span - 1;
    }
    if (wordLatin && wordOther && !wordNative) {
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
