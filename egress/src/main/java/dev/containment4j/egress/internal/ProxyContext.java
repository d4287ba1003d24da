/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import io.netty.channel.Channel;
import io.netty.channel.socket.SocketChannel;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What every connection handler of one proxy shares: the gatekeeper, credential rules, interception, audit, limits.
 *
 * @param gatekeeper destination checks
 * @param credentials credential bindings
 * @param interception TLS interception, when {@code network.tls: intercept}
 * @param audit audit events
 * @param limits resource bounds
 * @param counters live counters
 * @param socketChannel the client-socket channel type for upstream connections
 * @param share the caps of the clients of one listener
 */
public record ProxyContext(Gatekeeper gatekeeper, CredentialRules credentials, Optional<Interception> interception,
    EgressAudit audit, Limits limits, Limits.Counters counters, Supplier<? extends SocketChannel> socketChannel,
    Limits.Share share) {

  /**
   * The same proxy for one sandbox's own listener: its events report to that sandbox's call, and its connections and
   * upstream connections have a share of the caps of their own ({@link Limits.Share#sandbox}).
   */
  public ProxyContext forSandbox(EgressAudit other) {
    return new ProxyContext(gatekeeper, credentials, interception, other, limits, counters, socketChannel,
        Limits.Share.sandbox(limits));
  }

  static HeadDeadline deadline(Channel ch) {
    return ch.pipeline().get(HeadDeadline.class);
  }
}
