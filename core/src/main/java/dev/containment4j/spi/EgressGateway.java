/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.spi;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A running egress proxy: one listener that speaks HTTP CONNECT, absolute-form HTTP and SOCKS5. Backends make it
 * reachable from inside the sandbox (and nothing else), and put {@link #environment(int)} into the sandbox's
 * environment. Thread-safe.
 *
 * @since 0.1
 */
public interface EgressGateway extends AutoCloseable {

  /** Where the proxy listens on the host (a loopback address). */
  InetSocketAddress address();

  /**
   * The variables a sandboxed client needs when the proxy appears inside at {@code 127.0.0.1:port}:
   * {@code HTTP(S)_PROXY}, {@code ALL_PROXY} and lower-case forms, an empty {@code NO_PROXY}, JVM proxy properties in
   * {@code JAVA_TOOL_OPTIONS}, git's {@code http.proxy}, the CA bundle variables when TLS is intercepted, and the
   * placeholders of bound credentials (never a secret).
   */
  Map<String, String> environment(int port);

  /** {@link #environment(int)} for a client that reaches {@link #address()} directly. */
  default Map<String, String> environment() {
    return environment(address().getPort());
  }

  /**
   * The PEM file with the interception CA's certificate (never its key), when {@code network.tls: intercept};
   * backends make it readable inside the sandbox at the same path.
   */
  Optional<Path> caCertificate();

  /** Stops the listener and every open tunnel. Idempotent. */
  @Override
  void close();
}
