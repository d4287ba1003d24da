/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal;

import dev.containment4j.guard.ContentFilter;
import dev.containment4j.internal.filter.PolicyFilter;
import dev.containment4j.policy.Policy;

/** The content filter a policy asks for. */
public final class Filters {
  private Filters() {}

  public static ContentFilter forPolicy(Policy policy) {
    return PolicyFilter.of(policy);
  }
}
