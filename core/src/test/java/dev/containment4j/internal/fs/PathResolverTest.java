/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PathResolverTest {
  @TempDir
  Path tmp;

  @Test
  void relativeHomeAndDotDotEntries() throws IOException {
    Path real = tmp.toRealPath();
    PathResolver r = new PathResolver(real.resolve("w"), real.resolve("h"));
    assertThat(r.absolute("src/../lib")).isEqualTo(real.resolve("w/lib"));
    assertThat(r.absolute("~")).isEqualTo(real.resolve("h"));
    assertThat(r.absolute("~/.ssh")).isEqualTo(real.resolve("h/.ssh"));
    assertThat(r.absolute("${HOME}/.aws")).isEqualTo(real.resolve("h/.aws"));
    assertThat(r.absolute("/etc/x")).isEqualTo(Path.of("/etc/x"));
    assertThat(r.isWorkdirRelative("./x")).isTrue();
    assertThat(r.isWorkdirRelative("~/x")).isFalse();
  }

  @Test
  void aMissingPathUnderASymlinkedParentResolvesThroughTheLink() throws IOException {
    Path real = tmp.toRealPath();
    Path target = Files.createDirectories(real.resolve("target"));
    Files.createSymbolicLink(real.resolve("link"), target);
    assertThat(PathResolver.real(real.resolve("link/not/yet"))).isEqualTo(target.resolve("not/yet"));
  }

  @Test
  void globsMatchTopLevelAndNestedAndStayBounded() throws IOException {
    Path real = tmp.toRealPath();
    Files.createDirectories(real.resolve("a/b"));
    Files.writeString(real.resolve("a/b/x.pem"), "");
    Files.writeString(real.resolve("y.pem"), "");
    Files.writeString(real.resolve("z.txt"), "");
    PathResolver r = new PathResolver(real, real);
    assertThat(r.expand("**/*.pem")).containsExactlyInAnyOrder(real.resolve("a/b/x.pem"), real.resolve("y.pem"));
    assertThat(r.expand("*.txt")).containsExactly(real.resolve("z.txt"));
    assertThat(r.expand("nothing/**/*.pem")).isEmpty();
    Path many = Files.createDirectories(real.resolve("many"));
    for (int i = 0; i <= PathResolver.MAX_GLOB_MATCHES; i++) {
      Files.writeString(many.resolve(i + ".key"), "");
    }
    assertThatThrownBy(() -> r.expand("many/*.key")).isInstanceOf(PathResolver.GlobTooBroadException.class)
        .hasMessageContaining("matches more than");
  }

  /**
   * Glob syntax counts only in the entry's own text: a workdir or home whose name holds {@code [ ] * ?} (a clone in
   * {@code proj[1]}) stays literal, and a path that exists exactly as written is named as well as matched.
   */
  @Test
  void globCharactersInTheWorkdirOrHomeNameAreLiteral() throws IOException {
    Path real = tmp.toRealPath();
    Path w = Files.createDirectories(real.resolve("proj[1]*?{a,b}"));
    Path h = Files.createDirectories(real.resolve("home[x]"));
    Files.writeString(Files.createDirectories(w.resolve("keys")).resolve("id.key"), "");
    Files.writeString(h.resolve("a.pem"), "");
    PathResolver r = new PathResolver(w, h);
    assertThat(r.expand("**/*.key")).containsExactly(w.resolve("keys/id.key"));
    assertThat(r.expand("~/*.pem")).containsExactly(h.resolve("a.pem"));
    Path literal = Files.writeString(w.resolve("name[z]"), "");
    assertThat(r.expand(literal.toString())).containsExactly(literal);
    assertThat(r.expand("name[z]")).containsExactly(literal);
  }
}
