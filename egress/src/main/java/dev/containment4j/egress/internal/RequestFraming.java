/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes a request head safe to forward: what the proxy judged must be what the origin reads. The proxy re-frames every
 * body it forwards, but framing headers and header values still reach the origin as the client wrote them, and an
 * origin that reads them another way would find a second request inside the body, one the proxy never checked (with
 * an attacker's own credential, say). So a request is refused unless its framing has exactly one reading: no
 * transfer coding but one {@code chunked}, a {@code Content-Length} that is one decimal number, no control characters
 * (CR, LF, NUL, ...) in any header value and only token characters in names. What passes is forwarded in canonical
 * spelling. (Netty's decoder has already refused most of these itself, and a {@code Content-Length} sent with
 * {@code chunked}; this holds whatever it lets through, such as {@code CHUNKED} in capitals.)
 */
final class RequestFraming {
  private RequestFraming() {}

  /** Checks and canonicalises {@code req}'s head; returns what is wrong, or empty when it may be forwarded. */
  static Optional<String> canonicalise(HttpRequest req) {
    HttpHeaders h = req.headers();
    for (Map.Entry<String, String> e : h) {
      if (!isToken(e.getKey())) {
        return Optional.of("a header name that is not a token: '" + Authority.printable(e.getKey()) + "'");
      }
      if (hasControl(e.getValue())) {
        return Optional.of("a control character (CR, LF, NUL, ...) in the value of " + Authority.printable(e.getKey()));
      }
    }
    List<String> te = h.getAll(HttpHeaderNames.TRANSFER_ENCODING);
    if (!te.isEmpty()) {
      if (te.size() != 1 || !te.get(0).strip().equalsIgnoreCase("chunked")) {
        return Optional.of("Transfer-Encoding other than one 'chunked' (" + Authority.printable(String.join(", ", te))
            + "); send the body with Content-Length or 'Transfer-Encoding: chunked'");
      }
      h.remove(HttpHeaderNames.CONTENT_LENGTH);
      h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
      return Optional.empty();
    }
    List<String> cl = h.getAll(HttpHeaderNames.CONTENT_LENGTH);
    if (!cl.isEmpty()) {
      String v = cl.get(0).strip();
      if (cl.size() != 1 || v.isEmpty() || v.length() > 18 || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return Optional.of("Content-Length must be one decimal number");
      }
      h.set(HttpHeaderNames.CONTENT_LENGTH, Long.toString(Long.parseLong(v)));
    }
    return Optional.empty();
  }

  private static boolean isToken(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code target} can stand in a request line as written: no space, control character or DEL (an h2
   * {@code :path} is not split at spaces or line ends, and would otherwise reach the origin as a request line of its
   * own making).
   */
  static boolean isRequestTarget(String target) {
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c <= 0x20 || c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  /** Any control character but horizontal tab (RFC 9110 field-value), DEL included. */
  static boolean hasControl(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0x7f) {
        return true;
      }
    }
    return false;
  }
}
