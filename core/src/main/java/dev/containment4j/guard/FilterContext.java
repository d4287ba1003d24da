/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.guard;

import dev.containment4j.ToolCall;
import java.util.Objects;

/**
 * Where a text came from: the call that produced it and the stream ({@code stdout}, {@code stderr}, {@code result}).
 *
 * @since 0.1
 */
public record FilterContext(ToolCall call, String stream) {
  public FilterContext {
    Objects.requireNonNull(stream, "stream");
  }

  /** A context for text that did not come from a tool call (for example the {@code containment filter} CLI). */
  public static FilterContext standalone() {
    return new FilterContext(null, "text");
  }
}
