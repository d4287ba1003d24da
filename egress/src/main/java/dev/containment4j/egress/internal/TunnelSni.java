/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import dev.containment4j.internal.net.HostName;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.AbstractSniHandler;
import io.netty.util.concurrent.Future;
import java.util.Map;

/**
 * The SNI of a passthrough tunnel (CONNECT or SOCKS5 without interception): when the client's first bytes are a TLS
 * ClientHello, its server name must name the tunnel's host, as on the intercepted path. Without this check a tunnel to
 * an allowed name on a shared front end (a CDN) could carry a hello for any other site served there (domain fronting
 * by SNI, which front ends that refuse Host/SNI disagreement still route). A mismatch closes both sides before a byte
 * of the hello reaches the origin. No SNI, or bytes that are not TLS (SSH, a server-speaks-first protocol), pass on
 * unchanged: the tunnel stays opaque. The hello is read however it is split (Netty's parser reassembles records).
 */
final class TunnelSni extends AbstractSniHandler<Boolean> {
  private final ProxyContext px;
  private final Gatekeeper.Target target;
  private final String protocol;
  private final Channel upstream;
  private final long start;
  /** Netty asks again as a refused connection closes: one decision, one event. */
  private Boolean decided;

  /** @param start when the tunnel was asked for ({@link System#nanoTime}), for the event's duration */
  TunnelSni(ProxyContext px, Gatekeeper.Target target, String protocol, Channel upstream, long start) {
    super(0L); // no deadline here: after a server-speaks-first banner the client may think for as long as it likes
    this.px = px;
    this.target = target;
    this.protocol = protocol;
    this.upstream = upstream;
    this.start = start;
  }

  @Override
  protected Future<Boolean> lookup(ChannelHandlerContext ctx, String hostname) {
    if (decided != null) {
      return ctx.executor().newSucceededFuture(decided);
    }
    boolean same;
    try {
      same = hostname == null || HostName.parse(hostname).equals(target.host());
    } catch (IllegalArgumentException e) {
      same = false;
    }
    decided = same;
    if (!same) {
      // closed before anything is relayed: the buffered hello never reaches the origin; the tunnel was refused, so
      // its closing reports no egress.allow
      upstream.attr(Upstream.REFUSED).set(Boolean.TRUE);
      upstream.close();
      px.audit().deny(protocol, hostname == null ? "?" : Authority.printable(hostname), target.port(),
          Denial.forbidden("sni-mismatch", "SNI = CONNECT target", "TLS SNI " + Authority.printable(hostname)
              + " does not match the tunnel's host " + target.host().authority() + " (domain fronting is refused)",
              ""), start, Map.of());
    }
    return ctx.executor().newSucceededFuture(same);
  }

  @Override
  protected void onLookupComplete(ChannelHandlerContext ctx, String hostname, Future<Boolean> future) {
    if (!Boolean.TRUE.equals(future.getNow())) {
      ctx.close();
      return;
    }
    ctx.pipeline().remove(this); // the buffered hello goes on to the relay
  }
}
