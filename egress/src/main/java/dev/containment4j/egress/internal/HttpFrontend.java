/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import dev.containment4j.internal.net.HostName;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP side of the proxy, after {@link HttpServerCodec}: CONNECT (tunnel or interception), absolute-form
 * {@code http://} requests forwarded with keep-alive and upstream reuse, and, inside an intercepted tunnel, the
 * decrypted requests (which must name the CONNECT host: no domain fronting). Requests on one connection are handled one
 * at a time; the next is read only when the previous response is complete.
 */
final class HttpFrontend extends ChannelInboundHandlerAdapter {
  private enum State { HEAD, RESOLVING, BODY, AWAIT_RESPONSE, CONNECTING, TUNNEL, CLOSED }

  /**
   * Hop-by-hop headers never forwarded (Netty's constants carry their hash: no hashing per request; Netty deprecates
   * its keep-alive and proxy-connection constants because HTTP/2 forbids them, which is why they are spelled here).
   */
  private static final List<CharSequence> HOP_BY_HOP = List.of(HttpHeaderNames.CONNECTION,
      AsciiString.cached("keep-alive"), AsciiString.cached("proxy-connection"), HttpHeaderNames.PROXY_AUTHORIZATION,
      HttpHeaderNames.PROXY_AUTHENTICATE, HttpHeaderNames.TE, HttpHeaderNames.TRAILER, HttpHeaderNames.UPGRADE);

  private final ProxyContext px;
  /** The checked CONNECT target when this frontend serves an intercepted tunnel. */
  private final Gatekeeper.Target fixed;
  private final ArrayDeque<Object> pending = new ArrayDeque<>();
  /**
   * Messages that arrived before this frontend could take them (a pipelined request while the previous one is still
   * being answered): reading stops until they are replayed, in order, once the previous response is complete.
   */
  private final ArrayDeque<Object> held = new ArrayDeque<>();
  private ChannelHandlerContext self;
  private Channel client;
  private State state = State.HEAD;
  private Channel upstream;
  private String upstreamKey;
  private Exchange ex;
  /** On the proxy's list of idle kept-alive connections (closed first when a new client arrives at the cap). */
  private boolean parked;
  /** The client shut its sending side (TCP half-close): the exchange in flight is the last one. */
  private boolean inputShut;

  /** One request/response, for the audit event. */
  private static final class Exchange {
    final long start = System.nanoTime();
    final String method;
    final String protocol;
    boolean keepAlive;
    Gatekeeper.Target target;
    long up;
    long down;
    int status;
    boolean informational;
    boolean responseStarted;
    boolean closeClientAfter;
    boolean closeUpstreamAfter;
    /** The request asks for a WebSocket upgrade (forwarded with its Upgrade and Connection headers). */
    boolean websocket;
    /** An HTTP/1.0 client: it cannot read chunked framing, so such a response is delimited by closing instead. */
    boolean http10;
    /** The origin agreed (101): after the response head both sides switch to relaying bytes. */
    boolean switching;
    /** A 1xx response head (100 Continue, 103 Early Hints) waiting for its end to be sent as one message. */
    HttpResponse interim;
    String credentials = "";
    /** Masks the injected secrets in the answer (null when nothing was injected). */
    SecretMask mask;

    Exchange(String method, String protocol) {
      this.method = method;
      this.protocol = protocol;
    }
  }

  /** The audit event's protocol for requests inside a tunnel. */
  private final String intercepted;
  /** Inside a tunnel: whether the client spoke TLS, so the origin is reached over TLS too. */
  private final boolean tls;
  private final UpstreamPool pool;

  /** The frontend of a new client connection: CONNECT or absolute-form requests. */
  HttpFrontend(ProxyContext px) {
    this(px, null, "http", false);
  }

  /**
   * @param fixed the checked CONNECT (or SOCKS5) target when this frontend serves an intercepted tunnel, else null
   * @param intercepted the protocol named in audit events of intercepted requests
   * @param tls whether the tunnel's client spoke TLS (then the origin is reached over verified TLS)
   */
  HttpFrontend(ProxyContext px, Gatekeeper.Target fixed, String intercepted, boolean tls) {
    this(px, fixed, intercepted, tls, null);
  }

  /**
   * @param pool where a finished exchange leaves its upstream connection and the next one looks first (the streams
   *     of one h2 client connection), or null when this frontend keeps its own upstream connection
   */
  HttpFrontend(ProxyContext px, Gatekeeper.Target fixed, String intercepted, boolean tls, UpstreamPool pool) {
    this.px = px;
    this.fixed = fixed;
    this.intercepted = intercepted;
    this.tls = tls;
    this.pool = pool;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    self = ctx;
    client = ctx.channel();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (state == State.CLOSED) {
      ReferenceCountUtil.release(msg); // draining what a refused client still sends
    } else if ((msg instanceof HttpRequest || msg instanceof HttpContent) && mustHold(msg)) {
      held.add(msg);
      client.config().setAutoRead(false);
    } else {
      dispatch(ctx, msg);
    }
  }

  private void dispatch(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest req) {
      onRequest(ctx, req);
    } else if (msg instanceof HttpContent c) {
      onContent(c);
    } else if (msg instanceof ByteBuf && state == State.CONNECTING) {
      pending.add(msg); // bytes a client sent right after CONNECT, left in the codec's buffer
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  /**
   * Whether {@code msg} must wait: it follows a held message, or it is a request that arrived while the previous one is
   * still being checked or answered. Reading stays on during an exchange (no epoll change per request) and stops only
   * when such a message actually arrives.
   */
  private boolean mustHold(Object msg) {
    return !held.isEmpty() || msg instanceof HttpRequest
        && (state == State.RESOLVING || state == State.BODY || state == State.AWAIT_RESPONSE);
  }

  /** Hands held messages on, in order, while this frontend can take them (a request only when idle). */
  private void replayHeld() {
    Object m;
    while ((m = held.peek()) != null
        && (state == State.HEAD || state == State.BODY && !(m instanceof HttpRequest))) {
      dispatch(self, held.poll());
    }
  }

  private void onRequest(ChannelHandlerContext ctx, HttpRequest req) {
    HeadDeadline deadline = ProxyContext.deadline(client);
    if (deadline != null) {
      deadline.done();
    }
    if (req.decoderResult().isFailure()) {
      Throwable cause = req.decoderResult().cause();
      HttpResponseStatus status = cause instanceof TooLongHttpLineException ? HttpResponseStatus.REQUEST_URI_TOO_LONG
          : cause instanceof TooLongHttpHeaderException ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
          : HttpResponseStatus.BAD_REQUEST;
      String what = cause instanceof TooLongFrameException ? "request line or headers too long (limit "
          + px.limits().maxHeaderBytes() + " bytes)" : "malformed request";
      Authority to = targetOf(req);
      deny(req, to == null ? "?" : to.host().name(), to == null ? 0 : to.port(), new Denial("bad-request",
          "HTTP/1.1 syntax", what, "", status, io.netty.handler.codec.socksx.v5.Socks5CommandStatus.FAILURE));
      return;
    }
    if (state != State.HEAD) {
      deny(req, "?", 0, Denial.badRequest("pipelined request before the previous response; send one at a time"));
      return;
    }
    unpark();
    var unsafe = RequestFraming.canonicalise(req);
    if (unsafe.isPresent()) {
      Authority to = targetOf(req);
      deny(req, to == null ? "?" : to.host().name(), to == null ? 0 : to.port(),
          Denial.badRequest("refused, as an origin could read it differently: " + unsafe.get()));
      return;
    }
    String method = req.method().name();
    if (method.equals("TRACE") || method.equals("TRACK")) {
      deny(req, "?", 0, new Denial("method-not-allowed", "TRACE/TRACK", method + " is refused (it would echo "
          + "injected headers)", "", HttpResponseStatus.METHOD_NOT_ALLOWED,
          io.netty.handler.codec.socksx.v5.Socks5CommandStatus.FAILURE));
      return;
    }
    if (req.method().equals(HttpMethod.CONNECT)) {
      if (fixed != null) {
        deny(req, "?", 0, Denial.badRequest("CONNECT inside a tunnel"));
        return;
      }
      onConnect(req);
      return;
    }
    Authority target;
    String path;
    try {
      String uri = req.uri();
      String lower = uri.length() >= 8 ? uri.substring(0, 8).toLowerCase(Locale.ROOT) : uri.toLowerCase(Locale.ROOT);
      if (lower.startsWith("http://") && fixed == null) {
        int end = firstOf(uri, 7);
        target = Authority.parse(uri.substring(7, end), 80);
        path = end == uri.length() ? "/" : uri.substring(end);
        List<String> hosts = req.headers().getAll(HttpHeaderNames.HOST);
        if (hosts.size() > 1) {
          deny(req, target.host().name(), target.port(), Denial.badRequest("exactly one Host header is allowed"));
          return;
        }
        // the proxy sends the URL's authority as Host anyway; a Host naming another server is fronting: refused
        if (hosts.size() == 1 && !agrees(target.host(), target.port(), hosts.get(0))) {
          Authority h = Authority.parse(hosts.get(0), target.port());
          deny(req, h.host().name(), h.port(), hostMismatch(h.host().authority() + ":" + h.port(),
              target.host().authority() + ":" + target.port(), "the URL names"));
          return;
        }
      } else if (fixed != null && !tls && fixed.port() == 443) {
        // port 443 carries TLS; plain HTTP there would send the bound credential (if any) in clear over the network
        deny(req, fixed.host().name(), fixed.port(), Denial.badRequest("plain HTTP inside a tunnel to "
            + fixed.host().authority() + ":443; speak TLS there (https://)"));
        return;
      } else if (fixed != null && (lower.startsWith(tls ? "https://" : "http://") || uri.startsWith("/"))) {
        if (uri.startsWith("/")) {
          path = uri;
        } else {
          int from = tls ? 8 : 7;
          int end = firstOf(uri, from);
          Authority abs = Authority.parse(uri.substring(from, end), tls ? 443 : 80);
          if (!abs.host().equals(fixed.host()) || abs.port() != fixed.port()) {
            deny(req, abs.host().name(), abs.port(), hostMismatch(abs.host().authority() + ":" + abs.port()));
            return;
          }
          path = end == uri.length() ? "/" : uri.substring(end);
        }
        String host = req.headers().get(HttpHeaderNames.HOST);
        if (host == null || req.headers().getAll(HttpHeaderNames.HOST).size() != 1) {
          deny(req, fixed.host().name(), fixed.port(), Denial.badRequest("exactly one Host header is required"));
          return;
        }
        if (!agrees(fixed.host(), fixed.port(), host)) {
          Authority h = Authority.parse(host, fixed.port());
          deny(req, h.host().name(), h.port(), hostMismatch(h.host().authority() + ":" + h.port()));
          return;
        }
        target = new Authority(fixed.host(), fixed.port());
      } else if (lower.startsWith("https://")) {
        deny(req, "?", 0, Denial.badRequest("https:// URLs go through CONNECT; configure the client's HTTPS proxy"));
        return;
      } else {
        deny(req, "?", 0, Denial.badRequest("this is a forward proxy: send absolute-form http:// requests or CONNECT"));
        return;
      }
      if (path.charAt(0) != '/' && path.charAt(0) != '?') {
        throw new IllegalArgumentException("bad path");
      }
      if (path.charAt(0) == '?') {
        path = "/" + path;
      }
      int hash = path.indexOf('#');
      if (hash >= 0) {
        path = path.substring(0, hash);
      }
      if (!RequestFraming.isRequestTarget(path)) {
        // an h2 :path (or a request line with a bare CR) would reach the origin's request line as written
        throw new IllegalArgumentException("a space or control character in the path; percent-encode it");
      }
    } catch (IllegalArgumentException e) {
      deny(req, "?", 0, Denial.badRequest("bad request target '" + Authority.printable(req.uri()) + "': "
          + e.getMessage()));
      return;
    }
    ex = new Exchange(method, fixed == null ? "http" : intercepted);
    // a WebSocket upgrade is judged like any request, then relayed; other upgrade offers (h2c) are hop-by-hop and
    // simply not passed on, so the exchange stays HTTP/1.1
    ex.websocket = isWebSocketUpgrade(req);
    ex.http10 = req.protocolVersion().equals(HttpVersion.HTTP_1_0);
    ex.keepAlive = HttpUtil.isKeepAlive(req);
    req.setUri(path);
    state = State.RESOLVING;
    pending.add(req);
    if (fixed != null) {
      proceed(fixed);
      return;
    }
    px.gatekeeper().check(target.host(), target.port()).whenComplete((t, err) -> client.eventLoop().execute(() -> {
      if (state != State.RESOLVING || !client.isActive()) {
        releasePending();
        return;
      }
      if (err != null) {
        denyResolved(target, err);
      } else {
        proceed(t);
      }
    }));
  }

  /**
   * Whether {@code host} is exactly the canonical spelling of {@code t}'s authority, with or without its port: the
   * common case, which needs no parsing. Any other spelling goes through {@link Authority#parse}.
   */
  static boolean names(Gatekeeper.Target t, String host) {
    return names(t.host(), t.port(), host);
  }

  private static boolean names(HostName canonical, int port, String host) {
    String name = canonical.authority();
    if (!host.startsWith(name)) {
      return false;
    }
    int rest = host.length() - name.length();
    if (rest == 0) {
      return true; // no port: the tunnel's, as Authority.parse(host, t.port()) reads it
    }
    return host.charAt(name.length()) == ':' && rest > 1 && rest <= 6
        && isPort(host, name.length() + 1, port);
  }

  private static boolean isPort(String s, int from, int port) {
    int v = 0;
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      v = v * 10 + (c - '0');
    }
    return v == port && s.charAt(from) != '0';
  }

  /** Where a request is going, for the audit event of a refusal before it was judged; null when unreadable. */
  private Authority targetOf(HttpRequest req) {
    if (fixed != null) {
      return new Authority(fixed.host(), fixed.port());
    }
    String uri = req.uri();
    try {
      return uri.regionMatches(true, 0, "http://", 0, 7) ? Authority.parse(uri.substring(7, firstOf(uri, 7)), 80)
          : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static int firstOf(String uri, int from) {
    for (int i = from; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c == '/' || c == '?' || c == '#') {
        return i;
      }
    }
    return uri.length();
  }

  /**
   * Whether the {@code Host} header {@code host} names {@code name:port}: any spelling of the name, with that port or
   * none (a port-less Host names the server the request was sent to).
   */
  private static boolean agrees(HostName name, int port, String host) {
    if (names(name, port, host)) {
      return true;
    }
    Authority h = Authority.parse(host, port);
    return h.host().equals(name) && h.port() == port;
  }

  private Denial hostMismatch(String host) {
    return hostMismatch(host, fixed.host().authority() + ":" + fixed.port(), "the tunnel was opened to");
  }

  private static Denial hostMismatch(String host, String target, String how) {
    return new Denial("host-mismatch", "SNI = CONNECT target = Host",
        "the request's Host names " + host + " but " + how + " " + target + " (domain fronting is refused)",
        "send each request with the Host of the server it goes to",
        HttpResponseStatus.MISDIRECTED_REQUEST, io.netty.handler.codec.socksx.v5.Socks5CommandStatus.FORBIDDEN);
  }

  private void denyResolved(Authority target, Throwable err) {
    Throwable t = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
    Denial d = t instanceof Denial.Refused r ? r.denial()
        : new Denial("error", "proxy", "internal error while checking the destination", "",
            HttpResponseStatus.INTERNAL_SERVER_ERROR, io.netty.handler.codec.socksx.v5.Socks5CommandStatus.FAILURE);
    HttpRequest req = (HttpRequest) pending.peekFirst();
    releasePending();
    deny(req, target.host().name(), target.port(), d);
  }

  /** Target checked: rewrite the request, pick or open the upstream, send the head and what body has arrived. */
  private void proceed(Gatekeeper.Target t) {
    ex.target = t;
    HttpRequest req = (HttpRequest) pending.peekFirst();
    HttpHeaders h = req.headers();
    for (String name : connectionListed(h)) {
      h.remove(name);
    }
    for (CharSequence name : HOP_BY_HOP) {
      h.remove(name);
    }
    if (ex.websocket) {
      h.set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
    }
    var denial = px.credentials().apply(t.host(), req.uri(), h);
    if (denial.isPresent()) {
      releasePending();
      deny(req, t.host().name(), t.port(), denial.get());
      return;
    }
    ex.credentials = String.join(",", px.credentials().injectedHeaders(t.host()));
    ex.mask = SecretMask.of(px.credentials().secretForms(t.host()));
    boolean defaultPort = t.port() == (tls ? 443 : 80);
    h.set(HttpHeaderNames.HOST, t.host().authority() + (defaultPort ? "" : ":" + t.port()));
    String key = t.dial() + "|" + t.host().name();
    if (upstream != null && upstream.isActive() && key.equals(upstreamKey)) {
      sendPending();
      return;
    }
    Channel pooled = upstream == null && pool != null ? pool.take(key) : null;
    if (pooled != null) {
      pooled.pipeline().addLast(new UpstreamHandler());
      upstream = pooled;
      upstreamKey = key;
      sendPending();
      return;
    }
    if (upstream != null) {
      Channel old = upstream;
      upstream = null;
      old.close();
    }
    var connecting = Upstream.connect(px, client, t, new ChannelInitializer<SocketChannel>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        if (tls) {
          ch.pipeline().addLast(px.interception().orElseThrow().clientContext()
              .newHandler(ch.alloc(), t.host().name(), t.port()));
        }
        // responses in chunks of up to 64 KiB (the default is 8 KiB): fewer messages per TLS record on bulk bodies
        ch.pipeline().addLast(new HttpClientCodec(new io.netty.handler.codec.http.HttpDecoderConfig()
            .setMaxChunkSize(64 * 1024), false, false));
        ch.pipeline().addLast(new UpstreamHandler());
      }
    });
    if (connecting.isEmpty()) {
      releasePending();
      deny(req, t.host().name(), t.port(), Upstream.tooManyTunnels(px));
      return;
    }
    ChannelFuture f = connecting.get();
    upstream = f.channel();
    upstreamKey = key;
    f.addListener((ChannelFutureListener) done -> {
      if (state != State.RESOLVING || !client.isActive() || upstream != done.channel()) {
        done.channel().close();
        releasePending();
        return;
      }
      if (!done.isSuccess()) {
        upstream = null;
        releasePending();
        deny(req, t.host().name(), t.port(), Upstream.unreachable(t, done.cause()));
        return;
      }
      done.channel().config().setAutoRead(true);
      sendPending();
    });
  }

  private static boolean isWebSocketUpgrade(HttpRequest req) {
    HttpHeaders h = req.headers();
    return req.method().equals(HttpMethod.GET) && h.getAll(HttpHeaderNames.UPGRADE).size() == 1
        && "websocket".equalsIgnoreCase(h.get(HttpHeaderNames.UPGRADE).strip())
        && h.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
  }

  private static List<String> connectionListed(HttpHeaders h) {
    List<String> out = new java.util.ArrayList<>();
    for (String v : h.getAll(HttpHeaderNames.CONNECTION)) {
      for (String token : v.split(",")) {
        String n = token.strip().toLowerCase(Locale.ROOT);
        if (!n.isEmpty() && !n.equals("close") && !n.equals("keep-alive") && !n.equals("host")) {
          out.add(n);
        }
      }
    }
    return out;
  }

  private void sendPending() {
    state = State.BODY;
    Object m;
    while ((m = pending.poll()) != null) {
      if (m instanceof HttpContent c) {
        ex.up += c.content().readableBytes();
      }
      upstream.write(m);
      if (m instanceof LastHttpContent) {
        state = State.AWAIT_RESPONSE;
      }
    }
    upstream.flush();
    replayHeld();
    updateClientRead();
  }

  private void onContent(HttpContent c) {
    if (c instanceof LastHttpContent l && !l.trailingHeaders().isEmpty()) {
      // request trailers are dropped: they would reach the origin after the credential checks of the head
      l.trailingHeaders().clear();
    }
    switch (state) {
      case RESOLVING -> {
        pending.add(c);
        if (c.content().isReadable()) {
          client.config().setAutoRead(false); // a body waits for the check: read no more of it until it is sent
        }
      }
      case BODY -> {
        ex.up += c.content().readableBytes();
        boolean last = c instanceof LastHttpContent;
        upstream.writeAndFlush(c);
        if (last) {
          state = State.AWAIT_RESPONSE;
        }
        updateClientRead();
      }
      default -> c.release();
    }
  }

  /** Reads while the next message can be taken; changes the setting (an epoll call) only when it changes. */
  private void updateClientRead() {
    boolean read = held.isEmpty() && (state == State.HEAD || state == State.AWAIT_RESPONSE
        || state == State.BODY && upstream != null && upstream.isWritable());
    if (client.config().isAutoRead() != read) {
      client.config().setAutoRead(read); // switching it on starts a read
      if (read && client.parent() != null) {
        // an h2 stream: that read returns flow-control credit (WINDOW_UPDATE) on the connection, which nothing else
        // may flush while the client waits for it
        client.parent().flush();
      }
    }
  }

  private void releasePending() {
    Object m;
    while ((m = pending.poll()) != null) {
      if (!(m instanceof HttpRequest)) {
        ReferenceCountUtil.release(m);
      }
    }
  }

  private void releaseHeld() {
    Object m;
    while ((m = held.poll()) != null) {
      ReferenceCountUtil.release(m);
    }
  }

  /** Answers with the denial (status, body, X-Containment-Deny), reports it and closes the connection. */
  private void deny(HttpRequest req, String host, int port, Denial d) {
    px.audit().deny(fixed == null ? (req != null && req.method().equals(HttpMethod.CONNECT) ? "connect" : "http")
        : intercepted, host, port, d, ex == null ? System.nanoTime() : ex.start,
        req == null ? (pool != null ? Map.of("version", "h2") : Map.of()) : pool != null
            ? Map.of("method", req.method().name(), "version", "h2") : Map.of("method", req.method().name()));
    state = State.CLOSED;
    releasePending();
    releaseHeld();
    ByteBuf body = Unpooled.copiedBuffer(d.body(), StandardCharsets.UTF_8);
    FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, d.status(), body);
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    r.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
    r.headers().set("X-Containment-Deny", d.header());
    r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    if (client.pipeline().get(HttpServerCodec.class) == null
        && client.pipeline().get(io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec.class) == null) {
      client.close();
      r.release();
      return;
    }
    client.writeAndFlush(r).addListener(f -> lingeringClose(client));
    if (upstream != null) {
      upstream.close();
    }
    ex = null; // reported: no second event when the connection closes
  }

  /** Between kept-alive requests of a client connection: it may be closed to make room at the connection cap. */
  private void park() {
    if (pool == null && !parked) {
      parked = true;
      px.counters().parkIdle(client, px.share());
    }
  }

  private void unpark() {
    if (parked) {
      parked = false;
      px.counters().unparkIdle(client, px.share());
    }
  }

  /**
   * Closes after an answer without resetting: half-close, then discard what the client is still sending (an over-long
   * header, a refused body) for a moment, so that it reads the answer instead of a connection reset.
   */
  static void lingeringClose(Channel ch) {
    if (ch instanceof io.netty.channel.socket.DuplexChannel d && ch.isActive()) {
      d.shutdownOutput();
      ch.config().setAutoRead(true);
      ch.eventLoop().schedule(() -> {
        ch.close();
      }, 1, java.util.concurrent.TimeUnit.SECONDS);
    } else {
      ch.close();
    }
  }

  // ---- CONNECT ----

  private void onConnect(HttpRequest req) {
    Authority target;
    try {
      target = Authority.parse(req.uri(), -1);
    } catch (IllegalArgumentException e) {
      deny(req, Authority.printable(req.uri()), 0, Denial.badRequest("bad CONNECT target '"
          + Authority.printable(req.uri()) + "': " + e.getMessage() + "; write CONNECT host:port"));
      return;
    }
    ex = new Exchange("CONNECT", "connect");
    state = State.CONNECTING;
    client.config().setAutoRead(false);
    HttpServerCodec codec = client.pipeline().get(HttpServerCodec.class);
    if (codec != null) {
      // what follows the CONNECT head belongs to the tunnel (a ClientHello sent with the request): the HTTP decoder
      // must not read it, or it is taken for a malformed request or loses its first bytes; the encoder stays for a
      // refusal. The decoder hands what it holds on to this frontend (pending) as it goes
      codec.removeInboundHandler();
    }
    px.gatekeeper().check(target.host(), target.port()).whenComplete((t, err) -> client.eventLoop().execute(() -> {
      if (state != State.CONNECTING || !client.isActive()) {
        return;
      }
      if (err != null) {
        Throwable c = err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
        Denial d = c instanceof Denial.Refused r ? r.denial() : Denial.badRequest("internal error");
        deny(req, target.host().name(), target.port(), d);
        return;
      }
      boolean intercept = px.interception().map(i -> i.intercepts(t.host(), t.port())).orElse(false);
      if (!intercept && px.credentials().binds(t.host())) {
        deny(req, t.host().name(), t.port(), Denial.forbidden("credential-needs-interception", "network.credentials",
            "a credential is bound to " + t.host().authority() + ", so its HTTPS traffic must be inspected, but "
                + "its TLS is not intercepted (network.tls, network.tlsIntercept); the tunnel is refused so no other"
                + " credential can reach it",
            "set network.tls: intercept, or add the host to network.tlsIntercept, in the policy"));
        return;
      }
      if (intercept) {
        startInterception(t);
      } else {
        startTunnel(req, t);
      }
    }));
  }

  private void startTunnel(HttpRequest req, Gatekeeper.Target t) {
    Upstream.tunnel(px, client, t, "connect", ex.start, new Upstream.Tunnel() {
      @Override
      public void refused(Denial denial) {
        deny(req, t.host().name(), t.port(), denial);
      }

      @Override
      public void connected(Channel upstream, AtomicLong up, AtomicLong down) {
        switchToRelay(px, t, "connect", ex.start, client, upstream, pending, up, down,
            "HTTP/1.1 200 Connection established\r\n\r\n");
        state = State.TUNNEL;
      }
    });
  }

  /**
   * Removes the HTTP handlers, writes the raw CONNECT answer, forwards bytes the client sent early and starts relaying
   * both ways; a TLS ClientHello from the client (early or not) must name the tunnel's host ({@link TunnelSni}).
   */
  static void switchToRelay(ProxyContext px, Gatekeeper.Target t, String protocol, long start, Channel client,
      Channel upstream, ArrayDeque<Object> early, AtomicLong up, AtomicLong down, String answer) {
    var p = client.pipeline();
    if (p.get(HttpServerCodec.class) != null) {
      p.remove(HttpServerCodec.class); // may deliver buffered early bytes to the handler still in place
    }
    if (p.get(HeadDeadline.class) != null) {
      p.remove(HeadDeadline.class);
    }
    if (answer != null) {
      client.writeAndFlush(Unpooled.copiedBuffer(answer, StandardCharsets.US_ASCII));
    }
    for (var h : p.toMap().entrySet()) {
      if (h.getValue() instanceof HttpFrontend || h.getValue() instanceof Socks5Frontend) {
        p.remove(h.getKey());
      }
    }
    p.addLast("tunnel-sni", new TunnelSni(px, t, protocol, upstream, start));
    p.addLast("relay", new Relay(upstream, up));
    upstream.pipeline().addLast("relay", new Relay(client, down));
    // bytes sent with the request (a ClientHello right after CONNECT) take the same way as the rest: SNI check, relay
    Object m;
    boolean any = false;
    while ((m = early.poll()) != null) {
      if (m instanceof ByteBuf b) {
        p.fireChannelRead(b);
        any = true;
      } else {
        ReferenceCountUtil.release(m);
      }
    }
    if (any) {
      p.fireChannelReadComplete();
    }
    client.config().setAutoRead(true);
    upstream.config().setAutoRead(true);
  }

  private void startInterception(Gatekeeper.Target t) {
    Interception i = px.interception().orElseThrow();
    var p = client.pipeline();
    if (p.get(HttpServerCodec.class) != null) {
      p.remove(HttpServerCodec.class); // early bytes (a ClientHello sent before our answer) land in pending
    }
    state = State.TUNNEL;
    HeadDeadline deadline = ProxyContext.deadline(client);
    if (deadline != null) {
      deadline.startNow();
    }
    client.writeAndFlush(Unpooled.copiedBuffer("HTTP/1.1 200 Connection established\r\n\r\n",
        StandardCharsets.US_ASCII));
    i.install(px, t, p, this, pending);
  }

  // ---- the upstream side of forwarded requests ----

  private final class UpstreamHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (ctx.channel() != upstream || ex == null || !client.isActive()) {
        ReferenceCountUtil.release(msg);
        ctx.close();
        return;
      }
      if (state == State.RESOLVING) {
        // the origin spoke before this exchange's request went out on its connection (a second answer to the
        // previous request, arriving late): an answer to nothing. The request is sent on a new connection
        ReferenceCountUtil.release(msg);
        upstream = null;
        ctx.close();
        return;
      }
      if (msg instanceof io.netty.handler.codec.http.HttpObject o && o.decoderResult().isFailure()) {
        // an answer the proxy cannot frame one way (two Content-Length headers, a bad chunk size): relaying a guess
        // would desynchronise the client; the decoder discards the rest, so waiting would hang the client instead
        ReferenceCountUtil.release(msg);
        Exchange e = ex;
        upstream = null;
        ctx.close();
        if (!e.responseStarted) {
          deny(null, e.target.host().name(), e.target.port(), Upstream.malformedAnswer(e.target,
              o.decoderResult().cause()));
        } else {
          client.close();
        }
        return;
      }
      if (msg instanceof HttpResponse r) {
        boolean started = ex.responseStarted;
        ex.responseStarted = true;
        int code = r.status().code();
        ex.informational = code >= 100 && code < 200;
        if (code == 101) {
          if (!ex.websocket || state != State.AWAIT_RESPONSE || !held.isEmpty()
              || !HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(r.headers().get(HttpHeaderNames.UPGRADE, ""))) {
            // switching to a protocol nobody asked for: what follows is not HTTP the client can read
            ReferenceCountUtil.release(msg);
            Exchange e = ex;
            upstream = null;
            ctx.close();
            if (!started) {
              deny(null, e.target.host().name(), e.target.port(), Upstream.malformedAnswer(e.target,
                  new IllegalStateException("101 Switching Protocols without a WebSocket upgrade request")));
            } else {
              client.close();
            }
            return;
          }
          ex.switching = true;
          ex.status = code;
        }
        if (!ex.informational) {
          ex.status = code;
          ex.closeUpstreamAfter = !HttpUtil.isKeepAlive(r);
          boolean delimited = HttpUtil.isContentLengthSet(r) || HttpUtil.isTransferEncodingChunked(r)
              || ex.method.equals("HEAD") || code == 204 || code == 304;
          ex.closeClientAfter = !ex.keepAlive || !delimited;
          if (ex.http10 && HttpUtil.isTransferEncodingChunked(r)) {
            HttpUtil.setTransferEncodingChunked(r, false);
            ex.closeClientAfter = true;
          }
        }
        HttpHeaders h = r.headers();
        if (ex.mask != null) {
          ex.mask.headers(h);
        }
        for (String name : connectionListed(h)) {
          h.remove(name);
        }
        for (CharSequence name : HOP_BY_HOP) {
          h.remove(name);
        }
        if (ex.closeClientAfter) {
          h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        if (ex.switching) {
          h.set(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET);
          h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
        } else if (ex.informational) {
          ex.interim = r; // sent whole once its (empty) end arrives: h2 carries a 1xx as one HEADERS frame
          return;
        }
      }
      if (msg instanceof HttpContent c) {
        ex.down += c.content().readableBytes();
        if (ex.mask != null) {
          msg = ex.mask.content(c);
        }
      }
      boolean last = msg instanceof LastHttpContent;
      if (last && ex.informational) {
        ex.informational = false;
        if (ex.switching) {
          client.writeAndFlush(msg);
          switchToWebSocket(ctx);
          return;
        }
        ReferenceCountUtil.release(msg);
        HttpResponse r = ex.interim;
        ex.interim = null;
        client.writeAndFlush(new DefaultFullHttpResponse(r.protocolVersion(), r.status(), Unpooled.EMPTY_BUFFER,
            r.headers(), io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE));
        return;
      }
      // flush once per read batch or at the end of the response: fewer syscalls and, intercepted, fewer TLS records
      ChannelFuture w = last ? client.writeAndFlush(msg) : client.write(msg);
      if (!client.isWritable()) {
        ctx.channel().config().setAutoRead(false);
        client.flush();
      }
      if (last) {
        finish(w);
      }
    }

    /**
     * The origin switched to WebSocket: from here on both sides carry opaque frames, relayed with the same
     * backpressure as a tunnel; the exchange's event is sent when the upstream closes, with the bytes of both phases.
     */
    private void switchToWebSocket(ChannelHandlerContext ctx) {
      Exchange done = ex;
      ex = null;
      state = State.TUNNEL;
      Channel up = upstream;
      upstream = null;
      AtomicLong upBytes = new AtomicLong(done.up);
      AtomicLong downBytes = new AtomicLong(done.down);
      up.closeFuture().addListener(x -> px.audit().allow(done.protocol, done.target, upBytes.get(), downBytes.get(),
          done.start, Map.of("method", done.method, "status", 101, "upgrade", "websocket",
              "credentials", done.credentials)));
      // the HTTP encoders go first: bytes still buffered in a decoder are released to the relays as the decoders
      // go, and must not meet an encoder that only takes HTTP messages
      ChannelPipeline cp = client.pipeline();
      ChannelPipeline upp = up.pipeline();
      cp.get(HttpServerCodec.class).removeOutboundHandler();
      upp.get(HttpClientCodec.class).removeOutboundHandler();
      upp.addLast("relay", new Relay(client, downBytes));
      upp.remove(ctx.handler());
      upp.remove(HttpClientCodec.class);
      cp.addLast("relay", new Relay(up, upBytes));
      cp.remove(HttpFrontend.this);
      if (cp.get(HeadDeadline.class) != null) {
        cp.remove(HeadDeadline.class);
      }
      cp.remove(HttpServerCodec.class);
      client.config().setAutoRead(true);
      up.config().setAutoRead(true);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      if (client != null && client.isActive()) {
        client.flush();
      }
    }

    private void finish(ChannelFuture written) {
      Exchange done = ex;
      ex = null;
      px.audit().allow(done.protocol, done.target, done.up, done.down, done.start, pool != null
          ? Map.of("method", done.method, "status", done.status, "credentials", done.credentials, "version", "h2")
          : Map.of("method", done.method, "status", done.status, "credentials", done.credentials));
      if (done.closeUpstreamAfter && upstream != null) {
        upstream.close();
        upstream = null;
      }
      if (done.closeClientAfter || inputShut || state != State.AWAIT_RESPONSE && state != State.BODY) {
        state = State.CLOSED;
        written.addListener(ChannelFutureListener.CLOSE);
        return;
      }
      if (state == State.BODY) {
        // response ended before the request body: the origin gave up on it
        state = State.CLOSED;
        written.addListener(ChannelFutureListener.CLOSE);
        return;
      }
      state = State.HEAD;
      if (pool != null && upstream != null) {
        // an h2 stream carries one exchange: its upstream connection serves the next stream
        Channel idle = upstream;
        upstream = null;
        idle.pipeline().remove(UpstreamHandler.this);
        pool.give(upstreamKey, idle);
      }
      HeadDeadline deadline = ProxyContext.deadline(client);
      if (deadline != null) {
        deadline.awaitNext();
      }
      if (held.isEmpty()) {
        updateClientRead();
        park();
        return;
      }
      // a pipelined request waits until this read of the upstream is over: anything the origin sent after the
      // response (a second answer, a body after HEAD/204/304) is then seen with no exchange and closes the upstream,
      // instead of becoming the answer to the next request
      client.eventLoop().execute(() -> {
        if (state != State.HEAD) {
          return;
        }
        replayHeld();
        updateClientRead();
        if (state == State.HEAD && held.isEmpty()) {
          park();
        }
      });
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (ctx.channel() == upstream && state == State.BODY) {
        updateClientRead();
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (ctx.channel() != upstream) {
        return;
      }
      upstream = null;
      if (ex != null && client.isActive()) {
        if (!ex.responseStarted) {
          Exchange e = ex;
          deny(null, e.target.host().name(), e.target.port(), Upstream.unreachable(e.target, null));
        } else {
          client.close();
        }
      }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof IdleStateEvent) {
        ctx.close();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (upstream != null && client.isWritable()) {
      upstream.config().setAutoRead(true);
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    state = State.CLOSED;
    unpark();
    Exchange open = ex;
    if (open != null && open.target != null) {
      // the client (or the origin) went away mid-exchange: still one event, with what actually moved
      ex = null;
      px.audit().allow(open.protocol, open.target, open.up, open.down, open.start, pool != null
          ? Map.of("method", open.method, "status", open.status, "credentials", open.credentials, "aborted", true,
              "version", "h2")
          : Map.of("method", open.method, "status", open.status, "credentials", open.credentials, "aborted", true));
    }
    releasePending();
    releaseHeld();
    if (upstream != null) {
      upstream.close();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent) {
      ctx.close();
    } else if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
      // the client half-closed: a complete request in flight is still answered (then the connection closes); an
      // incomplete one, or none, cannot be
      boolean complete = state == State.AWAIT_RESPONSE
          || state == State.RESOLVING && pending.peekLast() instanceof LastHttpContent;
      if (complete) {
        inputShut = true;
      } else {
        ctx.close();
      }
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
