/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2HeadersDecoder;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An HTTP/2 client written frame by frame, for what real clients never send: header values with CR/LF, upper-case
 * names, connection-specific headers, a {@code :path} with a request line inside, header blocks split over
 * CONTINUATION frames, floods of RST_STREAM, PING, SETTINGS and CONTINUATION. Requests are HPACK literals (never
 * indexed, never Huffman-coded), so every byte is what the test wrote; answers are decoded with Netty's HPACK decoder.
 */
final class RawH2 implements AutoCloseable {
  static final int DATA = 0;
  static final int HEADERS = 1;
  static final int RST_STREAM = 3;
  static final int SETTINGS = 4;
  static final int PING = 6;
  static final int GOAWAY = 7;
  static final int CONTINUATION = 9;
  static final int END_STREAM = 1;
  static final int END_HEADERS = 4;
  static final int ACK = 1;

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final DefaultHttp2HeadersDecoder decoder = new DefaultHttp2HeadersDecoder(false);
  private final ByteArrayOutputStream block = new ByteArrayOutputStream();

  /** One frame as read. */
  record Frame(int type, int flags, int stream, byte[] payload) {}

  /** How a stream ended: its status (0 when none), body, or a reset / GOAWAY / closed connection. */
  record Outcome(int status, Http2Headers headers, String body, int resetCode, boolean goaway, boolean closed) {
    String summary() {
      return closed ? "closed" : goaway ? "goaway" : resetCode >= 0 ? "reset " + resetCode : "status " + status;
    }
  }

  /** Sends the preface and empty SETTINGS on {@code s} (a TLS socket that negotiated h2). */
  RawH2(Socket s) throws IOException {
    this.socket = s;
    this.in = new DataInputStream(new java.io.BufferedInputStream(s.getInputStream()));
    this.out = new java.io.BufferedOutputStream(s.getOutputStream(), 16384); // one TLS record per flush
    out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    frame(SETTINGS, 0, 0, new byte[0]);
    out.flush();
  }

  /** Writes one frame (not flushed). */
  void frame(int type, int flags, int stream, byte[] payload) throws IOException {
    byte[] h = new byte[9];
    h[0] = (byte) (payload.length >> 16);
    h[1] = (byte) (payload.length >> 8);
    h[2] = (byte) payload.length;
    h[3] = (byte) type;
    h[4] = (byte) flags;
    h[5] = (byte) (stream >> 24 & 0x7f);
    h[6] = (byte) (stream >> 16);
    h[7] = (byte) (stream >> 8);
    h[8] = (byte) stream;
    out.write(h);
    out.write(payload);
  }

  void flush() throws IOException {
    out.flush();
  }

  /** A request head as one HEADERS frame; {@code headers} are name/value pairs written as given. */
  void request(int stream, boolean endStream, List<String[]> headers) throws IOException {
    frame(HEADERS, END_HEADERS | (endStream ? END_STREAM : 0), stream, hpack(headers));
    out.flush();
  }

  /** The usual pseudo-headers of a GET to {@code authority}, then {@code extra}. */
  static List<String[]> get(String authority, String path, String[]... extra) {
    List<String[]> h = new java.util.ArrayList<>(List.of(new String[] {":method", "GET"},
        new String[] {":scheme", "https"}, new String[] {":authority", authority}, new String[] {":path", path}));
    h.addAll(List.of(extra));
    return h;
  }

