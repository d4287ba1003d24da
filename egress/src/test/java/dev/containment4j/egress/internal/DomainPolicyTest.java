/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containment4j.internal.net.HostName;
import java.util.List;
import org.junit.jupiter.api.Test;

class DomainPolicyTest {
  private final DomainPolicy policy = new DomainPolicy(
      List.of("pypi.org", "*.pythonhosted.org", "git.example.com:22", "10.0.0.5:8080", "*.example.com"),
      List.of("evil.example.com", "*.bad.example.com:443"));

  private DomainPolicy.Decision decide(String host, int port) {
    return policy.decide(HostName.parse(host), port);
  }

  @Test
  void exactNamesOnDefaultPortsOnly() {
    assertThat(decide("pypi.org", 443).allowed()).isTrue();
    assertThat(decide("PyPI.org.", 80).allowed()).isTrue();
    assertThat(decide("pypi.org", 22).denial().orElseThrow().reason()).isEqualTo("port-not-allowed");
    assertThat(decide("www.pypi.org", 443).allowed()).isFalse();
    assertThat(decide("git.example.com", 22).allowed()).isTrue();
  }

  @Test
  void wildcardsCoverSubdomainsNotTheApex() {
    assertThat(decide("files.pythonhosted.org", 443).allowed()).isTrue();
    assertThat(decide("a.b.pythonhosted.org", 443).allowed()).isTrue();
    assertThat(decide("pythonhosted.org", 443).allowed()).isFalse();
    assertThat(decide("evilpythonhosted.org", 443).allowed()).isFalse();
  }

  @Test
  void denyBeatsAllow() {
    var d = decide("evil.example.com", 443);
    assertThat(d.allowed()).isFalse();
    assertThat(d.denial().orElseThrow().rule()).contains("network.deny");
    assertThat(decide("x.bad.example.com", 443).allowed()).isFalse();
    assertThat(decide("x.bad.example.com", 80).allowed()).isTrue();
  }

  @Test
  void ipLiteralsOnlyWhenListedInAnySpelling() {
    assertThat(decide("10.0.0.5", 8080).allowed()).isTrue();
    assertThat(decide("0xa.0.0.5", 8080).allowed()).isTrue();
    assertThat(decide("167772165", 8080).allowed()).isTrue();
    assertThat(decide("10.0.0.6", 8080).denial().orElseThrow().reason()).isEqualTo("ip-literal");
    assertThat(decide("127.0.0.1", 443).allowed()).isFalse();
  }

  @Test
  void emptyAllowListMeansNoNetwork() {
    var none = new DomainPolicy(List.of(), List.of());
    var d = none.decide(HostName.parse("pypi.org"), 443).denial().orElseThrow();
    assertThat(d.rule()).contains("no network");
    assertThat(d.fix()).contains("network.allow");
    assertThat(d.header()).doesNotContain("\n");
  }

  @Test
  void invalidEntriesNameTheKey() {
    assertThatThrownBy(() -> new DomainPolicy(List.of("*.com"), List.of()))
        .hasMessageContaining("network.allow");
  }
}
