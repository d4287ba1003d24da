/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Keeps the real secret of a bound credential from coming back to the sandbox in the bound host's answer: an origin
 * that echoes the request's headers (a debugging endpoint, an error message quoting the token) would otherwise hand the
 * sandbox what the proxy injected, and the sandbox could then carry it anywhere. Every occurrence in the response's
 * headers, body and trailers is overwritten with {@code *} of the same length, so framing and Content-Length stay
 * valid; an occurrence split over several body pieces is found by holding back the last few bytes of each piece until
 * the next one arrives. Bodies the origin compressed ({@code Content-Encoding}) are not decoded, so a secret inside
 * them is not found (docs/egress.md, "What the proxy cannot see"). One instance per exchange, on its event loop.
 */
final class SecretMask {
  private final byte[][] secrets;
  private final String[] texts;
  private final int hold;
  private byte[] carry = new byte[0];

  private SecretMask(List<String> forms) {
    List<String> sorted = new ArrayList<>(forms);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    this.texts = sorted.toArray(String[]::new);
    this.secrets = sorted.stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
    this.hold = secrets[0].length - 1;
  }

  /** A mask for {@code forms} (the spellings of the secrets that were injected), or null when there are none. */
  static SecretMask of(List<String> forms) {
    List<String> usable = forms.stream().filter(f -> !f.isEmpty()).distinct().toList();
    return usable.isEmpty() ? null : new SecretMask(usable);
  }

  /** Masks every header value (response headers or trailers) that holds a secret. */
  void headers(HttpHeaders h) {
    List<Map.Entry<String, String>> masked = null;
    for (Map.Entry<String, String> e : h) {
      String v = mask(e.getValue());
      if (v != null) {
        if (masked == null) {
          masked = new ArrayList<>();
        }
        masked.add(Map.entry(e.getKey(), v));
      }
    }
    if (masked == null) {
      return;
    }
    // rebuild the names that held a secret, keeping their other values in order
    for (String name : masked.stream().map(Map.Entry::getKey).distinct().toList()) {
      List<String> values = h.getAll(name);
      h.remove(name);
      for (String v : values) {
        String m = mask(v);
        h.add(name, m == null ? v : m);
      }
    }
  }

  private String mask(String value) {
    String out = null;
    for (String s : texts) {
      String in = out == null ? value : out;
      if (in.contains(s)) {
        out = in.replace(s, "*".repeat(s.length()));
      }
    }
    return out;
  }

  /**
   * The piece {@code c} with every secret masked; it may hold back up to one secret's length less one byte for the
   * next piece (the last piece holds back nothing). Takes ownership of {@code c}.
   */
  HttpContent content(HttpContent c) {
    ByteBuf in = c.content();
    byte[] data = new byte[carry.length + in.readableBytes()];
    System.arraycopy(carry, 0, data, 0, carry.length);
    in.getBytes(in.readerIndex(), data, carry.length, in.readableBytes());
    boolean last = c instanceof LastHttpContent;
    HttpHeaders trailers = last ? ((LastHttpContent) c).trailingHeaders().copy() : null;
    c.release();
    for (byte[] s : secrets) {
      for (int i = indexOf(data, s, 0); i >= 0; i = indexOf(data, s, i + s.length)) {
        Arrays.fill(data, i, i + s.length, (byte) '*');
      }
    }
    int keep = last ? 0 : heldBack(data);
    carry = Arrays.copyOfRange(data, data.length - keep, data.length);
    ByteBuf out = Unpooled.wrappedBuffer(data, 0, data.length - keep);
    if (!last) {
      return new DefaultHttpContent(out);
    }
    headers(trailers);
    LastHttpContent l = new DefaultLastHttpContent(out);
    l.trailingHeaders().set(trailers);
    return l;
  }

  /** How many bytes at the end of {@code data} could start a secret that the next piece completes. */
  private int heldBack(byte[] data) {
    for (int n = Math.min(hold, data.length); n > 0; n--) {
      for (byte[] s : secrets) {
        if (n < s.length && startsWith(s, data, data.length - n, n)) {
          return n;
        }
      }
    }
    return 0;
  }

  private static boolean startsWith(byte[] secret, byte[] data, int from, int n) {
    for (int i = 0; i < n; i++) {
      if (data[from + i] != secret[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] data, byte[] s, int from) {
    outer:
    for (int i = from; i <= data.length - s.length; i++) {
      for (int j = 0; j < s.length; j++) {
        if (data[i + j] != s[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
