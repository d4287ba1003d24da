/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j;

import java.util.List;
import java.util.Objects;

/**
 * What isolation was actually applied to a call: the backend, the limits and how each was enforced, and notes (for
 * example why other backends were rejected during selection, or that {@code backend: none} ran the tool unisolated).
 *
 * @param backend id of the backend that ran the call ({@code bubblewrap}, {@code gvisor}, {@code none}, ...)
 * @param limits every limit that was enforced and its mechanism
 * @param notes free-form notes, in order
 * @since 0.1
 */
public record IsolationReport(String backend, List<EnforcedLimit> limits, List<String> notes) {
  public IsolationReport {
    Objects.requireNonNull(backend, "backend");
    limits = List.copyOf(limits);
    notes = List.copyOf(notes);
  }

  /** Report for a call that never reached a backend (denied before isolation). */
  public static IsolationReport notRun() {
    return new IsolationReport("not-run", List.of(), List.of());
  }

  /**
   * One enforced limit.
   *
   * @param name {@code wallSeconds}, {@code memoryMb}, {@code pids}, {@code outputBytes}, ...
   * @param value the value in force, as text with its unit
   * @param mechanism how it was enforced, such as {@code cgroup v1 memory.limit_in_bytes} or {@code RLIMIT_AS}
   */
  public record EnforcedLimit(String name, String value, String mechanism) {
    public EnforcedLimit {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(mechanism, "mechanism");
    }
  }
}
