/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GuardCommandTest {
  private static final ObjectMapper M = new ObjectMapper();

  private static List<JsonNode> run(String input, String... args) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    GuardCommand cmd = new GuardCommand(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, err,
        Path.of("/home/dev/proj"));
    int code = new CommandLine(cmd).execute(args);
    assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    List<JsonNode> lines = new ArrayList<>();
    for (String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
      if (!l.isEmpty()) {
        lines.add(M.readTree(l));
      }
    }
    return lines;
  }

  @Test
  void answersEveryLineInOrderAndSurvivesMalformedInput() throws Exception {
    String input = String.join("\n",
        "{\"tool\":\"bash\",\"input\":{\"command\":\"git status\"}}",
        "not json",
        "{\"tool\":\"Bash\",\"input\":{\"command\":\"rm -rf ~\"}}",
        "",
        "{\"tool\":\"teleport\",\"input\":{}}",
        "{\"tool\":\"Read\",\"input\":{\"file_path\":\"~/.aws/credentials\"}}",
        "{\"tool\":\"WebFetch\",\"input\":{\"url\":\"https://docs.python.org/3/\"}}",
        "{\"tool\":\"Edit\",\"input\":{\"file_path\":\".claude/settings.json\",\"old_string\":\"a\","
            + "\"new_string\":\"b\"},\"context\":{\"cwd\":\"/home/dev/proj\",\"workspace\":\"/home/dev/proj\"}}",
        "[1,2]") + "\n";
    List<JsonNode> out = run(input);
    assertThat(out).extracting(n -> n.path("decision").asText())
        .containsExactly("allow", "deny", "deny", "deny", "deny", "deny", "allow", "deny", "deny");
    assertThat(out.get(1).path("error").asText()).isNotEmpty();
    assertThat(out.get(3).path("error").asText()).isEqualTo("empty line");
    assertThat(out.get(4).path("error").asText()).contains("unknown tool");
    // the embedded default policy denies it by rule before the classifier sees it
    assertThat(out.get(2).path("rule").asText()).startsWith("Bash(rm -rf ");
    assertThat(out.get(7).path("category").asText()).isEqualTo("guard-tampering");
    for (JsonNode n : out) {
      assertThat(n.has("rule") && n.has("category") && n.has("reason")).isTrue();
    }
  }

  @Test
  void linesAreIndependentUnlessSession() throws Exception {
    String bad = "{\"tool\":\"bash\",\"input\":{\"command\":\"rm -rf ~\"}}\n";
    String ok = "{\"tool\":\"bash\",\"input\":{\"command\":\"ls\"}}\n";
    String input = bad + bad + bad + ok;
    assertThat(run(input).get(3).path("decision").asText()).isEqualTo("allow");
    List<JsonNode> session = run(input, "--session");
    assertThat(session.get(3).path("decision").asText()).isEqualTo("deny");
    assertThat(session.get(3).path("category").asText()).isEqualTo("circuit-breaker");
    String taint = "{\"tool\":\"bash\",\"input\":{\"command\":\"cat .env\"},\"context\":{\"tainted\":true}}\n"
        + "{\"tool\":\"bash\",\"input\":{\"command\":\"git push origin feature/x\"}}\n";
    assertThat(run(taint).get(1).path("decision").asText()).isEqualTo("allow");
    assertThat(run(taint, "--session").get(1).path("decision").asText()).isEqualTo("ask");
  }
}
