/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j;

import java.time.Duration;
import java.util.Objects;

/**
 * The raw result of running one process in a sandbox, before the content filter. Hosts see it only inside a
 * {@link SandboxBlock}; what the block returns is filtered before it reaches the model.
 *
 * @param exitCode the process's exit status (128+signal when killed by a signal, 124 when the wall-time limit hit)
 * @param stdout captured standard output, decoded as UTF-8, at most {@code isolation.limits.outputBytes}
 * @param stderr captured standard error, likewise capped
 * @param timedOut whether the wall-time limit ended the process tree
 * @param outputTruncated whether either stream exceeded the cap (the rest was drained and dropped)
 * @param duration wall time of the call inside the backend
 * @param isolation what isolation was applied
 * @since 0.1
 */
public record ExecResult(
    int exitCode,
    String stdout,
    String stderr,
    boolean timedOut,
    boolean outputTruncated,
    Duration duration,
    IsolationReport isolation) {

  public ExecResult {
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(isolation, "isolation");
  }

  /** Whether the process exited with status 0. */
  public boolean succeeded() {
    return exitCode == 0 && !timedOut;
  }
}
