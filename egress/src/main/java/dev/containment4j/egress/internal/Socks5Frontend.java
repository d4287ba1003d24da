/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import dev.containment4j.internal.net.HostName;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.socksx.v5.DefaultSocks5CommandResponse;
import io.netty.handler.codec.socksx.v5.DefaultSocks5InitialResponse;
import io.netty.handler.codec.socksx.v5.Socks5AddressType;
import io.netty.handler.codec.socksx.v5.Socks5AuthMethod;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequest;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5CommandStatus;
import io.netty.handler.codec.socksx.v5.Socks5CommandType;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequest;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5ServerEncoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * SOCKS5 (RFC 1928): no-auth method, CONNECT only (BIND and UDP ASSOCIATE are refused, so no UDP leaves), names
 * resolved by the proxy ({@code socks5h}). Denials map to reply codes: policy → 0x02 not allowed by ruleset, no such
 * name → 0x04 host unreachable, refused → 0x05, limits → 0x01 general failure, bad address → 0x08.
 */
final class Socks5Frontend extends ChannelInboundHandlerAdapter {
  private final ProxyContext px;
  private final ArrayDeque<Object> early = new ArrayDeque<>();
  private final long start = System.nanoTime();
  private boolean commandSeen;

  Socks5Frontend(ProxyContext px) {
    this.px = px;
  }

