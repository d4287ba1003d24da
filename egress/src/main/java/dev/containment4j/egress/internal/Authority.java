/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import dev.containment4j.internal.net.HostName;

/**
 * {@code host[:port]} from a CONNECT line, an absolute URI or a Host header, canonicalised. Userinfo, empty ports and
 * ports outside 1..65535 are rejected.
 *
 * @param host canonical host
 * @param port port, or the default
 */
record Authority(HostName host, int port) {

  /**
   * @param defaultPort used when there is no port; -1 means a port is required
   * @throws IllegalArgumentException saying what is wrong
   */
  static Authority parse(String text, int defaultPort) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("missing host");
    }
    if (text.indexOf('@') >= 0) {
      throw new IllegalArgumentException("user information in the authority is not accepted");
    }
    String host = text;
    int port = defaultPort;
    int colon = text.lastIndexOf(':');
    int bracket = text.lastIndexOf(']');
    boolean ipv6 = text.startsWith("[");
    if (colon >= 0 && (!ipv6 || colon > bracket)) {
      if (!ipv6 && text.indexOf(':') != colon) {
        throw new IllegalArgumentException("IPv6 addresses must be in brackets");
      }
      String p = text.substring(colon + 1);
      if (p.isEmpty() || p.length() > 5 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
        throw new IllegalArgumentException("bad port '" + printable(p) + "'");
      }
      port = Integer.parseInt(p);
      host = text.substring(0, colon);
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(defaultPort < 0 && port == -1 ? "missing port" : "port out of range");
    }
    return new Authority(HostName.parse(host), port);
  }

  static String printable(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length() && i < 100; i++) {
      char c = s.charAt(i);
      b.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return b.toString();
  }
}
