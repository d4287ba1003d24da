/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import dev.containment4j.guard.ContentFilter;
import dev.containment4j.guard.FilterResult;
import dev.containment4j.policy.Policy;

/** PLACEHOLDER until the detectors land: the content filter configured by a policy. */
public final class PolicyFilter {
  private PolicyFilter() {}

  public static ContentFilter of(Policy policy) {
    return (text, ctx) -> FilterResult.pass(text);
  }
}
