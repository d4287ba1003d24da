/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import dev.containment4j.Layer;
import dev.containment4j.Verdict;
import dev.containment4j.guard.ModelGuard;
import dev.containment4j.policy.Policy;

/** PLACEHOLDER until the rule engine lands: the guard configured by a policy. */
public final class PolicyGuard {
  private PolicyGuard() {}

  public static ModelGuard of(Policy policy) {
    return (call, ctx) -> Verdict.allow(Layer.GUARD, "", "", "placeholder");
  }
}
