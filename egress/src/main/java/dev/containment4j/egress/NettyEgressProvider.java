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
 * The {@link EgressProvider} of {@code containment4j-egress}: an {@link EgressProxy} on an ephemeral loopback port
 * that, on Linux, serves only processes of this JVM's user ({@link EgressProxy.Builder#sameUserOnly}).
 *
 * @since 0.1
 */
public final class NettyEgressProvider implements EgressProvider {
  @Override
  public EgressGateway open(Policy policy, AuditListener events) {
    try {
      // the sandbox's own processes run as this user; no other user of the host may borrow its proxy (Linux only:
      // the owner of a loopback connection is read from /proc/net/tcp)
      boolean linux = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux");
      return EgressProxy.builder(policy.network()).events(events).sameUserOnly(linux).start();
    } catch (RuntimeException e) {
      throw new SandboxSetupException("egress", -1, "", "cannot start the egress proxy for " + policy.source() + ": "
          + e.getMessage(), e);
    }
  }
}
