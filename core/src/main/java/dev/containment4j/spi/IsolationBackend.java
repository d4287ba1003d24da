/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.spi;

import dev.containment4j.ExecResult;

/**
 * A backend opened for one policy. Thread-safe: {@link #exec} and {@link #openSession()} may be called concurrently.
 *
 * @since 0.1
 */
public interface IsolationBackend extends AutoCloseable {

  /** The backend's id, as its provider's. */
  String id();

  /** Runs one process in a fresh sandbox that is torn down before this returns. */
  default ExecResult exec(ExecRequest request) {
    try (IsolationSession session = openSession()) {
      return session.exec(request);
    }
  }

  /**
   * Opens a session: one sandbox context kept across calls (per-session private tmp for bubblewrap, one sandbox for
   * gVisor). Closing it destroys everything it created.
   */
  IsolationSession openSession();

  /**
   * What the backend will do, for {@code containment explain}: the bwrap argument list, the OCI config or the SBPL
   * profile, for a representative command.
   */
  String explain();

  /** Releases everything the backend holds (temp files, pooled sandboxes). Idempotent. */
  @Override
  void close();
}
