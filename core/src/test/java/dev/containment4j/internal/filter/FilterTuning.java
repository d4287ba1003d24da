/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import dev.containment4j.guard.FilterContext;
import dev.containment4j.guard.FilterResult;
import dev.containment4j.policy.Policy;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tuning runner (not a test: run by hand after each rule change). It scores the train and dev splits only and
 * never a held-out item, so rules can be measured as often as needed without looking at the test split; the held-out
 * split is measured by {@link FilterCorpusTest}, once, as a gate. {@code --misses} lists the train and dev items that
 * fail with the rules that fired; an item id prints that item's text.
 *
 * <pre>
 * mvn -q -o -Dmaven.repo.local=... -pl core test-compile
 * java -cp core/target/test-classes:core/target/classes:DEPS dev.containment4j.internal.filter.FilterTuning [--misses]
 * </pre>
 */
public final class FilterTuning {
  private static final PolicyFilter FILTER =
      PolicyFilter.of(new Policy.Content(Policy.SecretsMode.REDACT, Policy.InjectionMode.QUARANTINE, 0));

  private FilterTuning() {}

  public static void main(String[] args) throws IOException {
    boolean misses = List.of(args).contains("--misses");
    boolean trainMisses = List.of(args).contains("--train-misses");
    // --only PREFIX: score only the items whose id starts with it (a quick look at one batch while writing rules)
    int only = List.of(args).indexOf("--only");
    String prefix = only >= 0 && only + 1 < args.length ? args[only + 1] : "";
    Map<String, FilterCorpusTest.Tally> tallies = new TreeMap<>();
    for (FilterCorpus.Item it : FilterCorpus.generate()) {
      if (it.split().equals("test") || it.label().equals("secret") || it.label().equals("pii")
          || !it.id().startsWith(prefix)) {
        continue; // the held-out split is measured once, by FilterCorpusTest
      }
      if (List.of(args).contains(it.id())) { // an id on the command line: print that item's text (train/dev only)
        System.out.println("=== " + it.id() + "\n" + it.text());
      }
      FilterResult r = FILTER.filter(it.text(), FilterContext.standalone());
      boolean ok = it.label().equals("injection")
          ? r.findings().stream().anyMatch(x -> x.type().equals("injection"))
          : r.decision() == FilterResult.Decision.PASS;
      String label = it.category().startsWith("hard-negative") ? "hard-negative" : it.label();
      tallies.computeIfAbsent(label + " / train+dev", x -> new FilterCorpusTest.Tally()).add(ok);
      tallies.computeIfAbsent(label + " / " + it.split(), x -> new FilterCorpusTest.Tally()).add(ok);
      // the pairs written in sessions 5 to 11 against the older items
      String batch = it.id().startsWith("s5-") ? " / s5" : it.id().startsWith("s6-") ? " / s6"
          : it.id().startsWith("s7-") ? " / s7" : it.id().startsWith("s8-") ? " / s8"
          : it.id().startsWith("s9-") ? " / s9" : it.id().startsWith("s10-") ? " / s10"
          : it.id().startsWith("s11-") ? " / s11" : " / older";
      tallies.computeIfAbsent(label + " / " + it.split() + batch,
          x -> new FilterCorpusTest.Tally()).add(ok);
      // sessions 7-11 per kind: carriers and languages
      if (List.of(" / s7", " / s8", " / s9", " / s10", " / s11").contains(batch)) {
        tallies.computeIfAbsent(batch.substring(3) + " " + it.category() + " / " + it.split(),
            x -> new FilterCorpusTest.Tally()).add(ok);
      }
      // --train-misses: list only the train misses (dev misses are left unread, so dev stays a fresh measure)
      if (!ok && (misses || trainMisses && it.split().equals("train"))) {
        System.out.println("MISS " + it.id() + " [" + it.split() + "] " + r.decision() + " " + r.findings().stream()
            .map(x -> x.type() + ":" + x.rule()).distinct().toList());
      }
    }
    tallies.forEach((k, v) -> System.out.println("| " + k + " | " + v.row() + " |"));
  }
}
