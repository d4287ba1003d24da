/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;

/**
 * A client that shuts its sending side (TCP half-close, as {@code nc -N} or a shell's here-document client does after
 * its request) still gets its answer: client connections allow half-closure, and this first handler passes the end of
 * the client's input on only to the two handlers that carry it through, an HTTP/1.1 frontend (which finishes the
 * exchange in flight, then closes) and a tunnel's relay (which passes the half-close on to the origin). In every other
 * state (no request yet, a SOCKS handshake, TLS, HTTP/2) nothing more can come, so the connection is closed at once.
 */
@ChannelHandler.Sharable
final class HalfClose extends ChannelInboundHandlerAdapter {
  static final HalfClose INSTANCE = new HalfClose();

  private HalfClose() {}

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent && ctx.pipeline().get(HttpFrontend.class) == null
        && ctx.pipeline().get(Relay.class) == null) {
      ctx.close();
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }
}
