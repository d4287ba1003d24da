/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containment4j.Containment;
import dev.containment4j.ToolCall;
import dev.containment4j.policy.Policy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  @TempDir
  Path dir;

  @Test
  void eventsGoToTheJsonLinesFileNamedByThePolicy() throws Exception {
    Path file = dir.resolve("logs/audit.jsonl");
    Policy d = Policy.defaults().withBackend(Policy.Backend.NONE);
    Policy p = new Policy(d.source(), d.isolation(), d.network(), d.guard(), d.content(), d.trust(),
        new Policy.Audit(Optional.of(file)));
    try (Containment c = Containment.with(p).withWorkdir(dir)) {
      c.run(ToolCall.bash("exit 4").withId("c-42"));
    }

    List<JsonNode> lines = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(file)) {
      lines.add(json.readTree(line));
    }
    assertThat(lines).extracting(n -> n.get("type").asText())
        .containsSubsequence("guard.decision", "backend.selected", "sandbox.start", "sandbox.exit");
    JsonNode exit = lines.stream().filter(n -> n.get("type").asText().equals("sandbox.exit")).findFirst()
        .orElseThrow();
    assertThat(exit.get("callId").asText()).isEqualTo("c-42");
    assertThat(exit.get("exitCode").asInt()).isEqualTo(4);
    assertThat(exit.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
  }
}
