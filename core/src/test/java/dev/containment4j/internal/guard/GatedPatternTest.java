/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A gated pattern's literals must never skip text its regex matches, or a check silently stops working. Checked on
 * every string of the guard corpus, the filter's hard negatives and injections and every line of the guard's tests (as written, upper case as SQL is
 * judged, and lower case), and on the matches themselves: each match of each gated pattern holds one of its literals.
 */
class GatedPatternTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void literalsNeverSkipAMatchOnTheCorpora() throws Exception {
    // the classes whose patterns are gated, so their static fields register
    for (Class<?> c : List.of(WeakenedCode.class, DatabaseTargets.class, WindowsShells.class, DisabledTests.class,
        QualityGates.class)) {
      Class.forName(c.getName(), true, c.getClassLoader());
    }
    assertThat(GatedPattern.ALL).hasSizeGreaterThanOrEqualTo(18);
    List<String> texts = new ArrayList<>();
    for (String r : List.of("/guard-corpus/corpus.jsonl", "/filter-corpus/hard-negatives.jsonl",
        "/filter-corpus/injections.jsonl")) {
      for (String line : lines(r)) {
        if (!line.isBlank()) {
          strings(JSON.readTree(line), texts);
        }
      }
    }
    // and the guard's tests, whose calls name the rarer forms (pg_sleep(, xp_cmdshell, register-scheduledtask)
    try (Stream<Path> files = Files.walk(Path.of("src/test/java/dev/containment4j/internal/guard"))) {
      for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(f)) {
          texts.add(line.replace("\\\\", "\\").replace("\\\"", "\""));
        }
      }
    }
    assertThat(texts).hasSizeGreaterThan(10_000);
    List<String> skipped = new ArrayList<>();
    int matched = 0;
    for (GatedPattern p : GatedPattern.ALL) {
      for (String t : texts) {
        for (String v : List.of(t, t.toUpperCase(Locale.ROOT), t.toLowerCase(Locale.ROOT))) {
          Matcher m = p.pattern().matcher(v);
          while (m.find()) {
            matched++;
            if (!p.mayMatch(m.group()) || !p.mayMatch(v)) {
              skipped.add(p + " skips `" + m.group() + "`");
            }
          }
        }
      }
    }
    assertThat(skipped).isEmpty();
    assertThat(matched).as("matches seen, so the check is exercised").isGreaterThan(100);
  }

  @Test
  void answersExactlyAsTheRegex() {
    GatedPattern p = GatedPattern.of("(?i)\\bverify\\s*=\\s*False\\b|trustAllCerts", "verif", "trustall");
    try {
      assertThat(p.find("requests.get(u, VERIFY = false)")).isTrue();
      assertThat(p.find("x = TrustAllCerts()")).isTrue();
      assertThat(p.find("verify=True")).isFalse();
      assertThat(p.find("nothing here")).isFalse();
      assertThat(p.matcherOrNull("plain text")).isNull();
      assertThat(p.matches("trustallcerts")).isTrue();
      // a literal that misses an alternative is what the corpus test above catches
      GatedPattern wrong = GatedPattern.of("abc|xyz", "abc");
      GatedPattern.ALL.remove(wrong);
      assertThat(wrong.pattern().matcher("xyz").find()).isTrue();
      assertThat(wrong.mayMatch("xyz")).isFalse();
    } finally {
      GatedPattern.ALL.remove(p);
    }
  }

  private static void strings(JsonNode n, List<String> out) {
    if (n.isTextual()) {
      out.add(n.asText());
    }
    n.forEach(c -> strings(c, out));
  }

  private static List<String> lines(String resource) throws IOException {
    try (InputStream in = GatedPatternTest.class.getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
  }
}
