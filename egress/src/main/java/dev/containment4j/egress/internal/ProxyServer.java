/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
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
import java.util.concurrent.SynchronousQueue;
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

  /**
   * Where blocking name lookups run: a thread per lookup in flight, at most {@link Gatekeeper#MAX_LOOKUPS} (more are
   * answered 503), no queue: a lookup never waits behind a slow one. {@link Gatekeeper} keeps one slow domain from
   * taking all of them.
   */
  public static ExecutorService resolverPool() {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Gatekeeper.MAX_LOOKUPS, 30, TimeUnit.SECONDS,
        new SynchronousQueue<>(), new DefaultThreadFactory("containment-egress-dns", true));
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
    return start(px, address, resolverPool, false);
  }

  /**
   * {@link #start(ProxyContext, InetSocketAddress, ExecutorService)}; with {@code sameUserOnly}, a connection from a
   * process of another user (or one whose owner cannot be read) is closed before anything is read from it.
   */
  public static ProxyServer start(ProxyContext px, InetSocketAddress address, ExecutorService resolverPool,
      boolean sameUserOnly) {
    EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1,
        new DefaultThreadFactory("containment-egress-accept", true), ioHandler());
    EventLoopGroup workers = new MultiThreadIoEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
        new DefaultThreadFactory("containment-egress", true), ioHandler());
    try {
      Channel ch = configure(new ServerBootstrap().group(boss, workers), px, null, sameUserOnly)
          .channel(epoll() ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
          .option(ChannelOption.SO_BACKLOG, 1024)
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

  /**
   * The child side of every listener: options and the pipeline every accepted connection starts with.
   *
   * @param children when not null, every accepted connection is added to it (so its owner can close them)
   */
  private static ServerBootstrap configure(ServerBootstrap b, ProxyContext px, ChannelGroup children,
      boolean sameUserOnly) {
    int me = sameUserOnly ? LoopbackPeers.ownUid() : -1;
    Limits limits = px.limits();
    return b
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true) // see HalfClose
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, Upstream.WATER_MARK)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel c) {
            if (sameUserOnly && !ownedBy(me, c, px)) {
              c.close();
              return;
            }
            Limits.Share share = px.share();
            // at a cap, a kept-alive connection waiting for its next request makes room (its client reconnects, as
            // after any keep-alive close); idle ones must not lock new clients out until the idle timeout. A
            // sandbox's own listener has its own share, so one sandbox cannot take every connection
            if (share.connections.incrementAndGet() > share.maxConnections) {
              Channel idle = px.counters().reclaimIdle(share);
              if (idle == null) {
                share.connections.decrementAndGet();
                c.close();
                return;
              }
              idle.close();
            }
            if (px.counters().connections.incrementAndGet() > limits.maxConnections()) {
              Channel idle = px.counters().reclaimIdle(null);
              if (idle == null) {
                px.counters().connections.decrementAndGet();
                share.connections.decrementAndGet();
                c.close();
                return;
              }
              idle.close();
            }
            c.closeFuture().addListener(x -> {
              px.counters().connections.decrementAndGet();
              share.connections.decrementAndGet();
            });
            if (children != null) {
              children.add(c);
            }
            c.pipeline().addLast("half-close", HalfClose.INSTANCE);
            c.pipeline().addLast("idle", new IdleStateHandler(0, 0, limits.idleTimeout().toMillis(),
                TimeUnit.MILLISECONDS));
            c.pipeline().addLast("deadline", new HeadDeadline(limits.handshakeTimeout().toMillis()));
            c.pipeline().addLast("sniff", new ProtocolSniffer(px));
          }
        });
  }

  /** Whether the client end of {@code c} belongs to user {@code uid}; refusals are audited. */
  private static boolean ownedBy(int uid, SocketChannel c, ProxyContext px) {
    java.util.OptionalInt owner = LoopbackPeers.uid(c.remoteAddress(), c.localAddress());
    if (uid >= 0 && owner.isPresent() && owner.getAsInt() == uid) {
      return true;
    }
    px.audit().deny("listener", "?", 0, new Denial("foreign-user", "listener: this user only",
        "a connection from " + (owner.isPresent() ? "uid " + owner.getAsInt() : "a process whose owner cannot be"
        + " read") + " to the proxy of uid " + uid + " is refused", "", io.netty.handler.codec.http
        .HttpResponseStatus.FORBIDDEN, io.netty.handler.codec.socksx.v5.Socks5CommandStatus.FORBIDDEN),
        System.nanoTime(), java.util.Map.of());
    return false;
  }

  /** Whether {@link #serve} can adopt descriptors here (the epoll transport is in use). */
  public static boolean canServeDescriptors() {
    return epoll();
  }

  /**
   * Accepts on {@code fd}, a TCP socket already bound and listening (created in another network namespace), on this
   * proxy's event loops with {@code px} (which may carry its own audit sink). Takes ownership of the descriptor.
   *
   * @throws IllegalArgumentException when {@code fd} is not a listening IPv4/IPv6 TCP socket
   * @throws IllegalStateException when the epoll transport is not in use
   */
  public Served serve(int fd, ProxyContext px) {
    if (!epoll()) {
      closeQuietly(fd);
      throw new IllegalStateException("serving a socket descriptor needs Netty's native epoll transport, which is"
          + " not in use here (" + (Boolean.getBoolean("containment.egress.nio") ? "-Dcontainment.egress.nio=true"
              : "unavailable: " + Epoll.unavailabilityCause()) + ")");
    }
    EpollServerSocketChannel ch;
    try {
      ch = new EpollServerSocketChannel(fd);
    } catch (RuntimeException e) {
      closeQuietly(fd);
      throw new IllegalArgumentException("descriptor " + fd + " is not a TCP socket: " + e.getMessage(), e);
    }
    InetSocketAddress bound;
    try {
      bound = ch.localAddress();
    } catch (RuntimeException e) {
      bound = null;
    }
    if (bound == null || bound.getPort() == 0) {
      ch.unsafe().closeForcibly();
      throw new IllegalArgumentException("descriptor " + fd + " is not a bound TCP socket");
    }
    ChannelGroup children = new DefaultChannelGroup("containment-egress-served", GlobalEventExecutor.INSTANCE);
    ChannelFuture f = configure(new ServerBootstrap().group(boss, workers), px, children, false)
        .channelFactory(() -> ch)
        .register()
        .syncUninterruptibly();
    if (!f.isSuccess()) {
      ch.unsafe().closeForcibly();
      throw new IllegalStateException("cannot register descriptor " + fd + ": " + f.cause(), f.cause());
    }
    return new Served(ch, bound, children);
  }

  /** A served descriptor: closing it stops accepting and ends the connections accepted on it. */
  public static final class Served implements AutoCloseable {
    private final Channel channel;
    private final InetSocketAddress address;
    private final ChannelGroup children;

    private Served(Channel channel, InetSocketAddress address, ChannelGroup children) {
      this.channel = channel;
      this.address = address;
      this.children = children;
    }

    public InetSocketAddress address() {
      return address;
    }

    @Override
    public void close() {
      channel.close().syncUninterruptibly();
      children.close().awaitUninterruptibly();
    }
  }

  private static void closeQuietly(int fd) {
    try {
      new io.netty.channel.unix.FileDescriptor(fd).close();
    } catch (java.io.IOException ignored) {
      // nothing more to do with a descriptor that cannot be closed
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
