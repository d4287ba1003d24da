/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

/**
 * The gate's literal occurrences and the scorer's key occurrences in one stretch of text, found by ONE pass of each
 * automaton over the stretch, for all the windows that lie in it. A window then reads its slice of the two lists
 * (binary search, no copy, no re-scan, no sort) instead of lower-casing, collapsing and scanning itself.
 *
 * <p>What a window reads here is exactly what the per-window scans found on its ASCII text: an automaton reports every
 * occurrence, so the occurrences inside a window are those of the stretch that lie wholly in it. The literals are
 * found in the whitespace-collapsed stretch (see {@link Prefilter#ofCollapsed}), the collapse being the offset map
 * {@link #first}: the window's collapsed text is a slice of the stretch's, a whitespace run cut by the window's edge
 * being one space in both; an occurrence's place in the window is clamped to the window as the per-window collapse
 * did. Keys are word starts: a key at the window's first character counts whatever precedes it, as before. Only
 * windows of ASCII characters read an index (others are normalised first, which moves offsets); the automata skip
 * invisible characters outside such a window, which can only make a reported start fall before the window, never
 * inside it.
 */
final class WindowIndex {
  private final CharSequence text;
  private final Triggers literalAutomaton;
  /** The stretch of the text the lists below cover (empty until {@link #cover}). */
  private int start;
  private int end;

  /** Literal occurrences, ordered by latest start: literal id, and where it lies (absolute offsets). */
  private int[] litId = new int[64];
  /** Raw index of the last character of the occurrence's first collapsed character (its latest start). */
  private int[] litStart = new int[64];
  /** Raw index of the first character of the occurrence's last collapsed character (its earliest end, minus 1). */
  private int[] litLast = new int[64];
  private int lits;
  /**
   * Occurrences of a one-character literal on a whitespace run of several characters (latest start after the first
   * character: the run's last), kept apart so that {@link #litStart} orders the rest by where they end as well.
   */
  private final IntList runs = new IntList(); // id, latest start, first character: triples, in text order

  /** Key occurrences in the order the automaton reports them (by end): key id, start and end (absolute). */
  private int[] keyId = new int[64];
  private int[] keyStart = new int[64];
  private int[] keyEnd = new int[64];
  /** Whether a letter precedes the key (a word key there is no key, unless the window starts at it). */
  private boolean[] letterBefore = new boolean[64];
  private int keys;

  /** Scratch of {@link #cover}, reused from stretch to stretch. */
  private char[] raw = new char[0];
  private char[] collapsed = new char[0];
  private int[] first = new int[1];
  /** Scratch of {@link #sortLiterals}: occurrences per start, then where each start's run begins. */
  private int[] count = new int[0];

  /** Stamps for the condition test of one window ({@link #nextStamp}): no clearing per window. */
  final int[] literalStamp;
  private final int[] matcherStamp;
  /** The matchers with a key in the window last stamped ({@link #stampMatchers}). */
  final int[] keyed;
  private int stamp;

  /**
   * An index of {@code text} for the gate's literals ({@code literals}, {@code literalCount} of them) and the keys of
   * {@code matchers} matchers; it covers nothing until {@link #cover} is called.
   */
  WindowIndex(CharSequence text, Triggers literals, int literalCount, int matchers) {
    this.text = text;
    this.literalAutomaton = literals;
    this.literalStamp = new int[literalCount];
    this.matcherStamp = new int[matchers];
    this.keyed = new int[matchers];
  }

  /** Whether {@code [from, to)} of {@code t} lies in the covered stretch. */
  boolean covers(CharSequence t, int from, int to) {
    return t == text && from >= start && to <= end;
  }

  /** A mark no stamp carries yet. */
  int nextStamp() {
    return ++stamp;
  }

  /**
   * Makes the index cover {@code text[from, to)} (and nothing else): scans it once with the gate's literal automaton,
   * on its collapsed form, and once with the key automaton.
   */
  void cover(int from, int to) {
    start = from;
    end = to;
    lits = 0;
    keys = 0;
    runs.clear();
    int n = to - from;
    if (raw.length < n) {
      raw = new char[Math.max(n, 2 * raw.length)];
      collapsed = new char[raw.length];
      first = new int[raw.length + 1];
    }
    final char[] r = raw;
    if (text instanceof String s) {
      s.getChars(from, to, r, 0);
    } else {
      for (int i = 0; i < n; i++) {
        r[i] = text.charAt(from + i);
      }
    }
    // the collapse as an offset map: collapsed character k came from raw[first[k] .. first[k + 1] - 1]
    final char[] c = collapsed;
    final int[] f = first;
    int k = 0;
    for (int i = 0; i < n; i++) {
      char x = r[i];
      if (Prefilter.isSpace(x)) {
        if (k > 0 && c[k - 1] == ' ') {
          continue; // every character joins the previous collapsed one or opens the next: a ' ' there is a run
        }
        x = ' ';
      }
      c[k] = x;
      f[k] = i;
      k++;
    }
    f[k] = n;
    literalAutomaton.scan(c, 0, k, (id, e) -> {
      int s = e - literalAutomaton.keywordLength(id);
      addLiteral(id, from + f[s + 1] - 1, from + f[e - 1]);
    });
    sortLiterals();
    InjectionKeys.scanKeys(r, 0, n, (id, s, e) -> addKey(id, from + s, from + e, s > 0
        && InjectionKeys.letterBefore(r[s - 1], s > 1 ? r[s - 2] : ' ')));
  }

