/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden profiles: any change to the generated SBPL shows up as a diff to review. Regenerate deliberately with
 * {@code -Dgolden.update=true} and read the diff before committing.
 */
class ProfileGoldenTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden");

  static Stream<String> scenarios() {
    return Fixtures.scenarios().keySet().stream().sorted();
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void profileMatchesGolden(String name) throws IOException {
    String profile = ProfileBuilder.build(Fixtures.scenarios().get(name));
    Path file = GOLDEN.resolve(name + ".sb");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(file, profile, StandardCharsets.UTF_8);
    }
    assertThat(file).as("golden file %s (create it with -Dgolden.update=true)", file).exists();
    assertThat(profile).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void everyGoldenProfileReadsAndValidates(String name) {
    String profile = ProfileBuilder.build(Fixtures.scenarios().get(name));
    SbplModel model = SbplModel.of(SbplReader.read(profile));
    assertThat(model.rules).isNotEmpty();
    assertThat(model.rules).filteredOn(r -> !r.allow())
        .allSatisfy(r -> assertThat(r.message()).get().asString().startsWith(Fixtures.TAG + ":"));
  }
}
