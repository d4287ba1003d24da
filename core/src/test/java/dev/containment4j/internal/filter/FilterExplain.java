/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import dev.containment4j.guard.FilterContext;
import dev.containment4j.guard.FilterResult;
import dev.containment4j.policy.Policy;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Why a text is or is not flagged (not a test: a tool run by hand while writing rules). For each argument (a text;
 * {@code \n} stands for a line break) it prints every feature and cue that matches the normalised text with its
 * weight and damping, per sentence, and the filter's decision and findings. After {@code --raw} the arguments are
 * taken as they are (an escaped line break inside a JSON string stays escaped).
 *
 * <pre>
 * java -cp core/target/test-classes:core/target/classes:DEPS dev.containment4j.internal.filter.FilterExplain TEXT...
 * </pre>
 */
public final class FilterExplain {
  private static final PolicyFilter FILTER =
      PolicyFilter.of(new Policy.Content(Policy.SecretsMode.REDACT, Policy.InjectionMode.QUARANTINE, 0));

  private FilterExplain() {}

  public static void main(String[] args) throws Exception {
    Method damping = InjectionDetector.class.getDeclaredMethod("damping", String.class, InjectionDetector.Hit.class,
        boolean.class);
    damping.setAccessible(true);
    boolean raw = false;
    for (String a : args) {
      if (a.equals("--raw")) { // later arguments are taken as they are: "\\n" stays a backslash and an n
        raw = true;
        continue;
      }
      String text = raw ? a : a.replace("\\n", "\n");
      String t = Normalized.of(text, 0, text.length()).text;
      List<InjectionDetector.Hit> hits = new ArrayList<>();
      for (InjectionRules.Feature f : InjectionRules.FEATURES) {
        java.util.regex.Matcher m = f.pattern().matcher(t);
        while (m.find()) {
          if (m.end() > m.start()) {
            hits.add(new InjectionDetector.Hit(f.id(), f.weight(), m.start(), m.end(), m.group()));
          }
        }
      }
      for (InjectionCues.Cue c : InjectionCues.CUES) {
        InjectionCues.find(c, t, 0, t.length(), hits);
      }
      hits.sort((x, y) -> Integer.compare(x.start(), y.start()));
      int[] starts = InjectionDetector.sentenceStarts(t);
      System.out.println("=== " + text.replace("\n", "\\n"));
      for (InjectionDetector.Hit h : hits) {
        int s = 0;
        while (s + 1 < starts.length && starts[s + 1] <= h.start()) {
          s++;
        }
        double d = (double) damping.invoke(null, t, h, true);
        System.out.println(String.format(Locale.ROOT, "  s%-2d %-22s %-10s w=%.2f d=%.2f  %s", s, h.id(),
            InjectionCues.group(h.id()), h.weight(), d, h.text().replace("\n", "\\n")));
      }
      FilterResult r = FILTER.filter(text, FilterContext.standalone());
      System.out.println("  -> " + r.decision() + " " + r.findings().stream()
          .map(f -> f.type() + ":" + f.rule() + String.format(Locale.ROOT, "@%.2f", f.score())).toList());
    }
  }
}
