/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

import dev.containment4j.policy.Policy;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What the profile lets the sandbox reach over the network.
 *
 * @param kind none, only the egress proxy's loopback ports, or the host network
 * @param proxyPorts the proxy's ports on loopback (only for {@link Kind#PROXY})
 * @param note why this was chosen, for the isolation report
 */
public record NetworkAccess(Kind kind, List<Integer> proxyPorts, String note) {

  /** Names under which the egress work hands the proxy address to the sandbox. */
  static final List<String> PROXY_VARIABLES = List.of("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy",
      "https_proxy", "all_proxy");

  public enum Kind {
    NONE, PROXY, HOST
  }

  public NetworkAccess {
    Objects.requireNonNull(kind, "kind");
    proxyPorts = List.copyOf(new TreeSet<>(proxyPorts));
    Objects.requireNonNull(note, "note");
    if (kind == Kind.PROXY && proxyPorts.isEmpty()) {
      throw new IllegalArgumentException("proxy access needs at least one port");
    }
    for (int port : proxyPorts) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("not a TCP port: " + port);
      }
    }
  }

  public static NetworkAccess none(String note) {
    return new NetworkAccess(Kind.NONE, List.of(), note);
  }

  public static NetworkAccess proxy(List<Integer> ports) {
    return new NetworkAccess(Kind.PROXY, ports, "only the egress proxy on loopback port(s) " + ports);
  }

  public static NetworkAccess host() {
    return new NetworkAccess(Kind.HOST, List.of(), "network.mode: host: the host network, unfiltered");
  }

  /**
   * Derives the access from the policy and the sandbox environment. In proxy mode the proxy's port comes from the
   * proxy variables the egress layer puts into the environment; each must name a loopback address and a port, or
   * nothing runs (fail closed). Without any such variable the sandbox gets no network.
   *
   * @throws IllegalArgumentException when a proxy variable is present but unusable
   */
  public static NetworkAccess of(Policy.NetworkMode mode, Map<String, String> environment) {
    switch (mode) {
      case NONE:
        return none("network.mode: none");
      case HOST:
        return host();
      case PROXY:
      default:
        TreeSet<Integer> ports = new TreeSet<>();
        for (String name : PROXY_VARIABLES) {
          String value = environment.get(name);
          if (value != null && !value.isEmpty()) {
            ports.add(loopbackPort(name, value));
          }
        }
        if (ports.isEmpty()) {
          return none("network.mode: proxy, but no egress proxy address is in the sandbox environment"
              + " (HTTP_PROXY/HTTPS_PROXY/ALL_PROXY), so the sandbox gets no network");
        }
        return proxy(List.copyOf(ports));
    }
  }

  private static int loopbackPort(String name, String value) {
    URI uri;
    try {
      uri = new URI(value.contains("://") ? value : "http://" + value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(name + " is not a proxy URL; the Seatbelt profile can only open the egress"
          + " proxy's loopback port (expected http://127.0.0.1:PORT)", e);
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]")
        || host.equals("::1");
    if (!loopback || uri.getPort() < 1) {
      throw new IllegalArgumentException(name + " must name the egress proxy on loopback with a port"
          + " (http://127.0.0.1:PORT); the Seatbelt profile opens nothing else, so it refuses '" + host + "'");
    }
    return uri.getPort();
  }
}
