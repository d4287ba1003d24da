/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.spi;

import dev.containment4j.ExecResult;

/**
 * One sandbox context kept across calls. Calls on one session are serialised by the caller.
 *
 * @since 0.1
 */
public interface IsolationSession extends AutoCloseable {

  /**
   * Runs one process. Returns when the main process exits; whatever it left running is killed then. Limits from the
   * spec apply; the tool's exit status is data, not an exception.
   *
   * @throws dev.containment4j.SandboxSetupException when the sandbox could not be set up (the tool did not run)
   */
  ExecResult exec(ExecRequest request);

  /** Destroys the session and everything it created (processes, mounts, temp files). Idempotent. */
  @Override
  void close();
}
