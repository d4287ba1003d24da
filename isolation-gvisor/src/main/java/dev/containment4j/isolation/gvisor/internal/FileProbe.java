/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** What exists on the host, behind an interface so the planner stays pure and golden-testable. */
public interface FileProbe {

  /** What a path is. */
  enum Kind { MISSING, FILE, DIRECTORY }

  /** The kind of {@code path} after following symlinks. */
  Kind kind(Path path);

  /** {@code path} with symlinks resolved when it exists, else unchanged. */
  Path real(Path path);

  /** The real file system. */
  static FileProbe host() {
    return new FileProbe() {
      @Override
      public Kind kind(Path path) {
        if (Files.isDirectory(path)) {
          return Kind.DIRECTORY;
        }
        return Files.exists(path) ? Kind.FILE : Kind.MISSING;
      }

      @Override
      public Path real(Path path) {
        try {
          return Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? path.toRealPath() : path;
        } catch (IOException e) {
          return path;
        }
      }
    };
  }
}
