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

  @Test
  void aTreeDeeperThanPathMaxWithLockedDirectoriesLinksAndAFifoIsDeleted() throws Exception {
    Path outside = Files.writeString(parent.resolve("precious"), "keep");
    Path tree = Files.createDirectories(parent.resolve("tree"));
    // relative mkdir/chdir, as a sandboxed tool makes it: 3 000 levels are 6 000 characters, beyond PATH_MAX
    org.assertj.core.api.Assumptions.assumeThat(Files.isExecutable(Path.of("/usr/bin/python3"))).as("python3")
        .isTrue();
    String script = String.join("\n", "import os, sys",
        "tree, outside = sys.argv[1], sys.argv[2]",
        "os.chdir(tree); os.symlink(outside, 'top-link'); os.mkfifo('fifo')",
        "for i in range(3000):",
        "    os.mkdir('d'); os.chdir('d')",
        "os.symlink(outside, 'link'); os.symlink(tree + '/..', 'dirlink'); os.mkfifo('fifo')",
        "os.makedirs('locked/inner'); open('locked/inner/f', 'w').write('x')",
        "os.chmod('locked/inner', 0); os.chmod('locked', 0)",
        "print('planted', len(os.getcwd()))");
    Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, tree.toString(), outside.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(out).contains("planted");

    FileTrees.deleteTree(tree);

    assertThat(tree).doesNotExist();
    assertThat(outside).hasContent("keep");
    assertThat(parent).isDirectory();
  }
}
