/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress;

import dev.containment4j.SandboxSetupException;
import dev.containment4j.event.AuditListener;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.EgressGateway;
import dev.containment4j.spi.EgressProvider;

/**
 * The {@link EgressProvider} of {@code containment4j-egress}: an {@link EgressProxy} on an ephemeral loopback port.
 *
 * @since 0.1
 */
public final class NettyEgressProvider implements EgressProvider {
  @Override
  public EgressGateway open(Policy policy, AuditListener events) {
    try {
      return EgressProxy.builder(policy.network()).events(events).start();
    } catch (RuntimeException e) {
      throw new SandboxSetupException("egress", -1, "", "cannot start the egress proxy for " + policy.source() + ": "
          + e.getMessage(), e);
    }
  }
}
