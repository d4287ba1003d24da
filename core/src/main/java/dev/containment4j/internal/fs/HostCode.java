/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.fs;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The host JVM's own code: the entries of its class path and module path, as real paths (missing ones left out).
 * A sandbox must not write them, or the host would run what a call left there on its next start. Manifest
 * {@code Class-Path} entries of a launched jar are not listed (they are not in the system properties). Thread-safe.
 */
final class HostCode {
  private static final List<Path> ENTRIES = read();

  private HostCode() {}

  /** The entries, read once when the class is loaded (the JVM's class path does not change). */
  static List<Path> entries() {
    return ENTRIES;
  }

  private static List<Path> read() {
    Path cwd = Path.of(System.getProperty("user.dir", "")).toAbsolutePath();
    List<Path> out = new ArrayList<>();
    for (String property : List.of("java.class.path", "jdk.module.path")) {
      for (String entry : System.getProperty(property, "").split(File.pathSeparator)) {
        if (entry.isEmpty()) {
          continue;
        }
        try {
          out.add(cwd.resolve(entry).toRealPath());
        } catch (IOException | RuntimeException missing) {
          // nothing there to protect
        }
      }
    }
    return List.copyOf(out);
  }
}
