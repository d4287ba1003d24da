/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.fs;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.DirectoryStream;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Host-side clean-up of the directories backends create (private tmp, bundles, state), shared by every backend. */
public final class FileTrees {
  private static final Logger LOG = LoggerFactory.getLogger(FileTrees.class);

  private FileTrees() {}

  /**
   * Deletes a directory tree without following symlinks (a link planted by the sandbox is removed, never its
   * target); makes unreadable directories readable first. Best effort: what cannot be deleted is logged.
   */
  public static void deleteTree(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          dir.toFile().setReadable(true, true);
          dir.toFile().setWritable(true, true);
          dir.toFile().setExecutable(true, true);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.delete(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
          Files.delete(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", root, e.toString());
    }
  }

  /**
   * Creates a directory {@code PREFIX<pid>-<random>} under {@code parent}, first removing those of the same prefix
   * whose JVM is gone ({@link #sweepDeadOwners}), so a JVM killed before it could clean up leaves nothing behind for
   * long.
   */
  public static Path createOwnedDirectory(Path parent, String prefix, FileAttribute<?>... attributes)
      throws IOException {
    sweepDeadOwners(parent, prefix);
    return Files.createTempDirectory(parent, prefix + ProcessHandle.current().pid() + "-", attributes);
  }

  /** Deletes the directories {@code PREFIX<pid>-*} under {@code parent} whose pid no longer runs. Best effort. */
  public static void sweepDeadOwners(Path parent, String prefix) {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, prefix + "[0-9]*-*")) {
      for (Path dir : ds) {
        String rest = dir.getFileName().toString().substring(prefix.length());
        long owner = Long.parseLong(rest.substring(0, rest.indexOf('-')));
        // a live pid (even a reused one) keeps the directory; the sticky bit keeps other users' out of reach
        if (ProcessHandle.of(owner).isEmpty() && Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
          deleteTree(dir);
        }
      }
    } catch (IOException | RuntimeException e) {
      // best effort: what a dead JVM left is only disk or memory space
    }
  }
}
