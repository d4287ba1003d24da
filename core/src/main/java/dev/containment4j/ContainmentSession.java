/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j;

import dev.containment4j.internal.Engine;
import dev.containment4j.internal.Pipeline;
import dev.containment4j.internal.SessionState;
import dev.containment4j.spi.IsolationSession;

/**
 * Several calls in one sandbox context, with session state: a taint flag set when an output carried secrets or
 * untrusted content (later outbound calls are escalated), and a circuit breaker that stops the session after too many
 * denials. Closing the session destroys its sandbox and everything it created.
 *
 * <p>Thread-safe, but calls are serialised: a session runs one call at a time.
 *
 * @since 0.1
 */
public final class ContainmentSession implements AutoCloseable {
  private final Engine engine;
  private final Pipeline.Config config;
  private final SessionState state = new SessionState();
  private IsolationSession isolation;
  private boolean closed;

  ContainmentSession(Engine engine, Pipeline.Config config) {
    this.engine = engine;
    this.config = config;
  }

  /** Runs one call in this session's sandbox. */
  public synchronized ToolResult run(ToolCall call) {
    ensureOpen();
    return Pipeline.run(engine, config, this::isolationSession, state, call, null);
  }

  /** Block form in this session's sandbox; returns the text for the model. */
  public String run(ToolCall call, SandboxBlock block) {
    return runBlock(call, block).modelMessage();
  }

  /** Block form in this session's sandbox, returning the whole result. */
  public synchronized ToolResult runBlock(ToolCall call, SandboxBlock block) {
    ensureOpen();
    return Pipeline.run(engine, config, this::isolationSession, state, call, block);
  }

  /** Whether an output in this session carried secrets or untrusted content. */
  public boolean tainted() {
    return state.tainted();
  }

  private IsolationSession isolationSession() {
    if (isolation == null) {
      isolation = engine.backend().openSession();
    }
    return isolation;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("session is closed");
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (isolation != null) {
      isolation.close();
    }
  }
}
