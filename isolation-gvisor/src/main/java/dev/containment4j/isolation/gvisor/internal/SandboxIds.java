/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Container and instance ids. runsc resolves ids by prefix ({@code pool1} is ambiguous next to {@code pool10}), so
 * every id has the same length: no id is a prefix of another.
 */
public final class SandboxIds {
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Prefix of every container id we create: the reaper recognises its own. */
  public static final String PREFIX = "c4j";
  public static final int LENGTH = PREFIX.length() + 24;

  private SandboxIds() {}

  public static String container() {
    return PREFIX + hex(12);
  }

  public static String instance() {
    return hex(6);
  }

  static boolean isContainer(String s) {
    return s.length() == LENGTH && s.startsWith(PREFIX) && s.substring(PREFIX.length()).matches("[0-9a-f]+");
  }

  static String hex(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
