/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.spi;

import java.util.Objects;

/**
 * Result of a backend's {@link IsolationBackendProvider#probe()}: whether it works here, what was tried, and how to
 * fix it when it does not.
 *
 * @param available whether the backend ran its tool successfully
 * @param detail what was tried and what happened (version, platform, or the error)
 * @param fix what the user can do to make it available; empty when available
 * @since 0.1
 */
public record Availability(boolean available, String detail, String fix) {
  public Availability {
    Objects.requireNonNull(detail, "detail");
    fix = fix == null ? "" : fix;
  }

  public static Availability available(String detail) {
    return new Availability(true, detail, "");
  }

  public static Availability unavailable(String detail, String fix) {
    return new Availability(false, detail, fix);
  }

  /** One line: the detail, then the fix. */
  public String describe() {
    return fix.isEmpty() ? detail : detail + "; fix: " + fix;
  }
}
