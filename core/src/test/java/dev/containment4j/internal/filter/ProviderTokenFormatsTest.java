/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import static dev.containment4j.internal.filter.FakeSecrets.ALNUM;
import static dev.containment4j.internal.filter.FakeSecrets.DIGITS;
import static dev.containment4j.internal.filter.FakeSecrets.LOWER;
import static dev.containment4j.internal.filter.FakeSecrets.UPPER;
import static dev.containment4j.internal.filter.FakeSecrets.URLSAFE;
import static dev.containment4j.internal.filter.FakeSecrets.p;
import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.guard.FilterContext;
import dev.containment4j.guard.FilterResult;
import dev.containment4j.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Provider credentials found where they stand, not only when assigned to a secret-sounding name: each format bare in a
 * log line, as a JSON value under a neutral key and in a URL, generated from a fixed seed at test time (the
 * repository holds no literal token); a placeholder of each format is no finding.
 */
class ProviderTokenFormatsTest {
  private static final PolicyFilter FILTER =
      PolicyFilter.of(new Policy.Content(Policy.SecretsMode.REDACT, Policy.InjectionMode.QUARANTINE, 0));
  private static final String HEX = "0123456789abcdef";
  private static final String B64 = ALNUM + "+/";
  private static final String BECH32 = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L";

  /**
   * One format: the text placed in the carriers for a body alphabet source (random: a real-looking value; fixed 'x'
   * or '0': a placeholder) and the part of it that must not survive.
   */
  private record Format(String name, Function<Body, String[]> make) {}

  /** Supplies body characters: random for a token, one repeated character for a placeholder. */
  private interface Body {
    String of(String alphabet, int n);
  }

  private static List<Format> formats() {
    List<Format> f = new ArrayList<>();
    f.add(one("sendgrid", b -> p("S", "G.") + b.of(URLSAFE, 22) + "." + b.of(URLSAFE, 43)));
    f.add(one("mailgun", b -> p("ke", "y-") + b.of(HEX, 32)));
    f.add(one("telegram-bot", b -> b.of(DIGITS, 9).replace('0', '7') + p(":", "AA") + b.of(URLSAFE, 33)));
    f.add(one("twilio-api-key", b -> p("S", "K") + b.of(HEX, 32)));
    f.add(one("shopify", b -> p("shp", "at_") + b.of(HEX, 32)));
    f.add(one("vault", b -> p("hv", "s.") + b.of(URLSAFE, 90)));
    f.add(one("databricks", b -> p("da", "pi") + b.of(HEX, 32)));
    f.add(one("hugging-face", b -> p("h", "f_") + b.of(LOWER + UPPER, 34)));
    f.add(one("linear", b -> p("lin", "_api_") + b.of(ALNUM, 40)));
    f.add(one("postman", b -> p("PM", "AK-") + b.of(HEX, 24) + "-" + b.of(HEX, 34)));
    f.add(one("digitalocean", b -> p("dop", "_v1_") + b.of(HEX, 64)));
    f.add(one("supabase", b -> p("sb", "p_") + b.of(HEX, 40)));
    f.add(one("grafana-service-account", b -> p("gl", "sa_") + b.of(ALNUM, 32) + "_" + b.of(HEX, 8)));
    f.add(one("grafana-cloud", b -> p("gl", "c_") + b.of(B64, 120)));
    f.add(one("new-relic", b -> p("NR", "AK-") + b.of(UPPER + DIGITS, 27)));
    f.add(one("pulumi", b -> p("pu", "l-") + b.of(HEX, 40)));
    f.add(one("terraform-cloud", b -> b.of(LOWER + DIGITS, 14) + p(".atlas", "v1.") + b.of(LOWER + DIGITS + "-_", 67)));
    f.add(one("age", b -> p("AGE-SECRET", "-KEY-1") + b.of(BECH32, 58)));
    f.add(one("google-oauth-secret", b -> p("GOC", "SPX-") + b.of(URLSAFE, 28)));
    f.add(one("jfrog-api-key", b -> p("AK", "Cp") + b.of(ALNUM, 69)));
    f.add(one("jfrog-reference-token", b -> p("cmVm", "dGtu") + b.of(ALNUM, 56)));
    f.add(new Format("azure-account-key", b -> {
      String key = b.of(B64, 86) + "==";
      return new String[] {"DefaultEndpointsProtocol=https;AccountName=acmelogs;" + p("Account", "Key=") + key
          + ";EndpointSuffix=core.windows.net", key};
    }));
    f.add(new Format("azure-sas", b -> {
      String sig = b.of(B64, 43) + "%3D";
      return new String[] {"https://acmelogs.blob.core.windows.net/exports/day.csv?sv=2022-11-02&ss=b&srt=o&sp=r"
          + "&se=2026-12-01T00:00:00Z&" + p("si", "g=") + sig, sig};
    }));
    return f;
  }

