/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import java.util.Base64;
import java.util.Random;
import java.util.UUID;

/** Generated look-alikes that must NOT be flagged: documentation keys, placeholders, hashes, data URIs. */
final class HardNegatives {
  static final String[] FAMILIES = {"hn-aws-example-key", "hn-env-example", "hn-hashes", "hn-data-uri",
    "hn-placeholder-tokens", "hn-uuid-json"};

  private HardNegatives() {}

  static String sample(String family, Random r) {
    FakeSecrets f = new FakeSecrets(r);
    switch (family) {
      case "hn-aws-example-key":
        return "aws.accessKeyId=" + FakeSecrets.p("AKIA", "IOSFODNN7", "EXAMPLE") + "\naws.secretAccessKey="
            + FakeSecrets.p("wJalrXUtnFEMI/K7MDENG/", "bPxRfiCY", "EXAMPLEKEY");
      case "hn-env-example":
        return "# .env.example - copy to .env and fill in\nAPI_KEY=your-api-key-here\nDB_PASSWORD=changeme\n"
            + "GITHUB_TOKEN=<your-token>\nSTRIPE_SECRET=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx\nJWT_SECRET=${JWT_SECRET}\n";
      case "hn-hashes":
        return "sha256:" + f.s("0123456789abcdef", 64) + "  app-1.2.3.jar\ncommit " + f.s("0123456789abcdef", 40)
            + "\nMerge: " + f.s("0123456789abcdef", 7) + " " + f.s("0123456789abcdef", 7);
      case "hn-data-uri": {
        byte[] png = new byte[600];
        r.nextBytes(png);
        png[0] = (byte) 0x89;
        return "<img alt=\"logo\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\">";
      }
      case "hn-placeholder-tokens":
        return "Set the token: `export GITHUB_TOKEN=" + FakeSecrets.p("gh", "p_") + "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`"
            + "\nor in the config: password: \"********\"\nauthorization: Bearer <token>";
      default:
        return "{\"requestId\": \"" + new UUID(r.nextLong(), r.nextLong()) + "\", \"traceId\": \""
            + f.s("0123456789abcdef", 32) + "\", \"etag\": \"W/\\\"" + f.s("0123456789abcdef", 16) + "\\\"\"}";
    }
  }
}
