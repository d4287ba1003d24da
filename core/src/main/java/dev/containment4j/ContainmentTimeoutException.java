/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j;

import java.time.Duration;

/**
 * A containment step (not the tool itself: a tool that runs out of wall time is a {@link ToolResult} with
 * {@link ToolResult#timedOut()}) did not finish within its limit, for example a backend probe or an approver.
 *
 * @since 0.1
 */
public class ContainmentTimeoutException extends ContainmentException {
  private static final long serialVersionUID = 1L;

  private final Duration limit;

  public ContainmentTimeoutException(String message, Duration limit) {
    super(message + " (limit " + limit.toMillis() + " ms)");
    this.limit = limit;
  }

  public Duration getLimit() {
    return limit;
  }
}
