/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples.bench;

import dev.containment4j.egress.EgressProxy;
import dev.containment4j.policy.Policy;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Egress proxy benchmark, peers measured in the same run (see {@code docs/benchmarks.md}, section Egress, and
 * {@code examples/bench/egress_vs_squid.sh}). Three roles, each its own process:
 *
 * <pre>
 * EgressBench origin PORT                   # Netty HTTP origin: /1k (1 KiB, keep-alive) and /big?n=BYTES
 * EgressBench proxy PORT ORIGIN_PORT        # containment4j egress proxy allowing origin.test:ORIGIN_PORT
 * EgressBench load ORIGIN_PORT REPS NAME=KIND:PORT[:PID] ...
 *                                           # KIND: direct | connect (HTTP CONNECT) | socks (SOCKS5, remote name)
 * </pre>
 *
 * Rows: 1 KiB requests over one kept-alive tunnel per client (16 clients); a new TCP connection + tunnel per request
 * (8 clients); p50 latency of one client opening a new connection each time; 1 GiB (10 x 100 MiB) through one
 * tunnel; proxy CPU per request from {@code /proc/PID/stat}. Targets run interleaved within each repetition; the
 * table shows medians over repetitions and each target's ratio to the first proxy peer of the run. Each target is
 * warmed up until the JIT compilers are quiet; {@code -Dbench.rows=ka,new,latency,bulk} picks rows.
 */
public final class EgressBench {
  private static final byte[] ONE_K = new byte[1024];
  private static final ByteBuf CHUNK = Unpooled.unreleasableBuffer(Unpooled.directBuffer(64 * 1024).writeZero(64 * 1024));

