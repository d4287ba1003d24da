/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import java.util.List;

/** One port, three protocols: the first byte picks SOCKS5 (0x05), refuses SOCKS4 (0x04, it has no names), else HTTP. */
final class ProtocolSniffer extends ByteToMessageDecoder {
  private final ProxyContext px;

  ProtocolSniffer(ProxyContext px) {
    this.px = px;
  }

  static HttpServerCodec httpCodec(Limits limits) {
    return new HttpServerCodec(new HttpDecoderConfig()
        .setMaxInitialLineLength(Math.min(8192, limits.maxHeaderBytes()))
        .setMaxHeaderSize(limits.maxHeaderBytes())
        .setMaxChunkSize(64 * 1024));
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (!in.isReadable()) {
      return;
    }
    byte first = in.getByte(in.readerIndex());
    var p = ctx.pipeline();
    if (first == 0x05) {
      Socks5Frontend.install(px, p);
    } else if (first == 0x04) {
      in.skipBytes(in.readableBytes());
      ctx.close();
      return;
    } else {
      p.addLast("http", httpCodec(px.limits()));
      p.addLast("frontend", new HttpFrontend(px));
    }
    p.remove(this);
  }
}
