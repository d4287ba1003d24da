/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import io.netty.channel.Channel;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
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
 * @param lookupTimeout time a name lookup may take before the client is answered {@code dns-failure}
 */
public record Limits(int maxConnections, int maxTunnels, Duration handshakeTimeout, Duration idleTimeout,
    Duration connectTimeout, int maxHeaderBytes, Duration lookupTimeout) {

  public static Limits defaults() {
    return new Limits(1024, 256, Duration.ofSeconds(10), Duration.ofMinutes(5), Duration.ofSeconds(10), 32 * 1024,
        Duration.ofSeconds(5));
  }

  /** The same limits with another {@code lookupTimeout}. */
  public Limits withLookupTimeout(Duration timeout) {
    return new Limits(maxConnections, maxTunnels, handshakeTimeout, idleTimeout, connectTimeout, maxHeaderBytes,
        timeout);
  }

  /** Live counters of one proxy. */
  public static final class Counters {
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger tunnels = new AtomicInteger();
    /** Kept-alive client connections waiting for their next request, longest waiting first. */
    private final ConcurrentLinkedDeque<Channel> idle = new ConcurrentLinkedDeque<>();

    void parkIdle(Channel c) {
      idle.addLast(c);
    }

    void unparkIdle(Channel c) {
      idle.remove(c);
    }

    /** The longest-waiting idle kept-alive connection, taken off the list, or null when there is none. */
    Channel reclaimIdle() {
      Channel c;
      while ((c = idle.pollFirst()) != null) {
        if (c.isActive()) {
          return c;
        }
      }
      return null;
    }

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
