/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies bytes from its channel to the peer. Backpressure: while the peer's outbound buffer is above its high water
 * mark, this side stops reading (auto-read off) until the peer drains; so a slow reader never makes the proxy buffer
 * more than the water mark per direction.
 */
final class Relay extends ChannelInboundHandlerAdapter {
  private final Channel peer;
  private final AtomicLong bytes;

  /**
   * @param peer where to write what this channel reads
   * @param bytes counter of bytes read here
   */
  Relay(Channel peer, AtomicLong bytes) {
    this.peer = peer;
    this.bytes = bytes;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf b) {
      bytes.addAndGet(b.readableBytes());
    }
    if (!peer.isActive()) {
      io.netty.util.ReferenceCountUtil.release(msg);
      ctx.close();
      return;
    }
    peer.write(msg, peer.voidPromise());
    if (!peer.isWritable()) {
      // stop reading first: the flush may drain the peer at once, and its writable event must then win
      ctx.channel().config().setAutoRead(false);
      peer.flush();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    peer.flush(); // one flush per read batch, not per buffer
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      peer.config().setAutoRead(true);
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closeOnFlush(peer);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      ctx.close();
      closeOnFlush(peer);
    } else if (evt instanceof ChannelInputShutdownEvent) {
      // this side finished sending: the peer gets the same half-close once what was relayed is flushed; when both
      // directions have ended, both connections close
      Channel self = ctx.channel();
      if (!(peer instanceof DuplexChannel d) || !peer.isActive()) {
        ctx.close();
        return;
      }
      peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> d.shutdownOutput().addListener(g -> {
        if (!f.isSuccess() || !g.isSuccess() || d.isInputShutdown()) {
          self.close();
          peer.close();
        }
      }));
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  static void closeOnFlush(Channel ch) {
    if (ch.isActive()) {
      ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