  private EgressBench() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "origin" -> origin(Integer.parseInt(args[1]));
      case "proxy" -> proxy(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
      case "origin-tls" -> originTls(Integer.parseInt(args[1]), Path.of(args[2]), Path.of(args[3]));
      case "proxy-intercept" -> proxyIntercept(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Path.of(args[3]),
          Path.of(args[4]));
      case "load" -> load(Integer.parseInt(args[1]), Integer.parseInt(args[2]), List.of(args).subList(3, args.length));
      default -> throw new IllegalArgumentException("origin | proxy | load");
    }
  }

  // ---------------------------------------------------------------- origin

  static void origin(int port) throws InterruptedException {
    var group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new HttpServerCodec(), new OriginHandler());
          }
        }).bind("127.0.0.1", port).sync();
    System.out.println("origin listening on 127.0.0.1:" + port);
    Thread.currentThread().join();
  }

  /** The origin over TLS (certificate and PKCS#8 key in PEM files), for the interception rows. */
  static void originTls(int port, Path cert, Path key) throws Exception {
    var tls = io.netty.handler.ssl.SslContextBuilder.forServer(cert.toFile(), key.toFile()).build();
    var group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(tls.newHandler(ch.alloc()), new HttpServerCodec(), new OriginHandler());
          }
        }).bind("127.0.0.1", port).sync();
    System.out.println("TLS origin listening on 127.0.0.1:" + port);
    Thread.currentThread().join();
  }

  private static final class OriginHandler extends ChannelInboundHandlerAdapter {
    private long left;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest req) {
        String uri = req.uri();
        if (uri.startsWith("/big?n=")) {
          left = Long.parseLong(uri.substring(7));
          var r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
          r.headers().set(HttpHeaderNames.CONTENT_LENGTH, left);
          ctx.write(r);
          pump(ctx);
        } else {
          var r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
              Unpooled.wrappedBuffer(ONE_K));
          r.headers().set(HttpHeaderNames.CONTENT_LENGTH, ONE_K.length);
          ctx.writeAndFlush(r);
        }
      }
      ReferenceCountUtil.release(msg);
    }

    private void pump(ChannelHandlerContext ctx) {
      while (left > 0 && ctx.channel().isWritable()) {
        int n = (int) Math.min(CHUNK.readableBytes(), left);
        left -= n;
        ctx.write(new io.netty.handler.codec.http.DefaultHttpContent(CHUNK.retainedSlice(0, n)));
      }
      if (left == 0) {
        left = -1;
        ctx.write(LastHttpContent.EMPTY_LAST_CONTENT);
      }
      ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (left > 0 && ctx.channel().isWritable()) {
        pump(ctx);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  // ---------------------------------------------------------------- our proxy

  static void proxy(int port, int originPort) throws InterruptedException {
    Policy.Network n = new Policy.Network(Policy.NetworkMode.PROXY, List.of("origin.test:" + originPort), List.of(),
        true, Policy.TlsMode.PASSTHROUGH, Map.of("origin.test", "127.0.0.1"), List.of("127.0.0.0/8"), List.of());
    AtomicLong events = new AtomicLong();
    EgressProxy p = EgressProxy.builder(n).listen(new InetSocketAddress("127.0.0.1", port))
        .limits(4096, 2048, java.time.Duration.ofSeconds(10), java.time.Duration.ofMinutes(5))
        .events(e -> events.incrementAndGet()).start();
    System.out.println("containment4j egress proxy listening on " + p.address());
    Thread.currentThread().join();
  }

  /** Our proxy with {@code tls: intercept}; trusts the origin's CA upstream and writes its own CA to {@code caOut}. */
  static void proxyIntercept(int port, int originPort, Path originCa, Path caOut) throws Exception {
    Policy.Network n = new Policy.Network(Policy.NetworkMode.PROXY, List.of("origin.test:" + originPort), List.of(),
        true, Policy.TlsMode.INTERCEPT, Map.of("origin.test", "127.0.0.1"), List.of("127.0.0.0/8"), List.of());
    var cf = java.security.cert.CertificateFactory.getInstance("X.509");
    java.security.KeyStore ts = java.security.KeyStore.getInstance("PKCS12");
    ts.load(null, null);
    try (InputStream in = Files.newInputStream(originCa)) {
      ts.setCertificateEntry("origin-ca", cf.generateCertificate(in));
    }
    var tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ts);
    EgressProxy p = EgressProxy.builder(n).listen(new InetSocketAddress("127.0.0.1", port)).upstreamTrust(tmf)
        .limits(4096, 2048, java.time.Duration.ofSeconds(10), java.time.Duration.ofMinutes(5)).start();
    Files.copy(p.caCertificate().orElseThrow(), caOut, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    System.out.println("containment4j egress proxy (intercepting) listening on " + p.address());
    Thread.currentThread().join();
  }

  /** TLS client context trusting the PEM certificates in {@code bench.trust} (comma separated). */
  static javax.net.ssl.SSLSocketFactory clientTls() {
    try {
      var cf = java.security.cert.CertificateFactory.getInstance("X.509");
      java.security.KeyStore ts = java.security.KeyStore.getInstance("PKCS12");
      ts.load(null, null);
      int i = 0;
      for (String f : System.getProperty("bench.trust", "").split(",")) {
        if (!f.isBlank()) {
          try (InputStream in = Files.newInputStream(Path.of(f))) {
            ts.setCertificateEntry("ca" + i++, cf.generateCertificate(in));
          }
        }
      }
      var tmf = javax.net.ssl.TrustManagerFactory.getInstance(
          javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ts);
      var ctx = javax.net.ssl.SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx.getSocketFactory();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Built on first use (only the load role needs it, after every CA file exists). */
  private static final class ClientTls {
    static final javax.net.ssl.SSLSocketFactory FACTORY = clientTls();
  }

  // ---------------------------------------------------------------- load

  record Target(String name, String kind, int port, long pid) {
    static Target parse(String spec) {
      String[] nameRest = spec.split("=", 2);
      String[] p = nameRest[1].split(":");
      return new Target(nameRest[0], p[0], Integer.parseInt(p[1]), p.length > 2 ? Long.parseLong(p[2]) : -1);
    }
  }

  /** One connection to the origin, directly or through a proxy tunnel. */
  private static final class Conn implements AutoCloseable {
    final Socket s;
    InputStream in;
    OutputStream out;
    final byte[] sink = new byte[64 * 1024];
    /** The Host header: with the port, which is not the scheme's default (squid-bump forwards to :443 without it). */
    final String hostHeader;

    Conn(Target t, int originPort) throws IOException {
      hostHeader = "origin.test:" + originPort;
      s = new Socket();
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress("127.0.0.1", t.port()));
      in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
      out = s.getOutputStream();
      switch (t.kind()) {
        case "direct" -> { }
        case "tls-direct" -> tls(originPort);
        case "mitm" -> {
          String host = "origin.test"; // squid-bump resolves it through its hosts_file, ours through network.hosts
          out.write(("CONNECT " + host + ":" + originPort + " HTTP/1.1\r\nHost: " + host + ":" + originPort
              + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          String head = head();
          if (!head.startsWith("HTTP/1.1 200") && !head.startsWith("HTTP/1.0 200")) {
            throw new IOException(t.name() + ": CONNECT refused: " + head.lines().findFirst().orElse(""));
          }
          tls(originPort);
        }
        case "connect" -> {
          // squid gets the IP (it would resolve names itself); ours gets the allowed name
          String host = t.name().startsWith("squid") ? "127.0.0.1" : "origin.test";
          out.write(("CONNECT " + host + ":" + originPort + " HTTP/1.1\r\nHost: " + host + ":" + originPort
              + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          String head = head();
          if (!head.startsWith("HTTP/1.1 200") && !head.startsWith("HTTP/1.0 200")) {
            throw new IOException(t.name() + ": CONNECT refused: " + head.lines().findFirst().orElse(""));
          }
        }
        case "socks" -> {
          out.write(new byte[] {5, 1, 0});
          byte[] m = in.readNBytes(2);
          byte[] name = "origin.test".getBytes(StandardCharsets.US_ASCII);
          byte[] req = new byte[7 + name.length];
          req[0] = 5;
          req[1] = 1;
          req[3] = 3;
          req[4] = (byte) name.length;
          System.arraycopy(name, 0, req, 5, name.length);
          req[5 + name.length] = (byte) (originPort >> 8);
          req[6 + name.length] = (byte) originPort;
          out.write(req);
          byte[] reply = in.readNBytes(10);
          if (m[1] != 0 || reply[1] != 0) {
            throw new IOException(t.name() + ": SOCKS refused: " + reply[1]);
          }
        }
        default -> throw new IllegalArgumentException(t.kind());
      }
    }

    private void tls(int originPort) throws IOException {
      javax.net.ssl.SSLSocket ssl = (javax.net.ssl.SSLSocket) ClientTls.FACTORY.createSocket(s, "origin.test", originPort, true);
      var params = ssl.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      ssl.setSSLParameters(params);
      ssl.startHandshake();
      in = new BufferedInputStream(ssl.getInputStream(), 64 * 1024);
      out = ssl.getOutputStream();
    }

    String head() throws IOException {
      StringBuilder b = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0) {
        b.append((char) c);
        if (b.length() >= 4 && b.charAt(b.length() - 1) == '\n' && b.charAt(b.length() - 2) == '\r'
            && b.charAt(b.length() - 3) == '\n' && b.charAt(b.length() - 4) == '\r') {
          return b.toString();
        }
      }
      throw new IOException("connection closed in the response head");
    }

    /** GET path; returns the body length read. */
    long get(String path) throws IOException {
      out.write(("GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String head = head();
      int i = head.toLowerCase(Locale.ROOT).indexOf("content-length:");
      long len = Long.parseLong(head.substring(i + 15, head.indexOf('\r', i)).strip());
      long done = 0;
      while (done < len) {
        int n = in.read(sink, 0, (int) Math.min(sink.length, len - done));
        if (n < 0) {
          throw new IOException("closed in body");
        }
        done += n;
      }
      return len;
    }

    @Override
    public void close() throws IOException {
      s.close();
    }
  }

  interface Body {
    long run(Target t) throws Exception;
  }

  /** Runs {@code clients} threads for {@code seconds}; returns operations per second. */
  static double parallel(Target t, int clients, double seconds, Body body) throws InterruptedException {
    return parallel(t, clients, seconds, body, new AtomicLong());
  }

  /**
   * As {@link #parallel(Target, int, double, Body)}, and adds the client threads' own CPU time (ns) to {@code cpuNs}:
   * the load generator's cost per request without its JIT and GC threads (what a sandbox's seccomp filter or
   * scheduling would make dearer for a sandboxed client).
   */
  static double parallel(Target t, int clients, double seconds, Body body, AtomicLong cpuNs)
      throws InterruptedException {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong ops = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      Thread th = new Thread(() -> {
        long cpu0 = mx.getCurrentThreadCpuTime();
        while (!stop.get()) {
          try {
            ops.addAndGet(body.run(t));
          } catch (Exception e) {
            errors.incrementAndGet();
          }
        }
        cpuNs.addAndGet(mx.getCurrentThreadCpuTime() - cpu0);
      });
      threads.add(th);
    }
    long start = System.nanoTime();
    threads.forEach(Thread::start);
    Thread.sleep((long) (seconds * 1000));
    stop.set(true);
    for (Thread th : threads) {
      th.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    if (errors.get() > 0) {
      System.err.println(t.name() + ": " + errors.get() + " errors");
    }
    return ops.get() / elapsed;
  }

  /** CPU ticks of the JIT compiler threads of {@code pid} (0: this JVM), 0 when unknown (no pid, not a JVM). */
  static long compilerTicks(long pid) {
    if (pid < 0) {
      return 0;
    }
    long sum = 0;
    try (var tasks = Files.list(Path.of("/proc", pid == 0 ? "self" : Long.toString(pid), "task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        try {
          String comm = Files.readString(task.resolve("comm"));
          if (comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
            sum += ticks(Files.readString(task.resolve("stat")));
          }
        } catch (IOException gone) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return sum;
  }

  /** utime + stime of a {@code /proc/.../stat} line, in clock ticks (1/100 s). */
  private static long ticks(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }

  /**
   * CPU ticks of process {@code pid} without its JIT compiler threads (-1 when unknown): on a loaded machine a Java
   * proxy's C2 is still compiling minutes into a run, and that is not per-request work.
   */
  static long cpuTicks(long pid) {
    if (pid <= 0) {
      return -1;
    }
    try {
      return ticks(Files.readString(Path.of("/proc/" + pid + "/stat"))) - compilerTicks(pid);
    } catch (IOException e) {
      return -1;
    }
  }

  static void load(int originPort, int reps, List<String> specs) throws Exception {
    List<Target> targets = specs.stream().map(Target::parse).toList();
    String[] rows = {"1 KiB keep-alive, 16 clients (req/s)", "1 KiB new connection per request, 8 clients (req/s)",
        "1 client, new connection each: p50 latency (ms)", "1 GiB (10 x 100 MiB) through one tunnel (MB/s)",
        "proxy CPU per keep-alive request (us)", "proxy CPU per new-connection request (us)",
        "proxy CPU per MB through one tunnel (ms)", "client threads' CPU per keep-alive request (us)",
        "client threads' CPU per new-connection request (us)"};
    Map<String, Map<String, List<Double>>> results = new LinkedHashMap<>();
    for (String r : rows) {
      results.put(r, new LinkedHashMap<>());
      for (Target t : targets) {
        results.get(r).put(t.name(), new ArrayList<>());
      }
    }
    double seconds = Double.parseDouble(System.getProperty("bench.seconds", "4"));
    // a subset of the rows, e.g. -Dbench.rows=ka while profiling the proxy
    List<String> only = List.of(System.getProperty("bench.rows", "ka,new,latency,bulk").split(","));
    // Warm-up: both connection patterns until the JIT compilers of the target and of this JVM are quiet (a Java
    // proxy compiles for several CPU-seconds on a loaded machine; measured inside that window, its CPU per request
    // is mostly the compiler's), at most bench.warmup.max seconds per target.
    double maxWarm = Double.parseDouble(System.getProperty("bench.warmup.max", "60"));
    for (Target t : targets) {
      long start = System.nanoTime();
      double warm;
      int quiet = 0;
      do {
        long jit0 = compilerTicks(t.pid()) + compilerTicks(0);
        parallel(t, 8, 1, x -> {
          try (Conn c = new Conn(x, originPort)) {
            return c.get("/1k") > 0 ? 1 : 0;
          }
        });
        parallel(t, 16, 1, x -> {
          try (Conn c = new Conn(x, originPort)) {
            for (int i = 0; i < 100; i++) {
              c.get("/1k");
            }
            return 100;
          }
        });
        quiet = compilerTicks(t.pid()) + compilerTicks(0) - jit0 <= 5 ? quiet + 1 : 0;
        warm = (System.nanoTime() - start) / 1e9;
      } while (quiet < 2 && warm < maxWarm);
      if (only.contains("bulk")) {
        // the read loop of a fresh JVM runs its first 100 MiB about 20 % slower (interpreted, then OSR-compiled)
        try (Conn c = new Conn(t, originPort)) {
          c.get("/big?n=" + (100L << 20));
        }
      }
      System.err.printf(Locale.ROOT, "%s: warm-up %.0f s%s%n", t.name(), warm, quiet < 2 ? " (JIT still busy)" : "");
    }
    for (int rep = 0; rep < reps; rep++) {
      for (Target t : only.contains("ka") ? targets : List.<Target>of()) {
        long cpu0 = cpuTicks(t.pid());
        ThreadLocal<Conn> conns = new ThreadLocal<>();
        List<Conn> opened = Collections.synchronizedList(new ArrayList<>());
        AtomicLong count = new AtomicLong();
        AtomicLong clientCpu = new AtomicLong();
        double ka = parallel(t, 16, seconds, x -> {
          Conn c = conns.get();
          if (c == null) {
            c = new Conn(x, originPort);
            conns.set(c);
            opened.add(c);
          }
          c.get("/1k");
          count.incrementAndGet();
          return 1;
        }, clientCpu);
        for (Conn c : opened) {
          c.close();
        }
        long cpu1 = cpuTicks(t.pid());
        results.get(rows[0]).get(t.name()).add(ka);
        results.get(rows[7]).get(t.name()).add(clientCpu.get() / 1e3 / count.get());
        if (cpu0 >= 0) {
          results.get(rows[4]).get(t.name()).add((cpu1 - cpu0) * 10_000.0 / count.get());
        }
      }
      for (Target t : only.contains("new") ? targets : List.<Target>of()) {
        long cpu0 = cpuTicks(t.pid());
        AtomicLong count = new AtomicLong();
        AtomicLong clientCpu = new AtomicLong();
        double nc = parallel(t, 8, seconds, x -> {
          try (Conn c = new Conn(x, originPort)) {
            c.get("/1k");
            count.incrementAndGet();
            return 1;
          }
        }, clientCpu);
        results.get(rows[8]).get(t.name()).add(clientCpu.get() / 1e3 / count.get());
        long cpu1 = cpuTicks(t.pid());
        results.get(rows[1]).get(t.name()).add(nc);
        if (cpu0 >= 0) {
          results.get(rows[5]).get(t.name()).add((cpu1 - cpu0) * 10_000.0 / count.get());
        }
      }
      for (Target t : only.contains("latency") ? targets : List.<Target>of()) {
        List<Double> lat = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
          long s = System.nanoTime();
          try (Conn c = new Conn(t, originPort)) {
            c.get("/1k");
          }
          lat.add((System.nanoTime() - s) / 1e6);
        }
        results.get(rows[2]).get(t.name()).add(median(lat));
      }
      for (Target t : only.contains("bulk") ? targets : List.<Target>of()) {
        long cpu0 = cpuTicks(t.pid());
        long s = System.nanoTime();
        long bytes = 0;
        try (Conn c = new Conn(t, originPort)) {
          for (int i = 0; i < 10; i++) {
            bytes += c.get("/big?n=" + (100L << 20));
          }
        }
        results.get(rows[3]).get(t.name()).add(bytes / 1e6 / ((System.nanoTime() - s) / 1e9));
        if (cpu0 >= 0) {
          results.get(rows[6]).get(t.name()).add((cpuTicks(t.pid()) - cpu0) * 10.0 / (bytes / 1e6));
        }
      }
      System.err.println("rep " + (rep + 1) + "/" + reps + " done");
    }
    String ref = targets.stream().filter(t -> !t.kind().endsWith("direct")).findFirst().orElseThrow().name();
    StringBuilder md = new StringBuilder("| row |");
    for (Target t : targets) {
      md.append(' ').append(t.name()).append(" |");
    }
    md.append("\n|---|").append("---|".repeat(targets.size())).append('\n');
    for (String r : rows) {
      if (results.get(r).values().stream().allMatch(List::isEmpty)) {
        continue;
      }
      md.append("| ").append(r).append(" |");
      double base = median(results.get(r).get(ref));
      for (Target t : targets) {
        List<Double> v = results.get(r).get(t.name());
        if (v.isEmpty()) {
          md.append(" - |");
          continue;
        }
        double m = median(v);
        md.append(String.format(Locale.ROOT, " %,.1f", m));
        if (!t.name().equals(ref) && !t.kind().endsWith("direct")) {
          md.append(String.format(Locale.ROOT, " (%.2fx %s)", m / base, ref));
        }
        md.append(" |");
      }
      md.append('\n');
    }
    System.out.print(md);
  }

  static double median(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    Collections.sort(s);
    int n = s.size();
    return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
  }
}
