/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import dev.containment4j.internal.net.HostName;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * An address range such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a single-address range.
 *
 * @param network the network address bytes (host bits cleared)
 * @param prefix the prefix length
 */
public record Cidr(byte[] network, int prefix) {
  public Cidr {
    Objects.requireNonNull(network, "network");
    network = network.clone();
  }

  /** Parses {@code 10.0.0.0/8}, {@code 127.0.0.1}, {@code [fd00::]/8} or {@code fd00::/8}. */
  public static Cidr parse(String text) {
    String s = text.strip();
    int slash = s.indexOf('/');
    String addr = slash < 0 ? s : s.substring(0, slash);
    HostName host;
    try {
      host = HostName.parse(addr);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + text + "' is not an address range (" + e.getMessage() + ")", e);
    }
    if (!host.isAddress()) {
      throw new IllegalArgumentException("'" + text + "' is not an address range; write e.g. 10.0.0.0/8 or fd00::/8");
    }
    byte[] bytes = host.address().getAddress();
    int prefix = bytes.length * 8;
    if (slash >= 0) {
      String p = s.substring(slash + 1);
      if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > bytes.length * 8) {
        throw new IllegalArgumentException("'" + text + "': prefix length must be 0.." + bytes.length * 8);
      }
      prefix = Integer.parseInt(p);
    }
    return new Cidr(mask(bytes, prefix), prefix);
  }

  static Cidr of(String text) {
    return parse(text);
  }

  private static byte[] mask(byte[] b, int prefix) {
    byte[] out = b.clone();
    for (int i = 0; i < out.length; i++) {
      int bits = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] &= (byte) (0xff << (8 - bits));
    }
    return out;
  }

  public boolean contains(InetAddress a) {
    byte[] b = a.getAddress();
    return b.length == network.length && Arrays.equals(mask(b, prefix), network);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && c.prefix == prefix && Arrays.equals(c.network, network);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(network) * 31 + prefix;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
