/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.internal.fs.FilesystemPlan;
import dev.containment4j.internal.fs.FilesystemPlan.ProtectedPath;
import dev.containment4j.internal.fs.FilesystemPlan.Protection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaceholdersTest {
  @TempDir
  Path work;

  private FilesystemPlan plan(Path p, Protection protection) {
    return new FilesystemPlan(work, List.of(work), List.of(), List.of(), List.of(),
        List.of(new ProtectedPath(p, protection)), Optional.empty(), List.of());
  }

  @Test
  void thePlaceholderOutlivesEveryConcurrentCallThatUsesIt() throws IOException {
    Path mcp = work.resolve(".mcp.json");
    FilesystemPlan first = Placeholders.acquire(plan(mcp, Protection.OCCUPY));
    assertThat(first.protectedPaths().get(0).protection()).isEqualTo(Protection.OCCUPY);
    Files.createFile(mcp); // what bwrap leaves behind
    // a second call plans while the placeholder exists: it must still occupy (not bind the placeholder read-only)
    FilesystemPlan second = Placeholders.acquire(plan(mcp, Protection.READ_ONLY));
    assertThat(second.protectedPaths().get(0).protection()).isEqualTo(Protection.OCCUPY);
    Placeholders.release(first);
    assertThat(mcp).as("still mounted by the second call").exists();
    Placeholders.release(second);
    assertThat(mcp).doesNotExist();
  }

  @Test
  void realFilesAreNeverRemoved() throws IOException {
    Path existing = Files.writeString(work.resolve(".bashrc"), "# mine\n");
    FilesystemPlan p = Placeholders.acquire(plan(existing, Protection.READ_ONLY));
    assertThat(p.protectedPaths().get(0).protection()).isEqualTo(Protection.READ_ONLY);
    Placeholders.release(p);
    assertThat(existing).hasContent("# mine");

    Path created = work.resolve(".gitmodules");
    FilesystemPlan q = Placeholders.acquire(plan(created, Protection.OCCUPY));
    Files.writeString(created, "written by the host meanwhile");
    Placeholders.release(q);
    assertThat(created).as("not empty, so not a placeholder").exists();
  }
}
