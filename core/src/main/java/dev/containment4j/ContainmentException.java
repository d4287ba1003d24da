/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j;

/**
 * Root of every exception containment4j throws. All are unchecked.
 *
 * <p>A tool's non-zero exit status is data in {@link ToolResult}, never an exception. Exceptions are reserved for
 * policy errors, unavailable backends, setup failures and time limits, and their messages say what was tried and how
 * to fix it.
 *
 * @since 0.1
 */
public class ContainmentException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ContainmentException(String message) {
    super(message);
  }

  public ContainmentException(String message, Throwable cause) {
    super(message, cause);
  }
}
