/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap;

import dev.containment4j.policy.Policy;
import dev.containment4j.testing.EnabledIfBubblewrap;
import dev.containment4j.testing.EscapeSuite;
import org.junit.jupiter.api.Tag;

/** The shared escape suite against the real bwrap. */
@EnabledIfBubblewrap
@Tag("integration")
@Tag("escape")
class BubblewrapEscapeIT extends EscapeSuite {
  BubblewrapEscapeIT() {
    super(Policy.Backend.BUBBLEWRAP);
  }
}
