/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitTrapsTest {
  @TempDir
  Path tmp;
  Path work;
  Path git;

  @BeforeEach
  void repository() throws IOException {
    work = Files.createDirectories(tmp.toRealPath().resolve("work"));
    git = Files.createDirectories(work.resolve(".git"));
  }

  @Test
  void aCommondirTheCallCreatedIsRemovedInEveryForm() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Path kept = Files.writeString(outside.resolve("kept"), "x");
    for (int form = 0; form < 3; form++) {
      GitTraps traps = GitTraps.before(List.of(work));
      Path c = git.resolve("commondir");
      switch (form) {
        case 0 -> Files.writeString(c, "evil\n");
        case 1 -> Files.createSymbolicLink(c, outside);
        default -> Files.writeString(Files.createDirectories(c).resolve("config"), "[core]\n");
      }
      assertThat(traps.removeNew()).singleElement().asString().startsWith("removed " + c);
      assertThat(Files.exists(c, LinkOption.NOFOLLOW_LINKS)).as("form %d", form).isFalse();
    }
    assertThat(kept).as("a link's target is never touched").hasContent("x");
  }

  @Test
  void aGitDirectoryReplacedByALinkDuringTheCallLeadsNowhere() throws IOException {
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    Path hostFile = Files.writeString(elsewhere.resolve("commondir"), "a host file\n");
    GitTraps traps = GitTraps.before(List.of(work));
    Files.delete(git);
    Files.createSymbolicLink(git, elsewhere);
    assertThat(traps.removeNew()).singleElement().asString().contains("was replaced during the call");
    assertThat(hostFile).hasContent("a host file\n");
  }

  @Test
  void aCommondirThatWasThereBeforeAndRootsWithoutAGitDirectoryAreLeftAlone() throws IOException {
    Path c = Files.writeString(git.resolve("commondir"), "../main/.git\n");
    Path plain = Files.createDirectories(tmp.resolve("plain"));
    GitTraps traps = GitTraps.before(List.of(work, plain));
    Files.createDirectories(plain.resolve(".git"));
    Files.writeString(plain.resolve(".git/commondir"), "x");
    assertThat(traps.removeNew()).isEmpty();
    assertThat(c).hasContent("../main/.git\n");
    assertThat(plain.resolve(".git/commondir")).exists();
  }
}
