/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Runs every built-in detector over a text with ONE trigger pass: secret rules run their regex only in a window
 * around their anchor, injection features only in merged windows around theirs, PII on a digit/'@' walk.
 * Stateless and thread-safe.
 */
final class Scanner {
  /** What to look for. */
  record Scope(boolean secrets, boolean injection, boolean pii) {}

  private static final Triggers TRIGGERS;
  /** Per keyword: indices into {@link SecretRules#ALL}. */
  private static final int[][] SECRET_RULES_OF;
  private static final boolean[] INJECTION_ANCHOR;
  private static final boolean[] K8S_ANCHOR;
  private static final boolean[] OBFUSCATED_ANCHOR;
  private static final boolean[] ESCAPED_ANCHOR;
  private static final boolean[] ROT13_ANCHOR;

  static {
    Map<String, List<Integer>> secret = new LinkedHashMap<>();
    Set<String> injection = new HashSet<>();
    Set<String> k8s = Set.of("kind: secret", "\"kind\": \"secret\"", "\"kind\":\"secret\"");
    for (int r = 0; r < SecretRules.ALL.size(); r++) {
      for (String a : SecretRules.ALL.get(r).anchors()) {
        secret.computeIfAbsent(key(a), x -> new ArrayList<>()).add(r);
      }
    }
    for (String a : InjectionRules.Anchors.WORDS) {
      injection.add(key(a));
    }
    for (String a : InjectionRules.Anchors.LEXICON) {
      injection.add(key(a));
    }
    for (String a : InjectionCues.ANCHORS) {
      injection.add(key(a));
    }
    for (String a : MultilingualCues.ANCHORS) {
      injection.add(key(a));
    }
    List<String> all = new ArrayList<>(secret.keySet());
    for (String a : injection) {
      if (!secret.containsKey(a)) {
        all.add(a);
      }
    }
    for (String a : k8s) {
      if (!all.contains(key(a))) {
        all.add(key(a));
      }
    }
    Set<String> obfuscated = anchorKeys(InjectionDetector.OBFUSCATED_ANCHORS, all);
    Set<String> escaped = anchorKeys(InjectionDetector.ESCAPED_ANCHORS, all);
    Set<String> rot13 = anchorKeys(InjectionDetector.ROT13_ANCHORS, all);
    TRIGGERS = new Triggers(all);
    SECRET_RULES_OF = new int[all.size()][];
    INJECTION_ANCHOR = new boolean[all.size()];
    K8S_ANCHOR = new boolean[all.size()];
    OBFUSCATED_ANCHOR = new boolean[all.size()];
    ESCAPED_ANCHOR = new boolean[all.size()];
    ROT13_ANCHOR = new boolean[all.size()];
    for (int i = 0; i < all.size(); i++) {
      String k = all.get(i);
      List<Integer> rules = secret.get(k);
      SECRET_RULES_OF[i] = rules == null ? new int[0] : rules.stream().mapToInt(Integer::intValue).toArray();
      INJECTION_ANCHOR[i] = injection.contains(k);
      K8S_ANCHOR[i] = k8s.contains(k);
      OBFUSCATED_ANCHOR[i] = obfuscated.contains(k);
      ESCAPED_ANCHOR[i] = escaped.contains(k);
      ROT13_ANCHOR[i] = rot13.contains(k);
    }
  }

  private Scanner() {}

  /** The trigger keys of {@code anchors}, each added to {@code all} once. */
  private static Set<String> anchorKeys(List<String> anchors, List<String> all) {
    Set<String> keys = new HashSet<>();
    for (String a : anchors) {
      String k = key(a);
      keys.add(k);
      if (!all.contains(k)) {
        all.add(k);
      }
    }
    return keys;
  }

