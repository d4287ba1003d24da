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

  /**
   * One client's share of the caps: the connections accepted on one listener and the upstream connections they
   * hold. A sandbox's own listener (a served descriptor) gets a quarter of each cap, so one sandbox flooding the proxy
   * leaves the others room; the host listener, which cannot tell its clients apart, shares the whole caps.
   */
  public static final class Share {
    final int maxConnections;
    final int maxTunnels;
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger tunnels = new AtomicInteger();
    final ConcurrentLinkedDeque<Channel> idle = new ConcurrentLinkedDeque<>();

    private Share(int maxConnections, int maxTunnels) {
      this.maxConnections = maxConnections;
      this.maxTunnels = maxTunnels;
    }

    /** The whole caps (the host listener). */
    public static Share whole(Limits limits) {
      return new Share(limits.maxConnections(), limits.maxTunnels());
    }

    /** One sandbox's listener: a quarter of each cap, at least one. */
    public static Share sandbox(Limits limits) {
      return new Share(Math.max(1, limits.maxConnections() / 4), Math.max(1, limits.maxTunnels() / 4));
    }

    public int maxTunnels() {
      return maxTunnels;
    }
  }

  /** Live counters of one proxy. */
  public static final class Counters {
    final AtomicInteger connections = new AtomicInteger();
    final AtomicInteger tunnels = new AtomicInteger();
    /** Kept-alive client connections waiting for their next request, longest waiting first. */
    private final ConcurrentLinkedDeque<Channel> idle = new ConcurrentLinkedDeque<>();

    void parkIdle(Channel c, Share share) {
      idle.addLast(c);
      share.idle.addLast(c);
    }

    void unparkIdle(Channel c, Share share) {
      idle.remove(c);
      share.idle.remove(c);
    }

    /**
     * The longest-waiting idle kept-alive connection, taken off the list, or null when there is none: of the whole
     * proxy ({@code share} null) or of one client's share. Its frontend unparks it from the other list as it closes.
     */
    Channel reclaimIdle(Share share) {
      var list = share == null ? idle : share.idle;
      Channel c;
      while ((c = list.pollFirst()) != null) {
        if (c.isActive()) {
          return c;
        }
      }
      return null;
    }

    /** One upstream connection within {@code share}'s cap and the proxy's; false when either is reached. */
    boolean tryAcquireTunnel(Share share, int max) {
      if (!acquire(share.tunnels, share.maxTunnels)) {
        return false;
      }
      if (!acquire(tunnels, max)) {
        share.tunnels.decrementAndGet();
        return false;
      }
      return true;
    }

    private static boolean acquire(AtomicInteger count, int max) {
      while (true) {
        int n = count.get();
        if (n >= max) {
          return false;
        }
        if (count.compareAndSet(n, n + 1)) {
          return true;
        }
      }
    }

    void releaseTunnel(Share share) {
      share.tunnels.decrementAndGet();
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