  static void install(ProxyContext px, io.netty.channel.ChannelPipeline p) {
    p.addLast("socks-encoder", Socks5ServerEncoder.DEFAULT);
    p.addLast("socks-initial", new Socks5InitialRequestDecoder());
    p.addLast("socks", new Socks5Frontend(px));
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof Socks5InitialRequest init) {
      if (init.decoderResult().isFailure() || !init.authMethods().contains(Socks5AuthMethod.NO_AUTH)) {
        ctx.writeAndFlush(new DefaultSocks5InitialResponse(Socks5AuthMethod.UNACCEPTED))
            .addListener(ChannelFutureListener.CLOSE);
        return;
      }
      ctx.pipeline().replace("socks-initial", "socks-command", new Socks5CommandRequestDecoder());
      ctx.writeAndFlush(new DefaultSocks5InitialResponse(Socks5AuthMethod.NO_AUTH));
    } else if (msg instanceof Socks5CommandRequest cmd && !commandSeen) {
      commandSeen = true;
      onCommand(ctx, cmd);
    } else if (msg instanceof io.netty.buffer.ByteBuf && commandSeen) {
      early.add(msg);
    } else {
      ReferenceCountUtil.release(msg);
      ctx.close();
    }
  }

  private void onCommand(ChannelHandlerContext ctx, Socks5CommandRequest cmd) {
    Channel client = ctx.channel();
    HeadDeadline deadline = ProxyContext.deadline(client);
    if (deadline != null) {
      deadline.done();
    }
    if (cmd.decoderResult().isFailure()) {
      refuse(ctx, "?", 0, Denial.badRequest("malformed SOCKS5 request"));
      return;
    }
    if (cmd.type() != Socks5CommandType.CONNECT) {
      refuse(ctx, cmd.dstAddr(), cmd.dstPort(), new Denial("command-unsupported", "SOCKS5 CONNECT only",
          "SOCKS5 " + cmd.type() + " is not supported (only CONNECT)", "",
          io.netty.handler.codec.http.HttpResponseStatus.NOT_IMPLEMENTED, Socks5CommandStatus.COMMAND_UNSUPPORTED));
      return;
    }
    HostName host;
    try {
      host = HostName.parse(cmd.dstAddr());
      if (cmd.dstPort() < 1) {
        throw new IllegalArgumentException("port 0");
      }
    } catch (IllegalArgumentException e) {
      refuse(ctx, Authority.printable(cmd.dstAddr()), cmd.dstPort(), new Denial("bad-request", "SOCKS5 address",
          "bad SOCKS5 destination '" + Authority.printable(cmd.dstAddr()) + "': " + e.getMessage(), "",
          io.netty.handler.codec.http.HttpResponseStatus.BAD_REQUEST, Socks5CommandStatus.ADDRESS_UNSUPPORTED));
      return;
    }
    client.config().setAutoRead(false);
    px.gatekeeper().check(host, cmd.dstPort()).whenComplete((t, err) -> client.eventLoop().execute(() -> {
      if (!client.isActive()) {
        return;
      }
      if (err != null) {
        Throwable c = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        refuse(ctx, host.name(), cmd.dstPort(), c instanceof Denial.Refused r ? r.denial()
            : Denial.badRequest("internal error"));
        return;
      }
      if (px.interception().map(i -> i.intercepts(t.host(), t.port())).orElse(false)) {
        intercept(ctx, t);
        return;
      }
      if (px.credentials().binds(t.host())) {
        refuse(ctx, host.name(), cmd.dstPort(), Denial.forbidden("credential-needs-interception",
            "network.credentials", "a credential is bound to " + t.host().authority()
                + ", so its traffic must be inspected, but its TLS is not intercepted (network.tls,"
                + " network.tlsIntercept); the tunnel is refused so no other credential can reach it",
            "set network.tls: intercept, or add the host to network.tlsIntercept, in the policy"));
        return;
      }
      connect(ctx, t);
    }));
  }

  private void connect(ChannelHandlerContext ctx, Gatekeeper.Target t) {
    Channel client = ctx.channel();
    Upstream.tunnel(px, client, t, "socks5", start, new Upstream.Tunnel() {
      @Override
      public void refused(Denial denial) {
        refuse(ctx, t.host().name(), t.port(), denial);
      }

      @Override
      public void connected(Channel upstream, AtomicLong up, AtomicLong down) {
        var local = (java.net.InetSocketAddress) upstream.localAddress();
        Socks5AddressType type = local.getAddress() instanceof java.net.Inet6Address ? Socks5AddressType.IPv6
            : Socks5AddressType.IPv4;
        ctx.writeAndFlush(new DefaultSocks5CommandResponse(Socks5CommandStatus.SUCCESS, type,
            local.getAddress().getHostAddress(), local.getPort()));
        var p = client.pipeline();
        p.remove("socks-encoder");
        if (p.get("socks-command") != null) {
          p.remove("socks-command"); // early bytes after the request land in 'early'
        }
        HttpFrontend.switchToRelay(px, t, "socks5", start, client, upstream, early, up, down, null);
      }
    });
  }

  /**
   * An intercepted host: answer success at once (as CONNECT does; every request inside opens its own checked upstream
   * connection) and hand the client to the interception, TLS or plain HTTP.
   */
  private void intercept(ChannelHandlerContext ctx, Gatekeeper.Target t) {
    Channel client = ctx.channel();
    ctx.writeAndFlush(new DefaultSocks5CommandResponse(Socks5CommandStatus.SUCCESS, Socks5AddressType.IPv4,
        "0.0.0.0", 0));
    var p = client.pipeline();
    p.remove("socks-encoder");
    if (p.get("socks-command") != null) {
      p.remove("socks-command"); // early bytes after the request land in 'early'
    }
    HeadDeadline deadline = ProxyContext.deadline(client);
    if (deadline != null) {
      deadline.startNow(); // the TLS handshake and the first request must come in time, counted from now
    }
    px.interception().orElseThrow().install(px, t, p, this, early);
  }

  private void refuse(ChannelHandlerContext ctx, String host, int port, Denial d) {
    px.audit().deny("socks5", host, port, d, start, Map.of());
    early.forEach(ReferenceCountUtil::release);
    early.clear();
    ctx.writeAndFlush(new DefaultSocks5CommandResponse(d.socks(), Socks5AddressType.IPv4, "0.0.0.0", 0))
        .addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      ctx.close();
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
