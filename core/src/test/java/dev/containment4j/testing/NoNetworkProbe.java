/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Python probe, run inside a sandbox in proxy mode, that tries every way around the proxy: DNS for an allowed and
 * a foreign name, direct TCP to a host origin, a public and a private address, and UDP to a public resolver. The
 * egress tests of every backend run the same probe so that they prove the same property.
 */
public final class NoNetworkProbe {
  private NoNetworkProbe() {}

  /**
   * A shell command running the probe with {@code python3}.
   *
   * @param hostPort a port that listens on the host's 127.0.0.1 (reachable only if the sandbox shares the network)
   */
  public static String command(int hostPort) {
    String py = String.join("\n",
        "import socket",
        "for host in ['origin.test', 'example.com']:",
        "    try: socket.getaddrinfo(host, 80); print('resolved', host)",
        "    except OSError as e: print('no-dns', host)",
        "for addr in [('127.0.0.1', " + hostPort + "), ('1.1.1.1', 53), ('10.0.0.1', 80)]:",
        "    try: socket.create_connection(addr, 3); print('connected', addr[0])",
        "    except OSError as e: print('no-connect', addr[0])",
        "s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)",
        "try: s.sendto(b'x', ('8.8.8.8', 53)); print('udp-sent')",
        "except OSError: print('no-udp')");
    return "python3 -c \"$(cat <<'PY'\n" + py + "\nPY\n)\"";
  }

  /** Asserts that the probe's output shows every attempt failed. */
  public static void assertNothingGotOut(String stdout, String stderr) {
    assertThat(stdout).as(stderr).contains("no-dns origin.test", "no-dns example.com", "no-connect 127.0.0.1",
        "no-connect 1.1.1.1", "no-connect 10.0.0.1", "no-udp")
        .doesNotContain("resolved", "connected", "udp-sent");
  }
}
