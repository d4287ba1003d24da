/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a connection whose request head (or SOCKS handshake, or TLS handshake plus first request) does not complete
 * within the deadline, counted from the connection's first moment or a keep-alive request's first byte. This is what
 * stops slowloris clients, which keep a connection busy by sending a header a byte at a time.
 */
final class HeadDeadline extends ChannelInboundHandlerAdapter {
  private final long timeoutNanos;
  private ScheduledFuture<?> timer;
  private boolean waiting = true;
  /** When the clock started ({@link System#nanoTime}), or -1 while it is stopped. */
  private long since = -1;
  private ChannelHandlerContext ctx;

  HeadDeadline(long timeoutMillis) {
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    if (ctx.channel().isActive()) {
      start(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    start(ctx);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (waiting && since < 0) {
      start(ctx);
    }
    ctx.fireChannelRead(msg);
  }

  /**
   * Starts the clock. One timer per connection at most: a kept-alive connection does not schedule and cancel one per
   * request; a timer that finds the clock restarted sleeps for the rest of the new period.
   */
  private void start(ChannelHandlerContext ctx) {
    if (since < 0) {
      since = System.nanoTime();
    }
    if (timer == null) {
      schedule(ctx, timeoutNanos);
    }
  }

  private void schedule(ChannelHandlerContext ctx, long delayNanos) {
    timer = ctx.executor().schedule(() -> {
      timer = null;
      if (since < 0) {
        return;
      }
      long left = timeoutNanos - (System.nanoTime() - since);
      if (left <= 0) {
        ctx.channel().close();
      } else {
        schedule(ctx, left);
      }
    }, delayNanos, TimeUnit.NANOSECONDS);
  }

  /** The head arrived: stop the clock. */
  void done() {
    waiting = false;
    since = -1;
  }

  /**
   * A tunnel to an intercepted host was just opened: the clock starts now, not at the next byte, so a client that
   * sends nothing after its CONNECT (or SOCKS5 request) is cut off like one that trickles.
   */
  void startNow() {
    waiting = true;
    since = -1;
    if (ctx != null) {
      start(ctx);
    }
  }

  /** Ready for the next keep-alive request: the clock starts at its first byte. */
  void awaitNext() {
    waiting = true;
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    stop(); // a closed connection's timer must not keep its pipeline reachable until it fires
    ctx.fireChannelInactive();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    stop();
  }

  private void stop() {
    done();
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
