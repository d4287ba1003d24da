/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the words of a command become paths (the string shortcuts must give what Path.resolve and normalize give). */
class PathsTest {

  @Test
  void onlyDotSegmentsNeedNormalising() {
    for (String s : List.of("/a/./b", "/a/../b", "/a/.", "/a/..", "/.", "/..", "/a//./b", "/a/./", "/a/b/../../..")) {
      assertThat(Paths.hasDotSegment(s)).as(s).isTrue();
    }
    for (String s : List.of("/", "/a/b", "/a/.hidden", "/a/..b", "/a/...", "/a/b.", "/a/b..", "/a.b/c", "/.git")) {
      assertThat(Paths.hasDotSegment(s)).as(s).isFalse();
    }
  }

  @Test
  void wordsResolveLikePathResolveAndNormalize() {
    Paths paths = new Paths(Path.of("/home/dev/proj"), Path.of("/home/dev"), "audit.jsonl");
    Path cwd = Path.of("/home/dev/proj/src");
    for (String w : List.of("a", "./a", "../a", "../../..", "a//b/", ".", "..", "/etc//passwd", "/x/./y/../z",
        "~/.ssh/id_rsa", ".git", "...", "a/.../b", "~", "$HOME/x")) {
      String expanded = w.startsWith("~") ? "/home/dev" + w.substring(1)
          : w.startsWith("$HOME") ? "/home/dev" + w.substring(5) : w;
      assertThat(paths.resolve(w, cwd)).as(w).isEqualTo(cwd.resolve(Path.of(expanded)).normalize());
    }
    assertThat(paths.resolve("x", Path.of("/"))).isEqualTo(Path.of("/x"));
    assertThat(paths.resolve("x", null)).isNull();
    assertThat(paths.resolve("a\0b", cwd)).isNull();
  }
}
