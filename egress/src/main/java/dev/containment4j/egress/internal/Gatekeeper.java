/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import dev.containment4j.internal.net.HostName;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.socksx.v5.Socks5CommandStatus;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Decides a destination in the only safe order: canonical name, then the domain policy (no DNS for a denied name),
 * then one resolution ({@code network.hosts} first), then the address check on <em>every</em> address; the result
 * carries the exact address to dial, so nothing is resolved a second time (no DNS rebinding). Thread-safe.
 */
public final class Gatekeeper {
  private final DomainPolicy domains;
  private final AddressPolicy addresses;
  private final Map<String, HostName> hosts;
  private final dev.containment4j.egress.HostResolver resolver;
  private final Executor executor;

  /**
   * @param hosts {@code network.hosts}, keys and values canonical
   * @param executor where blocking lookups run (bounded)
   */
  public Gatekeeper(DomainPolicy domains, AddressPolicy addresses, Map<String, HostName> hosts, dev.containment4j.egress.HostResolver resolver,
      Executor executor) {
    this.domains = domains;
    this.addresses = addresses;
    this.hosts = Map.copyOf(hosts);
    this.resolver = resolver;
    this.executor = executor;
  }

  /**
   * A destination that passed every check.
   *
   * @param host canonical host as requested
   * @param port port as requested
   * @param dial the checked address to connect to
   * @param rule the allow entry that admitted it
   */
  public record Target(HostName host, int port, InetSocketAddress dial, String rule) {}

  /** The policy decision alone (no I/O): empty when allowed. */
  public Optional<Denial> decideName(HostName host, int port) {
    return domains.decide(host, port).denial();
  }

  /** Completes with the target, or exceptionally with {@link Denial.Refused}. */
  public CompletableFuture<Target> check(HostName host, int port) {
    DomainPolicy.Decision d = domains.decide(host, port);
    if (!d.allowed()) {
      return CompletableFuture.failedFuture(new Denial.Refused(d.denial().orElseThrow()));
    }
    String rule = "network.allow: " + d.allowedBy().orElseThrow();
    if (host.isAddress()) {
      return CompletableFuture.completedFuture(List.of(host.address()))
          .thenApply(all -> target(host, port, all, rule));
    }
    HostName mapped = hosts.get(host.name());
    if (mapped != null) {
      return CompletableFuture.completedFuture(List.of(mapped.address()))
          .thenApply(all -> target(host, port, all, rule + " (via network.hosts)"));
    }
    CompletableFuture<Target> f = new CompletableFuture<>();
    try {
      executor.execute(() -> {
        try {
          f.complete(target(host, port, resolver.resolve(host.name()), rule));
        } catch (UnknownHostException e) {
          f.completeExceptionally(new Denial.Refused(new Denial("dns-failure", "resolution on the proxy",
              "could not resolve " + host.name() + " on the proxy", "check the host name",
              HttpResponseStatus.BAD_GATEWAY, Socks5CommandStatus.HOST_UNREACHABLE)));
        } catch (java.util.concurrent.CompletionException e) {
          f.completeExceptionally(e.getCause());
        } catch (RuntimeException e) {
          f.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException e) {
      f.completeExceptionally(new Denial.Refused(new Denial("busy", "resolver queue",
          "too many name lookups in flight; try again", "", HttpResponseStatus.SERVICE_UNAVAILABLE,
          Socks5CommandStatus.FAILURE)));
    }
    return f;
  }

  private Target target(HostName host, int port, List<InetAddress> all, String rule) {
    if (all.isEmpty()) {
      throw new java.util.concurrent.CompletionException(new Denial.Refused(new Denial("dns-failure",
          "resolution on the proxy", host.name() + " has no address", "", HttpResponseStatus.BAD_GATEWAY,
          Socks5CommandStatus.HOST_UNREACHABLE)));
    }
    for (InetAddress a : all) {
      Optional<String> why = addresses.refusal(a);
      if (why.isPresent()) {
        throw new java.util.concurrent.CompletionException(new Denial.Refused(Denial.forbidden("private-address",
            "network.blockPrivateAddresses",
            host.authority() + " resolves to " + a.getHostAddress() + ", a " + why.get()
                + " address; the proxy does not connect there",
            "if the user means to reach this internal service, add its range to network.allowPrivate")));
      }
    }
    return new Target(host, port, new InetSocketAddress(all.get(0), port), rule);
  }
}
