/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j;

import java.util.Locale;

/**
 * The layer of the pipeline that reached a decision.
 *
 * @since 0.1
 */
public enum Layer {
  /** The policy itself (for example a tool kind that the policy does not allow at all). */
  POLICY,
  /** The model guard: rules, classifier, reviewer or a human approver. */
  GUARD,
  /** OS isolation (the backend). */
  ISOLATION,
  /** The egress proxy. */
  EGRESS,
  /** The content filter on what comes back. */
  CONTENT,
  /** The workspace trust gate. */
  TRUST;

  /** Lower-case id used in audit events and JSON output. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
