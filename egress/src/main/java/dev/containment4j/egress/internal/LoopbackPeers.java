/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * Which user owns the client end of a TCP connection made on this host (Linux): the row of {@code /proc/net/tcp} or
 * {@code /proc/net/tcp6} whose local end is the client's address and whose remote end is the listener's. TCP has no
 * {@code SO_PEERCRED}; this is how {@code identd} answers the same question. Thread-safe.
 */
final class LoopbackPeers {
  private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

  private LoopbackPeers() {}

  /** The uid of the process that opened {@code client}'s socket to {@code server}, if the kernel still lists it. */
  static OptionalInt uid(InetSocketAddress client, InetSocketAddress server) {
    for (Path table : TABLES) {
      List<String> rows;
      try {
        rows = Files.readAllLines(table);
      } catch (IOException e) {
        continue;
      }
      for (String row : rows) {
        String[] f = row.trim().split("\\s+");
        if (f.length > 7 && f[1].indexOf(':') > 0 && same(f[1], client) && same(f[2], server)) {
          return OptionalInt.of(Integer.parseInt(f[7]));
        }
      }
    }
    return OptionalInt.empty();
  }

  /** This process's uid, or -1 where it cannot be read (then nobody matches). */
  static int ownUid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Whether {@code hex} ("0100007F:1F90", or 32 hex digits for IPv6) is {@code a} (IPv4-mapped IPv6 counts). */
  private static boolean same(String hex, InetSocketAddress a) {
    int colon = hex.indexOf(':');
    if (Integer.parseInt(hex.substring(colon + 1), 16) != a.getPort()) {
      return false;
    }
    String addr = hex.substring(0, colon);
    byte[] bytes = new byte[addr.length() / 2];
    // the kernel prints each 32-bit word of the address in host byte order
    boolean little = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    for (int word = 0; word < bytes.length / 4; word++) {
      for (int i = 0; i < 4; i++) {
        int at = word * 8 + (little ? 3 - i : i) * 2;
        bytes[word * 4 + i] = (byte) Integer.parseInt(addr.substring(at, at + 2), 16);
      }
    }
    try {
      return InetAddress.getByAddress(bytes).equals(a.getAddress());
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
