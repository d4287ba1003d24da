/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** An in-memory file system for planner tests: directories end with '/'. */
final class FakeFiles implements FileProbe {
  private final Map<Path, Kind> kinds = new HashMap<>();

  FakeFiles(String... paths) {
    for (String p : paths) {
      boolean dir = p.endsWith("/");
      Path path = Path.of(dir ? p.substring(0, p.length() - 1) : p);
      kinds.put(path, dir ? Kind.DIRECTORY : Kind.FILE);
      for (Path parent = path.getParent(); parent != null; parent = parent.getParent()) {
        kinds.putIfAbsent(parent, Kind.DIRECTORY);
      }
    }
  }

  @Override
  public Kind kind(Path path) {
    return kinds.getOrDefault(path, Kind.MISSING);
  }

  @Override
  public Path real(Path path) {
    return path;
  }
}
