/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One pass over the text that finds every trigger keyword at once (Aho-Corasick compiled to a dense DFA over folded
 * character classes). Rules run their regular expressions only around these hits, so clean text costs one table lookup
 * per character instead of one regex pass per rule. Invisible characters are skipped, so "i\u200Bgnore" still
 * triggers "ignore". The same pass counts runs of base64 characters and notices Unicode tag characters.
 */
final class Triggers {

  /** Receives the hits of one scan. */
  interface Sink {
    /** Keyword {@code id} ended at {@code end} (exclusive, in the scanned text). */
    void hit(int id, int end);

    /** A run of base64/hex alphabet characters of at least {@link #MIN_ENCODED_RUN}; keyword-only scans ignore it. */
    default void encodedRun(int start, int end) {}

    /** A Unicode tag character (surrogate pair starting with U+DB40) at {@code index}; keyword-only scans ignore it. */
    default void tagChar(int index) {}

    /** An invisible or bidi control character at {@code index}; keyword-only scans ignore it. */
    default void invisible(int index) {}
  }

  static final int MIN_ENCODED_RUN = 32;

  private static final int SKIP = -1;
  private static final int FLAG_B64 = 1 << 20;
  private static final int FLAG_SPECIAL = 1 << 21;
  private static final int CLASS_MASK = 0xFFFF;

  private final int[] charClass = new int[65536];
  private final int classes;
  private final int[] delta;
  /** For each state: keyword ids that end here (including via failure links), or null. */
  private final int[][] outputs;
  private final boolean[] hasOutput;
  private final int[] lengths;

  Triggers(List<String> keywords) {
    Map<Character, Integer> classOf = new HashMap<>();
    int next = 1; // class 0 = any other character
    for (String k : keywords) {
      for (int i = 0; i < k.length(); i++) {
        char f = Fold.fold(k.charAt(i));
        if (!classOf.containsKey(f)) {
          classOf.put(f, next++);
        }
      }
    }
    classes = next;
    for (int c = 0; c < 65536; c++) {
      char ch = (char) c;
      int cls;
      if (Fold.isInvisible(ch) || Fold.isBidiControl(ch)) {
        cls = FLAG_SPECIAL;
      } else if (c == 0xDB40) {
        cls = FLAG_SPECIAL;
      } else {
        Integer k = classOf.get(Fold.fold(ch));
        cls = k == null ? 0 : k;
      }
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
          || c == '-' || c == '_') {
        cls |= FLAG_B64;
      }
      charClass[c] = cls;
    }
    // trie
    List<int[]> gotoRows = new ArrayList<>();
    List<List<Integer>> out = new ArrayList<>();
    gotoRows.add(newRow(classes));
    out.add(new ArrayList<>());
    lengths = new int[keywords.size()];
    for (int id = 0; id < keywords.size(); id++) {
      String k = keywords.get(id);
      lengths[id] = k.length();
      int s = 0;
      for (int i = 0; i < k.length(); i++) {
        int cl = classOf.get(Fold.fold(k.charAt(i)));
        int t = gotoRows.get(s)[cl];
        if (t < 0) {
          t = gotoRows.size();
          gotoRows.add(newRow(classes));
          out.add(new ArrayList<>());
          gotoRows.get(s)[cl] = t;
        }
        s = t;
      }
      out.get(s).add(id);
    }
    int n = gotoRows.size();
    delta = new int[n * classes];
    int[] fail = new int[n];
    int[] queue = new int[n];
    int head = 0;
    int tail = 0;
    for (int cl = 0; cl < classes; cl++) {
      int t = gotoRows.get(0)[cl];
      if (t < 0) {
        delta[cl] = 0;
      } else {
        delta[cl] = t;
        fail[t] = 0;
        queue[tail++] = t;
      }
    }
    while (head < tail) {
      int s = queue[head++];
      out.get(s).addAll(out.get(fail[s]));
      for (int cl = 0; cl < classes; cl++) {
        int t = gotoRows.get(s)[cl];
        if (t < 0) {
          delta[s * classes + cl] = delta[fail[s] * classes + cl];
        } else {
          delta[s * classes + cl] = t;
          fail[t] = delta[fail[s] * classes + cl];
          queue[tail++] = t;
        }
      }
    }
    outputs = new int[n][];
    hasOutput = new boolean[n];
    for (int s = 0; s < n; s++) {
      if (!out.get(s).isEmpty()) {
        outputs[s] = out.get(s).stream().mapToInt(Integer::intValue).toArray();
        hasOutput[s] = true;
      }
    }
  }

  private static int[] newRow(int classes) {
    int[] r = new int[classes];
    java.util.Arrays.fill(r, -1);
    return r;
  }

  int keywordLength(int id) {
    return lengths[id];
  }

  /** Scans {@code text[from, to)}. */
  void scan(CharSequence text, int from, int to, Sink sink) {
    int state = 0;
    int run = 0;
    final int[] cc = charClass;
    final int[] d = delta;
    final int k = classes;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      int e = cc[c];
      if ((e & FLAG_B64) != 0) {
        run++;
      } else {
        if (run >= MIN_ENCODED_RUN) {
          sink.encodedRun(i - run, i);
        }
        run = 0;
      }
      if ((e & FLAG_SPECIAL) != 0) {
        if (c == 0xDB40) {
          sink.tagChar(i);
        } else {
          sink.invisible(i);
        }
        continue; // invisible: stay in the current state
      }
      state = d[state * k + (e & CLASS_MASK)];
      if (hasOutput[state]) {
        for (int id : outputs[state]) {
          sink.hit(id, i + 1);
        }
      }
    }
    if (run >= MIN_ENCODED_RUN) {
      sink.encodedRun(to - run, to);
    }
  }
}
