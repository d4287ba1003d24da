/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * An absolute host path and what it was when the plan was made (read without following a final symlink).
 *
 * @param path absolute, normalised; the real path when it exists
 * @param kind what is there
 */
public record HostPath(Path path, Kind kind) {

  /** What a path is on the host. */
  public enum Kind {
    FILE, DIRECTORY, SYMLINK, MISSING, OTHER
  }

  public HostPath {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(kind, "kind");
    if (!path.isAbsolute()) {
      throw new IllegalArgumentException("not absolute: " + path);
    }
  }

  /** Looks at {@code path} without following a final symlink. */
  public static HostPath of(Path path) {
    return new HostPath(path, kindOf(path));
  }

  public boolean isDirectory() {
    return kind == Kind.DIRECTORY;
  }

  public boolean exists() {
    return kind != Kind.MISSING;
  }

  static Kind kindOf(Path path) {
    try {
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (a.isSymbolicLink()) {
        return Kind.SYMLINK;
      }
      if (a.isDirectory()) {
        return Kind.DIRECTORY;
      }
      return a.isRegularFile() ? Kind.FILE : Kind.OTHER;
    } catch (IOException e) {
      return Kind.MISSING;
    }
  }
}
