/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.spi;

import dev.containment4j.event.AuditListener;
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

  /**
   * Whether {@link #serve(int, String, AuditListener)} works here (it needs a transport that can adopt a socket
   * descriptor: Netty's epoll on Linux). Backends that bridge a sandbox this way check it when they open and refuse
   * {@code network.mode: proxy} otherwise.
   *
   * @since 0.2
   */
  default boolean canServeListeningSockets() {
    return false;
  }

  /**
   * Accepts connections on a TCP socket that is already bound and listening, with the same rules as the main
   * listener: the zero-relay bridge, where a backend creates the listener inside the sandbox's network namespace and
   * takes a duplicate of its descriptor, so the sandbox's connections land directly on the proxy. Events of these
   * connections go to {@code events} (instead of the gateway's own listener), carrying {@code callId}, so they reach
   * the listeners of the call whose sandbox made them.
   *
   * @param listeningFd a descriptor of a listening TCP socket owned by the caller; ownership passes to the gateway
   *     (closed by {@link ServedSocket#close()}, or before this throws)
   * @param callId the call the sandbox runs, for audit events
   * @param events where this socket's {@code egress.allow}/{@code egress.deny} events go
   * @return a handle that stops accepting and closes the descriptor
   * @throws UnsupportedOperationException when {@link #canServeListeningSockets()} is false
   * @throws IllegalArgumentException when the descriptor is not a listening TCP socket
   * @since 0.2
   */
  default ServedSocket serve(int listeningFd, String callId, AuditListener events) {
    throw new UnsupportedOperationException(getClass().getName() + " cannot serve a listening socket descriptor");
  }

  /**
   * A listening socket served by {@link #serve(int, String, AuditListener)}.
   *
   * @since 0.2
   */
  interface ServedSocket extends AutoCloseable {
    /** The address the socket is bound to (in the namespace that created it). */
    InetSocketAddress address();

    /**
     * Stops accepting and closes the descriptor; connections already accepted end when their peer goes away.
     * Idempotent.
     */
    @Override
    void close();
  }

  /** Stops the listener and every open tunnel. Idempotent. */
  @Override
  void close();
}
