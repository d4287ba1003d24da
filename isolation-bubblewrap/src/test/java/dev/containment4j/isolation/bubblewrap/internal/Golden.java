/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Golden files under {@code src/test/resources/golden}: one argument per line. Regenerate with
 * {@code -Dgolden.update=true} (run from the module directory) and review the diff.
 */
final class Golden {
  private Golden() {}

  static void assertMatches(String name, List<String> argv) throws IOException {
    String actual = String.join("\n", argv) + "\n";
    String resource = "/golden/" + name + ".args";
    if (Boolean.getBoolean("golden.update")) {
      Path file = Path.of("src/test/resources/golden", name + ".args");
      Files.createDirectories(file.getParent());
      Files.writeString(file, actual);
      return;
    }
    try (InputStream in = Golden.class.getResourceAsStream(resource)) {
      assertThat(in).as("golden file %s (create it with -Dgolden.update=true)", resource).isNotNull();
      assertThat(actual).as("argv against %s", resource).isEqualTo(new String(in.readAllBytes(),
          StandardCharsets.UTF_8));
    }
  }
}
