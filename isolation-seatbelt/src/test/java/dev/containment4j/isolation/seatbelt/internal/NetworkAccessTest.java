/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containment4j.policy.Policy.NetworkMode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the proxy port comes from, and that anything but a loopback proxy fails closed. */
class NetworkAccessTest {

  @Test
  void proxyPortsComeFromTheLoopbackProxyVariables() {
    NetworkAccess a = NetworkAccess.of(NetworkMode.PROXY, Map.of("HTTP_PROXY", "http://127.0.0.1:3128",
        "https_proxy", "http://localhost:3128", "ALL_PROXY", "socks5h://[::1]:1080"));
    assertThat(a.kind()).isEqualTo(NetworkAccess.Kind.PROXY);
    assertThat(a.proxyPorts()).containsExactly(1080, 3128);
  }

  @Test
  void proxyModeWithoutAProxyMeansNoNetwork() {
    NetworkAccess a = NetworkAccess.of(NetworkMode.PROXY, Map.of("PATH", "/usr/bin"));
    assertThat(a.kind()).isEqualTo(NetworkAccess.Kind.NONE);
    assertThat(a.note()).contains("no egress proxy address");
  }

  @Test
  void aProxyVariableThatIsNotLoopbackFailsClosed() {
    assertThatThrownBy(() -> NetworkAccess.of(NetworkMode.PROXY, Map.of("HTTPS_PROXY", "http://10.0.0.1:3128")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("HTTPS_PROXY");
    assertThatThrownBy(() -> NetworkAccess.of(NetworkMode.PROXY, Map.of("HTTP_PROXY", "http://127.0.0.1")))
        .hasMessageContaining("port");
    assertThatThrownBy(() -> NetworkAccess.of(NetworkMode.PROXY, Map.of("HTTP_PROXY", "http://[bad")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void noneAndHost() {
    assertThat(NetworkAccess.of(NetworkMode.NONE, Map.of("HTTP_PROXY", "http://127.0.0.1:1")).kind())
        .isEqualTo(NetworkAccess.Kind.NONE);
    assertThat(NetworkAccess.of(NetworkMode.HOST, Map.of()).kind()).isEqualTo(NetworkAccess.Kind.HOST);
  }
}
