/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.internal.net.HostName;
import dev.containment4j.policy.Policy;
import dev.containment4j.policy.Secret;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretMaskTest {
  private static final String TOKEN = "ghp_REALSECRET0123456789";
  private final CredentialRules rules = new CredentialRules(List.of(
      new Policy.Credential("api.github.com", "Authorization", Secret.of("Bearer " + TOKEN, "x"), "GITHUB_TOKEN"),
      new Policy.Credential("registry.test", "Authorization", Secret.of("Basic " + Base64.getEncoder()
          .encodeToString("robot:s3cret-password-42".getBytes(StandardCharsets.UTF_8)), "y"), "REG")),
      new SecureRandom());

  private static String run(SecretMask m, String... pieces) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pieces.length; i++) {
      ByteBuf b = Unpooled.copiedBuffer(pieces[i], StandardCharsets.UTF_8);
      HttpContent c = i == pieces.length - 1 ? new DefaultLastHttpContent(b) : new DefaultHttpContent(b);
      HttpContent masked = m.content(c);
      out.append(masked.content().toString(StandardCharsets.UTF_8));
      masked.release();
    }
    return out.toString();
  }

  @Test
  void everySpellingOfTheInjectedSecretIsMaskedWithTheSameLength() {
    SecretMask m = SecretMask.of(rules.secretForms(HostName.parse("api.github.com")));
    String body = "you sent Authorization: Bearer " + TOKEN + "; token=" + TOKEN + ".";
    String masked = run(m, body);
    assertThat(masked).hasSameSizeAs(body).doesNotContain(TOKEN).contains("Authorization: ").endsWith(".");
    SecretMask basic = SecretMask.of(rules.secretForms(HostName.parse("registry.test")));
    assertThat(run(basic, "user robot:s3cret-password-42, password s3cret-password-42"))
        .doesNotContain("s3cret-password-42").doesNotContain("robot:s3cret");
    assertThat(SecretMask.of(rules.secretForms(HostName.parse("other.test")))).isNull();
  }

  @Test
  void aSecretSplitOverPiecesOfAnySizeIsFound() {
    String body = "aa Bearer " + TOKEN + " bb " + TOKEN;
    for (int size = 1; size <= body.length(); size++) {
      SecretMask m = SecretMask.of(rules.secretForms(HostName.parse("api.github.com")));
      List<String> pieces = new java.util.ArrayList<>();
      for (int i = 0; i < body.length(); i += size) {
        pieces.add(body.substring(i, Math.min(body.length(), i + size)));
      }
      String masked = run(m, pieces.toArray(String[]::new));
      assertThat(masked).as("pieces of %d", size).hasSameSizeAs(body).doesNotContain(TOKEN)
          .startsWith("aa ").contains(" bb ");
    }
    // a prefix of the secret at the very end is not a secret: it is passed on at the last piece
    SecretMask m = SecretMask.of(rules.secretForms(HostName.parse("api.github.com")));
    assertThat(run(m, "x ghp_REAL", "")).isEqualTo("x ghp_REAL");
  }

  @Test
  void headersAndTrailersAreMaskedAndOtherValuesKept() {
    SecretMask m = SecretMask.of(rules.secretForms(HostName.parse("api.github.com")));
    HttpHeaders h = new DefaultHttpHeaders().add("X-Echo", "Bearer " + TOKEN).add("X-Echo", "plain")
        .add("WWW-Authenticate", "Bearer token=\"" + TOKEN + "\"").add("Content-Length", "5");
    m.headers(h);
    assertThat(h.toString()).doesNotContain(TOKEN);
    assertThat(h.getAll("X-Echo")).hasSize(2).contains("plain");
    assertThat(h.get("Content-Length")).isEqualTo("5");
    LastHttpContent last = new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER);
    last.trailingHeaders().add("X-Trailer", TOKEN);
    LastHttpContent masked = (LastHttpContent) m.content(last);
    assertThat(masked.trailingHeaders().get("X-Trailer")).isEqualTo("*".repeat(TOKEN.length()));
  }

  @Test
  void theRealSecretSentToAnotherHostIsRefusedWithoutShowingIt() {
    HttpHeaders h = new DefaultHttpHeaders().add("X-Stolen", TOKEN);
    var d = rules.apply(HostName.parse("evil.test"), "/", h).orElseThrow();
    assertThat(d.reason()).isEqualTo("credential-leak");
    assertThat(d.body() + d.header()).doesNotContain(TOKEN);
    assertThat(rules.apply(HostName.parse("evil.test"), "/x?t=" + TOKEN.replace("_", "%5F"), new DefaultHttpHeaders()))
        .isPresent();
    assertThat(rules.apply(HostName.parse("evil.test"), "/x", new DefaultHttpHeaders().add("Authorization",
        "Basic " + Base64.getEncoder().encodeToString(("robot:s3cret-password-42").getBytes(StandardCharsets.UTF_8)))))
        .isPresent();
    assertThat(rules.apply(HostName.parse("evil.test"), "/x", new DefaultHttpHeaders().add("X-Other", "Bearer"
        + " unrelated-token-000"))).isEmpty();
  }
}
