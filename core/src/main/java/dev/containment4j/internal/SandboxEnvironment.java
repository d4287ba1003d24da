/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal;

import dev.containment4j.policy.Policy;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The environment a sandboxed process gets. The host environment is never inherited: only a short allowlist of
 * harmless names, the names the policy passes explicitly, and the policy's fixed values. Secrets the policy binds to
 * hosts ({@code network.credentials}) appear inside only as placeholders.
 */
public final class SandboxEnvironment {

  /** Names copied from the host when set. {@code LC_*} is matched by prefix. */
  static final Set<String> BASE = Set.of("PATH", "LANG", "TERM", "TZ", "USER", "LOGNAME");

  /** A PATH for when the host's is unset. */
  static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private SandboxEnvironment() {}

  /**
   * @param policy the policy
   * @param host the host environment (normally {@link System#getenv()})
   * @param home HOME inside the sandbox
   */
  public static Map<String, String> build(Policy policy, Map<String, String> host, Path home) {
    Map<String, String> env = new TreeMap<>();
    host.forEach((k, v) -> {
      if (BASE.contains(k) || k.startsWith("LC_")) {
        env.put(k, v);
      }
    });
    for (String name : policy.isolation().env().pass()) {
      String v = host.get(name);
      if (v != null) {
        env.put(name, v);
      }
    }
    env.putAll(policy.isolation().env().set());
    env.putIfAbsent("PATH", DEFAULT_PATH);
    env.put("HOME", home.toString());
    for (Policy.Credential c : policy.network().credentials()) {
      if (c.sandboxEnv() != null && !c.sandboxEnv().isEmpty()) {
        env.put(c.sandboxEnv(), placeholder(c));
      }
    }
    return env;
  }

  /** The value the sandbox sees instead of a bound credential. Deterministic per binding, never the secret. */
  public static String placeholder(Policy.Credential c) {
    return "containment-placeholder-" + Integer.toHexString((c.host() + "\0" + c.header()).hashCode());
  }
}
