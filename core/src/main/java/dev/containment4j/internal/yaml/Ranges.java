/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.yaml;

import java.util.Map;

/** The valid range of every numeric key, by key name. */
final class Ranges {
  record Range(long min, long max, String unit) {}

  static final Map<String, Range> BY_KEY = Map.of(
      "wallSeconds", new Range(1, 86_400, "seconds (at most one day)"),
      "memoryMb", new Range(1, 1_048_576, "MiB (at most 1 TiB)"),
      "pids", new Range(1, 4_194_304, "processes (the Linux maximum is 4194304)"),
      "outputBytes", new Range(1, Integer.MAX_VALUE, "bytes per stream"),
      "maxConsecutiveDenials", new Range(1, 1_000, "denials"),
      "maxTotalDenials", new Range(1, 1_000_000, "denials"),
      "maxOutputBytes", new Range(1, Integer.MAX_VALUE, "bytes"),
      "poolSize", new Range(0, 64, "warm sandboxes"),
      "version", new Range(1, 1, ""));

  private Ranges() {}

  static String hint(String key) {
    Range r = BY_KEY.get(key);
    return r == null ? "use a smaller number" : "write a whole number from " + r.min + " to " + r.max + " " + r.unit;
  }
}
