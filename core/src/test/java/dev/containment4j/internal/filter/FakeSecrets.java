/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * Format-valid FAKE credentials generated from a seeded {@link Random} at test time. Nothing here is a literal key
 * (the repository stays clean for secret scanners and push protection); every value is random and never valid.
 */
final class FakeSecrets {
  static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  static final String DIGITS = "0123456789";
  static final String ALNUM = UPPER + LOWER + DIGITS;
  static final String B64 = ALNUM + "+/";
  static final String URLSAFE = ALNUM + "-_";

  /** A sample: the text that carries the secret(s) and the secret values that must not survive. */
  record Sample(String type, String text, List<String> values) {}

  private final Random r;

  FakeSecrets(Random r) {
    this.r = r;
  }

  String s(String alphabet, int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }

  /** Concatenated literal pieces, so no committed file contains a whole token prefix next to a value. */
  static String p(String... parts) {
    return String.join("", parts);
  }

  String awsKeyId(boolean session) {
    return (session ? "AS" + "IA" : "AK" + "IA") + s("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16);
  }

  String awsSecret() {
    return s(B64, 40);
  }

  String jwt() {
    String header = b64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
    String payload = b64url("{\"sub\":\"" + s(DIGITS, 8) + "\",\"name\":\"" + s(LOWER, 7) + "\",\"iat\":"
        + (1700000000 + r.nextInt(99999999)) + ",\"scope\":\"" + s(LOWER, 5) + "\"}");
    return header + "." + payload + "." + s(URLSAFE, 43);
  }

  static String b64url(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  List<String> pemLines(int lines) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < lines; i++) {
      out.add(s(B64, i == lines - 1 ? 24 : 64));
    }
    return out;
  }

