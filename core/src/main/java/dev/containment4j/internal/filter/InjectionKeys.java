/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The literal keys of every injection feature and cue in one Aho-Corasick automaton. One pass over a normalised window
 * tells which features and cues can match at all and where; their regular expressions then run only where the keys
 * present could still add up to the threshold. Every match of a feature or cue contains one of its keys, so skipping
 * the others changes no result, only the cost.
 */
final class InjectionKeys {
  /** Number of phrase features; matcher ids below this are features, the rest cues. */
  static final int FEATURES = InjectionRules.FEATURES.size();
  /** Markdown-image exfiltration, matched by its own code. */
  static final int MARKDOWN = FEATURES + InjectionCues.CUES.size();
  static final int MATCHERS = MARKDOWN + 1;
  private static final Triggers KEYS;
  /** Per key: the matchers that need it. */
  private static final int[][] MATCHERS_OF;
  private static final boolean[] WORD;

  static {
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    for (int f = 0; f < FEATURES; f++) {
      for (String k : InjectionRules.FEATURES.get(f).keys()) {
        byKey.computeIfAbsent(fold(k), x -> new ArrayList<>()).add(f);
      }
    }
    for (int c = 0; c < InjectionCues.CUES.size(); c++) {
      for (String k : InjectionCues.CUES.get(c).keys()) {
        byKey.computeIfAbsent(fold(k), x -> new ArrayList<>()).add(FEATURES + c);
      }
    }
    byKey.computeIfAbsent("](", x -> new ArrayList<>()).add(MARKDOWN);
    List<String> keys = new ArrayList<>(byKey.keySet());
    KEYS = new Triggers(keys);
    MATCHERS_OF = new int[keys.size()][];
    WORD = new boolean[keys.size()];
    for (int i = 0; i < keys.size(); i++) {
      WORD[i] = keys.get(i).charAt(0) >= 'a' && keys.get(i).charAt(0) <= 'z';
      MATCHERS_OF[i] = byKey.get(keys.get(i)).stream().mapToInt(Integer::intValue).distinct().toArray();
    }
  }

  private InjectionKeys() {}

  private static String fold(String k) {
    StringBuilder b = new StringBuilder(k.length());
    for (int i = 0; i < k.length(); i++) {
      b.append(Fold.fold(k.charAt(i)));
    }
    return b.toString();
  }

  static String group(int matcher) {
    if (matcher < FEATURES) {
      return InjectionCues.group(InjectionRules.FEATURES.get(matcher).id());
    }
    return matcher == MARKDOWN ? "transfer" : InjectionCues.group("cue-" + InjectionCues.CUES.get(matcher - FEATURES)
        .group());
  }

  static double weight(int matcher) {
    if (matcher < FEATURES) {
      return InjectionRules.FEATURES.get(matcher).weight();
    }
    return matcher == MARKDOWN ? 1.2 : InjectionCues.CUES.get(matcher - FEATURES).weight();
  }

  /** Receives (matcher, start of the key) for every key occurrence in {@code t} that starts a word. */
  interface Sink {
    void key(int matcher, int start);
  }

  /** Receives every key occurrence: key id, start and end (exclusive). */
  interface KeySink {
    void key(int id, int start, int end);
  }

  /** Every key occurrence in {@code chars[from, to)}, word start or not ({@link #wordKeys} says which must be). */
  static void scanKeys(char[] chars, int from, int to, KeySink sink) {
    KEYS.scan(chars, from, to, (id, end) -> sink.key(id, end - KEYS.keywordLength(id), end));
  }

  /** Per key: whether it counts only at a word start (its first character is a letter). */
  static boolean[] wordKeys() {
    return WORD;
  }

  /** The matchers that need key {@code id}. */
  static int[] matchersOf(int id) {
    return MATCHERS_OF[id];
  }

  /**
   * Whether {@code c} (with {@code before} before it) continues a word, so that a key right after it is no word start.
   * Session 17: the {@code n} of an escaped line break ({@code "fix: typo\\n\\nAI reviewers: …"} in JSON or a log)
   * ends the line it escapes, it starts no word.
   */
  static boolean letterBefore(char c, char before) {
    return Character.isLetter(c) && !(before == '\\' && (c == 'n' || c == 'r' || c == 't'));
  }

  static void scan(String t, Sink sink) {
    KEYS.scan(t, 0, t.length(), (id, end) -> {
      int start = end - KEYS.keywordLength(id);
      if (WORD[id] && start > 0 && letterBefore(t.charAt(start - 1), start > 1 ? t.charAt(start - 2) : ' ')) {
        return; // keys are word starts: "ai" in "detail", "use" in "because" are not keys
      }
      for (int m : MATCHERS_OF[id]) {
        sink.key(m, start);
      }
    });
  }
}
