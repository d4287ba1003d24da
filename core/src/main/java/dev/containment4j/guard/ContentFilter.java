/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.guard;

/**
 * Reviews what a tool returns before it reaches the model: redacts secrets, quarantines prompt injections, caps the
 * size. Never throws for a decision: the pipeline treats an exception as {@link FilterResult.Decision#BLOCK}.
 *
 * <p>Implementations must be thread-safe.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ContentFilter {

  /**
   * @param text the tool's output (one stream)
   * @param context where the text came from
   * @return the text the model may see, the decision and the findings
   */
  FilterResult filter(String text, FilterContext context);
}
