/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import dev.containment4j.guard.FilterContext;
import dev.containment4j.guard.FilterResult;
import dev.containment4j.policy.Policy;

/** A text placed between two ordinary log lines, as tool output carries it, and whether the filter flags it. */
final class InLogLines {
  private static final PolicyFilter FILTER =
      PolicyFilter.of(new Policy.Content(Policy.SecretsMode.REDACT, Policy.InjectionMode.QUARANTINE, 0));
  private static final String LOG = "2026-11-27 09:14:02 INFO  build finished in 41s\n";

  private InLogLines() {}

  /** Whether the default filter finds an injection in {@code text} between two log lines. */
  static boolean flagged(String text) {
    FilterResult r = FILTER.filter(LOG + text + "\n" + LOG, FilterContext.standalone());
    return r.findings().stream().anyMatch(f -> f.type().equals("injection"));
  }
}
