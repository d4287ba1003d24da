/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * A TLS 1.3 ClientHello written byte by byte, so that tests can send what real clients send and libraries refuse to
 * build: a post-quantum hybrid key share (X25519MLKEM768, 1,216 bytes, so the hello is over 1,500 bytes), GREASE
 * values, an encrypted_client_hello extension, any SNI (an IP literal, a trailing dot, none), and the hello fragmented
 * over several TLS records. The key shares are valid (an all-zero ML-KEM vector passes the modulus check; X25519 takes
 * any 32 bytes), so a server answers with a ServerHello when it accepts.
 */
final class RawClientHello {
  private static final SecureRandom RANDOM = new SecureRandom();

  private RawClientHello() {}

  /**
   * The handshake message (type 1 with its length), without record framing.
   *
   * @param sni the server_name, or null for none
   * @param ech whether to add an encrypted_client_hello (outer) extension and GREASE values
   */
  static byte[] handshake(String sni, boolean ech) {
    ByteArrayOutputStream ext = new ByteArrayOutputStream();
    if (ech) {
      extension(ext, 0x0a0a, new byte[0]); // GREASE
    }
    if (sni != null) {
      byte[] name = sni.getBytes(StandardCharsets.US_ASCII);
      ByteArrayOutputStream list = new ByteArrayOutputStream();
      list.write(0); // host_name
      u16(list, name.length);
      list.writeBytes(name);
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      u16(body, list.size());
      body.writeBytes(list.toByteArray());
      extension(ext, 0x0000, body.toByteArray());
    }
    extension(ext, 0x000a, vector16(ech ? new int[] {0x2a2a, 0x11ec, 0x001d, 0x0017} : new int[] {0x11ec, 0x001d,
        0x0017}));
    extension(ext, 0x000d, vector16(new int[] {0x0403, 0x0804, 0x0401, 0x0503, 0x0805}));
    extension(ext, 0x002b, new byte[] {2, 0x03, 0x04}); // supported_versions: TLS 1.3
    extension(ext, 0x002d, new byte[] {1, 1}); // psk_key_exchange_modes: psk_dhe_ke
    extension(ext, 0x0010, alpn("http/1.1"));
    ByteArrayOutputStream shares = new ByteArrayOutputStream();
    byte[] hybrid = new byte[1184 + 32]; // ML-KEM-768 encapsulation key (zero vector + random rho), then X25519
    RANDOM.nextBytes(hybrid);
    java.util.Arrays.fill(hybrid, 0, 1152, (byte) 0);
    u16(shares, 0x11ec);
    u16(shares, hybrid.length);
    shares.writeBytes(hybrid);
    byte[] x25519 = new byte[32];
    RANDOM.nextBytes(x25519);
    u16(shares, 0x001d);
    u16(shares, 32);
    shares.writeBytes(x25519);
    ByteArrayOutputStream keyShare = new ByteArrayOutputStream();
    u16(keyShare, shares.size());
    keyShare.writeBytes(shares.toByteArray());
    extension(ext, 0x0033, keyShare.toByteArray());
    if (ech) {
      // ECHClientHello outer: type 0, HKDF-SHA256 / AES-128-GCM, config id, enc (32 bytes), payload (200 bytes)
      ByteArrayOutputStream e = new ByteArrayOutputStream();
      e.write(0);
      u16(e, 0x0001);
      u16(e, 0x0001);
      e.write(0x42);
      byte[] enc = new byte[32];
      RANDOM.nextBytes(enc);
      u16(e, enc.length);
      e.writeBytes(enc);
      byte[] payload = new byte[200];
      RANDOM.nextBytes(payload);
      u16(e, payload.length);
      e.writeBytes(payload);
      extension(ext, 0xfe0d, e.toByteArray());
      extension(ext, 0x1a1a, new byte[] {0}); // GREASE again, not empty
    }
    extension(ext, 0x0015, new byte[160]); // padding, as browsers add it: the hello is over 1,500 bytes either way
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    u16(body, 0x0303);
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    body.writeBytes(random);
    byte[] session = new byte[32];
    RANDOM.nextBytes(session);
    body.write(session.length);
    body.writeBytes(session);
    byte[] suites = vector16(ech ? new int[] {0x3a3a, 0x1301, 0x1302, 0x1303} : new int[] {0x1301, 0x1302, 0x1303});
    body.writeBytes(suites);
    body.write(1);
    body.write(0);
    u16(body, ext.size());
    body.writeBytes(ext.toByteArray());
    ByteArrayOutputStream msg = new ByteArrayOutputStream();
    msg.write(1);
    u24(msg, body.size());
    msg.writeBytes(body.toByteArray());
    return msg.toByteArray();
  }

  /** {@code handshake} in TLS records of at most {@code fragment} bytes of payload each. */
  static byte[] records(byte[] handshake, int fragment) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int off = 0; off < handshake.length; off += fragment) {
      int n = Math.min(fragment, handshake.length - off);
      out.write(0x16);
      u16(out, 0x0301);
      u16(out, n);
      out.write(handshake, off, n);
    }
    return out.toByteArray();
  }

  private static byte[] alpn(String protocol) {
    byte[] p = protocol.getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    u16(b, p.length + 1);
    b.write(p.length);
    b.writeBytes(p);
    return b.toByteArray();
  }

  private static byte[] vector16(int[] values) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    u16(b, values.length * 2);
    for (int v : values) {
      u16(b, v);
    }
    return b.toByteArray();
  }

  private static void extension(ByteArrayOutputStream out, int type, byte[] body) {
    u16(out, type);
    u16(out, body.length);
    out.writeBytes(body);
  }

  private static void u16(ByteArrayOutputStream out, int v) {
    out.write(v >> 8 & 0xff);
    out.write(v & 0xff);
  }

  private static void u24(ByteArrayOutputStream out, int v) {
    out.write(v >> 16 & 0xff);
    u16(out, v & 0xffff);
  }
}
