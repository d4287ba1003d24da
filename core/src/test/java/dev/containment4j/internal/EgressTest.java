/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containment4j.SandboxSetupException;
import dev.containment4j.event.AuditListener;
import dev.containment4j.policy.Policy;
import org.junit.jupiter.api.Test;

class EgressTest {
  @Test
  void proxyModeWithoutTheEgressModuleFailsClosedNamingTheDependency() {
    // core's own class path has no EgressProvider
    assertThatThrownBy(() -> Egress.open(Policy.defaults(), AuditListener.none(), EgressTest.class.getClassLoader()))
        .isInstanceOf(SandboxSetupException.class)
        .hasMessageContaining("containment4j-egress")
        .hasMessageContaining("network.mode: proxy");
  }
}
