/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.containment4j.PolicyException;
import dev.containment4j.policy.Policy;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in {@code policies/valid} loads; every file in {@code policies/invalid} fails with the message in its
 * sibling {@code .expected} file: the first line is the exact start of the message ({@code file:line:column: path:
 * problem}), every further line a text the message must contain.
 */
class PolicyFixturesTest {
  static final String TOKEN = "ghp_FixtureSecretValue0123456789abcdefghij";
  static final Function<String, String> ENV = Map.of("GITHUB_TOKEN", TOKEN, "PYPI_MIRROR", "pypi.example.org")::get;

  static Stream<Path> valid() throws IOException, URISyntaxException {
    return fixtures("valid");
  }

  static Stream<Path> invalid() throws IOException, URISyntaxException {
    return fixtures("invalid");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void validPolicyLoads(Path file) throws IOException {
    Policy p = PolicyLoader.parse(Files.readString(file), file.getFileName().toString(), ENV);

    assertThat(p.source()).isEqualTo(file.getFileName().toString());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidPolicyFailsWithLocationAndFix(Path file) throws IOException {
    String name = file.getFileName().toString();
    List<String> expected = Files.readAllLines(file.resolveSibling(name.replace(".yaml", ".expected")),
        StandardCharsets.UTF_8);

    PolicyException e = catchThrowableOfType(PolicyException.class,
        () -> PolicyLoader.parse(Files.readString(file), name, ENV));

    assertThat(e).as("%s must be rejected", name).isNotNull();
    assertThat(e.getMessage()).startsWith(expected.get(0));
    for (String line : expected.subList(1, expected.size())) {
      if (!line.isBlank()) {
        assertThat(e.getMessage()).contains(line);
      }
    }
    assertThat(e.getMessage()).doesNotContain(TOKEN);
    assertThat(e.getSource()).isEqualTo(name);
  }

  private static Stream<Path> fixtures(String kind) throws IOException, URISyntaxException {
    Path dir = Path.of(PolicyFixturesTest.class.getResource("/policies/" + kind).toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }
}
