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
 *
 * <p>Most text is printable ASCII, so the automaton also has a compact copy for it ({@link AsciiPath}): the states an
 * ASCII character can reach, over the classes ASCII characters fall in (tens instead of hundreds, a {@code char} table
 * small enough for the L2 cache). It is derived from the same tables, so it reports exactly the same hits; the scan
 * leaves it at the first non-ASCII character and re-enters it at the next ASCII one.
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
  /** The compact copy for ASCII characters, or null when the automaton has too many ASCII states for it. */
  private final AsciiPath ascii;

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
    ascii = AsciiPath.of(charClass, delta, classes, hasOutput);
  }

  /**
   * The automaton restricted to ASCII input: every state reachable from the start by ASCII characters alone, over
   * the distinct classes of the ASCII characters. Built from the full tables, so a step here is the full step.
   */
  private static final class AsciiPath {
    /** Compact class of each ASCII character. */
    final byte[] cls = new byte[128];
    /** Whether an ASCII character belongs to the base64/hex alphabet. */
    final boolean[] b64 = new boolean[128];
    final int width;
    final char[] delta;
    /** Compact state to full state, and back (-1: not reachable by ASCII). */
    final int[] full;
    final int[] compact;
    final boolean[] hasOutput;

    private AsciiPath(int width, int states, int fullStates) {
      this.width = width;
      this.delta = new char[states * width];
      this.full = new int[states];
      this.compact = new int[fullStates];
      this.hasOutput = new boolean[states];
    }

    static AsciiPath of(int[] charClass, int[] delta, int classes, boolean[] hasOutput) {
      int[] compactOf = new int[classes];
      java.util.Arrays.fill(compactOf, -1);
      int[] fullClassOf = new int[128];
      int width = 0;
      for (int c = 0; c < 128; c++) {
        if ((charClass[c] & FLAG_SPECIAL) != 0) {
          return null; // an ASCII character the full scan treats specially: no compact copy
        }
        int k = charClass[c] & CLASS_MASK;
        if (compactOf[k] < 0) {
          compactOf[k] = width++;
        }
        fullClassOf[c] = k;
      }
      int[] distinct = new int[width];
      for (int k = 0; k < classes; k++) {
        if (compactOf[k] >= 0) {
          distinct[compactOf[k]] = k;
        }
      }
      int fullStates = hasOutput.length;
      int[] compact = new int[fullStates];
      java.util.Arrays.fill(compact, -1);
      int[] order = new int[fullStates];
      int n = 0;
      compact[0] = 0;
      order[n++] = 0;
      for (int head = 0; head < n; head++) {
        int s = order[head];
        for (int w = 0; w < width; w++) {
          int t = delta[s * classes + distinct[w]];
          if (compact[t] < 0) {
            compact[t] = n;
            order[n++] = t;
          }
        }
      }
      if (n > Character.MAX_VALUE + 1) {
        return null; // more states than a char table can name
      }
      AsciiPath p = new AsciiPath(width, n, fullStates);
      System.arraycopy(compact, 0, p.compact, 0, fullStates);
      for (int i = 0; i < n; i++) {
        int s = order[i];
        p.full[i] = s;
        p.hasOutput[i] = hasOutput[s];
        for (int w = 0; w < width; w++) {
          p.delta[i * width + w] = (char) compact[delta[s * classes + distinct[w]]];
        }
      }
      for (int c = 0; c < 128; c++) {
        p.cls[c] = (byte) compactOf[fullClassOf[c]];
        p.b64[c] = (charClass[c] & FLAG_B64) != 0;
      }
      return p;
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
    if (ascii == null) {
      scanFull(text, from, to, sink);
      return;
    }
    // the text is read in blocks into an array: no interface call and no String coder check per character
    char[] buf = new char[Math.min(BLOCK, Math.max(0, to - from))];
    int[] st = {0, 0, 0}; // compact state (-1: in the full automaton), full state, base64 run
    for (int b = from; b < to; b += BLOCK) {
      int e = Math.min(to, b + BLOCK);
      if (text instanceof String str) {
        str.getChars(b, e, buf, 0);
      } else {
        for (int i = b; i < e; i++) {
          buf[i - b] = text.charAt(i);
        }
      }
      step(buf, 0, e - b, b, st, sink);
    }
    if (st[2] >= MIN_ENCODED_RUN) {
      sink.encodedRun(to - st[2], to);
    }
  }

  /** Scans {@code chars[from, to)}; hit ends are indices into {@code chars}. */
  void scan(char[] chars, int from, int to, Sink sink) {
    if (ascii == null) {
      scanFull(java.nio.CharBuffer.wrap(chars), from, to, sink);
      return;
    }
    int[] st = {0, 0, 0};
    step(chars, from, to, 0, st, sink);
    if (st[2] >= MIN_ENCODED_RUN) {
      sink.encodedRun(to - st[2], to);
    }
  }

  private static final int BLOCK = 8192;

  /** One block: {@code buf[from,to)} holds the text at {@code base + from}; {@code st} carries the state across. */
  private void step(char[] buf, int from, int to, int base, int[] st, Sink sink) {
    final AsciiPath a = ascii;
    final byte[] acls = a.cls;
    final boolean[] ab64 = a.b64;
    final char[] ad = a.delta;
    final boolean[] aout = a.hasOutput;
    final int w = a.width;
    final int[] cc = charClass;
    final int[] d = delta;
    final int k = classes;
    int cs = st[0];
    int state = st[1];
    int run = st[2];
    for (int j = from; j < to; j++) {
      char c = buf[j];
      if (c < 128) {
        if (cs < 0) {
          cs = a.compact[state]; // back on the compact table when the full state is one ASCII can reach
        }
        if (cs >= 0) {
          if (ab64[c]) {
            run++;
          } else {
            if (run >= MIN_ENCODED_RUN) {
              sink.encodedRun(base + j - run, base + j);
            }
            run = 0;
          }
          cs = ad[cs * w + acls[c]];
          if (aout[cs]) {
            for (int id : outputs[a.full[cs]]) {
              sink.hit(id, base + j + 1);
            }
          }
          continue;
        }
      }
      if (cs >= 0) {
        state = a.full[cs];
        cs = -1;
      }
      int e = cc[c];
      if ((e & FLAG_B64) != 0) {
        run++;
      } else {
        if (run >= MIN_ENCODED_RUN) {
          sink.encodedRun(base + j - run, base + j);
        }
        run = 0;
      }
      if ((e & FLAG_SPECIAL) != 0) {
        if (c == 0xDB40) {
          sink.tagChar(base + j);
        } else {
          sink.invisible(base + j);
        }
        continue; // invisible: stay in the current state
      }
      state = d[state * k + (e & CLASS_MASK)];
      if (hasOutput[state]) {
        for (int id : outputs[state]) {
          sink.hit(id, base + j + 1);
        }
      }
    }
    st[0] = cs;
    st[1] = state;
    st[2] = run;
  }

  /** The scan on the full tables only (the reference the compact path must agree with). */
  void scanFull(CharSequence text, int from, int to, Sink sink) {
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

  /** Whether the compact ASCII copy exists (tests: it must, for the built-in rules). */
  boolean hasAsciiPath() {
    return ascii != null;
  }
}
