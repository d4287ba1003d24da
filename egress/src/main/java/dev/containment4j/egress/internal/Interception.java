/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import dev.containment4j.internal.net.HostName;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.concurrent.Promise;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS interception ({@code network.tls: intercept}): the client's TLS ends at the proxy with a leaf minted for the
 * CONNECT host; the SNI must name that host (or be absent), and so must every request's Host (checked in
 * {@link HttpFrontend}): no domain fronting. Each request is re-sent over a separate TLS connection to the checked
 * address, verified against the upstream trust store with hostname verification for the CONNECT host. HTTP/1.1 only
 * (no ALPN h2 offered, so clients negotiate down). Thread-safe.
 */
public final class Interception {
  private static final int CACHE_SIZE = 256;
  private final CertificateAuthority ca;
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
   * @param upstreamTrust trust for upstream servers; empty means the JDK's default trust store (the host's)
   */
  public Interception(CertificateAuthority ca, Optional<TrustManagerFactory> upstreamTrust) {
    this.ca = ca;
    try {
      SslContextBuilder b = SslContextBuilder.forClient().protocols("TLSv1.3", "TLSv1.2")
          .endpointIdentificationAlgorithm("HTTPS");
      upstreamTrust.ifPresent(b::trustManager);
      this.upstream = b.build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot set up upstream TLS: " + e.getMessage(), e);
    }
  }

  public CertificateAuthority ca() {
    return ca;
  }

  /** Whether CONNECTs to {@code host} are intercepted (all of them, in this version). */
  boolean intercepts(HostName host) {
    return true;
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
          c = SslContextBuilder.forServer(ca.leafKey(), leaf, ca.certificate()).protocols("TLSv1.3", "TLSv1.2")
              .build();
        } catch (SSLException e) {
          throw new IllegalStateException("cannot build TLS for " + host + ": " + e.getMessage(), e);
        }
        leaves.put(host.name(), c);
      }
      return c;
    }
  }

  /** Replaces {@code replaced} with TLS termination (SNI-checked), the HTTP codec and an intercepting frontend. */
  void install(ProxyContext px, Gatekeeper.Target t, ChannelPipeline p, ChannelHandler replaced) {
    SniHandler sni = new SniHandler((String hostname, Promise<SslContext> promise) -> {
      if (hostname != null) {
        HostName asked;
        try {
          asked = HostName.parse(hostname);
        } catch (IllegalArgumentException e) {
          return promise.setFailure(new SSLException("bad SNI"));
        }
        if (!asked.equals(t.host())) {
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
    p.replace(replaced, "tls", sni);
    p.addAfter("tls", "tls-events", new ChannelInboundHandlerAdapter() {
      @Override
      public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent e && !e.isSuccess()) {
          ctx.close();
        }
        ctx.fireUserEventTriggered(evt);
      }

      @Override
      public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
      }
    });
    p.addAfter("tls-events", "http", ProtocolSniffer.httpCodec(px.limits()));
    p.addAfter("http", "frontend", new HttpFrontend(px, t));
  }
}
