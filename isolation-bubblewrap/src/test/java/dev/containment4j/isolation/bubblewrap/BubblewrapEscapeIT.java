/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap;

import dev.containment4j.policy.Policy;
import dev.containment4j.testing.EnabledIfBubblewrap;
import dev.containment4j.testing.EscapeSuite;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;

/** The shared escape suite against the real bwrap. */
@EnabledIfBubblewrap
@Tag("integration")
@Tag("escape")
class BubblewrapEscapeIT extends EscapeSuite {
  BubblewrapEscapeIT() {
    super(Policy.Backend.BUBBLEWRAP);
  }

  /**
   * This JVM's cgroups (v1 and v2 layouts) and private directories (on {@code /dev/shm} and in the temp directory):
   * the backend removes them when it closes, and the suite closes its backend after every call.
   */
  @Override
  protected List<String> hostLeftovers() {
    long pid = ProcessHandle.current().pid();
    long deadline = System.nanoTime() + 2_000_000_000L;
    List<String> left;
    do {
      left = new ArrayList<>();
      for (String cgroup : List.of("/sys/fs/cgroup/memory/containment4j", "/sys/fs/cgroup/pids/containment4j",
          "/sys/fs/cgroup/containment4j")) {
        left.addAll(matches(Path.of(cgroup), pid + "-*"));
      }
      for (String base : List.of("/dev/shm", System.getProperty("java.io.tmpdir"))) {
        left.addAll(matches(Path.of(base), "containment4j-bwrap-" + pid + "-*"));
      }
      if (left.isEmpty()) {
        return left;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return left;
      }
    } while (System.nanoTime() < deadline);
    return left;
  }

  private static List<String> matches(Path dir, String glob) {
    List<String> found = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return found;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
      ds.forEach(p -> found.add(p.toString()));
    } catch (IOException e) {
      found.add("cannot list " + dir + ": " + e);
    }
    return found;
  }
}