  /** HPACK literal header fields without indexing, new names, no Huffman coding. */
  static byte[] hpack(List<String[]> headers) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (String[] h : headers) {
      b.write(0);
      string(b, h[0]);
      string(b, h[1]);
    }
    return b.toByteArray();
  }

  private static void string(ByteArrayOutputStream b, String s) {
    byte[] v = s.getBytes(StandardCharsets.ISO_8859_1);
    integer(b, v.length, 7, 0);
    b.writeBytes(v);
  }

  private static void integer(ByteArrayOutputStream b, int value, int prefixBits, int firstByteFlags) {
    int max = (1 << prefixBits) - 1;
    if (value < max) {
      b.write(firstByteFlags | value);
      return;
    }
    b.write(firstByteFlags | max);
    value -= max;
    while (value >= 128) {
      b.write(value % 128 + 128);
      value /= 128;
    }
    b.write(value);
  }

  /** The next frame; SETTINGS are acknowledged. Null when the connection ended. */
  Frame read() throws IOException {
    byte[] h = new byte[9];
    try {
      in.readFully(h);
    } catch (EOFException | java.net.SocketException e) {
      return null;
    }
    int len = (h[0] & 0xff) << 16 | (h[1] & 0xff) << 8 | h[2] & 0xff;
    byte[] p = new byte[len];
    in.readFully(p);
    Frame f = new Frame(h[3] & 0xff, h[4] & 0xff, (h[5] & 0x7f) << 24 | (h[6] & 0xff) << 16 | (h[7] & 0xff) << 8
        | h[8] & 0xff, p);
    if (f.type() == SETTINGS && (f.flags() & ACK) == 0) {
      frame(SETTINGS, ACK, 0, new byte[0]);
      out.flush();
    }
    return f;
  }

  /** Reads until {@code stream} ends (or is reset, or the connection goes away or ends), at most {@code millis}. */
  Outcome await(int stream, int millis) throws IOException {
    socket.setSoTimeout(millis);
    int status = 0;
    Http2Headers headers = null;
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try {
      while (true) {
        Frame f = read();
        if (f == null) {
          return new Outcome(status, headers, body.toString(StandardCharsets.UTF_8), -1, false, true);
        }
        if (f.type() == GOAWAY) {
          return new Outcome(status, headers, body.toString(StandardCharsets.UTF_8), -1, true, false);
        }
        if (f.type() == HEADERS || f.type() == CONTINUATION) {
          block.writeBytes(f.payload());
          if ((f.flags() & END_HEADERS) == 0) {
            continue;
          }
          Http2Headers decoded = decode(f.stream());
          if (f.stream() == stream && decoded.status() != null) {
            status = Integer.parseInt(decoded.status().toString()); // a final status follows any 1xx
            headers = decoded;
          }
        }
        if (f.stream() != stream) {
          continue;
        }
        if (f.type() == DATA) {
          body.writeBytes(f.payload());
        }
        if (f.type() == RST_STREAM) {
          int code = (f.payload()[0] & 0xff) << 24 | (f.payload()[1] & 0xff) << 16 | (f.payload()[2] & 0xff) << 8
              | f.payload()[3] & 0xff;
          return new Outcome(status, headers, body.toString(StandardCharsets.UTF_8), code, false, false);
        }
        if ((f.type() == DATA || f.type() == HEADERS) && (f.flags() & END_STREAM) != 0) {
          return new Outcome(status, headers, body.toString(StandardCharsets.UTF_8), -1, false, false);
        }
      }
    } catch (SocketTimeoutException e) {
      return new Outcome(status, headers, body.toString(StandardCharsets.UTF_8), -2, false, false);
    }
  }

  private Http2Headers decode(int stream) throws IOException {
    byte[] b = block.toByteArray();
    block.reset();
    try {
      return decoder.decodeHeaders(stream, Unpooled.wrappedBuffer(b));
    } catch (Http2Exception e) {
      throw new IOException("cannot decode the proxy's header block: " + e.getMessage(), e);
    }
  }

  /** Whether the proxy ends the connection (GOAWAY or close) within {@code millis}, reading whatever comes. */
  boolean endsWithin(int millis) throws IOException {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    while (System.nanoTime() < deadline) {
      socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
      try {
        Frame f = read();
        if (f == null || f.type() == GOAWAY) {
          return true;
        }
      } catch (SocketTimeoutException e) {
        return false;
      } catch (IOException e) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
