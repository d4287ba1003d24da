/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containment4j.BackendUnavailableException;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.Availability;
import dev.containment4j.spi.IsolationBackend;
import dev.containment4j.spi.IsolationBackendProvider;
import dev.containment4j.spi.IsolationSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackendSelectorTest {

  /** Selection logic only: a provider whose probe answer is given. */
  private record Probed(String id, int priority, Availability answer) implements IsolationBackendProvider {
    @Override
    public Availability probe() {
      return answer;
    }

    @Override
    public IsolationBackend open(IsolationSpec spec) {
      throw new UnsupportedOperationException("selection test");
    }
  }

  private static final Probed BWRAP_BROKEN = new Probed("bubblewrap", 100,
      Availability.unavailable("bwrap not on PATH", "apt-get install bubblewrap"));
  private static final Probed GVISOR_OK = new Probed("gvisor", 50, Availability.available("runsc 20221219"));

  @Test
  void autoTakesTheFirstAvailableInPriorityOrderAndRecordsRejections() {
    BackendSelector.Selection s = BackendSelector.select(Policy.Backend.AUTO, List.of(BWRAP_BROKEN, GVISOR_OK));

    assertThat(s.provider().id()).isEqualTo("gvisor");
    assertThat(s.rejected()).containsEntry("bubblewrap", "bwrap not on PATH; fix: apt-get install bubblewrap");
    assertThat(s.report().notes()).anyMatch(n -> n.startsWith("rejected bubblewrap"));
  }

  @Test
  void nothingAvailableFailsClosedListingEveryAttempt() {
    assertThatThrownBy(() -> BackendSelector.select(Policy.Backend.AUTO, List.of(BWRAP_BROKEN)))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("Nothing was run")
        .hasMessageContaining("bubblewrap: bwrap not on PATH; fix: apt-get install bubblewrap")
        .satisfies(e -> assertThat(((BackendUnavailableException) e).getAttempts()).containsOnlyKeys("bubblewrap"));
  }

  @Test
  void aNamedBackendMustItselfWork() {
    assertThatThrownBy(() -> BackendSelector.select(Policy.Backend.BUBBLEWRAP, List.of(BWRAP_BROKEN, GVISOR_OK)))
        .isInstanceOf(BackendUnavailableException.class)
        .satisfies(e -> assertThat(((BackendUnavailableException) e).getAttempts()).containsOnlyKeys("bubblewrap"));
    assertThatThrownBy(() -> BackendSelector.select(Policy.Backend.SEATBELT, List.of(GVISOR_OK)))
        .hasMessageContaining("containment4j-isolation-seatbelt");
  }

  @Test
  void noneIsOnlyEverChosenWhenWrittenOut() {
    assertThatThrownBy(() -> BackendSelector.select(Policy.Backend.AUTO, List.of()))
        .isInstanceOf(BackendUnavailableException.class);
    assertThat(BackendSelector.select(Policy.Backend.NONE, List.of(GVISOR_OK)).provider().id()).isEqualTo("none");
  }

  @Test
  void aThrowingProbeIsARejectionNotACrash() {
    IsolationBackendProvider throwing = new IsolationBackendProvider() {
      @Override
      public String id() {
        return "bubblewrap";
      }

      @Override
      public int priority() {
        return 100;
      }

      @Override
      public Availability probe() {
        throw new IllegalStateException("boom");
      }

      @Override
      public IsolationBackend open(IsolationSpec spec) {
        throw new UnsupportedOperationException("selection test");
      }
    };
    assertThatThrownBy(() -> BackendSelector.select(Policy.Backend.AUTO, List.of(throwing)))
        .hasMessageContaining("probe failed");
  }

  /** With a spec, each provider is probed for that policy (a provider refuses a binary its calls could write). */
  @Test
  void withASpecEachProviderIsProbedForThatPolicy() {
    IsolationSpec spec = new IsolationSpec(Policy.defaults(), java.nio.file.Path.of("/w"), java.nio.file.Path.of("/h"),
        java.util.Map.of(), e -> { });
    IsolationBackendProvider planted = new IsolationBackendProvider() {
      @Override
      public String id() {
        return "bubblewrap";
      }

      @Override
      public int priority() {
        return 100;
      }

      @Override
      public Availability probe() {
        return Availability.available("bwrap on PATH");
      }

      @Override
      public Availability probe(IsolationSpec s) {
        return Availability.unavailable("will not run /w/bin/bwrap as bwrap: it lies inside " + s.workdir(), "fix");
      }

      @Override
      public IsolationBackend open(IsolationSpec s) {
        throw new UnsupportedOperationException("selection test");
      }
    };
    BackendSelector.Selection s = BackendSelector.select(Policy.Backend.AUTO, List.of(planted, GVISOR_OK), spec);
    assertThat(s.provider().id()).isEqualTo("gvisor");
    assertThat(s.rejected()).containsKey("bubblewrap");
    assertThat(s.rejected().get("bubblewrap")).contains("lies inside /w");
  }
}
