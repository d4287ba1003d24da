/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The module's minimal resolver, on a real filesystem with symlinks. */
class PathResolverTest {

  @Test
  void expandsHomeAndWorkdirAndResolvesSymlinksInTheExistingPrefix(@TempDir Path tmp) throws IOException {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path work = Files.createDirectories(home.resolve("proj"));
    Path vault = Files.createDirectories(tmp.resolve("vault"));
    Files.createSymbolicLink(home.resolve(".ssh"), vault);
    PathResolver r = PathResolver.onHost(work, home);
    Path realTmp = tmp.toRealPath();

    FsTarget ssh = r.resolve("denyRead.0", "~/.ssh");
    assertThat(ssh.path()).isEqualTo(realTmp.resolve("vault").toString());
    assertThat(ssh.spellings()).containsExactly(realTmp.resolve("vault").toString(), home.resolve(".ssh").toString());

    FsTarget notYet = r.resolve("denyRead.1", "~/.ssh/keys/new");
    assertThat(notYet.path()).as("missing rest kept as written below the resolved prefix")
        .isEqualTo(realTmp.resolve("vault/keys/new").toString());

    assertThat(r.resolve("x", "$HOME/.aws").path()).isEqualTo(home.toRealPath().resolve(".aws").toString());
    assertThat(r.resolve("x", "./build/../secrets").path()).isEqualTo(work.toRealPath().resolve("secrets")
        .toString());
    assertThat(r.resolve("x", "/etc").isGlob()).isFalse();
  }

  @Test
  void splitsGlobsIntoARealBaseAndAPattern(@TempDir Path tmp) throws IOException {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path work = Files.createDirectories(home.resolve("proj"));
    PathResolver r = PathResolver.onHost(work, home);
    FsTarget pem = r.resolve("denyRead.0", "**/*.pem");
    assertThat(pem.path()).isEqualTo(work.toRealPath().toString());
    assertThat(pem.glob()).contains("**/*.pem");
    FsTarget cfg = r.resolve("denyRead.1", "~/.config/*/credentials");
    assertThat(cfg.path()).isEqualTo(home.toRealPath().resolve(".config").toString());
    assertThat(cfg.glob()).contains("*/credentials");
    assertThat(r.resolve("x", "/*.key").path()).isEqualTo("/");
  }

  @Test
  void globSyntaxInTheWorkdirOrHomePathIsData() {
    PathResolver r = new PathResolver(Path.of("/w/a[1]{x,y}"), Path.of("/h/[me]"), p -> p);
    FsTarget pem = r.resolve("denyRead.0", "**/*.pem");
    assertThat(pem.path()).isEqualTo("/w/a[1]{x,y}");
    assertThat(pem.glob()).contains("**/*.pem");
    FsTarget cfg = r.resolve("denyRead.1", "~/.config/*/token");
    assertThat(cfg.path()).isEqualTo("/h/[me]/.config");
    assertThat(cfg.glob()).contains("*/token");
    var re = SbplModel.SbplRegex.toJava(pem.regex(GlobRegex.End.SUBTREE));
    assertThat(re.matcher("/w/a[1]{x,y}/k.pem").find()).isTrue();
    assertThat(re.matcher("/w/a1x/k.pem").find()).isFalse();
  }

  @Test
  void rejectsWhatItCannotResolve() {
    PathResolver r = new PathResolver(Path.of("/w"), Path.of("/h"), p -> p);
    assertThatThrownBy(() -> r.resolve("denyRead.0", "~bob/.ssh")).hasMessageContaining("denyRead.0")
        .hasMessageContaining("~user");
    assertThatThrownBy(() -> r.resolve("denyRead.1", "")).hasMessageContaining("empty");
    assertThat(List.of(r.resolve("x", "~").path(), r.resolve("y", "rel").path())).containsExactly("/h", "/w/rel");
  }
}
