/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.internal.net.HostName;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The parse-free check of an intercepted request's Host header against the CONNECT target. */
class HostHeaderTest {
  private static Gatekeeper.Target target(String host, int port) {
    return new Gatekeeper.Target(HostName.parse(host), port, new InetSocketAddress("127.0.0.1", port), "test");
  }

  @Test
  void theCanonicalSpellingMatchesWithOrWithoutItsPort() {
    assertThat(HttpFrontend.names(target("api.test", 443), "api.test")).isTrue();
    assertThat(HttpFrontend.names(target("api.test", 443), "api.test:443")).isTrue();
    assertThat(HttpFrontend.names(target("api.test", 8443), "api.test:8443")).isTrue();
    Gatekeeper.Target v6 = target("[::1]", 443);
    assertThat(HttpFrontend.names(v6, v6.host().authority() + ":443")).isTrue();
  }

  @Test
  void anythingElseIsLeftToTheFullParse() {
    assertThat(HttpFrontend.names(target("api.test", 443), "api.test:8443")).isFalse();
    assertThat(HttpFrontend.names(target("api.test", 443), "api.test.evil")).isFalse();
    assertThat(HttpFrontend.names(target("api.test", 443), "api.testx")).isFalse();
    assertThat(HttpFrontend.names(target("api.test", 443), "api.test:")).isFalse();
    assertThat(HttpFrontend.names(target("api.test", 443), "api.test:0443")).isFalse();
    assertThat(HttpFrontend.names(target("api.test", 443), "api.test:443x")).isFalse();
    assertThat(HttpFrontend.names(target("api.test", 443), "api.test:443@evil")).isFalse();
    assertThat(HttpFrontend.names(target("api.test", 443), "API.test")).isFalse();
    assertThat(HttpFrontend.names(target("api.test", 443), "api.test:4430000")).isFalse();
  }
}
