/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The JVM's own uid, read from {@code /proc/self} (no JNA needed). */
final class HostUser {
  private HostUser() {}

  static int uid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return -1;
    }
  }

  static int gid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:gid");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return -1;
    }
  }

  static boolean isRoot() {
    return uid() == 0;
  }
}
