/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containment4j.Verdict;
import dev.containment4j.guard.GuardContext;
import dev.containment4j.guard.ModelGuard;
import dev.containment4j.internal.yaml.PolicyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every corpus call keeps its decision, category, rule and reason: the guard's answers are compared line by line
 * with {@code guard-corpus/decisions.tsv}, once for the corpus as written (its workspace {@code /home/dev/proj} does
 * not exist here) and once rebased onto a home and project that exist on disk ({@code workspace-tree.txt}), so that
 * real-path resolution sees real directories, files and links. A speed-up must not change an answer; a deliberate
 * change of the classifier regenerates the file with {@code -Dguard.decisions.write=true} and says why in its commit.
 */
class GuardDecisionsTest {
  private static final Path GOLDEN = Path.of("src/test/resources/guard-corpus/decisions.tsv");

  @Test
  void everyCorpusCallKeepsItsDecisionCategoryRuleAndReason() throws Exception {
    List<String> actual = new ArrayList<>();
    List<String> lines = corpusLines();
    ModelGuard guard = PolicyGuard.of(PolicyLoader.defaults());
    decide(guard, lines, "plain", null, actual);
    // not under the checkout, whose path may hold a word the classifier judges (a checkout under ~/secrets/ made the
    // rebased calls look like secret reads), nor under the user's home (/root is a credential place): under /tmp,
    // which the classifier does not count as scratch for paths that are, or hold, the home or the workspace
    Path parent = Path.of(System.getProperty("guard.tree.parent", "/tmp"));
    Path fixture = Files.createTempDirectory(parent.toAbsolutePath(), "guard-tree-").toRealPath();
    try {
      createTree(fixture);
      // a fresh guard, so nothing cached about /home/dev carries over; one guard serves every call of a variant, as
      // it would an agent's session
      decide(PolicyGuard.of(PolicyLoader.defaults()), lines, "existing", fixture, actual);
    } finally {
      deleteTree(fixture);
    }
    if (Boolean.getBoolean("guard.decisions.write")) {
      Files.write(GOLDEN, actual, StandardCharsets.UTF_8);
      return;
    }
    List<String> expected = Files.readAllLines(GOLDEN, StandardCharsets.UTF_8);
    List<String> changed = new ArrayList<>();
    for (int k = 0; k < Math.max(expected.size(), actual.size()); k++) {
      String e = k < expected.size() ? expected.get(k) : "(none)";
      String a = k < actual.size() ? actual.get(k) : "(none)";
      if (!e.equals(a)) {
        changed.add("expected " + e + "\n     got " + a);
      }
    }
    assertThat(changed).as("corpus decisions that changed (regenerate with -Dguard.decisions.write=true only for"
        + " a deliberate change)").isEmpty();
  }

  static List<String> corpusLines() throws IOException {
    try (InputStream in = GuardDecisionsTest.class.getResourceAsStream("/guard-corpus/corpus.jsonl")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }
  }

  /** Runs every line, rebased under {@code root} when it is not null, and appends one TSV line per call. */
  static void decide(ModelGuard guard, List<String> lines, String variant, Path root, List<String> out)
      throws IOException {
    ObjectMapper m = new ObjectMapper();
    String prefix = root == null ? "" : root.toString();
    for (String line : lines) {
      JsonNode n = m.readTree(root == null ? line : line.replace("/home/dev", prefix + "/home/dev"));
      ToolCallJson.Parsed p = ToolCallJson.parse(n, Path.of(prefix + "/home/dev/proj"));
      Path home = p.home().orElse(Path.of(prefix + "/home/dev"));
      Verdict v = guard.review(p.call(), new GuardContext(p.workspace(), p.cwd(), home, false, 0, 0));
      String rule = v.rule();
      // rebased, a command shown in a reason is cut at 80 characters of a path whose length depends on where the
      // build runs: compare the rest of the reason
      String reason = root == null ? v.reason() : v.reason().replace(prefix, "$ROOT").replaceAll("`[^`]*`", "`CMD`");
      out.add(String.join("\t", n.path("id").asText(), variant, v.decision(), v.category(),
          rule.replace(prefix.isEmpty() ? "\u0000" : prefix, "$ROOT"), reason.replace("\t", "\\t")
              .replace("\n", "\\n")));
    }
  }

  static void deleteTree(Path root) throws IOException {
    try (var walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Creates the home and project of {@code workspace-tree.txt} under {@code root}. */
  static void createTree(Path root) throws IOException {
    try (InputStream in = GuardDecisionsTest.class.getResourceAsStream("/guard-corpus/workspace-tree.txt")) {
      for (String entry : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
        if (entry.isBlank() || entry.startsWith("#")) {
          continue;
        }
        int arrow = entry.indexOf(" -> ");
        Path p = root.resolve(arrow < 0 ? entry : entry.substring(0, arrow));
        Files.createDirectories(p.getParent());
        if (arrow >= 0) {
          Files.createSymbolicLink(p, Path.of(entry.substring(arrow + 4)));
        } else if (entry.endsWith("/")) {
          Files.createDirectories(p);
        } else {
          Files.createFile(p);
        }
      }
    }
  }
}
