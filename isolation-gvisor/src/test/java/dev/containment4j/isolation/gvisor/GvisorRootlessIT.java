/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.containment4j.testing.EnabledIfGvisor;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The backend as an unprivileged user (uid 65534, through {@code setpriv}): sessions keep one sandbox (no
 * {@code runsc --rootless}, which refuses {@code create}; a user namespace in config.json instead), from the warm
 * pool, with the seccomp filter. Needs root to switch users and newuidmap/newgidmap (package uidmap); skips visibly
 * otherwise.
 */
@Tag("integration")
@EnabledIfGvisor
class GvisorRootlessIT {
  static final int NOBODY = 65534;

  @Test
  void anUnprivilegedUserGetsRealSessionsFromTheWarmPool() throws Exception {
    assumeThat(ProcessHandle.current().info().user().orElse("")).as("root, to become uid 65534").isEqualTo("root");
    assumeThat(Path.of("/usr/bin/setpriv")).as("util-linux setpriv").isExecutable();
    assumeThat(Path.of("/usr/bin/newuidmap")).as("newuidmap (package uidmap)").isExecutable();
    Path base = Files.createDirectories(Path.of("/var/tmp", "containment4j-gvisor-rootless-it"));
    Path root = Files.createTempDirectory(base, "fx");
    try {
      new GvisorFixture(root);
      // the unprivileged user cannot read the Maven repository: copy the class path where it can
      List<String> cp = new ArrayList<>();
      int i = 0;
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        Path src = Path.of(entry);
        if (Files.exists(src)) {
          Path dst = root.resolve("cp").resolve(i++ + (Files.isDirectory(src) ? "" : ".jar"));
          copy(src, dst);
          cp.add(dst.toString());
        }
      }
      chown(root);
      String java = ProcessHandle.current().info().command().orElse("java");
      ProcessBuilder pb = new ProcessBuilder("/usr/bin/setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY,
          "--clear-groups", java, "-Djava.io.tmpdir=" + root, "-cp", String.join(File.pathSeparator, cp),
          RootlessChild.class.getName(), root.toString());
      pb.environment().clear();
      pb.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
      pb.environment().put("HOME", root.toString());
      pb.redirectErrorStream(true);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(out).as(out).contains("WARM true", "ONESHOT 0 exit=0", "FIRST exit=0", "SECOND kept",
          "Seccomp:\t2", "Linux version 4.4.0", "DONE").doesNotContain("NESTED");
      assertThat(root.resolve("work/from-sandbox")).hasContent("host");
      assertThat(Files.getAttribute(root.resolve("work/from-sandbox"), "unix:uid")).as("owned by the user")
          .isEqualTo(NOBODY);
    } finally {
      try (Stream<Path> s = Files.walk(root)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  private static void copy(Path src, Path dst) throws IOException {
    Files.createDirectories(dst.getParent());
    if (!Files.isDirectory(src)) {
      Files.copy(src, dst);
      return;
    }
    try (Stream<Path> s = Files.walk(src)) {
      for (Path f : (Iterable<Path>) s::iterator) {
        Path t = dst.resolve(src.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t);
        }
      }
    }
  }

  private static void chown(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path f : (Iterable<Path>) s::iterator) {
        Files.setAttribute(f, "unix:uid", NOBODY);
        Files.setAttribute(f, "unix:gid", NOBODY);
      }
    }
  }
}
