/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A strict HTTP/1.1 response reader for raw-socket tests: it desynchronises, visibly, on any framing error. */
final class Http1 {
  private Http1() {}

  /** One response; header names lower case. */
  record Response(int status, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.ISO_8859_1);
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * Reads one response from {@code in}.
   *
   * @param head whether it answers a HEAD request (no body whatever the headers say)
   */
  static Response read(InputStream in, boolean head) throws IOException {
    String status = line(in);
    if (!status.startsWith("HTTP/1.")) {
      throw new IOException("not a status line: '" + status + "'");
    }
    int code = Integer.parseInt(status.substring(9, 12));
    Map<String, String> h = new LinkedHashMap<>();
    for (String l = line(in); !l.isEmpty(); l = line(in)) {
      int c = l.indexOf(':');
      h.merge(l.substring(0, c).strip().toLowerCase(Locale.ROOT), l.substring(c + 1).strip(), (a, b) -> a + "," + b);
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (head || code < 200 || code == 204 || code == 304) {
      return new Response(code, h, body.toByteArray());
    }
    if ("chunked".equalsIgnoreCase(h.get("transfer-encoding"))) {
      for (int n = Integer.parseInt(line(in).split(";")[0].strip(), 16); n > 0;
          n = Integer.parseInt(line(in).split(";")[0].strip(), 16)) {
        body.write(in.readNBytes(n));
        line(in);
      }
      while (!line(in).isEmpty()) {
        // trailers
      }
    } else if (h.containsKey("content-length")) {
      int n = Integer.parseInt(h.get("content-length"));
      byte[] b = in.readNBytes(n);
      if (b.length != n) {
        throw new IOException("body cut short: " + b.length + " of " + n);
      }
      body.write(b);
    } else {
      body.write(in.readAllBytes());
    }
    return new Response(code, h, body.toByteArray());
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0 && c != '\n') {
      b.write(c);
    }
    if (c < 0 && b.size() == 0) {
      throw new IOException("connection closed");
    }
    String s = b.toString(StandardCharsets.ISO_8859_1);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }
}
