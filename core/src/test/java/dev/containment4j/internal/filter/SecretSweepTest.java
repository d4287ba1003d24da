/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Session 11's secrets and PII sweep ({@link SecretSweep}): every provider format and carrier is found with nothing
 * of 8 characters left, every lookalike and non-PII item passes, every PII item is found. Each kind lists all of its
 * failures, not only the first.
 */
class SecretSweepTest {
  private static final List<SecretSweep.Item> ITEMS = SecretSweep.items();

  private static List<String> failures(SecretSweep.Kind kind, SecretSweep.Outcome expected) {
    List<String> out = new ArrayList<>();
    for (SecretSweep.Item it : ITEMS) {
      if (it.kind() == kind) {
        SecretSweep.Outcome o = SecretSweep.score(it);
        if (o != expected) {
          out.add(o + ": " + it.name());
        }
      }
    }
    return out;
  }

  @Test
  void sweepHasTheIntendedSize() {
    assertThat(ITEMS.stream().filter(i -> i.kind() == SecretSweep.Kind.FORMAT).count()).isGreaterThanOrEqualTo(98);
    assertThat(ITEMS.stream().filter(i -> i.kind() == SecretSweep.Kind.CONTEXT).count()).isGreaterThanOrEqualTo(37);
    assertThat(ITEMS.stream().filter(i -> i.kind() == SecretSweep.Kind.LOOKALIKE).count()).isGreaterThanOrEqualTo(56);
  }

  @Test
  void everyProviderFormatIsFoundAndFullyRedacted() {
    assertThat(failures(SecretSweep.Kind.FORMAT, SecretSweep.Outcome.FOUND)).isEmpty();
  }

  @Test
  void everyCarrierOfACoveredFormatIsFoundAndFullyRedacted() {
    assertThat(failures(SecretSweep.Kind.CONTEXT, SecretSweep.Outcome.FOUND)).isEmpty();
  }

  @Test
  void lookalikesAreNoFinding() {
    assertThat(failures(SecretSweep.Kind.LOOKALIKE, SecretSweep.Outcome.PASSED)).isEmpty();
  }

  @Test
  void piiIsFoundAndItsNeighboursAreNot() {
    assertThat(failures(SecretSweep.Kind.PII, SecretSweep.Outcome.FOUND)).isEmpty();
    assertThat(failures(SecretSweep.Kind.NOT_PII, SecretSweep.Outcome.PASSED)).isEmpty();
  }
}
