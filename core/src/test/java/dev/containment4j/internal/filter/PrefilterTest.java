/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PrefilterTest {
  private static boolean holds(String regex, String text) {
    Prefilter.Cond c = Prefilter.of(Pattern.compile(regex, Pattern.MULTILINE));
    return Prefilter.holds(c, text::contains);
  }

  private static Set<String> literals(String regex) {
    Set<String> s = new LinkedHashSet<>();
    Prefilter.literals(Prefilter.of(Pattern.compile(regex, Pattern.MULTILINE)), s);
    return s;
  }

  @Test
  void needsEveryRequiredPieceNotJustOne() {
    String r = "\\b(?:ignore|forget)\\s+(?:the )?(?:instructions|rules)\\b";
    assertThat(holds(r, "please ignore these rules")).isTrue();
    assertThat(holds(r, "ignore the warning")).isFalse();
    assertThat(holds(r, "the rules of the game")).isFalse();
  }

  @Test
  void multipliesOutShortExactRuns() {
    assertThat(literals("(?:ba|z)sh\\b")).containsExactlyInAnyOrder("bash", "zsh");
    assertThat(literals("(?:ba|z)?sh\\b")).containsExactly("sh"); // "bash" contains "sh": no extra condition
    assertThat(literals("you (?:must|should)")).containsExactlyInAnyOrder("you must", "you should");
    assertThat(literals("a[bc]d")).containsExactlyInAnyOrder("abd", "acd");
  }

  @Test
  void optionalAndRepeatedPiecesAreNotRequiredOrCountOnce() {
    assertThat(holds("x(?:yz)*w", "xw")).isTrue();
    assertThat(holds("x\\w+w", "x w")).isTrue(); // \w+ matches anything; x and w must still be there
    assertThat(holds("x\\w+w", "x")).isFalse();
    assertThat(holds("(?:ab){2,}", "ab")).isTrue();
    assertThat(holds("(?<![a-z])key(?=\\s)", "key")).isTrue(); // lookarounds consume nothing
  }

  @Test
  void collapsedWhitespaceKeepsNeighboursTogether() {
    Prefilter.Cond c = Prefilter.ofCollapsed(Pattern.compile("(?:^|\\n)\\s*(?:user|system)\\s*:\\s*\\S"));
    Set<String> lits = new LinkedHashSet<>();
    Prefilter.literals(c, lits);
    assertThat(lits).containsExactlyInAnyOrder("user:", "user :", "system:", "system :"); // " user:" is implied
    StringBuilder t = new StringBuilder();
    String spaced = "User \t\n  : hi";
    Prefilter.collapse(spaced, 0, spaced.length(), t);
    assertThat(t.toString()).isEqualTo("user : hi");
    assertThat(literals("a\\s+b")).containsExactlyInAnyOrder("a", "b"); // plain mode: \\s is anything
  }

  @Test
  void foldsLiteralsToLowerCase() {
    assertThat(literals("Token")).containsExactly("token");
  }

  @Test
  void unknownSyntaxMeansMatchesAnything() {
    assertThat(Prefilter.of(Pattern.compile("abc", Pattern.CASE_INSENSITIVE))).isEqualTo(Prefilter.ALWAYS);
    assertThat(Prefilter.of(Pattern.compile("(?i)abc"))).isEqualTo(Prefilter.ALWAYS);
    assertThat(Prefilter.of(Pattern.compile("\\Qabc\\E"))).isEqualTo(Prefilter.ALWAYS);
    assertThat(Prefilter.of(Pattern.compile("a|\\w"))).isEqualTo(Prefilter.ALWAYS);
    assertThat(Prefilter.ofIgnoringAsciiCase(Pattern.compile("(?i)display\\s*:\\s*none")))
        .isNotEqualTo(Prefilter.ALWAYS);
  }

  /** Normalised payloads, hard negatives and extra items: the text where the rules really match. */
  private static List<String> samples() throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode n : FilterCorpus.read("injections.jsonl")) {
      out.add(n.get("payload").asText());
    }
    for (String file : new String[] {"hard-negatives.jsonl", "extra-train.jsonl"}) {
      for (JsonNode n : FilterCorpus.read(file)) {
        out.add(n.get("text").asText());
      }
    }
    List<String> normalised = new ArrayList<>();
    for (String s : out) {
      normalised.add(Normalized.of(s, 0, s.length()).text);
    }
    return normalised;
  }

  @Test
  void everyMatchOfEveryGatedRuleSatisfiesItsCondition() throws IOException {
    int checked = 0;
    for (String text : samples()) {
      for (int m = 0; m < InjectionGate.matchers(); m++) {
        Matcher x = InjectionGate.pattern(m).matcher(text);
        while (x.find()) {
          StringBuilder collapsed = new StringBuilder();
          Prefilter.collapse(x.group(), 0, x.group().length(), collapsed);
          String match = collapsed.toString();
          assertThat(Prefilter.holds(InjectionGate.condition(m), match::contains))
              .as("matcher " + m + " on '" + match + "'").isTrue();
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(500);
  }

  @Test
  void gateNeverSkipsAWindowThatScores() throws IOException {
    int scoring = 0;
    for (String text : samples()) {
      for (String t : new String[] {text, "<div style=\"display:none\">" + text + "</div>", text.toUpperCase()}) {
        List<Span> out = new ArrayList<>();
        InjectionDetector.scoreWindow(t, 0, t.length(), out, 0);
        if (!out.isEmpty()) {
          scoring++;
          assertThat(InjectionGate.mayScore(t, 0, t.length())).as(t).isTrue();
        }
      }
    }
    assertThat(scoring).isGreaterThan(200);
  }

  @Test
  void gateSkipsProseWhereCommonWordsDoNotCombine() {
    String prose = "Run the tests before you open a pull request. The agent reconnects when the network comes back. "
        + "Send a GET request to /health to check that the service is up.";
    assertThat(InjectionGate.mayScore(prose, 0, prose.length())).isFalse();
  }

  @Test
  void leavingOutTheMatchersTheGateRulesOutFindsTheSameSpans() throws IOException {
    int compared = 0;
    for (String text : samples()) {
      for (String t : new String[] {text, "<div style=\"display:none\">" + text + "</div>", text.toUpperCase()}) {
        boolean[] mayMatch = InjectionGate.possible(t, 0, t.length());
        if (mayMatch == null) {
          continue;
        }
        List<Span> all = new ArrayList<>();
        InjectionDetector.scoreWindow(t, 0, t.length(), all, 0);
        List<Span> gated = new ArrayList<>();
        InjectionDetector.scoreWindow(t, 0, t.length(), gated, 0, mayMatch);
        assertThat(gated).as(t).isEqualTo(all);
        compared++;
      }
    }
    assertThat(compared).isGreaterThan(200);
  }

  @Test
  void reusingTheMatchingTheGateRanFindsTheSameSpans() throws IOException {
    int reused = 0;
    for (String text : samples()) {
      for (String t : new String[] {text, "<div style=\"display:none\">" + text + "</div>", text.toUpperCase()}) {
        InjectionGate.Known known = InjectionGate.judge(t, 0, t.length());
        if (known == null) {
          continue;
        }
        List<Span> all = new ArrayList<>();
        InjectionDetector.scoreWindow(t, 0, t.length(), all, 0);
        List<Span> gated = new ArrayList<>();
        InjectionDetector.scoreWindow(t, 0, t.length(), gated, 0, known.possible(), known.verifier());
        assertThat(gated).as(t).isEqualTo(all);
        reused += known.verifier() == null ? 0 : 1;
      }
    }
    assertThat(reused).isGreaterThan(200);
  }

  /**
   * Literals anywhere in a window say nothing about their order: here "agent", a comma and "update" are all present
   * (the literal condition of the addressed-imperative feature holds), but no rule matches, so the gate, which runs
   * the scorer's own matching when the literals alone would reach a threshold, skips the window.
   */
  @Test
  void gateSkipsAWindowWhoseLiteralsHoldButWhoseRulesDoNotMatch() {
    String prose = "Nightly, the build agent stores its cache on the model server. We update the docs.";
    String folded = prose.toLowerCase(java.util.Locale.ROOT);
    int addressed = -1;
    for (int m = 0; m < InjectionGate.matchers(); m++) {
      if (InjectionGate.pattern(m).pattern().contains("(?:dear |hey |hi |hello |attention,? |to |for )")) {
        addressed = m;
      }
    }
    assertThat(addressed).as("the addressed-imperative feature").isNotNegative();
    assertThat(Prefilter.holds(InjectionGate.condition(addressed), folded::contains)).isTrue();
    assertThat(InjectionGate.mayScore(prose, 0, prose.length())).isFalse();
  }

  /**
   * Session 13: the gate takes common literals as true. The weakened condition must hold wherever the full one does
   * (so it stays a necessary condition of the rule): checked on random sets of the full condition's literals, on
   * every window of the samples, and the weakening must really drop the common literals.
   */
  @Test
  void weakenedConditionsHoldWhereverTheFullOnesDo() throws IOException {
    java.util.Random random = new java.util.Random(13);
    int implied = 0;
    for (int m = 0; m < InjectionGate.matchers(); m++) {
      Prefilter.Cond full = Prefilter.ofCollapsed(InjectionGate.pattern(m));
      Prefilter.Cond weak = Prefilter.weaken(full, InjectionGate::informative);
      Set<String> lits = new LinkedHashSet<>();
      Prefilter.literals(full, lits);
      List<String> all = new ArrayList<>(lits);
      for (int trial = 0; trial < 200; trial++) {
        Set<String> present = new java.util.HashSet<>();
        double p = random.nextDouble();
        for (String l : all) {
          if (random.nextDouble() < p) {
            present.add(l);
          }
        }
        if (Prefilter.holds(full, present::contains)) {
          assertThat(Prefilter.holds(weak, present::contains)).as("matcher " + m + " on " + present).isTrue();
          implied++;
        }
      }
      Set<String> kept = new LinkedHashSet<>();
      Prefilter.literals(weak, kept);
      assertThat(kept).as("matcher " + m).allMatch(InjectionGate::informative);
      assertThat(weak).isEqualTo(InjectionGate.condition(m));
    }
    for (String text : samples()) {
      StringBuilder collapsed = new StringBuilder();
      Prefilter.collapse(text, 0, text.length(), collapsed);
      String t = collapsed.toString();
      for (int m = 0; m < InjectionGate.matchers(); m++) {
        Prefilter.Cond full = Prefilter.ofCollapsed(InjectionGate.pattern(m));
        if (Prefilter.holds(full, t::contains)) {
          assertThat(Prefilter.holds(InjectionGate.condition(m), t::contains)).isTrue();
          implied++;
        }
      }
    }
    assertThat(implied).isGreaterThan(5_000);
    assertThat(InjectionGate.informative(" ")).isFalse();
    assertThat(InjectionGate.informative("the")).isFalse();
    assertThat(InjectionGate.informative("@")).isTrue();
    assertThat(InjectionGate.informative(":")).isTrue();
    assertThat(InjectionGate.informative("r")).isFalse();
    assertThat(InjectionGate.informative("ignore")).isTrue();
  }

  /** Rule edits stay safe only while the gate can read a condition off every rule; "matches anything" is a bug. */
  @Test
  void everyGatedRuleHasADerivableCondition() {
    for (int m = 0; m < InjectionGate.matchers(); m++) {
      assertThat(InjectionGate.condition(m)).as("condition of " + InjectionGate.pattern(m).pattern())
          .isNotInstanceOf(Prefilter.Always.class);
    }
  }
}
