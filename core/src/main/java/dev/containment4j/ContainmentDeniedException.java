/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j;

/**
 * Thrown only by {@link ToolResult#orThrow()}: the call was denied. A denial is normally a value; this exception is
 * for hosts that prefer exceptions.
 *
 * @since 0.1
 */
public class ContainmentDeniedException extends ContainmentException {
  private static final long serialVersionUID = 1L;

  private final transient Verdict verdict;

  public ContainmentDeniedException(Verdict verdict) {
    super("denied by " + verdict.layer().id() + (verdict.rule().isEmpty() ? "" : " rule " + verdict.rule()) + ": "
        + verdict.reason());
    this.verdict = verdict;
  }

  public Verdict getVerdict() {
    return verdict;
  }
}
