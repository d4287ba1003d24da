/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

  @TempDir
  Path parent;

  @Test
  void anOwnedDirectoryIsNamedAfterThisJvmAndSweepsThoseOfDeadJvms() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path dead = Files.createDirectories(parent.resolve("x-" + gone.pid() + "-1"));
    Files.writeString(dead.resolve("ca.pem"), "left by a killed JVM");
    Path live = Files.createDirectories(parent.resolve("x-" + ProcessHandle.current().pid() + "-2"));
    Path other = Files.createDirectories(parent.resolve("y-" + gone.pid() + "-3"));

    Path mine = FileTrees.createOwnedDirectory(parent, "x-");

    assertThat(mine.getFileName().toString()).startsWith("x-" + ProcessHandle.current().pid() + "-");
    assertThat(dead).doesNotExist();
    assertThat(live).isDirectory();
    assertThat(other).as("another prefix is not ours to sweep").isDirectory();
  }

  @Test
  void deletingATreeRemovesAPlantedLinkNotItsTarget() throws Exception {
    Path outside = Files.writeString(parent.resolve("precious"), "keep");
    Path tree = Files.createDirectories(parent.resolve("tree/sub"));
    Files.createSymbolicLink(tree.resolve("link"), outside);
    FileTrees.deleteTree(parent.resolve("tree"));
    assertThat(parent.resolve("tree")).doesNotExist();
    assertThat(outside).hasContent("keep");
  }
}
