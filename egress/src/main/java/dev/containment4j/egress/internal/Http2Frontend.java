/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.codec.http2.HttpConversionUtil;

/**
 * HTTP/2 from the client on an intercepted tunnel (ALPN {@code h2}): every stream becomes one HTTP/1.1 exchange, served
 * by its own {@link HttpFrontend} with every check of the HTTP/1.1 path ({@code :authority} is the stream's Host and
 * must name the CONNECT host; credential strip-then-set, foreign credential and placeholder checks; denials as h2
 * responses with the same body and header; audit events carry {@code version: h2}) and forwarded to the origin over HTTP/1.1, on upstream connections the
 * streams of one client connection reuse ({@link UpstreamPool}).
 */
final class Http2Frontend {
  /** Streams one client connection may have open at once (each one may hold an upstream connection). */
  static final int MAX_CONCURRENT_STREAMS = 64;

  private Http2Frontend() {}

  /** Installs the h2 connection handlers after the TLS handler of an intercepted tunnel to {@code t}. */
  static void install(ProxyContext px, Gatekeeper.Target t, ChannelPipeline p) {
    p.addLast("h2", Http2FrameCodecBuilder.forServer()
        .initialSettings(Http2Settings.defaultSettings()
            .maxConcurrentStreams(MAX_CONCURRENT_STREAMS)
            .maxHeaderListSize(px.limits().maxHeaderBytes()))
        .validateHeaders(true)
        .build());
    UpstreamPool pool = new UpstreamPool();
    p.channel().closeFuture().addListener(f -> pool.close());
    p.addLast("h2-streams", new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
      @Override
      protected void initChannel(Http2StreamChannel ch) {
        HeadDeadline deadline = ProxyContext.deadline(ch.parent());
        if (deadline != null) {
          deadline.done(); // TLS and the first stream arrived in time; streams are bounded by the settings above
        }
        ch.pipeline().addLast("http", new Http2StreamFrameToHttpObjectCodec(true, true));
        ch.pipeline().addLast("h2-conversion", StripConversionHeaders.INSTANCE);
        ch.pipeline().addLast("frontend", new HttpFrontend(px, t, "https-intercepted", true, pool));
      }
    }));
  }

  /** Removes the {@code x-http2-*} headers Netty's conversion adds: they are not the client's and must not go on. */
  @io.netty.channel.ChannelHandler.Sharable
  static final class StripConversionHeaders extends ChannelInboundHandlerAdapter {
    static final StripConversionHeaders INSTANCE = new StripConversionHeaders();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest req) {
        for (HttpConversionUtil.ExtensionHeaderNames n : HttpConversionUtil.ExtensionHeaderNames.values()) {
          req.headers().remove(n.text());
        }
      }
      ctx.fireChannelRead(msg);
    }
  }
}