  /** One sample of the given kind (0..N_KINDS-1). */
  Sample sample(int kind) {
    switch (kind) {
      case 0: {
        String id = awsKeyId(false);
        String sec = awsSecret();
        return new Sample("aws-key-pair", "PATH=/usr/local/bin:/usr/bin\nHOME=/home/dev\nAWS_ACCESS_KEY_ID=" + id
            + "\nAWS_SECRET_ACCESS_KEY=" + sec + "\nAWS_DEFAULT_REGION=eu-west-1\nLANG=C.UTF-8", List.of(id, sec));
      }
      case 1: {
        String id = awsKeyId(false);
        String sec = awsSecret();
        return new Sample("aws-credentials-file", "[default]\naws_access_key_id = " + id + "\naws_secret_access_key = "
            + sec + "\nregion = us-east-1\n", List.of(id, sec));
      }
      case 2: {
        String id = awsKeyId(true);
        String sec = awsSecret();
        String tok = p("IQoJb3JpZ2lu", "X2Vj") + s(B64, 300);
        return new Sample("aws-session-token", "{\n  \"Credentials\": {\n    \"AccessKeyId\": \"" + id
            + "\",\n    \"SecretAccessKey\": \"" + sec + "\",\n    \"SessionToken\": \"" + tok
            + "\",\n    \"Expiration\": \"2026-11-27T06:00:00Z\"\n  }\n}", List.of(id, sec, tok));
      }
      case 3: {
        String t = p("gh", "p_") + s(ALNUM, 36);
        return new Sample("github-pat", "$ git config --get remote.origin.url\nhttps://x-access-token:" + t
            + "@github.com/acme/app.git", List.of(t));
      }
      case 4: {
        String t = p("github", "_pat_") + s(ALNUM, 22) + "_" + s(ALNUM, 59);
        return new Sample("github-fine-grained", "export GITHUB_TOKEN=" + t + "\ngh auth status", List.of(t));
      }
      case 5: {
        String t = p("gh", r.nextBoolean() ? "o_" : "s_") + s(ALNUM, 36);
        return new Sample("github-oauth-app", "{\"token\": \"" + t + "\", \"expires_at\": \"2026-12-01T00:00:00Z\"}",
            List.of(t));
      }
      case 6: {
        String t = p("gl", "pat-") + s(URLSAFE, 20);
        return new Sample("gitlab-token", "  - git clone https://oauth2:" + t + "@gitlab.example.com/group/proj.git",
            List.of(t));
      }
      case 7: {
        String t = p("xo", "xb-") + s(DIGITS, 12) + "-" + s(DIGITS, 13) + "-" + s(ALNUM, 24);
        return new Sample("slack-bot-token", "SLACK_BOT_TOKEN=" + t + "\nSLACK_CHANNEL=#deploys", List.of(t));
      }
      case 8: {
        String path = "T" + s(UPPER + DIGITS, 9) + "/B" + s(UPPER + DIGITS, 9) + "/" + s(ALNUM, 24);
        return new Sample("slack-webhook", "notify:\n  webhook: " + p("https://hooks.", "slack.com/services/") + path
            + "\n  channel: builds", List.of(path));
      }
      case 9: {
        String t = p("sk", "_live_") + s(ALNUM, 24);
        return new Sample("stripe-key", "STRIPE_KEY=" + t + "\nSTRIPE_PUBLISHABLE=pk_live_" + s(ALNUM, 24), List.of(t));
      }
      case 10: {
        String t = p("AI", "za") + s(URLSAFE, 35);
        return new Sample("google-api-key", "curl 'https://maps.googleapis.com/maps/api/geocode/json?address=Paris&key="
            + t + "'", List.of(t));
      }
      case 11: {
        List<String> lines = pemLines(20);
        String body = String.join("\\n", lines);
        String keyId = s("0123456789abcdef", 40);
        return new Sample("gcp-service-account", "{\n  \"type\": \"service_account\",\n  \"project_id\": \"acme-prod\",\n"
            + "  \"private_key_id\": \"" + keyId + "\",\n  \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n" + body
            + "\\n-----END PRIVATE KEY-----\\n\",\n  \"client_email\": \"ci@acme-prod.iam.gserviceaccount.com\"\n}",
            concat(lines, keyId));
      }
      case 12: {
        String k = s(B64, 86) + "==";
        return new Sample("azure-storage", "AZURE_STORAGE_CONNECTION_STRING=DefaultEndpointsProtocol=https;AccountName="
            + "acmeprod;AccountKey=" + k + ";EndpointSuffix=core.windows.net", List.of(k));
      }
      case 13: {
        String sig = s(ALNUM, 43) + "%3D";
        return new Sample("azure-sas", "Uploading to https://acmeprod.blob.core.windows.net/backups/db.tar.gz?sv=2022-11-02"
            + "&ss=b&srt=co&sp=rwdlac&se=2026-12-31T00:00:00Z&st=2026-11-01T00:00:00Z&spr=https&sig=" + sig,
            List.of(sig));
      }
      case 14: {
        String t = p("sk", "-proj-") + s(URLSAFE, 74) + p("T3Blbk", "FJ") + s(URLSAFE, 74);
        return new Sample("openai-key", "OPENAI_API_KEY=" + t, List.of(t));
      }
      case 15: {
        String t = p("sk", "-") + s(ALNUM, 20) + p("T3Blbk", "FJ") + s(ALNUM, 20);
        return new Sample("openai-legacy-key", "client = OpenAI(api_key=\"" + t + "\")", List.of(t));
      }
      case 16: {
        String t = p("sk-", "ant-api03-") + s(URLSAFE, 93) + "AA";
        return new Sample("anthropic-key", "> x-api-key: " + t + "\n> anthropic-version: 2023-06-01", List.of(t));
      }
      case 17: {
        String t = p("np", "m_") + s(ALNUM, 36);
        return new Sample("npm-token", "//registry.npmjs.org/:_authToken=" + t + "\nalways-auth=true", List.of(t));
      }
      case 18: {
        String t = p("pypi-", "AgEIcHlwaS5vcmc") + s(URLSAFE, 120);
        return new Sample("pypi-token", "[pypi]\n  username = __token__\n  password = " + t, List.of(t));
      }
      case 19: {
        List<String> lines = pemLines(25);
        lines.set(0, "MIIEow" + lines.get(0).substring(6));
        return new Sample("rsa-private-key", "-----BEGIN RSA PRIVATE KEY-----\n" + String.join("\n", lines)
            + "\n-----END RSA PRIVATE KEY-----", lines);
      }
      case 20: {
        List<String> lines = pemLines(7);
        lines.set(0, "b3BlbnNzaC1rZXktdjEAAAAA" + lines.get(0).substring(24));
        return new Sample("openssh-private-key", "$ cat deploy/id_ed25519\n-----BEGIN OPENSSH PRIVATE KEY-----\n"
            + String.join("\n", lines) + "\n-----END OPENSSH PRIVATE KEY-----\n", lines);
      }
      case 21: {
        List<String> lines = pemLines(12);
        return new Sample("pgp-private-key", "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n" + String.join("\n", lines)
            + "\n=" + s(B64, 4) + "\n-----END PGP PRIVATE KEY BLOCK-----", lines);
      }
      case 22: {
        String t = jwt();
        return new Sample("jwt-bearer", "* Connected to api.internal.example (10.0.0.12) port 443\n> GET /me HTTP/1.1\n"
            + "> Host: api.internal.example\n> Authorization: Bearer " + t + "\n> Accept: */*\n< HTTP/1.1 200 OK",
            List.of(t));
      }
      case 23: {
        String pw = s(ALNUM, 20);
        return new Sample("postgres-url", "DATABASE_URL=postgres://app:" + pw + "@db.internal:5432/app", List.of(pw));
      }
      case 24: {
        String pw = s(ALNUM, 16);
        return new Sample("mongodb-url", "spring.data.mongodb.uri=mongodb+srv://svc-reporting:" + pw
            + "@cluster0.ab1cd.mongodb.net/reports?retryWrites=true", List.of(pw));
      }
      case 25: {
        String pw = s(ALNUM + "!#%^*", 18);
        return new Sample("basic-auth-url", "Fetching https://deploy:" + pw + "@artifacts.acme.example/repo/app-1.2.3.jar",
            List.of(pw));
      }
      case 26: {
        String v = s(ALNUM, 32);
        return new Sample("dotenv-secret", "APP_ENV=production\nAPP_DEBUG=false\nAPI_SECRET=\"" + v + "\"\nLOG_LEVEL=info",
            List.of(v));
      }
      case 27: {
        String v = s(ALNUM + "!@#$%&*", 14);
        return new Sample("password-assignment", "db:\n  host: db.internal\n  user: billing\n  password: " + v
            + "\n  pool: 10", List.of(v));
      }
      case 28: {
        String a = Base64.getEncoder().encodeToString(s(ALNUM, 24).getBytes(StandardCharsets.US_ASCII));
        String b = Base64.getEncoder().encodeToString(s(ALNUM, 18).getBytes(StandardCharsets.US_ASCII));
        return new Sample("k8s-secret-yaml", "apiVersion: v1\ndata:\n  password: " + a + "\n  api-token: " + b
            + "\nkind: Secret\nmetadata:\n  name: app-creds\n  namespace: prod\ntype: Opaque\n", List.of(a, b));
      }
      case 29: {
        String a = Base64.getEncoder().encodeToString(s(ALNUM, 30).getBytes(StandardCharsets.US_ASCII));
        return new Sample("k8s-secret-json", "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"tls\"},"
            + "\"data\":{\"token\":\"" + a + "\"},\"type\":\"Opaque\"}", List.of(a));
      }
      case 30: {
        String t = s(ALNUM, 40);
        return new Sample("generic-token-json", "{\"service\":\"billing\",\"client_secret\":\"" + t
            + "\",\"timeout\":30}", List.of(t));
      }
      default: {
        List<String> lines = pemLines(4);
        return new Sample("ec-private-key", "-----BEGIN EC PRIVATE KEY-----\n" + String.join("\n", lines)
            + "\n-----END EC PRIVATE KEY-----", lines);
      }
    }
  }

  static final int KINDS = 32;

  private static List<String> concat(List<String> a, String b) {
    List<String> l = new ArrayList<>(a);
    l.add(b);
    return l;
  }
}
