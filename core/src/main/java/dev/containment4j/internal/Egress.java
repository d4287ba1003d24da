/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal;

import dev.containment4j.SandboxSetupException;
import dev.containment4j.event.AuditListener;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.EgressGateway;
import dev.containment4j.spi.EgressProvider;
import java.util.Iterator;
import java.util.ServiceLoader;

/** Finds the egress proxy ({@code containment4j-egress}) and opens it; fails closed when it is missing. */
public final class Egress {
  private Egress() {}

  /**
   * Opens the first {@link EgressProvider} on the class path.
   *
   * @throws SandboxSetupException when none is there: {@code network.mode: proxy} never runs without the proxy
   */
  public static EgressGateway open(Policy policy, AuditListener events, ClassLoader loader) {
    Iterator<EgressProvider> providers = ServiceLoader.load(EgressProvider.class, loader).iterator();
    if (!providers.hasNext()) {
      throw new SandboxSetupException("egress", -1, "", "network.mode: proxy needs the egress proxy, but no "
          + EgressProvider.class.getName() + " is on the class path; add the dependency "
          + "dev.containment4j:containment4j-egress, or set network.mode: none; nothing was run");
    }
    return providers.next().open(policy, events);
  }
}
