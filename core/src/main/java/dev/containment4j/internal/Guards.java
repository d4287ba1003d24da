/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal;

import dev.containment4j.guard.ModelGuard;
import dev.containment4j.internal.guard.PolicyGuard;
import dev.containment4j.policy.Policy;

/** The model guard a policy asks for. */
public final class Guards {
  private Guards() {}

  public static ModelGuard forPolicy(Policy policy) {
    return PolicyGuard.of(policy);
  }
}
