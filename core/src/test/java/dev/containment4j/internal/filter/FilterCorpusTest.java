/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.guard.FilterContext;
import dev.containment4j.guard.FilterResult;
import dev.containment4j.policy.Policy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Evaluates the built-in detectors on the labelled corpus and FAILS below the published thresholds: injection recall
 * 92 %, secret recall 98 % with complete redaction, false positives on clean items 3 %. The thresholds are checked
 * on the held-out test split and on the whole corpus. Writes a per-category report with 95 % Wilson intervals to
 * {@code target/filter-corpus-report.md} and the items to {@code target/filter-corpus/} (for the benchmark).
 */
class FilterCorpusTest {
  private static final PolicyFilter FILTER =
      PolicyFilter.of(new Policy.Content(Policy.SecretsMode.REDACT, Policy.InjectionMode.QUARANTINE, 0));
  private static List<FilterCorpus.Item> items;
  private static final Map<String, Tally> BY_CATEGORY = new TreeMap<>();
  private static final Map<String, Tally> BY_LABEL_SPLIT = new TreeMap<>();
  private static final List<String> MISSES = new ArrayList<>();

  /** Successes out of trials. */
  static final class Tally {
    int ok;
    int n;

    void add(boolean success) {
      n++;
      if (success) {
        ok++;
      }
    }

    double rate() {
      return n == 0 ? 0 : (double) ok / n;
    }

    String row() {
      double[] ci = wilson(ok, n);
      return String.format(Locale.ROOT, "%d/%d | %.1f%% | %.1f–%.1f%%", ok, n, 100 * rate(), 100 * ci[0], 100 * ci[1]);
    }
  }

  static double[] wilson(int k, int n) {
    if (n == 0) {
      return new double[] {0, 0};
    }
    double z = 1.959964;
    double p = (double) k / n;
    double d = 1 + z * z / n;
    double c = (p + z * z / (2 * n)) / d;
    double h = z * Math.sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / d;
    return new double[] {Math.max(0, c - h), Math.min(1, c + h)};
  }

  @BeforeAll
  static void evaluate() throws IOException {
    items = FilterCorpus.generate();
    Path dir = Path.of("target", "filter-corpus");
    Files.createDirectories(dir);
    StringBuilder manifest = new StringBuilder();
    for (FilterCorpus.Item it : items) {
      FilterResult r = FILTER.filter(it.text(), FilterContext.standalone());
      boolean success;
      switch (it.label()) {
        case "injection" -> success = r.findings().stream().anyMatch(f -> f.type().equals("injection"));
        case "secret" -> success = r.findings().stream().anyMatch(f -> f.type().equals("secret"))
            && it.expected().stream().noneMatch(v -> leaks(v, r.text()));
        case "pii" -> success = r.findings().stream().anyMatch(f -> f.rule().equals(it.expected().get(0)));
        default -> success = r.decision() == FilterResult.Decision.PASS; // success = no false positive
      }
      String label = it.label().equals("clean") && it.category().startsWith("hard-negative") ? "hard-negative"
          : it.label();
      BY_CATEGORY.computeIfAbsent(it.label() + " / " + it.category(), x -> new Tally()).add(success);
      BY_LABEL_SPLIT.computeIfAbsent(label + " / " + it.split(), x -> new Tally()).add(success);
      BY_LABEL_SPLIT.computeIfAbsent(label + " / all", x -> new Tally()).add(success);
      if (!it.label().equals("clean") && !it.label().equals("hard-negative")) {
        BY_LABEL_SPLIT.computeIfAbsent(it.label() + " / position " + it.position(), x -> new Tally()).add(success);
      }
      if (it.label().equals("clean")) {
        BY_LABEL_SPLIT.computeIfAbsent("clean+hard-negative / all", x -> new Tally()).add(success);
      }
      if (!success && !it.split().equals("test")) { // held-out misses stay unseen: only the aggregate is reported
        MISSES.add(it.id() + " [" + it.split() + "] " + it.category() + " -> " + r.decision() + " "
            + r.findings().stream().map(f -> f.type() + ":" + f.rule()).distinct().toList());
      }
      String file = it.label() + "/" + it.id() + ".txt";
      Files.createDirectories(dir.resolve(it.label()));
      Files.writeString(dir.resolve(file), it.text(), StandardCharsets.UTF_8);
      manifest.append(file).append('\t').append(it.label()).append('\t').append(it.category()).append('\t')
          .append(it.split()).append('\t').append(String.join(" ", it.label().equals("secret") ? it.expected()
              : List.of())).append('\n');
    }
    Files.writeString(dir.resolve("manifest.tsv"), manifest.toString(), StandardCharsets.UTF_8);
    StringBuilder report = new StringBuilder("| label / split | detected (clean: passed) | rate | 95% Wilson |\n"
        + "|---|---|---|---|\n");
    BY_LABEL_SPLIT.forEach((k, v) -> report.append("| ").append(k).append(" | ").append(v.row()).append(" |\n"));
    report.append("\n| category | detected (clean: passed) | rate | 95% Wilson |\n|---|---|---|---|\n");
    BY_CATEGORY.forEach((k, v) -> report.append("| ").append(k).append(" | ").append(v.row()).append(" |\n"));
    report.append("\nMisses and false positives (train and dev only; the held-out split is reported in aggregate):\n\n");
    MISSES.forEach(m -> report.append("- ").append(m).append('\n'));
    Files.writeString(Path.of("target", "filter-corpus-report.md"), report.toString(), StandardCharsets.UTF_8);
    System.out.println(report);
  }

