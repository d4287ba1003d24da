/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import dev.containment4j.ExecResult;
import dev.containment4j.spi.ExecRequest;
import dev.containment4j.spi.IsolationSession;

/**
 * One gVisor sandbox kept across calls: files the tool writes in the sandbox's own file system (outside the workdir)
 * persist between calls and vanish when the session closes; the workdir is the host's.
 */
final class GvisorSession implements IsolationSession {
  private final GvisorBackend backend;
  private final RunscSandbox sandbox;
  private final String mode;
  private volatile boolean closed;

  GvisorSession(GvisorBackend backend, RunscSandbox sandbox, String mode) {
    this.backend = backend;
    this.sandbox = sandbox;
    this.mode = mode;
  }

  @Override
  public ExecResult exec(ExecRequest request) {
    if (closed) {
      throw new IllegalStateException("this gVisor session is closed");
    }
    return sandbox.exec(request, mode, backend.egressEvents());
  }

  /** Returns at once: deleting a running sandbox takes 1-2 s and happens in the background. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      backend.destroyLater(sandbox);
    }
  }
}
