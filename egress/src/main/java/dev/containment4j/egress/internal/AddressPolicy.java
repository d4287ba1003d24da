/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks every address a name resolved to before the proxy dials one: loopback, link-local, cloud metadata, private
 * (RFC 1918, CGNAT, ULA), multicast, unspecified, reserved and the host's own interface addresses are refused unless
 * {@code network.allowPrivate} exempts them. IPv6 forms that embed an IPv4 address (IPv4-compatible, IPv4-translated
 * {@code ::ffff:0:0:0/96}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) are judged by the embedded address;
 * the local-use NAT64 prefix {@code 64:ff9b:1::/48}, whose embedding depends on the site, is refused whole. Unspecified, multicast and
 * broadcast are never dialable. With {@code blockPrivateAddresses: false} only those and the metadata endpoints stay
 * refused. Thread-safe.
 */
public final class AddressPolicy {

  /** Always refused, even under allowPrivate: they do not name one remote host. */
  private static final Map<Cidr, String> NEVER = ranges(
      "0.0.0.0/32", "unspecified", "::/128", "unspecified", "255.255.255.255/32", "broadcast",
      "224.0.0.0/4", "multicast", "ff00::/8", "multicast");

  /** Cloud metadata endpoints: refused even with blockPrivateAddresses off (allowPrivate can still exempt them). */
  private static final Map<Cidr, String> METADATA = ranges(
      "169.254.169.254/32", "cloud metadata (169.254.169.254)", "fd00:ec2::/32", "cloud metadata (fd00:ec2::/32)",
      "100.100.100.200/32", "cloud metadata (Alibaba)", "168.63.129.16/32", "cloud metadata (Azure wire server)",
      "192.0.0.192/32", "cloud metadata (Oracle)");

  private static final Map<Cidr, String> PRIVATE = ranges(
      "0.0.0.0/8", "this-network (0.0.0.0/8)",
      "127.0.0.0/8", "loopback",
      "::1/128", "loopback",
      "169.254.0.0/16", "link-local",
      "fe80::/10", "link-local",
      "10.0.0.0/8", "private (RFC 1918)",
      "172.16.0.0/12", "private (RFC 1918)",
      "192.168.0.0/16", "private (RFC 1918)",
      "100.64.0.0/10", "carrier-grade NAT (100.64.0.0/10)",
      "fc00::/7", "unique-local (fc00::/7)",
      "fec0::/10", "site-local",
      "192.0.0.0/24", "IETF protocol assignments",
      "198.18.0.0/15", "benchmarking (198.18.0.0/15)",
      "192.0.2.0/24", "documentation", "198.51.100.0/24", "documentation", "203.0.113.0/24", "documentation",
      "2001:db8::/32", "documentation",
      "240.0.0.0/4", "reserved (240.0.0.0/4)",
      "100::/64", "discard-only",
      "64:ff9b:1::/48", "local-use NAT64 (64:ff9b:1::/48)");

  private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
  private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");
  private static final Cidr IPV4_COMPATIBLE = Cidr.parse("::/96");
  private static final Cidr IPV4_TRANSLATED = Cidr.parse("::ffff:0:0:0/96");

  private final boolean blockPrivate;
  private final List<Cidr> allowPrivate;
  private final Set<InetAddress> ownAddresses;

  /**
   * @param blockPrivate {@code network.blockPrivateAddresses}
   * @param allowPrivate {@code network.allowPrivate}, parsed
   * @param ownAddresses the host's interface addresses (see {@link #interfaceAddresses()})
   */
  public AddressPolicy(boolean blockPrivate, List<Cidr> allowPrivate, Set<InetAddress> ownAddresses) {
    this.blockPrivate = blockPrivate;
    this.allowPrivate = List.copyOf(allowPrivate);
    this.ownAddresses = Set.copyOf(ownAddresses);
  }

  /** Every address on the host's interfaces, up or down; empty when they cannot be listed. */
  public static Set<InetAddress> interfaceAddresses() {
    Set<InetAddress> out = new HashSet<>();
    try {
      for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress a : Collections.list(nif.getInetAddresses())) {
          out.add(withoutScope(a));
        }
      }
    } catch (SocketException e) {
      // fall through with what we have; the range checks still apply
    }
    return out;
  }

  private static InetAddress withoutScope(InetAddress a) {
    try {
      return InetAddress.getByAddress(a.getAddress());
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Why {@code address} must not be dialed, or empty when it may. */
  public Optional<String> refusal(InetAddress address) {
    InetAddress a = withoutScope(address);
    Optional<String> never = classify(a, NEVER);
    if (never.isPresent()) {
      return never;
    }
    if (allowPrivate.stream().anyMatch(c -> c.contains(a))) {
      return Optional.empty();
    }
    Optional<String> metadata = classify(a, METADATA);
    if (metadata.isPresent() || !blockPrivate) {
      return metadata;
    }
    Optional<String> priv = classify(a, PRIVATE);
    if (priv.isPresent()) {
      return priv;
    }
    if (ownAddresses.contains(a)) {
      return Optional.of("one of this host's own addresses");
    }
    Optional<InetAddress> embedded = embeddedIpv4(a);
    if (embedded.isPresent()) {
      return refusal(embedded.get()).map(r -> r + ", embedded in " + a.getHostAddress());
    }
    return Optional.empty();
  }

  private static Optional<String> classify(InetAddress a, Map<Cidr, String> table) {
    for (Map.Entry<Cidr, String> e : table.entrySet()) {
      if (e.getKey().contains(a)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** The IPv4 address inside an IPv4-compatible, IPv4-translated, NAT64 or 6to4 IPv6 address. */
  static Optional<InetAddress> embeddedIpv4(InetAddress a) {
    if (!(a instanceof Inet6Address)) {
      return Optional.empty();
    }
    byte[] b = a.getAddress();
    byte[] v4 = null;
    if (NAT64.contains(a) || IPV4_COMPATIBLE.contains(a) || IPV4_TRANSLATED.contains(a)) {
      v4 = new byte[] {b[12], b[13], b[14], b[15]};
    } else if (SIX_TO_FOUR.contains(a)) {
      v4 = new byte[] {b[2], b[3], b[4], b[5]};
    }
    if (v4 == null) {
      return Optional.empty();
    }
    try {
      return Optional.of((Inet4Address) InetAddress.getByAddress(v4));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<Cidr, String> ranges(String... pairs) {
    Map<Cidr, String> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(Cidr.parse(pairs[i]), pairs[i + 1]);
    }
    return Collections.unmodifiableMap(m);
  }

  static List<Cidr> parseAll(List<String> cidrs) {
    List<Cidr> out = new ArrayList<>();
    for (String c : cidrs) {
      try {
        out.add(Cidr.parse(c));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("network.allowPrivate: " + e.getMessage(), e);
      }
    }
    return out;
  }
}
