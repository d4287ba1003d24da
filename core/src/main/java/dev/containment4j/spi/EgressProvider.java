/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.spi;

import dev.containment4j.event.AuditListener;
import dev.containment4j.policy.Policy;

/**
 * Opens the egress proxy for {@code network.mode: proxy}. Discovered with {@link java.util.ServiceLoader}; the
 * implementation lives in {@code containment4j-egress} (register it in
 * {@code META-INF/services/dev.containment4j.spi.EgressProvider}). Core never depends on the proxy's libraries.
 *
 * @since 0.1
 */
public interface EgressProvider {

  /**
   * Starts a proxy for {@code policy.network()} on the host's loopback interface.
   *
   * @param policy the policy in force (its {@code network} section decides what the proxy allows)
   * @param events receives one {@code egress.allow} or {@code egress.deny} event per connection or request
   * @return the running gateway; the caller closes it
   * @throws dev.containment4j.SandboxSetupException when the proxy cannot start
   */
  EgressGateway open(Policy policy, AuditListener events);
}
