/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Secrets inside a base64 run: a {@code .env} or credentials file piped through {@code base64} ({@code echo ... |
 * base64 -d > .env}), a CI variable holding an encoded config. The run is decoded when it gives printable text, the
 * decoded text is scanned with the secret rules, and the whole run is redacted when they find anything: no 8
 * characters of the secret survive in either form.
 */
final class EncodedSecrets {
  /** Runs longer than this are not decoded (a base64 image or archive, not a config file). */
  private static final int MAX_RUN = 64 * 1024;

  private EncodedSecrets() {}

  /** {@code runs}: start,end pairs of base64-alphabet runs in {@code text}. */
  static void detect(CharSequence text, IntList runs, List<Span> out) {
    for (int i = 0; i + 1 < runs.size(); i += 2) {
      int s = runs.get(i);
      int e = runs.get(i + 1);
      while (e < text.length() && e < runs.get(i + 1) + 2 && text.charAt(e) == '=') {
        e++; // padding ends a run
      }
      String decoded = e - s > MAX_RUN ? null : decode(text.subSequence(s, e).toString());
      if (decoded == null) {
        continue;
      }
      List<Span> inner = Scanner.scan(decoded, 0, decoded.length(), new Scanner.Scope(true, false, false));
      if (inner.stream().anyMatch(x -> x.type().equals("secret"))) {
        out.add(new Span("secret", "encoded-secret", s, e, 0.9, true, 60));
      }
    }
  }

  /** The run decoded to printable ASCII text holding an assignment or a key header, or null. */
  private static String decode(String run) {
    if (run.length() % 4 != 0) {
      return null;
    }
    byte[] bytes;
    try {
      bytes = (run.indexOf('-') >= 0 || run.indexOf('_') >= 0 ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(run);
    } catch (IllegalArgumentException ex) {
      return null;
    }
    boolean assignment = false;
    for (byte b : bytes) {
      int c = b & 0xFF;
      if (c >= 0x7F || (c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
        return null;
      }
      assignment |= c == '=' || c == ':' || c == '-';
    }
    return assignment ? new String(bytes, StandardCharsets.US_ASCII) : null;
  }
}
