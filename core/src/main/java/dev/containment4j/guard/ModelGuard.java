/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.guard;

import dev.containment4j.ToolCall;
import dev.containment4j.Verdict;

/**
 * Reviews a <em>proposed</em> tool call before anything runs and answers allow, ask or deny. Implementations never
 * throw for a decision; an implementation that fails must answer {@link Verdict.Deny} (fail closed), and the pipeline
 * turns any exception into a denial.
 *
 * <p>Implementations must be thread-safe.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ModelGuard {
  Verdict review(ToolCall call, GuardContext context);
}
