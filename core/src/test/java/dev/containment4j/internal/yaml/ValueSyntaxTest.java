/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.internal.yaml.ValueSyntax.PathKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValueSyntaxTest {
  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "0.0.0.0", "255.255.255.255", "::", "::1", "fd00::5", "1::", "2001:db8::1:0",
      "1:2:3:4:5:6:7:8", "::ffff:10.0.0.1", "1:2:3:4:5:6:1.2.3.4", "fe80::1:2:3:4:5:6"})
  void ipLiterals(String ip) {
    assertThat(ValueSyntax.isIpLiteral(ip)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "0x7f.0.0.1", "127.1", "2130706433",
      ":::", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "fe80::1%eth0", "[::1]", "localhost",
      "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3.4:5", "g::1", ":1::"})
  void notIpLiterals(String ip) {
    assertThat(ValueSyntax.isIpLiteral(ip)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/8", "0.0.0.0/0", "192.168.1.10", "192.168.1.10/32", "fd00::/8", "::1/128",
      "2001:db8::/32"})
  void validCidrs(String cidr) {
    assertThat(ValueSyntax.cidrProblem(cidr)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.0/33", "10.0.0.1/8", "fd00::1/8", "fd00::/129", "10.0.0.0/", "10.0.0.0/-1",
      "10.0.0.0/8/8", "intranet/8", "10/8"})
  void invalidCidrs(String cidr) {
    assertThat(ValueSyntax.cidrProblem(cidr)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"~", "~/.ssh", "/etc/passwd", "build", "./out", "a/../b", "a/b/../../c", "**/*.pem",
      "src/**", "src/**/x", "**", "[abc].txt", "[!a]x", "[]a]", "file?.log", "odd\\{name\\}", "*.key"})
  void validPathEntries(String path) {
    assertThat(ValueSyntax.pathProblem(path, PathKind.ENTRY)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "..", "../x", "a/../../x", "./../x", "~root", "~root/.ssh", "$HOME/.ssh",
      "src/[abc", "src/]", "a**", "**b", "a/**b/c", "~/.{ssh,aws}", "trailing\\", "a\u0000b", "[a/b]"})
  void invalidPathEntries(String path) {
    assertThat(ValueSyntax.pathProblem(path, PathKind.ENTRY)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"..", "../sibling", "/abs", "~/work", "."})
  void workdirMayBeAnywhereButIsNoGlob(String path) {
    assertThat(ValueSyntax.pathProblem(path, PathKind.WORKDIR)).isEmpty();
    assertThat(ValueSyntax.pathProblem(path + "/*", PathKind.WORKDIR)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"PATH", "_X", "a1", "GITHUB_TOKEN"})
  void envNames(String name) {
    assertThat(ValueSyntax.isEnvName(name)).isTrue();
    assertThat(ValueSyntax.isEnvName("1" + name)).isFalse();
    assertThat(ValueSyntax.isEnvName(name + "-X")).isFalse();
    assertThat(ValueSyntax.isEnvName(name + "=")).isFalse();
  }
}
