/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The proxy's resource bounds and the counters that enforce them.
 *
 * @param maxConnections client connections open at once; more are closed on accept
 * @param maxTunnels upstream connections (tunnels and forwarding) open at once; more are answered 503 / SOCKS failure
 * @param handshakeTimeout time from a connection's (or a keep-alive request's) first byte to a complete request head,
 *     TLS handshake or SOCKS command
 * @param idleTimeout a connection with no traffic either way for this long is closed
 * @param connectTimeout time to connect upstream
 * @param maxHeaderBytes request head limit (request line 8 KiB at most)
 */
public record Limits(int maxConnections, int maxTunnels, Duration handshakeTimeout, Duration idleTimeout,
    Duration connectTimeout, int maxHeaderBytes) {

  public static Limits defaults() {
    return new Limits(1024, 256, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(10), 32 * 1024);
  }

  /** Live counters of one proxy. */
  public static final class Counters {
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger tunnels = new AtomicInteger();

    boolean tryAcquireTunnel(int max) {
      while (true) {
        int n = tunnels.get();
        if (n >= max) {
          return false;
        }
        if (tunnels.compareAndSet(n, n + 1)) {
          return true;
        }
      }
    }

    void releaseTunnel() {
      tunnels.decrementAndGet();
    }

    public int openTunnels() {
      return tunnels.get();
    }

    public int openConnections() {
      return connections.get();
    }
  }
}
