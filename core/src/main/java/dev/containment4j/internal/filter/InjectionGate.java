/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides, before a window is normalised and scored, whether it can produce any injection finding at all. Every
 * feature, cue and the markdown rule has a {@link Prefilter} condition derived from its regex ("ignore" AND
 * "instructions", not "ignore" alone); one automaton pass over the window tells which conditions hold, and the
 * highest score the possible ones could add up to (each feature id or cue group at its top weight, with every bonus
 * the scoring can give) is compared with the thresholds. A window that cannot reach them is skipped: its result
 * would have been empty, so skipping changes nothing but the cost.
 *
 * <p>Only the text the scorer would see is read: the window itself (ASCII windows lower-cased, others normalised
 * first; runs of whitespace collapsed, see {@link Prefilter#ofCollapsed}) and, for hiding markup, the 600
 * characters before it. Windows with tag characters or several
 * invisible characters always go to the scorer (it reports those on their own).
 */
final class InjectionGate {
  /** Floating-point slack: the bound adds the same weights as the scorer, in another order. */
  private static final double EPSILON = 1e-9;
  /** How far before a window the scorer looks for markup that hides text. */
  private static final int HIDE_REACH = 600;

  private static final int FEATURES = InjectionRules.FEATURES.size();
  private static final int CUES = InjectionCues.CUES.size();
  /** Matchers: the features, then the cues, then markdown exfiltration. */
  private static final int MATCHERS = FEATURES + CUES + 1;

  private static final Triggers LITERALS;
  /** Per literal: the matchers whose condition mentions it. */
  private static final int[][] MATCHERS_OF;
  /** Per matcher: its condition over literal ids. */
  private static final Prefilter.Cond[] COND;
  private static final Map<String, Integer> LITERAL_ID = new HashMap<>();
  private static final Check[] CHECK;
  /** Matchers whose condition is always true (nothing to gate on). */
  private static final int[] ALWAYS;
  /** Per matcher: index of its feature id (cluster scoring), or -1 for cues. */
  private static final int[] ID_OF;
  private static final int IDS;
  private static final boolean[] STRONG_ID;
  /** Per matcher: index of its group (sentence scoring). */
  private static final int[] GROUP_OF;
  private static final String[] GROUPS;
  private static final double[] WEIGHT;
  private static final int OVERRIDE;
  private static final Triggers HIDE;
  private static final Pattern[] PATTERN;

  static {
    List<Pattern> patterns = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    List<String> groups = new ArrayList<>();
    WEIGHT = new double[MATCHERS];
    for (int f = 0; f < FEATURES; f++) {
      InjectionRules.Feature feature = InjectionRules.FEATURES.get(f);
      patterns.add(feature.pattern());
      ids.add(feature.id());
      groups.add(InjectionCues.group(feature.id()));
      WEIGHT[f] = feature.weight();
    }
    for (int c = 0; c < CUES; c++) {
      InjectionCues.Cue cue = InjectionCues.CUES.get(c);
      patterns.add(cue.pattern());
      ids.add(null);
      groups.add(InjectionCues.group("cue-" + cue.group()));
      WEIGHT[FEATURES + c] = cue.weight();
    }
    patterns.add(InjectionDetector.MARKDOWN_EXFIL);
    ids.add("markdown-exfil");
    groups.add(InjectionCues.group("markdown-exfil"));
    WEIGHT[MATCHERS - 1] = InjectionDetector.MARKDOWN_MAX_WEIGHT;

    PATTERN = patterns.toArray(Pattern[]::new);
    COND = new Prefilter.Cond[MATCHERS];
    Set<String> literals = new LinkedHashSet<>();
    for (int m = 0; m < MATCHERS; m++) {
      COND[m] = Prefilter.ofCollapsed(patterns.get(m));
      Prefilter.literals(COND[m], literals);
    }
    List<String> lits = new ArrayList<>(literals);
    for (int i = 0; i < lits.size(); i++) {
      LITERAL_ID.put(lits.get(i), i);
    }
    CHECK = new Check[MATCHERS];
    for (int m = 0; m < MATCHERS; m++) {
      CHECK[m] = compile(COND[m]);
    }
    List<List<Integer>> of = new ArrayList<>();
    lits.forEach(l -> of.add(new ArrayList<>()));
    List<Integer> always = new ArrayList<>();
    for (int m = 0; m < MATCHERS; m++) {
      Set<String> mine = new LinkedHashSet<>();
      Prefilter.literals(COND[m], mine);
      if (mine.isEmpty()) {
        always.add(m);
      }
      for (String l : mine) {
        of.get(LITERAL_ID.get(l)).add(m);
      }
    }
    LITERALS = new Triggers(lits.isEmpty() ? List.of("\u0000") : lits);
    MATCHERS_OF = new int[lits.size()][];
    for (int i = 0; i < lits.size(); i++) {
      MATCHERS_OF[i] = of.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
    ALWAYS = always.stream().mapToInt(Integer::intValue).toArray();

    List<String> idNames = new ArrayList<>();
    ID_OF = new int[MATCHERS];
    for (int m = 0; m < MATCHERS; m++) {
      String id = ids.get(m);
      if (id == null) {
        ID_OF[m] = -1;
      } else {
        if (!idNames.contains(id)) {
          idNames.add(id);
        }
        ID_OF[m] = idNames.indexOf(id);
      }
    }
    IDS = idNames.size();
    STRONG_ID = new boolean[IDS];
    for (int i = 0; i < IDS; i++) {
      STRONG_ID[i] = InjectionDetector.STRONG.contains(idNames.get(i));
    }
    List<String> groupNames = new ArrayList<>();
    GROUP_OF = new int[MATCHERS];
    for (int m = 0; m < MATCHERS; m++) {
      if (!groupNames.contains(groups.get(m))) {
        groupNames.add(groups.get(m));
      }
      GROUP_OF[m] = groupNames.indexOf(groups.get(m));
    }
    GROUPS = groupNames.toArray(String[]::new);
    OVERRIDE = groupNames.indexOf("override");
    Set<String> hide = new LinkedHashSet<>();
    hide.add("<!--");
    Prefilter.literals(Prefilter.ofIgnoringAsciiCase(InjectionDetector.HIDDEN_STYLE), hide);
    boolean hideKnown = !(Prefilter.ofIgnoringAsciiCase(InjectionDetector.HIDDEN_STYLE) instanceof Prefilter.Always);
    HIDE = hideKnown ? new Triggers(new ArrayList<>(hide)) : null;
  }

  private InjectionGate() {}

  /** Number of literals the gate looks for (for tests and the benchmark). */
  static int literals() {
    return LITERAL_ID.size();
  }

  /** The condition of matcher {@code m} (features, then cues, then markdown). */
  static Prefilter.Cond condition(int m) {
    return COND[m];
  }

  /** The regex of matcher {@code m}. */
  static Pattern pattern(int m) {
    return PATTERN[m];
  }

  static int matchers() {
    return MATCHERS;
  }

  /** Whether scoring {@code text[from,to)} at depth 0 can produce any span. False means: skip, nothing is lost. */
  static boolean mayScore(CharSequence text, int from, int to) {
    boolean ascii = true;
    for (int i = from; i < to; i++) {
      if (text.charAt(i) >= 128) {
        ascii = false;
        break;
      }
    }
    double extras = 0;
    StringBuilder t = new StringBuilder(to - from);
    if (ascii) {
      Prefilter.collapse(text, from, to, t); // what the scorer's normalised text would be, whitespace collapsed
    } else {
      Normalized nz = Normalized.of(text, from, to);
      if (nz.tags > 0 || nz.invisibles > 0) {
        return true; // hidden-character evidence: let the scorer report and weigh it
      }
      extras += nz.mixedScriptWords > 0 ? 0.3 : 0;
      Prefilter.collapse(nz.text, 0, nz.text.length(), t);
    }
    boolean[] present = new boolean[LITERAL_ID.size()];
    boolean[] candidate = new boolean[MATCHERS];
    IntList candidates = new IntList();
    for (int m : ALWAYS) {
      candidate[m] = true;
      candidates.add(m);
    }
    LITERALS.scan(t, 0, t.length(), (id, end) -> {
      if (!present[id]) {
        present[id] = true;
        for (int m : MATCHERS_OF[id]) {
          if (!candidate[m]) {
            candidate[m] = true;
            candidates.add(m);
          }
        }
      }
    });
    double[] idBest = new double[IDS];
    double[] groupBest = new double[GROUPS.length];
    boolean strong = false;
    for (int i = 0; i < candidates.size(); i++) {
      int m = candidates.get(i);
      if (!CHECK[m].test(present)) {
        continue;
      }
      double w = WEIGHT[m];
      if (ID_OF[m] >= 0) {
        idBest[ID_OF[m]] = Math.max(idBest[ID_OF[m]], 1.5 * w);
        strong |= STRONG_ID[ID_OF[m]];
      }
      int g = GROUP_OF[m];
      groupBest[g] = Math.max(groupBest[g], g == OVERRIDE ? 1.5 * w : w);
    }
    // phrase features, clustered: each id at most its best plus half a second match
    Set<String> featureGroups = new LinkedHashSet<>();
    double cluster = extras;
    for (int m = 0; m < MATCHERS; m++) {
      if (ID_OF[m] >= 0 && idBest[ID_OF[m]] > 0) {
        featureGroups.add(GROUPS[GROUP_OF[m]]);
      }
    }
    for (double b : idBest) {
      cluster += b;
    }
    boolean clusterCounts = strong || InjectionCues.specific(featureGroups);
    // sentences: each group at most its best (override: plus half a second), the triad and two-specific bonuses
    Set<String> present2 = new LinkedHashSet<>();
    double sentence = extras;
    for (int g = 0; g < GROUPS.length; g++) {
      if (groupBest[g] > 0) {
        present2.add(GROUPS[g]);
        sentence += groupBest[g];
      }
    }
    if (present2.contains("sensitive") && present2.contains("transfer") && present2.contains("external")) {
      sentence += 0.3;
    }
    if (InjectionCues.specificCount(present2) >= 2) {
      sentence += InjectionDetector.SENTENCE_THRESHOLD - InjectionDetector.THRESHOLD;
    }
    boolean sentenceCounts = InjectionCues.specific(present2);
    double clusterNeed = InjectionDetector.THRESHOLD - EPSILON;
    double sentenceNeed = InjectionDetector.SENTENCE_THRESHOLD - EPSILON;
    boolean withoutHide = (clusterCounts && cluster >= clusterNeed) || (sentenceCounts && sentence >= sentenceNeed);
    if (withoutHide) {
      return true;
    }
    boolean withHide = (clusterCounts && cluster + 0.5 >= clusterNeed)
        || (sentenceCounts && sentence + 0.5 >= sentenceNeed);
    return withHide && mayBeHidden(text, from, to);
  }

  /** A superset of the scorer's hiding check: a literal of its markup rules in the window or just before it. */
  private static boolean mayBeHidden(CharSequence text, int from, int to) {
    if (HIDE == null) {
      return true;
    }
    boolean[] found = new boolean[1];
    HIDE.scan(text, Math.max(0, from - HIDE_REACH), to, (id, end) -> found[0] = true);
    return found[0];
  }

  /** A condition compiled to literal ids. */
  @FunctionalInterface
  private interface Check {
    boolean test(boolean[] present);
  }

  private static Check compile(Prefilter.Cond c) {
    if (c instanceof Prefilter.Lit l) {
      int id = LITERAL_ID.get(l.text());
      return p -> p[id];
    }
    if (c instanceof Prefilter.All a) {
      Check[] parts = a.parts().stream().map(InjectionGate::compile).toArray(Check[]::new);
      return p -> {
        for (Check x : parts) {
          if (!x.test(p)) {
            return false;
          }
        }
        return true;
      };
    }
    if (c instanceof Prefilter.Any a) {
      Check[] parts = a.parts().stream().map(InjectionGate::compile).toArray(Check[]::new);
      return p -> {
        for (Check x : parts) {
          if (x.test(p)) {
            return true;
          }
        }
        return false;
      };
    }
    return p -> true;
  }
}
