/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.policy;

import java.util.Objects;

/**
 * A secret value resolved on the host (for example from {@code ${env:GITHUB_TOKEN}}). Its {@link #toString()} never
 * shows the value, so it cannot leak through logs, audit events or exception messages by accident.
 *
 * @since 0.1
 */
public final class Secret {
  private final String value;
  private final String origin;

  private Secret(String value, String origin) {
    this.value = Objects.requireNonNull(value, "value");
    this.origin = Objects.requireNonNull(origin, "origin");
  }

  /**
   * @param value the secret
   * @param origin where it came from, safe to print (for example {@code ${env:GITHUB_TOKEN}})
   */
  public static Secret of(String value, String origin) {
    return new Secret(value, origin);
  }

  /** The secret itself. Call only where it is used; never log the result. */
  public String reveal() {
    return value;
  }

  /** Where the value came from, as written in the policy (safe to print). */
  public String origin() {
    return origin;
  }

  @Override
  public String toString() {
    return "Secret[" + origin + "]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret && ((Secret) o).value.equals(value) && ((Secret) o).origin.equals(origin);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, origin);
  }
}
