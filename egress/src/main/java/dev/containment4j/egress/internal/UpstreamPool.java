/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Idle upstream connections of one client connection whose requests arrive on several h2 streams: a stream that
 * finished its exchange leaves its upstream here, the next stream to the same checked address and host takes it, so a
 * client sending many requests over one h2 connection does not pay an upstream TLS handshake for each. Only used on
 * the client connection's event loop (no locking). Closing the client connection closes what is idle here.
 */
final class UpstreamPool {
  /** Idle connections kept per destination; more are closed. */
  static final int MAX_IDLE_PER_KEY = 8;
  static final String IDLE = "pool-idle";

  private final Map<String, ArrayDeque<Channel>> idle = new HashMap<>();
  private boolean closed;

  /** An idle connection to {@code key} ({@code address|host}) that is still open, or null. */
  Channel take(String key) {
    ArrayDeque<Channel> q = idle.get(key);
    Channel c;
    while (q != null && (c = q.pollLast()) != null) {
      if (c.isActive()) {
        c.pipeline().remove(IDLE);
        return c;
      }
    }
    return null;
  }

  /** Keeps {@code c} (its exchange complete, its handler removed) for the next stream to {@code key}. */
  void give(String key, Channel c) {
    ArrayDeque<Channel> q = idle.computeIfAbsent(key, k -> new ArrayDeque<>());
    if (closed || !c.isActive() || q.size() >= MAX_IDLE_PER_KEY) {
      c.close();
      return;
    }
    // while idle: the origin closing (or sending anything, which no request asked for) ends the connection
    c.pipeline().addLast(IDLE, new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
        ctx.close();
      }

      @Override
      public void channelInactive(ChannelHandlerContext ctx) {
        q.remove(ctx.channel());
      }

      @Override
      public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
      }
    });
    q.addLast(c);
  }

  /** Closes every idle connection; later ones given back are closed at once. */
  void close() {
    closed = true;
    idle.values().forEach(q -> q.forEach(Channel::close));
    idle.clear();
  }
}
