/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import dev.containment4j.internal.net.HostName;
import dev.containment4j.internal.net.HostPattern;
import dev.containment4j.policy.Policy;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.Promise;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS interception ({@code network.tls: intercept}, or the hosts in {@code network.tlsIntercept}; never the hosts in
 * {@code network.tlsPassthrough}): the client's TLS ends at the proxy with a leaf minted for the CONNECT host; the SNI must name that host (or be absent), and so must every request's Host (checked in
 * {@link HttpFrontend}): no domain fronting. Each request is re-sent over a separate TLS connection to the checked
 * address, verified against the upstream trust store with hostname verification for the CONNECT host. Clients get ALPN
 * {@code h2} or {@code http/1.1} ({@link Http2Frontend}); the origin is spoken to over HTTP/1.1. Thread-safe.
 */
public final class Interception {
  private static final int CACHE_SIZE = 256;
  private final CertificateAuthority ca;
  private final Scope scope;
  private final SslContext upstream;
  private final Map<String, SslContext> leaves = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, SslContext> eldest) {
      return size() > CACHE_SIZE;
    }
  };

  /**
   * @param ca the interception CA
   * @param scope which CONNECT targets are intercepted
   * @param upstreamTrust trust for upstream servers; empty means the JDK's default trust store (the host's)
   */
  public Interception(CertificateAuthority ca, Scope scope, Optional<TrustManagerFactory> upstreamTrust) {
    this.ca = ca;
    this.scope = scope;
    try {
      SslContextBuilder b = SslContextBuilder.forClient().sslProvider(provider()).protocols("TLSv1.3", "TLSv1.2")
          .endpointIdentificationAlgorithm("HTTPS");
      upstreamTrust.ifPresent(b::trustManager);
      this.upstream = b.build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot set up upstream TLS: " + e.getMessage(), e);
    }
  }

  /** BoringSSL through netty-tcnative when it loads (much cheaper handshakes and records), else the JDK's TLS. */
  static SslProvider provider() {
    return !Boolean.getBoolean("containment.egress.jdkTls") && OpenSsl.isAvailable() ? SslProvider.OPENSSL
        : SslProvider.JDK;
  }

  public CertificateAuthority ca() {
    return ca;
  }

  /** Whether a CONNECT to {@code host:port} is intercepted (else it is a plain tunnel). */
  boolean intercepts(HostName host, int port) {
    return scope.intercepts(host, port);
  }

  /**
   * Where interception applies: {@code passthrough} entries never (pinned certificates, mTLS clients), then
   * {@code intercept} entries, then every other host when {@code global}.
   */
  public record Scope(boolean global, List<HostPattern> intercept, List<HostPattern> passthrough) {
    public Scope {
      intercept = List.copyOf(intercept);
      passthrough = List.copyOf(passthrough);
    }

    /** The scope a policy's {@code network:} section asks for. */
    public static Scope of(Policy.Network network) {
      return new Scope(network.tls() == Policy.TlsMode.INTERCEPT,
          network.tlsIntercept().stream().map(HostPattern::parse).toList(),
          network.tlsPassthrough().stream().map(HostPattern::parse).toList());
    }

    boolean intercepts(HostName host, int port) {
      for (HostPattern p : passthrough) {
        if (p.matches(host, port)) {
          return false;
        }
      }
      for (HostPattern p : intercept) {
        if (p.matches(host, port)) {
          return true;
        }
      }
      return global;
    }
  }

  SslContext clientContext() {
    return upstream;
  }

  private SslContext serverContext(HostName host) {
    synchronized (leaves) {
      SslContext c = leaves.get(host.name());
      if (c == null) {
        X509Certificate leaf = ca.leaf(host);
        try {
          c = SslContextBuilder.forServer(keyManager(leaf)).sslProvider(provider())
              .protocols("TLSv1.3", "TLSv1.2").applicationProtocolConfig(alpn()).build();
        } catch (java.security.GeneralSecurityException | java.io.IOException e) {
          throw new IllegalStateException("cannot build TLS for " + host + ": " + e.getMessage(), e);
        }
        leaves.put(host.name(), c);
      }
      return c;
    }
  }

  /**
   * Key material for one leaf. With BoringSSL, the caching factory converts the key to native form once instead of on
   * every handshake.
   */
  private javax.net.ssl.KeyManagerFactory keyManager(X509Certificate leaf)
      throws java.security.GeneralSecurityException, java.io.IOException {
    char[] pw = new char[0];
    java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("leaf", ca.leafKey(), pw, new java.security.cert.Certificate[] {leaf, ca.certificate()});
    javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
        javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
    if (provider() == SslProvider.OPENSSL) {
      kmf = new io.netty.handler.ssl.OpenSslCachingX509KeyManagerFactory(kmf);
    }
    kmf.init(ks, pw);
    return kmf;
  }

  /**
   * Replaces {@code replaced} (the CONNECT or SOCKS5 frontend, after its success answer) with a look at the client's
   * first byte: a TLS handshake is terminated ({@link #installTls}); anything else is read as plain HTTP for the
   * tunnel's host, with the same checks and credential binding as the intercepted path, forwarded without TLS. What
   * the client sent before the answer ({@code early}: a ClientHello sent with the request) goes through the new
   * handlers first, then the client is read again.
   */
  void install(ProxyContext px, Gatekeeper.Target t, ChannelPipeline p, ChannelHandler replaced,
      java.util.Queue<Object> early) {
    p.replace(replaced, "tunnel-sniff", new io.netty.handler.codec.ByteToMessageDecoder() {
      @Override
      protected void decode(ChannelHandlerContext ctx, io.netty.buffer.ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
          return;
        }
        if (in.getByte(in.readerIndex()) == 0x16) { // TLS record: handshake
          installTls(px, t, ctx.pipeline(), ctx.name());
        } else {
          ctx.pipeline().addAfter(ctx.name(), "http", ProtocolSniffer.httpCodec(px.limits()));
          ctx.pipeline().addAfter("http", "frontend", new HttpFrontend(px, t, "http-in-tunnel", false));
        }
        ctx.pipeline().remove(this); // what was read goes on to the handlers just added
      }
    });
    Object m;
    boolean any = false;
    while ((m = early.poll()) != null) {
      p.fireChannelRead(m);
      any = true;
    }
    if (any) {
      p.fireChannelReadComplete();
    }
    p.channel().config().setAutoRead(true);
  }

  /** Adds TLS termination (SNI-checked), ALPN and the HTTP/1.1 or h2 frontend after {@code after}. */
  private void installTls(ProxyContext px, Gatekeeper.Target t, ChannelPipeline p, String after) {
    boolean[] reported = {false}; // Netty may ask twice for one refused hello: one event per connection
    SniHandler sni = new SniHandler((String hostname, Promise<SslContext> promise) -> {
      if (hostname != null) {
        HostName asked;
        try {
          asked = HostName.parse(hostname);
        } catch (IllegalArgumentException e) {
          return promise.setFailure(new SSLException("bad SNI"));
        }
        if (!asked.equals(t.host())) {
          if (reported[0]) {
            return promise.setFailure(new SSLException("SNI does not match the CONNECT target"));
          }
          reported[0] = true;
          px.audit().deny("https-intercepted", asked.name(), t.port(), Denial.forbidden("sni-mismatch",
              "SNI = CONNECT target = Host", "TLS SNI " + asked.name() + " does not match the CONNECT target "
                  + t.host().authority() + " (domain fronting is refused)", ""), System.nanoTime(), Map.of());
          return promise.setFailure(new SSLException("SNI does not match the CONNECT target"));
        }
      }
      try {
        return promise.setSuccess(serverContext(t.host()));
      } catch (RuntimeException e) {
        return promise.setFailure(e);
      }
    });
    p.addAfter(after, "tls", sni);
    p.addAfter("tls", "tls-events", new ChannelInboundHandlerAdapter() {
      @Override
      public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent e && !e.isSuccess()) {
          ctx.close();
        } else if (evt instanceof io.netty.handler.timeout.IdleStateEvent) {
          // nothing either way for the idle timeout: an h2 connection's streams live on child channels, which never
          // see this event, so it is acted on here for every intercepted connection
          ctx.close();
          return;
        }
        ctx.fireUserEventTriggered(evt);
      }

      @Override
      public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
      }
    });
    p.addAfter("tls-events", "alpn", new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
      @Override
      protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
          Http2Frontend.install(px, t, ctx.pipeline());
        } else {
          ctx.pipeline().addLast("http", ProtocolSniffer.httpCodec(px.limits()));
          ctx.pipeline().addLast("frontend", new HttpFrontend(px, t, "https-intercepted", true));
        }
      }
    });
  }

  /** ALPN offered to intercepted clients: h2 first (see {@link Http2Frontend}), HTTP/1.1 for the others. */
  private static ApplicationProtocolConfig alpn() {
    return !Boolean.parseBoolean(System.getProperty("containment.egress.http2", "true"))
        ? new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_1_1)
        : new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, ApplicationProtocolNames.HTTP_2,
            ApplicationProtocolNames.HTTP_1_1);
  }
}
