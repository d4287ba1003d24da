/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * No isolation backend could be used. {@link #getAttempts()} lists every backend that was tried and why it was
 * rejected; the message adds how to fix the most likely cause. containment4j never falls back to running a tool
 * unisolated: that needs {@code backend: none} written in the policy.
 *
 * @since 0.1
 */
public class BackendUnavailableException extends ContainmentException {
  private static final long serialVersionUID = 1L;

  private final Map<String, String> attempts;

  public BackendUnavailableException(String message, Map<String, String> attempts) {
    super(format(message, attempts));
    this.attempts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attempts));
  }

  private static String format(String message, Map<String, String> attempts) {
    StringBuilder sb = new StringBuilder(message);
    attempts.forEach((id, why) -> sb.append(System.lineSeparator()).append("  - ").append(id).append(": ").append(why));
    return sb.toString();
  }

  /** Backend id to the reason it was rejected, in the order they were tried. */
  public Map<String, String> getAttempts() {
    return attempts;
  }
}
