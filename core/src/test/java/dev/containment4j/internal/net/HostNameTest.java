/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostNameTest {

  @ParameterizedTest
  @CsvSource({
      "Example.COM, example.com, NAME",
      "example.com., example.com, NAME",
      "bücher.example, xn--bcher-kva.example, NAME",
      "ｅｘａｍｐｌｅ.com, example.com, NAME",
      "127.1, 127.0.0.1, IPV4",
      "2130706433, 127.0.0.1, IPV4",
      "0x7f.1, 127.0.0.1, IPV4",
      "0177.0.0.1, 127.0.0.1, IPV4",
      "0x7f000001, 127.0.0.1, IPV4",
      "169.254.169.254, 169.254.169.254, IPV4",
      "0251.0376.0251.0376, 169.254.169.254, IPV4",
      "[::1], 0:0:0:0:0:0:0:1, IPV6",
      "[::ffff:127.0.0.1], 127.0.0.1, IPV4",
      "[FD00:EC2::254], fd00:ec2:0:0:0:0:0:254, IPV6",
  })
  void canonicalises(String raw, String name, HostName.Kind kind) {
    HostName h = HostName.parse(raw);
    assertThat(h.name()).isEqualTo(name);
    assertThat(h.kind()).isEqualTo(kind);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "exa mple.com", "example.com%00", "evil.com%2f.allowed.com", "user@allowed.com",
      "allowed.com/evil", "a..b", "-a.com", "a_b.com", "1.2.3.4.5", "256.1.1.1", "1.2.3.256", "0x1g.1",
      "foo.123", "[::1]x", "[fe80::1%eth0]", "a\u0000b.com", "a\r\nb.com", "08.1.1.1", "ex\u0085ample.com"})
  void rejects(String raw) {
    assertThatThrownBy(() -> HostName.parse(raw)).isInstanceOf(IllegalArgumentException.class);
  }

  @org.junit.jupiter.api.Test
  void rejectsOverLongNames() {
    String label = "a".repeat(63);
    String name = String.join(".", label, label, label, label) + ".com";
    assertThat(name.length()).isGreaterThan(253);
    assertThatThrownBy(() -> HostName.parse(name)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HostName.parse("a".repeat(64) + ".com")).isInstanceOf(IllegalArgumentException.class);
  }

  @org.junit.jupiter.api.Test
  void patternsAreCanonicalAndStrict() {
    assertThat(HostPattern.parse("*.Example.com:8443").toString()).isEqualTo("*.example.com:8443");
    assertThat(HostPattern.parse("[::1]:8080").host().kind()).isEqualTo(HostName.Kind.IPV6);
    assertThat(HostPattern.problem("*.com")).isPresent();
    assertThat(HostPattern.problem("*.10.0.0.1")).isPresent();
    assertThat(HostPattern.problem("example.com:0")).isPresent();
    assertThat(HostPattern.problem("evil.com:443.allowed.com")).isPresent();
    assertThat(HostPattern.problem("::1")).isPresent();
    assertThat(HostPattern.problem("pypi.org")).isEmpty();
    HostPattern wild = HostPattern.parse("*.example.com");
    assertThat(wild.matchesHost(HostName.parse("a.b.example.com"))).isTrue();
    assertThat(wild.matchesHost(HostName.parse("example.com"))).isFalse();
    assertThat(wild.matchesHost(HostName.parse("badexample.com"))).isFalse();
    assertThat(HostPattern.parse("127.0.0.1").matchesHost(HostName.parse("127.1"))).isTrue();
  }
}
