/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The listening socket and event loops of one proxy. */
public final class ProxyServer implements AutoCloseable {
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final Channel listener;
  private final ExecutorService resolverPool;

  private ProxyServer(EventLoopGroup boss, EventLoopGroup workers, Channel listener, ExecutorService resolverPool) {
    this.boss = boss;
    this.workers = workers;
    this.listener = listener;
    this.resolverPool = resolverPool;
  }

  /** Where blocking name lookups run: a few threads and a bounded queue (overflow is answered 503). */
  public static ExecutorService resolverPool() {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256),
        new DefaultThreadFactory("containment-egress-dns", true));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** Whether the native epoll transport is used (Linux, unless {@code -Dcontainment.egress.nio=true}). */
  static boolean epoll() {
    return !Boolean.getBoolean("containment.egress.nio") && Epoll.isAvailable();
  }

  public static Supplier<? extends SocketChannel> socketChannelFactory() {
    return epoll() ? EpollSocketChannel::new : NioSocketChannel::new;
  }

  private static IoHandlerFactory ioHandler() {
    return epoll() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
  }

  /**
   * Binds {@code address} and serves {@code px}.
   *
   * @throws UncheckedIOException when the address cannot be bound
   */
  public static ProxyServer start(ProxyContext px, InetSocketAddress address, ExecutorService resolverPool) {
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1,
        new DefaultThreadFactory("containment-egress-accept", true), ioHandler());
    EventLoopGroup workers = new MultiThreadIoEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
        new DefaultThreadFactory("containment-egress", true), ioHandler());
    Limits limits = px.limits();
    try {
      Channel ch = new ServerBootstrap()
          .group(boss, workers)
          .channel(epoll() ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, Upstream.WATER_MARK)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel c) {
              if (px.counters().connections.incrementAndGet() > limits.maxConnections()) {
                px.counters().connections.decrementAndGet();
                c.close();
                return;
              }
              c.closeFuture().addListener(x -> px.counters().connections.decrementAndGet());
              c.pipeline().addLast("idle", new IdleStateHandler(0, 0, limits.idleTimeout().toMillis(),
                  TimeUnit.MILLISECONDS));
              c.pipeline().addLast("deadline", new HeadDeadline(limits.handshakeTimeout().toMillis()));
              c.pipeline().addLast("sniff", new ProtocolSniffer(px));
            }
          })
          .bind(address).syncUninterruptibly().channel();
      return new ProxyServer(boss, workers, ch, resolverPool);
    } catch (Exception e) { // bind() rethrows the checked BindException unchecked
      boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      resolverPool.shutdownNow();
      throw new UncheckedIOException("cannot listen on " + address + ": " + e.getMessage(),
          new java.io.IOException(e));
    }
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) listener.localAddress();
  }

  @Override
  public void close() {
    listener.close().syncUninterruptibly();
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    resolverPool.shutdownNow();
  }
}
