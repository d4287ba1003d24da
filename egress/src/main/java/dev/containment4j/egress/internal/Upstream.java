/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import java.util.Optional;

/** Opens upstream connections on the client's event loop (no cross-thread hand-off), within the tunnel cap. */
final class Upstream {
  /** Per-direction buffering bound: above the high mark the other side stops reading. */
  static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(64 * 1024, 256 * 1024);

  private Upstream() {}

  /** The denial when the cap is reached. */
  static Denial tooManyTunnels(int max) {
    return new Denial("too-many-tunnels", "proxy limit maxTunnels=" + max,
        "too many connections through the proxy at once (" + max + "); close some and retry", "",
        io.netty.handler.codec.http.HttpResponseStatus.SERVICE_UNAVAILABLE,
        io.netty.handler.codec.socksx.v5.Socks5CommandStatus.FAILURE);
  }

  /**
   * Connects to {@code t.dial()} (the checked address, never re-resolved), or returns empty when the tunnel cap is
   * reached. The permit is released when the upstream channel closes.
   */
  static Optional<ChannelFuture> connect(ProxyContext px, Channel client, Gatekeeper.Target t, ChannelHandler init) {
    if (!px.counters().tryAcquireTunnel(px.limits().maxTunnels())) {
      return Optional.empty();
    }
    ChannelFuture f;
    try {
      f = new Bootstrap()
          .group(client.eventLoop())
          .channelFactory(px.socketChannel()::get)
          .option(ChannelOption.TCP_NODELAY, true)
          .option(ChannelOption.AUTO_READ, false)
          .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) px.limits().connectTimeout().toMillis())
          .handler(init)
          .connect(t.dial());
    } catch (RuntimeException e) {
      px.counters().releaseTunnel();
      throw e;
    }
    f.channel().closeFuture().addListener(x -> px.counters().releaseTunnel());
    return Optional.of(f);
  }

  static Denial unreachable(Gatekeeper.Target t, Throwable cause) {
    return new Denial("upstream-unreachable", "connect",
        "could not connect to " + t.host().authority() + ":" + t.port() + " (" + t.dial().getAddress().getHostAddress()
            + "): " + (cause == null ? "closed" : cause.getClass().getSimpleName()
            + (cause.getMessage() == null ? "" : " " + Authority.printable(cause.getMessage()))),
        "", io.netty.handler.codec.http.HttpResponseStatus.BAD_GATEWAY,
        cause instanceof java.net.ConnectException && !(cause instanceof io.netty.channel.ConnectTimeoutException)
            ? io.netty.handler.codec.socksx.v5.Socks5CommandStatus.CONNECTION_REFUSED
            : io.netty.handler.codec.socksx.v5.Socks5CommandStatus.HOST_UNREACHABLE);
  }
}
