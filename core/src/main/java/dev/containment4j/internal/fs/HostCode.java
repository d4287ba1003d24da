/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.fs;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The host JVM's own code: the entries of its class path and module path, and the jars their manifests' {@code
 * Class-Path} attributes name (the {@code lib/*.jar} of an application started with {@code java -jar app.jar}), as
 * real paths (missing ones left out). A sandbox must not write them, or the host would run what a call left there on
 * its next start. Thread-safe.
 */
final class HostCode {
  private static final List<Path> ENTRIES = read();

  private HostCode() {}

  /** The entries, read once when the class is loaded (the JVM's class path does not change). */
  static List<Path> entries() {
    return ENTRIES;
  }

  /** How deep manifests naming jars whose manifests name jars are followed, and how many entries at most. */
  private static final int MAX_DEPTH = 8;
  private static final int MAX_ENTRIES = 10_000;

  private static List<Path> read() {
    Path cwd = Path.of(System.getProperty("user.dir", "")).toAbsolutePath();
    List<Path> given = new ArrayList<>();
    for (String property : List.of("java.class.path", "jdk.module.path")) {
      for (String entry : System.getProperty(property, "").split(File.pathSeparator)) {
        if (!entry.isEmpty()) {
          given.add(cwd.resolve(entry));
        }
      }
    }
    return withManifestClassPaths(given);
  }

  /** {@code entries} as real paths (missing ones left out), each jar followed by what its manifest names. */
  static List<Path> withManifestClassPaths(List<Path> entries) {
    Set<Path> out = new LinkedHashSet<>();
    for (Path entry : entries) {
      add(entry, 0, out);
    }
    return List.copyOf(out);
  }

  private static void add(Path entry, int depth, Set<Path> out) {
    Path real;
    try {
      real = entry.toRealPath();
    } catch (IOException | RuntimeException missing) {
      return; // nothing there to protect
    }
    if (!out.add(real) || depth >= MAX_DEPTH || out.size() >= MAX_ENTRIES || !Files.isRegularFile(real)) {
      return;
    }
    String classPath;
    try (JarFile jar = new JarFile(real.toFile(), false)) {
      Manifest m = jar.getManifest();
      classPath = m == null ? null : m.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
    } catch (IOException | RuntimeException notAJar) {
      return;
    }
    if (classPath == null || real.getParent() == null) {
      return;
    }
    // relative URLs, resolved against the jar's directory as the JVM's class loader does
    URI base = real.getParent().toUri();
    for (String url : classPath.trim().split("\\s+")) {
      try {
        URI u = base.resolve(url);
        if ("file".equals(u.getScheme())) {
          add(Path.of(u), depth + 1, out);
        }
      } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException ignored) {
        // not a file URL the JVM could load either
      }
    }
  }
}
