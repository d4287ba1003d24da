/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Opens upstream connections on the client's event loop (no cross-thread hand-off), within the tunnel cap. */
final class Upstream {
  /** Set on a tunnel's upstream channel that was refused after connecting (its close reports no allow event). */
  static final io.netty.util.AttributeKey<Boolean> REFUSED = io.netty.util.AttributeKey.valueOf("containment.refused");

  /** Per-direction buffering bound: above the high mark the other side stops reading. */
  static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(64 * 1024, 256 * 1024);

  private Upstream() {}

  /** The denial when the cap, or the client's share of it, is reached. */
  static Denial tooManyTunnels(ProxyContext px) {
    int max = px.limits().maxTunnels();
    int mine = px.share().maxTunnels();
    return new Denial("too-many-tunnels", "proxy limit maxTunnels=" + max,
        "too many connections through the proxy at once (" + (mine < max ? "at most " + mine + " for one sandbox, "
            : "") + max + " in all); close some and retry", "",
        io.netty.handler.codec.http.HttpResponseStatus.SERVICE_UNAVAILABLE,
        io.netty.handler.codec.socksx.v5.Socks5CommandStatus.FAILURE);
  }

  /**
   * Connects to {@code t.dial()} (the checked address, never re-resolved), or returns empty when the tunnel cap is
   * reached. The permit is released when the upstream channel closes.
   */
  static Optional<ChannelFuture> connect(ProxyContext px, Channel client, Gatekeeper.Target t, ChannelHandler init) {
    if (!px.counters().tryAcquireTunnel(px.share(), px.limits().maxTunnels())) {
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
      px.counters().releaseTunnel(px.share());
      throw e;
    }
    f.channel().closeFuture().addListener(x -> px.counters().releaseTunnel(px.share()));
    return Optional.of(f);
  }

  /** What a frontend does with the outcome of {@link #tunnel}. */
  interface Tunnel {
    /** The tunnel cannot be opened (cap reached, upstream unreachable): answer the client and close. */
    void refused(Denial denial);

    /** Connected: switch the client to relaying; {@code up}/{@code down} count the bytes for the audit event. */
    void connected(Channel upstream, AtomicLong up, AtomicLong down);
  }

  /** The upstream side gets its relay once the client side is switched over. */
  private static final ChannelInitializer<SocketChannel> NO_HANDLER = new ChannelInitializer<>() {
    @Override
    protected void initChannel(SocketChannel ch) {
      // nothing yet
    }
  };

  /**
   * Opens a tunnel to {@code t} for a CONNECT or SOCKS5 client: within the tunnel cap, to the checked address; the
   * {@code egress.allow} event (bytes each way, duration since {@code start}) is sent when the upstream closes. A
   * client that went away meanwhile gets nothing and the upstream is closed.
   */
  static void tunnel(ProxyContext px, Channel client, Gatekeeper.Target t, String protocol, long start, Tunnel then) {
    Optional<ChannelFuture> connecting = connect(px, client, t, NO_HANDLER);
    if (connecting.isEmpty()) {
      then.refused(tooManyTunnels(px));
      return;
    }
    connecting.get().addListener((ChannelFutureListener) done -> {
      if (!client.isActive()) {
        done.channel().close();
        return;
      }
      if (!done.isSuccess()) {
        then.refused(unreachable(t, done.cause()));
        return;
      }
      AtomicLong up = new AtomicLong();
      AtomicLong down = new AtomicLong();
      Channel upstream = done.channel();
      upstream.closeFuture().addListener(x -> {
        if (!Boolean.TRUE.equals(upstream.attr(REFUSED).get())) {
          px.audit().allow(protocol, t, up.get(), down.get(), start, Map.of());
        }
      });
      then.connected(upstream, up, down);
    });
  }

  /** The origin answered with something the proxy cannot read one way; nothing of it reached the client. */
  static Denial malformedAnswer(Gatekeeper.Target t, Throwable cause) {
    return new Denial("upstream-malformed", "HTTP/1.1 syntax",
        t.host().authority() + ":" + t.port() + " answered with a response the proxy cannot frame one way"
            + (cause == null || cause.getMessage() == null ? "" : " (" + Authority.printable(cause.getMessage()) + ")")
            + "; it was not relayed",
        "the origin's server must send one Content-Length or chunked framing",
        io.netty.handler.codec.http.HttpResponseStatus.BAD_GATEWAY,
        io.netty.handler.codec.socksx.v5.Socks5CommandStatus.FAILURE);
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
