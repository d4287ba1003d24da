/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containment4j.SandboxSetupException;
import dev.containment4j.internal.BackendSelector;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.Availability;
import java.util.Map;
import dev.containment4j.testing.EnabledIfGvisor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The probe boots a real sandbox and says what it found, or what to do. */
@Tag("integration")
@EnabledIfGvisor
class GvisorProbeIT {

  @Test
  void probeReportsVersionAndPlatform() {
    Availability a = new GvisorBackendProvider().probe();
    assertThat(a.available()).isTrue();
    assertThat(a.detail()).contains("runsc version", "platform ", "test sandbox ran in");
  }

  @Test
  void rootlessModeWorksToo() {
    Availability a = new GvisorBackendProvider().probe(Map.of("rootless", "true"));
    assertThat(a.available()).as(a.describe()).isTrue();
    assertThat(a.detail()).contains("rootless");
  }

  @Test
  void missingRunscSaysHowToInstallIt() {
    Availability a = new GvisorBackendProvider().probe(Map.of("runsc", "/nonexistent/runsc"));
    assertThat(a.available()).isFalse();
    assertThat(a.fix()).contains("apt-get install runsc", "isolation.gvisor.runsc", "gvisor.dev");
  }

  @Test
  void brokenRunscIsReportedWithItsError() {
    Availability a = new GvisorBackendProvider().probe(Map.of("runsc", "/bin/false"));
    assertThat(a.available()).isFalse();
    assertThat(a.detail()).contains("/bin/false");
  }

  @Test
  void unknownSettingIsAnError() {
    Availability a = new GvisorBackendProvider().probe(Map.of("poolsize", "2"));
    assertThat(a.available()).isFalse();
    assertThat(a.detail()).contains("isolation.gvisor.poolsize", "poolSize");
  }

  @Test
  void discoveredByServiceLoaderBelowBubblewrap() {
    assertThat(BackendSelector.discover(getClass().getClassLoader()))
        .anySatisfy(p -> {
          assertThat(p.id()).isEqualTo("gvisor");
          assertThat(p.priority()).isEqualTo(50);
        });
  }

  @Test
  void openingWithAMissingRunscFailsClosedWithTheFix() throws Exception {
    GvisorFixture fx = GvisorFixture.create();
    try {
      Policy p = fx.policy(0);
      Policy.Isolation i = p.isolation();
      Policy broken = new Policy(p.source(), new Policy.Isolation(i.backend(), i.filesystem(), i.limits(), i.env(),
          Map.of("gvisor", Map.of("runsc", "/nonexistent/runsc"))), p.network(), p.guard(), p.content(), p.trust(),
          p.audit());
      assertThatThrownBy(() -> new GvisorBackendProvider().open(fx.spec(broken)))
          .isInstanceOf(SandboxSetupException.class).hasMessageContaining("runsc not found")
          .hasMessageContaining("apt-get install runsc");
    } finally {
      fx.delete();
    }
  }
}
