/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containment4j.internal.net.HostName;
import dev.containment4j.policy.Policy;
import dev.containment4j.policy.Secret;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialRulesTest {
  private static final String SECRET = "Bearer ghp_REALSECRET0123456789";
  private final CredentialRules rules = new CredentialRules(List.of(new Policy.Credential("api.github.com",
      "Authorization", Secret.of(SECRET, "${env:GITHUB_TOKEN}"), "GITHUB_TOKEN")), new SecureRandom());
  private final String placeholder = rules.placeholders().get("GITHUB_TOKEN");
  private final HostName github = HostName.parse("api.github.com");

  @Test
  void placeholdersAreRandomPerProxyAndNeverTheSecret() {
    var other = new CredentialRules(List.of(new Policy.Credential("api.github.com", "Authorization",
        Secret.of(SECRET, "x"), "GITHUB_TOKEN")), new SecureRandom());
    assertThat(placeholder).isNotEqualTo(other.placeholders().get("GITHUB_TOKEN")).doesNotContain("REALSECRET");
  }

  @Test
  void swapsThePlaceholderForTheBoundHost() {
    HttpHeaders h = new DefaultHttpHeaders().add("Authorization", "token " + placeholder);
    assertThat(rules.apply(github, "/user", h)).isEmpty();
    assertThat(h.getAll("Authorization")).containsExactly(SECRET);
  }

  @Test
  void setsTheSecretWhenNoneIsSentAndAcceptsBasicWithThePlaceholder() {
    HttpHeaders none = new DefaultHttpHeaders();
    assertThat(rules.apply(github, "/", none)).isEmpty();
    assertThat(none.get("Authorization")).isEqualTo(SECRET);
    String basic = "Basic " + Base64.getEncoder().encodeToString(("x-access-token:" + placeholder)
        .getBytes(StandardCharsets.UTF_8));
    HttpHeaders b = new DefaultHttpHeaders().add("authorization", basic);
    assertThat(rules.apply(github, "/", b)).isEmpty();
    assertThat(b.getAll("Authorization")).containsExactly(SECRET);
  }

  @Test
  void refusesAForeignCredentialToTheBoundHost() {
    HttpHeaders h = new DefaultHttpHeaders().add("Authorization", "Bearer ghp_ATTACKER");
    var d = rules.apply(github, "/", h).orElseThrow();
    assertThat(d.reason()).isEqualTo("credential-foreign");
    assertThat(d.body()).doesNotContain("ATTACKER").doesNotContain("REALSECRET");
    String basic = "Basic " + Base64.getEncoder().encodeToString("me:attackerpass".getBytes(StandardCharsets.UTF_8));
    assertThat(rules.apply(github, "/", new DefaultHttpHeaders().add("Authorization", basic))).isPresent();
    HttpHeaders twice = new DefaultHttpHeaders().add("Authorization", "token " + placeholder)
        .add("Authorization", "token ghp_ATTACKER");
    assertThat(rules.apply(github, "/", twice)).isPresent();
  }

  @Test
  void refusesThePlaceholderSentElsewhere() {
    HttpHeaders h = new DefaultHttpHeaders().add("X-Token", placeholder);
    var d = rules.apply(HostName.parse("evil.example"), "/", h).orElseThrow();
    assertThat(d.reason()).isEqualTo("credential-leak");
    assertThat(d.message()).doesNotContain(placeholder);
    assertThat(rules.apply(HostName.parse("evil.example"), "/x?t=" + placeholder, new DefaultHttpHeaders()))
        .isPresent();
    HttpHeaders clean = new DefaultHttpHeaders().add("Authorization", "Bearer other");
    assertThat(rules.apply(HostName.parse("evil.example"), "/", clean)).isEmpty();
    assertThat(clean.get("Authorization")).isEqualTo("Bearer other");
  }

  @Test
  void refusesAForeignKeyInOtherCredentialHeadersAndQueryParameters() {
    for (String header : List.of("X-Api-Key", "x-goog-api-key", "PRIVATE-TOKEN", "X-Auth-Token")) {
      var d = rules.apply(github, "/", new DefaultHttpHeaders().add(header, "attacker-key"));
      assertThat(d).as(header).hasValueSatisfying(x -> assertThat(x.reason()).isEqualTo("credential-foreign"));
    }
    for (String uri : List.of("/x?access_token=attacker", "/x?page=2&API_KEY=attacker", "/x?key=attacker",
        "/x?%74oken=attacker")) {
      var d = rules.apply(github, uri, new DefaultHttpHeaders());
      assertThat(d).as(uri).hasValueSatisfying(x -> assertThat(x.message()).contains("query parameter")
          .doesNotContain("attacker"));
    }
    assertThat(rules.apply(github, "/x?page=2&token=" + placeholder + "&key=", new DefaultHttpHeaders())).isEmpty();
    assertThat(rules.apply(github, "/x?q=key&monkey=1", new DefaultHttpHeaders())).isEmpty();
    assertThat(rules.apply(github, "/", new DefaultHttpHeaders().add("X-Api-Key", placeholder))).isEmpty();
  }

  @Test
  void twoCredentialsBoundToOneHostAcceptEachOthersPlaceholders() {
    var two = new CredentialRules(List.of(
        new Policy.Credential("api.example.com", "Authorization", Secret.of("Bearer a", "x"), "A"),
        new Policy.Credential("api.example.com", "X-Api-Key", Secret.of("b", "y"), "B")), new SecureRandom());
    HttpHeaders h = new DefaultHttpHeaders().add("Authorization", "Bearer " + two.placeholders().get("A"))
        .add("X-Api-Key", two.placeholders().get("B"));
    assertThat(two.apply(HostName.parse("api.example.com"), "/", h)).isEmpty();
    assertThat(h.get("Authorization")).isEqualTo("Bearer a");
    assertThat(h.get("X-Api-Key")).isEqualTo("b");
  }

  @Test
  void aPercentEncodedPlaceholderSentElsewhereIsFound() {
    String encoded = "%" + Integer.toHexString(placeholder.charAt(0)) + placeholder.substring(1);
    assertThat(rules.apply(HostName.parse("evil.example"), "/x?t=" + encoded, new DefaultHttpHeaders()))
        .hasValueSatisfying(d -> assertThat(d.reason()).isEqualTo("credential-leak"));
  }

  @Test
  void aSecretThatCouldSplitAHeaderIsRefusedWithoutShowingIt() {
    assertThatThrownBy(() -> new CredentialRules(List.of(new Policy.Credential("api.github.com", "Authorization",
        Secret.of(SECRET + "\n", "${file:/run/token}"), "T")), new SecureRandom()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("${file:/run/token}")
        .hasMessageContaining("trailing newline").hasMessageNotContaining("REALSECRET");
  }
}
