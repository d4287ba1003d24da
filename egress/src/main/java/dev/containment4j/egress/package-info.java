/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * The egress proxy: one listener speaking HTTP CONNECT, absolute-form HTTP and SOCKS5, deny by default, with a domain
 * policy, proxy-side resolution and address checks, optional TLS interception and credential binding. Start one
 * with {@link dev.containment4j.egress.EgressProxy#builder(dev.containment4j.policy.Policy.Network)}, or let
 * {@code Containment} open it through {@link dev.containment4j.egress.NettyEgressProvider} when
 * {@code network.mode: proxy}.
 */
package dev.containment4j.egress;
