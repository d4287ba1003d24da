/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt;

import dev.containment4j.policy.Policy;
import dev.containment4j.testing.EscapeSuite;
import java.util.Set;

/**
 * The escape suite every backend passes, through the whole pipeline, against the real {@code sandbox-exec} (macOS
 * only; skipped as "macOS only" elsewhere). Several of its probes use Linux tools ({@code /proc}, {@code unshare},
 * {@code setsid}, {@code mv -T}, {@code getent}) that do not exist on macOS: there those steps fail by themselves and
 * the checks, which look at the host side, still hold. {@link SeatbeltEscapeIT} adds the Seatbelt-specific attempts.
 */
@EnabledIfSeatbelt
class SeatbeltSharedEscapeIT extends EscapeSuite {
  SeatbeltSharedEscapeIT() {
    super(Policy.Backend.SEATBELT);
  }

  /** macOS has no cgroups and does not enforce RLIMIT_AS (see docs/seatbelt.md). */
  @Override
  protected Set<String> unenforcedLimits() {
    return Set.of("memoryMb");
  }
}
