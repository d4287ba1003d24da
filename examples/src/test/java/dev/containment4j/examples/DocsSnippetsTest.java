/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java snippet in README.md and docs/ marked {@code <!-- snippet: host/X.java#tag -->} must equal the tagged
 * region of that example source, so the docs only show code that compiles.
 */
class DocsSnippetsTest {
  private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
  private static final Path SOURCES = ROOT.resolve("examples/src/main/java/dev/containment4j/examples");
  private static final Pattern SNIPPET =
      Pattern.compile("<!-- snippet: ([\\w/]+\\.java)#([\\w-]+) -->\\s*```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void docsSnippetsAreTheExamplesTaggedRegions() throws IOException {
    List<Path> docs = new ArrayList<>();
    docs.add(ROOT.resolve("README.md"));
    try (Stream<Path> s = Files.list(ROOT.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).forEach(docs::add);
    }
    int checked = 0;
    for (Path doc : docs) {
      Matcher m = SNIPPET.matcher(Files.readString(doc));
      while (m.find()) {
        String region = region(SOURCES.resolve(m.group(1)), m.group(2));
        assertThat(m.group(3)).as("%s: snippet %s#%s", doc.getFileName(), m.group(1), m.group(2)).isEqualTo(region);
        checked++;
      }
    }
    assertThat(checked).as("snippets found in README.md and docs/").isGreaterThanOrEqualTo(3);
  }

  static String region(Path source, String tag) throws IOException {
    List<String> lines = Files.readAllLines(source);
    int start = indexOf(lines, "// tag::" + tag + "[]") + 1;
    int end = indexOf(lines, "// end::" + tag + "[]");
    List<String> body = lines.subList(start, end);
    int indent = body.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length()).min()
        .orElse(0);
    return body.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).collect(Collectors.joining("\n")) + "\n";
  }

  private static int indexOf(List<String> lines, String marker) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(marker)) {
        return i;
      }
    }
    throw new AssertionError("marker " + marker + " not found");
  }
}
