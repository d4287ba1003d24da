/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap.internal;

/**
 * Tells JVMs inside the sandbox how much memory the call has. A JVM sizes its heap from the memory it sees, and inside
 * bwrap it sees the host's (the call's cgroup is not visible: the host's cgroup tree is hidden), so it took a quarter
 * of the host's RAM as its maximum heap and was killed by the call's memory cgroup long before it would have thrown
 * {@code OutOfMemoryError}. {@code -XX:MaxRAM} makes it size itself, heap and everything else, from the call's
 * {@code memoryMb}. It comes first in {@code JAVA_TOOL_OPTIONS}, so options the policy or the proxy set there (and a
 * tool's own {@code -Xmx}) still win.
 */
final class JavaMemory {
  static final String VARIABLE = "JAVA_TOOL_OPTIONS";

  private JavaMemory() {}

  /** {@code existing} (may be null) with {@code -XX:MaxRAM} of {@code memoryMb} in front. */
  static String options(String existing, long memoryMb) {
    String own = "-XX:MaxRAM=" + memoryMb + "m";
    return existing == null || existing.isBlank() ? own : own + " " + existing;
  }
}
