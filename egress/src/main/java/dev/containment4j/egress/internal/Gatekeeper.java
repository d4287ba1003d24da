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
  /** Name lookups in flight at once (each holds a thread while the resolver blocks). */
  public static final int MAX_LOOKUPS = 32;
  /**
   * Lookups in flight at once for the names one allow entry admits: a domain whose DNS is slow (or a wildcard whose
   * labels the sandbox picks) holds at most this many threads, and names under other entries keep resolving.
   */
  static final int MAX_LOOKUPS_PER_RULE = 8;
  private final DomainPolicy domains;
  private final java.time.Duration lookupTimeout;
  private final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicInteger> inFlight =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final AddressPolicy addresses;
  private final Map<String, HostName> hosts;
  private final dev.containment4j.egress.HostResolver resolver;
  private final Executor executor;

  /**
   * @param hosts {@code network.hosts}, keys and values canonical
   * @param executor where blocking lookups run (bounded)
   * @param lookupTimeout how long a client waits for a lookup before it is answered {@code dns-failure}
   */
  public Gatekeeper(DomainPolicy domains, AddressPolicy addresses, Map<String, HostName> hosts,
      dev.containment4j.egress.HostResolver resolver, Executor executor, java.time.Duration lookupTimeout) {
    this.domains = domains;
    this.lookupTimeout = lookupTimeout;
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
    var count = inFlight.computeIfAbsent(rule, k -> new java.util.concurrent.atomic.AtomicInteger());
    if (count.incrementAndGet() > MAX_LOOKUPS_PER_RULE) {
      count.decrementAndGet();
      return CompletableFuture.failedFuture(new Denial.Refused(busy("too many lookups for names under '"
          + d.allowedBy().orElseThrow() + "' are still running (slow DNS?); try again")));
    }
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
        } finally {
          count.decrementAndGet(); // when the thread is free again, not at the client's deadline
        }
      });
    } catch (RejectedExecutionException e) {
      count.decrementAndGet();
      f.completeExceptionally(new Denial.Refused(busy("too many name lookups in flight; try again")));
      return f;
    }
    // the client is answered at the deadline; the blocked thread finishes in its own time
    CompletableFuture<Target> out = new CompletableFuture<>();
    f.orTimeout(lookupTimeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).whenComplete((t, err) -> {
      if (err == null) {
        out.complete(t);
        return;
      }
      Throwable c = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
          ? err.getCause() : err;
      out.completeExceptionally(!(c instanceof java.util.concurrent.TimeoutException) ? c
          : new Denial.Refused(new Denial("dns-failure", "resolution on the proxy", "resolving " + host.name()
              + " took longer than " + lookupTimeout.toMillis() + " ms", "check the host name",
              HttpResponseStatus.BAD_GATEWAY, Socks5CommandStatus.HOST_UNREACHABLE)));
    });
    return out;
  }

  private static Denial busy(String message) {
    return new Denial("busy", "resolver limit", message, "", HttpResponseStatus.SERVICE_UNAVAILABLE,
        Socks5CommandStatus.FAILURE);
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