  private static String key(String anchor) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < anchor.length(); i++) {
      b.append(Fold.fold(anchor.charAt(i)));
    }
    return b.toString();
  }

  /** Scans {@code text[from,to)}; returned spans use absolute offsets. */
  static List<Span> scan(CharSequence text, int from, int to, Scope scope) {
    List<Span> out = new ArrayList<>();
    InjectionDetector.Hits inj = new InjectionDetector.Hits();
    IntList secretHits = new IntList(); // keyword, end
    IntList k8sHits = new IntList();
    IntList encodedRuns = new IntList(); // start,end pairs, for secrets inside base64
    TRIGGERS.scan(text, from, to, new Triggers.Sink() {
      @Override
      public void hit(int id, int end) {
        if (scope.secrets && SECRET_RULES_OF[id].length > 0) {
          secretHits.add(id);
          secretHits.add(end);
        }
        if (scope.injection && INJECTION_ANCHOR[id]) {
          inj.hot.add(end);
        }
        if (scope.secrets && K8S_ANCHOR[id]) {
          k8sHits.add(end);
        }
        if (scope.injection && ESCAPED_ANCHOR[id]) {
          inj.escaped.add(end);
        }
        if (scope.injection && ROT13_ANCHOR[id]) {
          inj.rot13.add(end);
        }
        if (scope.injection && OBFUSCATED_ANCHOR[id]) {
          inj.obfuscated.add(end);
        }
      }

      @Override
      public void encodedRun(int start, int end) {
        if (scope.secrets) {
          encodedRuns.add(start);
          encodedRuns.add(end);
        }
        if (scope.injection) {
          inj.encoded.add(start);
          inj.encoded.add(end);
        }
      }

      @Override
      public void tagChar(int index) {
        if (scope.injection && (inj.tags.size() == 0 || index - inj.tags.get(inj.tags.size() - 1) > 200)) {
          inj.tags.add(index);
        }
      }

      @Override
      public void invisible(int index) {
        if (scope.injection && (inj.invisible.size() == 0
            || index - inj.invisible.get(inj.invisible.size() - 1) > 200)) {
          inj.invisible.add(index);
        }
      }
    });
    if (scope.secrets) {
      secrets(text, from, to, secretHits, out);
      for (int i = 0; i < k8sHits.size(); i++) {
        K8sSecrets.detect(text, from, to, k8sHits.get(i), out);
      }
      EncodedSecrets.detect(text, encodedRuns, out);
    }
    if (scope.injection) {
      InjectionDetector.detect(text, from, to, inj, out);
    }
    if (scope.pii) {
      PiiDetector.detect(text, from, to, out);
    }
    return out;
  }

  private static final String ASSIGNMENT = "secret-assignment";

  private static boolean isIdentifier(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
        || c == '-';
  }

  private static void accept(SecretRule rule, int r, Matcher m, Set<Long> seen, List<Span> out) {
    String value = m.group(rule.group());
    if (value == null || !rule.check().accept(value)) {
      return;
    }
    int s = m.start(rule.group());
    int e = m.end(rule.group());
    long id = ((long) r << 48) ^ ((long) s << 24) ^ e;
    if (seen.add(id)) {
      out.add(new Span("secret", rule.id(), s, e, 0.9, true, rule.priority()));
    }
  }

  private static void secrets(CharSequence text, int from, int to, IntList hits, List<Span> out) {
    int n = SecretRules.ALL.size();
    int[] lastStart = new int[n];
    int[] lastEnd = new int[n];
    java.util.Arrays.fill(lastEnd, -1);
    Set<Long> seen = new HashSet<>();
    for (int h = 0; h + 1 < hits.size(); h += 2) {
      int kw = hits.get(h);
      int end = hits.get(h + 1);
      for (int r : SECRET_RULES_OF[kw]) {
        SecretRule rule = SecretRules.ALL.get(r);
        if (rule.id().equals(ASSIGNMENT)) {
          Matcher m = rule.pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
          // the generic rule is tried once, at the start of the identifier that holds the keyword: O(1) per hit
          int id0 = end - TRIGGERS.keywordLength(kw);
          int limit = Math.max(from, id0 - 40);
          while (id0 > limit && isIdentifier(text.charAt(id0 - 1))) {
            id0--;
          }
          if (id0 > from && (text.charAt(id0 - 1) == '"' || text.charAt(id0 - 1) == '\'')) {
            id0--;
          }
          m.region(id0, Math.min(to, id0 + rule.forward()));
          if (m.lookingAt()) {
            accept(rule, r, m, seen, out);
          }
          continue;
        }
        int ws = Math.max(from, end - TRIGGERS.keywordLength(kw) - rule.back());
        int we = Math.min(to, end + rule.forward());
        if (lastEnd[r] >= 0 && ws >= lastStart[r] && we <= lastEnd[r]) {
          continue; // this window was already searched
        }
        if (lastEnd[r] >= 0 && ws < lastEnd[r] && ws >= lastStart[r]) {
          ws = Math.max(ws, lastEnd[r] - rule.forward() - 64); // overlap enough for a match straddling the seam
        }
        lastStart[r] = ws;
        lastEnd[r] = we;
        Matcher m = rule.pattern().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
        m.region(ws, we);
        while (m.find()) {
          int g = rule.group();
          if (g < 0) {
            g = 1;
            while (g <= m.groupCount() && m.group(g) == null) {
              g++;
            }
            if (g > m.groupCount()) {
              continue;
            }
          }
          String value = m.group(g);
          if (value == null || !rule.check().accept(value)) {
            continue;
          }
          int s = m.start(g);
          int e = m.end(g);
          long id = ((long) r << 48) ^ ((long) s << 24) ^ e;
          if (seen.add(id)) {
            out.add(new Span("secret", rule.id(), s, e, 0.9, true, rule.priority()));
          }
        }
      }
    }
  }
}