  /** Whether any 8-character fragment of the secret survived in the output. */
  static boolean leaks(String secret, String output) {
    for (int i = 0; i + 8 <= secret.length(); i++) {
      if (output.contains(secret.substring(i, i + 8))) {
        return true;
      }
    }
    return secret.length() < 8 && output.contains(secret);
  }

  @Test
  void corpusHasTheRequiredShape() {
    assertThat(count("injection")).isGreaterThanOrEqualTo(300);
    assertThat(count("secret")).isGreaterThanOrEqualTo(200);
    assertThat(count("pii")).isGreaterThanOrEqualTo(100);
    assertThat(count("clean")).isGreaterThanOrEqualTo(600);
    assertThat(items.stream().filter(i -> i.category().startsWith("hard-negative")).count())
        .isGreaterThanOrEqualTo(150);
    assertThat(items.stream().mapToInt(i -> i.text().length()).min().orElse(0)).isGreaterThanOrEqualTo(1000);
    assertThat(items.stream().mapToInt(i -> i.text().length()).max().orElse(0)).isBetween(90_000, 110_000);
  }

  private static long count(String label) {
    return items.stream().filter(i -> i.label().equals(label)).count();
  }

  @Test
  void injectionRecallAtLeast92PercentOnTuningSplits() {
    Tally t = sum("injection / train", "injection / dev");
    assertThat(t.rate()).as("train+dev injection recall").isGreaterThanOrEqualTo(0.92);
  }

  /** Regression floor for the held-out split (session 1: 78.4 %, session 2: 91.9 %, session 3: 93.9 %). */
  @Test
  void injectionRecallOnHeldOutSplitDoesNotRegress() {
    assertThat(BY_LABEL_SPLIT.get("injection / test").rate()).as("held-out test split").isGreaterThanOrEqualTo(0.75);
  }

  /** The target on held-out data: met in session 3 with 93.9 % = 139/148 (session 2: 91.9 %). */
  @Test
  void injectionRecallAtLeast92PercentOnHeldOutSplit() {
    assertThat(BY_LABEL_SPLIT.get("injection / test").rate()).as("held-out test split").isGreaterThanOrEqualTo(0.92);
  }

  private static Tally sum(String... keys) {
    Tally t = new Tally();
    for (String k : keys) {
      Tally x = BY_LABEL_SPLIT.get(k);
      t.ok += x.ok;
      t.n += x.n;
    }
    return t;
  }

  @Test
  void secretRecallAtLeast98PercentWithCompleteRedaction() {
    assertThat(BY_LABEL_SPLIT.get("secret / test").rate()).as("held-out test split").isGreaterThanOrEqualTo(0.98);
    assertThat(BY_LABEL_SPLIT.get("secret / all").rate()).as("whole corpus").isGreaterThanOrEqualTo(0.98);
  }

  @Test
  void falsePositivesOnCleanAtMost3Percent() {
    assertThat(1 - BY_LABEL_SPLIT.get("clean+hard-negative / all").rate()).as("whole corpus")
        .isLessThanOrEqualTo(0.03);
    assertThat(1 - sum("clean / train", "clean / dev", "hard-negative / train", "hard-negative / dev").rate())
        .as("train+dev").isLessThanOrEqualTo(0.03);
  }

  /** Regression ceiling for the held-out split at the level measured when the rules were frozen (4.0 %). */
  @Test
  void falsePositivesOnHeldOutSplitDoNotRegress() {
    assertThat(1 - sum("clean / test", "hard-negative / test").rate()).as("held-out").isLessThanOrEqualTo(0.05);
  }

  /**
   * The target on held-out data: 4.0 % (5/125) until session 13, 2.4 % (3/125, all hard negatives) since, by
   * fixes made on the lead's own probes, not on this split. Enabled in session 15 (it had passed, disabled, since).
   */
  @Test
  void falsePositivesOnHeldOutSplitAtMost3Percent() {
    assertThat(1 - sum("clean / test", "hard-negative / test").rate()).as("held-out").isLessThanOrEqualTo(0.03);
  }

  @Test
  void piiIsDetected() {
    assertThat(BY_LABEL_SPLIT.get("pii / all").rate()).isGreaterThanOrEqualTo(0.95);
  }

}
