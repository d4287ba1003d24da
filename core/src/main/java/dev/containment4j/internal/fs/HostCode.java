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
import java.util.Objects;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The host JVM's own code: the entries of its class path, module path and boot class path additions, its
 * {@code -javaagent} jars and {@code -agentpath} libraries (on the command line or in {@code JAVA_TOOL_OPTIONS}),
 * and the jars their manifests' {@code Class-Path} and {@code Boot-Class-Path} attributes name (the
 * {@code lib/*.jar} of an application started with {@code java -jar app.jar}), as real paths (missing ones left out).
 * A sandbox must not write them, or the host would run what a call left there on its next start. Thread-safe.
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
    for (String property : List.of("java.class.path", "jdk.module.path", "jdk.boot.class.path.append")) {
      addPaths(System.getProperty(property, ""), cwd, given);
    }
    // agents and boot class path additions, given on the command line or in the JVM's option variables
    List<String> options = jvmOptions();
    for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
      String v = System.getenv(variable);
      if (v != null) {
        options.addAll(List.of(v.trim().split("\\s+")));
      }
    }
    for (String o : options) {
      if (o.startsWith("-javaagent:") || o.startsWith("-agentpath:")) {
        // a Java agent's jar, or a native agent's library: both run in the host on its next start
        String jar = o.substring(o.indexOf(':') + 1);
        addPaths(jar.contains("=") ? jar.substring(0, jar.indexOf('=')) : jar, cwd, given);
      } else if (o.startsWith("-Xbootclasspath/a:")) {
        addPaths(o.substring("-Xbootclasspath/a:".length()), cwd, given);
      }
    }
    return withManifestClassPaths(given);
  }

  /**
   * The JVM's options from every source that has them: {@code ProcessHandle}'s arguments are empty when the command
   * line is long (a class path of a hundred jars is enough on Linux), so the runtime's own list of input arguments and
   * {@code /proc/self/cmdline} are read too. Reading more can only protect more.
   */
  private static List<String> jvmOptions() {
    List<String> options = new ArrayList<>(List.of(ProcessHandle.current().info().arguments().orElse(new String[0])));
    try {
      options.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
    } catch (LinkageError | RuntimeException noManagementModule) {
      // a runtime image without java.management: the other sources remain
    }
    Path cmdline = Path.of("/proc/self/cmdline");
    if (Files.isReadable(cmdline)) {
      try {
        options.addAll(List.of(new String(Files.readAllBytes(cmdline), java.nio.charset.StandardCharsets.UTF_8)
            .split("\0")));
      } catch (IOException | RuntimeException unreadable) {
        // not Linux, or /proc not mounted: the other sources remain
      }
    }
    return options;
  }

  private static void addPaths(String list, Path cwd, List<Path> out) {
    for (String entry : list.split(File.pathSeparator)) {
      if (!entry.isEmpty()) {
        try {
          out.add(cwd.resolve(entry));
        } catch (RuntimeException notAPath) {
          // nothing the JVM could have loaded either
        }
      }
    }
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
      if (m == null) {
        return;
      }
      // an agent jar's Boot-Class-Path is loaded like a Class-Path
      Attributes main = m.getMainAttributes();
      classPath = (Objects.toString(main.getValue(Attributes.Name.CLASS_PATH), "") + " "
          + Objects.toString(main.getValue("Boot-Class-Path"), "")).trim();
    } catch (IOException | RuntimeException notAJar) {
      return;
    }
    if (classPath.isEmpty() || real.getParent() == null) {
      return;
    }
    // relative URLs, resolved against the jar's directory as the JVM's class loader does
    URI base = real.getParent().toUri();
    for (String url : classPath.split("\\s+")) {
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
