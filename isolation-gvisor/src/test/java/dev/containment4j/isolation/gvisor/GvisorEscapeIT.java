/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor;

import dev.containment4j.policy.Policy;
import dev.containment4j.testing.EnabledIfGvisor;
import dev.containment4j.testing.EscapeSuite;

/** The shared escape suite, run through the whole pipeline (session calls: runsc exec) against real runsc. */
@EnabledIfGvisor
class GvisorEscapeIT extends EscapeSuite {
  GvisorEscapeIT() {
    super(Policy.Backend.GVISOR);
  }
}
