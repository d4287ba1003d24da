/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Directories for tests about host programs (bwrap, runsc) that the library runs only from a place no other user can
 * change: every ancestor owned by root or this user and not group- or world-writable. A checkout may lie anywhere
 * (CI may clone under {@code /tmp}, which every user can write), so such directories are made under the user's home
 * instead of {@code target/}; they are removed when the JVM exits.
 */
public final class PrivateTestDirs {
  private static final Path BASE = base();

  private PrivateTestDirs() {}

  /** A new directory, mode 0755, whose ancestors no other user can write. */
  public static Path create(String prefix) throws IOException {
    Path dir = Files.createTempDirectory(BASE, prefix).toRealPath();
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    return dir;
  }

  private static Path base() {
    try {
      Path base = Files.createTempDirectory(Path.of(System.getProperty("user.home")), ".c4j-test-").toRealPath();
      Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(base)));
      return base;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort at exit
    }
  }
}
