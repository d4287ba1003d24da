/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.fs;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.NoSuchFileException;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.util.ArrayList;
import java.util.List;
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
      // a tree deeper than PATH_MAX (a sandbox can make one with relative mkdir/chdir) fails every path-based call
      // below that depth: take it apart relative to the root's open descriptor instead
      try {
        deleteByHoisting(root);
      } catch (IOException | RuntimeException again) {
        LOG.warn("could not delete {}: {}; then {}", root, e.toString(), again.toString());
      }
    }
  }

  /**
   * Empties {@code root} and deletes it without ever naming a path longer than two components: every directory that
   * is not empty has its entries moved up into {@code root} under fresh names (rename relative to open directories,
   * links never followed), so the depth of the tree does not matter and at most three descriptors are open. Each entry
   * moves once, so the work is linear in the number of entries.
   */
  static void deleteByHoisting(Path root) throws IOException {
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      Files.deleteIfExists(root);
      return;
    }
    root.toFile().setReadable(true, true);
    root.toFile().setWritable(true, true);
    root.toFile().setExecutable(true, true);
    try (DirectoryStream<Path> opened = Files.newDirectoryStream(root)) {
      if (!(opened instanceof SecureDirectoryStream<Path> top)) {
        throw new IOException("no SecureDirectoryStream on this platform for " + root);
      }
      long fresh = 0;
      while (true) {
        List<Path> names = new ArrayList<>();
        try (SecureDirectoryStream<Path> listing = top.newDirectoryStream(Path.of("."), LinkOption.NOFOLLOW_LINKS)) {
          for (Path p : listing) {
            names.add(p.getFileName());
          }
        }
        if (names.isEmpty()) {
          break;
        }
        for (Path name : names) {
          BasicFileAttributes a = top.getFileAttributeView(name, BasicFileAttributeView.class,
              LinkOption.NOFOLLOW_LINKS).readAttributes();
          if (!a.isDirectory()) {
            top.deleteFile(name);
            continue;
          }
          try {
            top.deleteDirectory(name);
            continue;
          } catch (DirectoryNotEmptyException notEmpty) {
            // hoist its entries below
          }
          // a direct child of root: a short path, so chmod by path works even on a mode-000 directory
          File dir = root.resolve(name).toFile();
          dir.setReadable(true, true);
          dir.setWritable(true, true);
          dir.setExecutable(true, true);
          try (SecureDirectoryStream<Path> child = top.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS)) {
            for (Path c : child) {
              fresh = hoist(child, c.getFileName(), top, fresh);
            }
          }
        }
      }
    }
    Files.delete(root);
  }

  /** Moves {@code name} from {@code from} into {@code to} under an unused name; returns the next counter value. */
  private static long hoist(SecureDirectoryStream<Path> from, Path name, SecureDirectoryStream<Path> to, long fresh)
      throws IOException {
    for (int attempt = 0; attempt < 1000; attempt++, fresh++) {
      Path target = Path.of(".c4j-delete-" + fresh);
      try {
        to.getFileAttributeView(target, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS).readAttributes();
        continue; // taken
      } catch (NoSuchFileException free) {
        from.move(name, to, target);
        return fresh + 1;
      }
    }
    throw new IOException("no free name to move " + name + " to");
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
