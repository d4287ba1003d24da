/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Resolves an allowed, canonical host name to all of its addresses. The proxy calls it once per connection and dials
 * one of the addresses it returned after checking all of them. The default is the JVM's resolver; replace it to use
 * another resolver (or, in tests, one that answers differently each time, to show that rebinding does not work).
 *
 * @since 0.1
 */
@FunctionalInterface
public interface HostResolver {
  List<InetAddress> resolve(String name) throws UnknownHostException;

  /** The JVM's resolver: the host's {@code /etc/hosts} and DNS. */
  static HostResolver system() {
    return name -> List.of(InetAddress.getAllByName(name));
  }
}
