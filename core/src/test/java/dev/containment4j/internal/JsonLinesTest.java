/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLinesTest {
  @Test
  void lineSeparatorsBeyondAsciiAreEscapedSoALineReaderSeesOneLine() throws Exception {
    ObjectMapper m = JsonLines.mapper();
    String text = "a\u2028b\u2029c\u0085d\ne é ✓";
    String line = m.writeValueAsString(Map.of("text", text));
    assertThat(line).doesNotContain("\u2028", "\u2029", "\u0085", "\n").contains("\\u2028", "\\u2029", "\\u0085")
        .contains("é ✓");
    assertThat(line.split("\\R")).hasSize(1);
    assertThat(m.readTree(line).get("text").asText()).isEqualTo(text);
  }
}
