/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j;

/**
 * The backend failed before the tool ran (for example bwrap could not set up a mount). Carries the backend's exit
 * code and the tail of its diagnostic output.
 *
 * @since 0.1
 */
public class SandboxSetupException extends ContainmentException {
  private static final long serialVersionUID = 1L;

  private final String backend;
  private final int exitCode;
  private final String stderrTail;

  public SandboxSetupException(String backend, int exitCode, String stderrTail, String message) {
    this(backend, exitCode, stderrTail, message, null);
  }

  public SandboxSetupException(String backend, int exitCode, String stderrTail, String message, Throwable cause) {
    super(backend + ": " + message + (stderrTail == null || stderrTail.isBlank() ? "" : " (" + stderrTail.strip() + ")"),
        cause);
    this.backend = backend;
    this.exitCode = exitCode;
    this.stderrTail = stderrTail == null ? "" : stderrTail;
  }

  public String getBackend() {
    return backend;
  }

  /** Exit status of the backend tool, or -1 when it did not run. */
  public int getExitCode() {
    return exitCode;
  }

  public String getStderrTail() {
    return stderrTail;
  }
}