  private static Format one(String name, Function<Body, String> token) {
    return new Format(name, b -> {
      String t = token.apply(b);
      return new String[] {t, t};
    });
  }

  /** The three places a token stands in tool output. */
  private static List<String> carriers(String t) {
    return List.of("2026-11-27 10:00:01 INFO client configured with " + t + " for upload\n",
        "{\"id\": 7, \"value\": \"" + t + "\", \"enabled\": true}\n",
        "GET https://hooks.example.net/v1/notify?cred=" + t + "&ts=1764237601 -> 200\n");
  }

  @Test
  void eachFormatIsRedactedBareInALogLineInJsonAndInAUrl() {
    Random r = new Random(20261127L);
    Body random = (alphabet, n) -> {
      StringBuilder s = new StringBuilder(n);
      for (int i = 0; i < n; i++) {
        s.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      return s.toString();
    };
    List<String> missed = new ArrayList<>(); // every miss is listed, not only the first
    for (Format f : formats()) {
      for (int sample = 0; sample < 3; sample++) {
        String[] t = f.make().apply(random);
        List<String> texts = carriers(t[0]);
        for (int c = 0; c < texts.size(); c++) {
          FilterResult res = FILTER.filter(texts.get(c), FilterContext.standalone());
          if (res.findings().stream().noneMatch(x -> x.type().equals("secret"))
              || FilterCorpusTest.leaks(t[1], res.text())) {
            missed.add(f.name() + " in " + List.of("log line", "JSON", "URL").get(c));
          }
        }
      }
    }
    assertThat(missed).isEmpty();
  }

  @Test
  void placeholdersOfEachFormatAreNoFinding() {
    for (String filler : List.of("x", "0")) {
      Body same = (alphabet, n) -> filler.repeat(n);
      for (Format f : formats()) {
        for (String text : carriers(f.make().apply(same)[0])) {
          assertThat(FILTER.filter(text, FilterContext.standalone()).decision()).as(f.name() + " in " + text)
              .isEqualTo(FilterResult.Decision.PASS);
        }
      }
    }
  }

  @Test
  void telegramTokensInTheBotApiPathAndDiscordTokensWhereDiscordIsNamed() {
    Random r = new Random(11);
    FakeSecrets fake = new FakeSecrets(r);
    String telegram = "7" + fake.s(DIGITS, 8) + p(":", "AA") + fake.s(URLSAFE, 33);
    String discord = "MT" + fake.s(ALNUM, 24) + "." + fake.s(URLSAFE, 6) + "." + fake.s(URLSAFE, 38);
    String hook = fake.s(URLSAFE, 68);
    for (String[] c : List.of(
        new String[] {"POST https://api.telegram.org/bot" + telegram + "/sendMessage 200 OK", telegram},
        new String[] {"discord.py: logging in using static token " + discord, discord},
        new String[] {"{\"discord\": {\"bot\": \"" + discord + "\", \"guild\": 42}}", discord},
        // session 11: a bot script names Discord at its top, far from where it runs the client
        new String[] {"import discord\n\nclient = discord.Client(intents=intents)\n" + "# handlers below\n".repeat(60)
            + "client.run(\"" + discord + "\")\n", discord},
        new String[] {"curl -H 'Authorization: Bot " + discord + "' https://example.net/api/v10/users/@me", discord},
        new String[] {"POST https://" + p("discord", ".com/api/webhooks/") + "1234567890123456789/" + hook + " 204", hook})) {
      FilterResult res = FILTER.filter(c[0], FilterContext.standalone());
      assertThat(res.findings()).as(c[0]).anyMatch(x -> x.type().equals("secret"));
      assertThat(FilterCorpusTest.leaks(c[1], res.text())).as(res.text()).isFalse();
    }
  }

  @Test
  void twilioAuthTokensWithoutAPrefixAreFoundWhenNamedOrInTheUrlsUserInfo() {
    FakeSecrets fake = new FakeSecrets(new Random(13));
    String sid = "AC" + fake.s(HEX, 32);
    String token = fake.s(HEX, 32);
    for (String text : List.of("TWILIO_AUTH_TOKEN=" + token + "\n",
        "curl -X POST https://" + sid + ":" + token + "@api.twilio.com/2010-04-01/Accounts/" + sid + "/Messages.json")) {
      FilterResult res = FILTER.filter(text, FilterContext.standalone());
      assertThat(FilterCorpusTest.leaks(token, res.text())).as(res.text()).isFalse();
    }
  }
  @Test
  void aFlagWhoseLastWordNamesASecretCarriesOne() {
    FakeSecrets fake = new FakeSecrets(new Random(19));
    String secret = fake.s(ALNUM, 30);
    for (String text : List.of("aliyun configure set --access-key-id LTAI" + fake.s(ALNUM, 16)
        + " --access-key-secret " + secret, "deploy --db-password=" + secret + " --env staging",
        "bot start --bot_token '" + secret + "'")) {
      FilterResult res = FILTER.filter(text, FilterContext.standalone());
      assertThat(FilterCorpusTest.leaks(secret, res.text())).as(res.text()).isFalse();
    }
    // a flag naming where the secret is, or a variable standing for it, is no finding
    for (String text : List.of("gh secret set --secret-name DEPLOY_KEY --body-file key.txt",
        "vault write auth/approle/login --secret-id-file /run/secrets/id", "docker login --password-stdin",
        "deploy --db-password \"$DB_PASSWORD\"", "aws dynamodb create-table --partition-key id --sort-key created_at")) {
      assertThat(FILTER.filter(text, FilterContext.standalone()).findings()).as(text)
          .noneMatch(x -> x.type().equals("secret"));
    }
  }

  @Test
  void registryCredentialsStoredAsBase64OfUserAndPasswordAreRedacted() {
    FakeSecrets fake = new FakeSecrets(new Random(17));
    String auth = java.util.Base64.getEncoder().encodeToString(
        ("ci-bot:" + fake.s(ALNUM, 30)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    for (String text : List.of("{\"auths\": {\"registry.example.com\": {\"" + p("au", "th") + "\": \"" + auth + "\"}}}\n",
        "registry=https://npm.example.com/\n" + p("_au", "th") + "=" + auth + "\n")) {
      FilterResult res = FILTER.filter(text, FilterContext.standalone());
      assertThat(res.findings()).as(text).anyMatch(x -> x.type().equals("secret"));
      assertThat(FilterCorpusTest.leaks(auth, res.text())).as(res.text()).isFalse();
    }
    // a user without a password, or a variable standing for it, is no finding
    for (String plain : List.of("ci-bot:", "ci-bot:${REGISTRY_PASSWORD}", "just-a-name")) {
      String b64 = java.util.Base64.getEncoder().encodeToString(plain.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertThat(FILTER.filter("{\"" + p("au", "th") + "\": \"" + b64 + "\"}", FilterContext.standalone()).decision())
          .as(plain).isEqualTo(FilterResult.Decision.PASS);
    }
  }
}
