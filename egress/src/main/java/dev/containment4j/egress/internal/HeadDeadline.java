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
  private final long timeoutMillis;
  private ScheduledFuture<?> timer;
  private boolean waiting = true;

  HeadDeadline(long timeoutMillis) {
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    if (ctx.channel().isActive()) {
      arm(ctx);
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    arm(ctx);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (waiting && timer == null) {
      arm(ctx);
    }
    ctx.fireChannelRead(msg);
  }

  private void arm(ChannelHandlerContext ctx) {
    if (timer == null) {
      timer = ctx.executor().schedule(() -> {
        if (waiting) {
          ctx.channel().close();
        }
      }, timeoutMillis, TimeUnit.MILLISECONDS);
    }
  }

  /** The head arrived: stop the clock. */
  void done() {
    waiting = false;
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  /** Ready for the next keep-alive request: the clock starts at its first byte. */
  void awaitNext() {
    waiting = true;
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    done();
  }
}
