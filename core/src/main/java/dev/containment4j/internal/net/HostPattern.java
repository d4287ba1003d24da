/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.net;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One {@code network.allow}/{@code network.deny} entry: {@code example.com} (exactly that name),
 * {@code *.example.com} (subdomains at any depth, not the apex), an IP literal ({@code 10.0.0.5},
 * {@code [fd00::1]}), each optionally with {@code :port}. Names and literals are canonicalised with
 * {@link HostName#parse}, so {@code 127.1} and {@code 127.0.0.1} are the same entry.
 *
 * @param host the canonical host (for a wildcard, the suffix after {@code *.})
 * @param wildcard whether the entry was {@code *.host}
 * @param port the port, when the entry names one
 */
public record HostPattern(HostName host, boolean wildcard, OptionalInt port) {

  public HostPattern {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(port, "port");
  }

  /** The problem with {@code entry} and how to fix it, or empty when it is valid. */
  public static Optional<String> problem(String entry) {
    try {
      parse(entry);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * Parses an entry.
   *
   * @throws IllegalArgumentException naming the entry, the problem and the fix
   */
  public static HostPattern parse(String entry) {
    if (entry == null || entry.isBlank()) {
      throw new IllegalArgumentException("empty host; write a name such as pypi.org or *.pythonhosted.org");
    }
    String host = entry.strip();
    int scheme = host.indexOf("://");
    if (scheme >= 0 || host.indexOf('/') >= 0) {
      String bare = host.substring(scheme >= 0 ? scheme + 3 : 0).split("/", 2)[0];
      throw new IllegalArgumentException("'" + entry + "': write the host only, without scheme or path"
          + (bare.isEmpty() ? ", e.g. example.com" : ", e.g. " + bare));
    }
    OptionalInt port = OptionalInt.empty();
    int colon = host.lastIndexOf(':');
    boolean bracketed = host.startsWith("[");
    if (colon >= 0 && (!bracketed || host.lastIndexOf(']') < colon)) {
      if (!bracketed && host.indexOf(':') != colon) {
        throw new IllegalArgumentException("'" + entry + "': write IPv6 literals in brackets, e.g. [fd00::1]:443");
      }
      String p = host.substring(colon + 1);
      if (!p.matches("[0-9]{1,5}") || Integer.parseInt(p) < 1 || Integer.parseInt(p) > 65535) {
        throw new IllegalArgumentException("'" + entry + "': the port must be a number from 1 to 65535");
      }
      port = OptionalInt.of(Integer.parseInt(p));
      host = host.substring(0, colon);
    }
    boolean wildcard = host.startsWith("*.");
    if (wildcard) {
      host = host.substring(2);
    }
    HostName name;
    try {
      name = HostName.parse(host);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + entry + "' is not a valid host (" + e.getMessage() + "); use names like"
          + " example.com, *.example.com (subdomains only) or an IP literal, optionally with :port", e);
    }
    if (wildcard && name.isAddress()) {
      throw new IllegalArgumentException("'" + entry + "': a wildcard cannot cover IP addresses; list each address");
    }
    if (wildcard && name.name().indexOf('.') < 0) {
      throw new IllegalArgumentException("'" + entry + "': a wildcard must cover a domain with at least two labels "
          + "(*.example.com), not a whole top-level domain");
    }
    return new HostPattern(name, wildcard, port);
  }

  /** Whether the canonical {@code candidate} is covered by this entry's host part (ports are checked separately). */
  public boolean matchesHost(HostName candidate) {
    if (wildcard) {
      return !candidate.isAddress() && candidate.name().endsWith("." + host.name());
    }
    return candidate.kind() == host.kind() && candidate.name().equals(host.name());
  }

  /** Whether the policy entry {@code entry} names the plain host name {@code host}, whatever port it carries. */
  public static boolean covers(String entry, String host) {
    return parse(entry).matchesHost(HostName.parse(host));
  }

  /** Whether this entry admits {@code host} on {@code port}; without {@code :port} it admits every port. */
  public boolean matches(HostName host, int port) {
    return matchesHost(host) && (this.port.isEmpty() || this.port.getAsInt() == port);
  }

  @Override
  public String toString() {
    return (wildcard ? "*." : "") + host.authority() + (port.isPresent() ? ":" + port.getAsInt() : "");
  }
}
