/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.net;

import java.net.IDN;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A host name or IP literal in the one canonical spelling that policy matching, resolution and dialing all use: lower
 * case, no trailing dot, IDN as punycode, IPv4 in dotted-quad form whatever the input spelling ({@code 127.1},
 * {@code 2130706433}, {@code 0x7f.1}, {@code 0177.0.0.1}), IPv6 without brackets in the JDK's full form, IPv4-mapped
 * IPv6 as IPv4. Spellings that different parsers read differently are rejected rather than guessed: control characters,
 * whitespace, {@code %} (percent-encoding, zone ids), userinfo ({@code @}), path characters, empty labels, names over
 * 253 characters.
 *
 * @param name the canonical spelling
 * @param kind a DNS name or an IP literal
 */
public record HostName(String name, Kind kind) {
  /** Longest DNS name (without the trailing dot). */
  public static final int MAX_LENGTH = 253;

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-fA-F:.]+");

  /** What a host is. */
  public enum Kind {
    NAME, IPV4, IPV6
  }

  public HostName {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
  }

  /** Whether this is an IP literal rather than a name. */
  public boolean isAddress() {
    return kind != Kind.NAME;
  }

  /** The host as written in a URL authority: IPv6 in brackets. */
  public String authority() {
    return kind == Kind.IPV6 ? "[" + name + "]" : name;
  }

  /** The IP literal as an address; never does a lookup. Only for {@link #isAddress()}. */
  public InetAddress address() {
    if (!isAddress()) {
      throw new IllegalStateException(name + " is not an IP literal");
    }
    try {
      return InetAddress.getByName(kind == Kind.IPV6 ? "[" + name + "]" : name);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return authority();
  }

  /**
   * Canonicalises {@code raw} (a host without port; IPv6 may be bracketed).
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  public static HostName parse(String raw) {
    if (raw == null || raw.isEmpty()) {
      throw new IllegalArgumentException("empty host name");
    }
    if (raw.length() > MAX_LENGTH + 2) {
      throw new IllegalArgumentException("host name longer than " + MAX_LENGTH + " characters");
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c <= 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || Character.isWhitespace(c)) {
        throw new IllegalArgumentException("host name contains a control or space character");
      }
      if ("%@/\\?#\"'<>`{}|^,;=+*!$&()~".indexOf(c) >= 0) {
        throw new IllegalArgumentException("host name contains '" + c + "'");
      }
    }
    if (raw.startsWith("[") || raw.indexOf(':') >= 0) {
      return parseIpv6(raw);
    }
    if (raw.indexOf('[') >= 0 || raw.indexOf(']') >= 0) {
      throw new IllegalArgumentException("misplaced bracket in host name");
    }
    String ascii;
    try {
      ascii = IDN.toASCII(raw, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a valid host name (" + e.getMessage() + ")", e);
    }
    if (ascii.endsWith(".")) {
      ascii = ascii.substring(0, ascii.length() - 1);
    }
    if (ascii.isEmpty() || ascii.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("host name is empty or longer than " + MAX_LENGTH + " characters");
    }
    String[] labels = ascii.split("\\.", -1);
    String last = labels[labels.length - 1];
    if (looksNumeric(last)) {
      return new HostName(parseIpv4(labels), Kind.IPV4);
    }
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        throw new IllegalArgumentException("invalid label '" + label + "' (letters, digits and inner hyphens only)");
      }
    }
    return new HostName(ascii, Kind.NAME);
  }

  private static HostName parseIpv6(String raw) {
    String inner = raw;
    if (raw.startsWith("[")) {
      if (!raw.endsWith("]")) {
        throw new IllegalArgumentException("unterminated IPv6 literal");
      }
      inner = raw.substring(1, raw.length() - 1);
    }
    if (inner.isEmpty() || !IPV6_CHARS.matcher(inner).matches() || inner.indexOf(':') < 0) {
      throw new IllegalArgumentException("not an IPv6 literal: " + raw);
    }
    InetAddress a;
    try {
      // a bracketed literal is parsed by the JDK without any lookup
      a = InetAddress.getByName("[" + inner + "]");
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("invalid IPv6 literal: " + raw, e);
    }
    if (a instanceof Inet6Address) {
      return new HostName(a.getHostAddress().toLowerCase(Locale.ROOT), Kind.IPV6);
    }
    return new HostName(a.getHostAddress(), Kind.IPV4); // IPv4-mapped
  }

  /** WHATWG URL rule: a host whose last label is a number is an IPv4 address, or invalid. */
  private static boolean looksNumeric(String label) {
    if (label.isEmpty()) {
      return false;
    }
    if (label.startsWith("0x")) {
      return label.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
    }
    return label.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /** inet_aton forms: 1 to 4 parts, each decimal, octal (leading 0) or hex (0x); the last part fills the rest. */
  private static String parseIpv4(String[] parts) {
    if (parts.length > 4) {
      throw new IllegalArgumentException("not an IPv4 address: more than 4 parts");
    }
    long[] v = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      v[i] = ipv4Part(parts[i]);
      if (i < parts.length - 1 && v[i] > 255) {
        throw new IllegalArgumentException("not an IPv4 address: part " + parts[i] + " is over 255");
      }
    }
    long last = v[parts.length - 1];
    if (last >= 1L << (8 * (5 - parts.length))) {
      throw new IllegalArgumentException("not an IPv4 address: last part out of range");
    }
    long addr = last;
    for (int i = 0; i < parts.length - 1; i++) {
      addr |= v[i] << (8 * (3 - i));
    }
    return ((addr >> 24) & 255) + "." + ((addr >> 16) & 255) + "." + ((addr >> 8) & 255) + "." + (addr & 255);
  }

  private static long ipv4Part(String p) {
    if (p.isEmpty() || p.length() > 12) {
      throw new IllegalArgumentException("not an IPv4 address: bad part '" + p + "'");
    }
    try {
      if (p.startsWith("0x")) {
        return p.length() == 2 ? 0 : Long.parseLong(p.substring(2), 16);
      }
      if (p.length() > 1 && p.startsWith("0")) {
        return Long.parseLong(p.substring(1), 8);
      }
      return Long.parseLong(p);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not an IPv4 address: bad part '" + p + "'", e);
    }
  }
}