  private void addLiteral(int id, int latestStart, int firstOfLast) {
    if (latestStart > firstOfLast) {
      runs.add(id);
      runs.add(latestStart);
      runs.add(firstOfLast);
      return;
    }
    if (lits == litId.length) {
      litId = java.util.Arrays.copyOf(litId, lits * 2);
      litStart = java.util.Arrays.copyOf(litStart, lits * 2);
      litLast = java.util.Arrays.copyOf(litLast, lits * 2);
    }
    litId[lits] = id;
    litStart[lits] = latestStart;
    litLast[lits] = firstOfLast;
    lits++;
  }

  private void addKey(int id, int s, int e, boolean letter) {
    if (keys == keyId.length) {
      keyId = java.util.Arrays.copyOf(keyId, keys * 2);
      keyStart = java.util.Arrays.copyOf(keyStart, keys * 2);
      keyEnd = java.util.Arrays.copyOf(keyEnd, keys * 2);
      letterBefore = java.util.Arrays.copyOf(letterBefore, keys * 2);
    }
    keyId[keys] = id;
    keyStart[keys] = s;
    keyEnd[keys] = e;
    letterBefore[keys] = letter;
    keys++;
  }

  /**
   * Once per stretch: the automaton reports by end, windows read by start. A stable counting sort on the start
   * (every start lies in the stretch, and real text has a literal occurrence every two or three characters, so this
   * is linear where a comparison sort of hundreds of thousands of occurrences per MB was not); equal starts keep the
   * automaton's order, as the comparison sort of (start, index) did.
   */
  private void sortLiterals() {
    int span = end - start;
    if (count.length < span + 1) {
      count = new int[Math.max(span + 1, 2 * count.length)];
    }
    final int[] c = count;
    java.util.Arrays.fill(c, 0, span + 1, 0);
    for (int i = 0; i < lits; i++) {
      c[litStart[i] - start + 1]++;
    }
    for (int k = 1; k <= span; k++) {
      c[k] += c[k - 1];
    }
    int[] l = new int[litId.length];
    int[] s = new int[litId.length];
    int[] e = new int[litId.length];
    for (int i = 0; i < lits; i++) {
      int j = c[litStart[i] - start]++;
      l[j] = litId[i];
      s[j] = litStart[i];
      e[j] = litLast[i];
    }
    litId = l;
    litStart = s;
    litLast = e;
  }

  /** Receives one occurrence of a window's slice, placed in the window (offsets relative to its start). */
  interface LiteralSink {
    void literal(int id, int startLatest, int endEarliest);
  }

  /** Receives one key of a window's slice: key id, start relative to the window. */
  interface KeySink {
    void key(int id, int start);
  }

  /**
   * The literal occurrences of window {@code [from, to)} in order of their latest start, placed as the window's own
   * collapse places them (a whitespace run cut by the window's edge ends or starts there).
   */
  void literals(int from, int to, LiteralSink sink) {
    int r = firstRunAtOrAfter(from);
    for (int i = firstLiteralAtOrAfter(from); i < lits && litStart[i] < to; i++) {
      if (litLast[i] < to) {
        int s = litStart[i];
        for (; r < runs.size() && runs.get(r + 2) < to && Math.min(runs.get(r + 1), to - 1) < s; r += 3) {
          run(r, from, to, sink);
        }
        sink.literal(litId[i], s - from, Math.max(litLast[i], from) + 1 - from);
      }
    }
    for (; r < runs.size() && runs.get(r + 2) < to; r += 3) {
      run(r, from, to, sink);
    }
  }

  private void run(int r, int from, int to, LiteralSink sink) {
    sink.literal(runs.get(r), Math.min(runs.get(r + 1), to - 1) - from, Math.max(runs.get(r + 2), from) + 1 - from);
  }

  /** Stamps with {@code mark} the id of every literal occurring in window {@code [from, to)}. */
  void stampLiterals(int from, int to, int mark) {
    final int[] st = literalStamp;
    for (int i = firstLiteralAtOrAfter(from); i < lits && litStart[i] < to; i++) {
      if (litLast[i] < to) {
        st[litId[i]] = mark;
      }
    }
    for (int r = firstRunAtOrAfter(from); r < runs.size() && runs.get(r + 2) < to; r += 3) {
      st[runs.get(r)] = mark;
    }
  }

  /** The first run triple whose latest start is at or after {@code p} (runs do not overlap: ordered both ways). */
  private int firstRunAtOrAfter(int p) {
    int lo = 0;
    int hi = runs.size() / 3;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (runs.get(3 * mid + 1) < p) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return 3 * lo;
  }

  /**
   * Stamps with {@code mark} every matcher that has a key in window {@code [from, to)} and lists each once in
   * {@link #keyed}; returns how many.
   */
  int stampMatchers(int from, int to, boolean[] word, int mark) {
    final int[] st = matcherStamp;
    int n = 0;
    for (int i = firstKeyEndingAfter(from); i < keys && keyEnd[i] <= to; i++) {
      int s = keyStart[i];
      if (s >= from && !(word[keyId[i]] && s > from && letterBefore[i])) {
        for (int m : InjectionKeys.matchersOf(keyId[i])) {
          if (st[m] != mark) {
            st[m] = mark;
            keyed[n++] = m;
          }
        }
      }
    }
    return n;
  }

  /** The keys of window {@code [from, to)} in the order the window's own scan reports them. */
  void keys(int from, int to, boolean[] word, KeySink sink) {
    for (int i = firstKeyEndingAfter(from); i < keys && keyEnd[i] <= to; i++) {
      int s = keyStart[i];
      if (s >= from && !(word[keyId[i]] && s > from && letterBefore[i])) {
        sink.key(keyId[i], s - from);
      }
    }
  }

  private int firstLiteralAtOrAfter(int p) {
    int lo = 0;
    int hi = lits;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (litStart[mid] < p) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private int firstKeyEndingAfter(int p) {
    int lo = 0;
    int hi = keys;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (keyEnd[mid] <= p) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
