/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.event;

/**
 * Receives every audit event: guard decisions, sandbox start and exit, egress allow/deny, filter findings, trust
 * changes, backend selection. Called synchronously on the thread that caused the event; implementations must be fast
 * and thread-safe, and must not throw (exceptions are logged and ignored).
 *
 * @since 0.1
 */
@FunctionalInterface
public interface AuditListener {
  void onEvent(AuditEvent event);

  /** A listener that drops everything. */
  static AuditListener none() {
    return e -> { };
  }
}
