/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The policy's {@code isolation.gvisor:} settings, validated.
 *
 * @param runsc the runsc binary: a name looked up on PATH or an absolute path
 * @param platform {@code --platform} value, empty for runsc's default (ptrace in 20221219, systrap later)
 * @param poolSize pre-started session sandboxes kept per opened backend (default 0: a short-lived caller such as
 *     the CLI would pay for a sandbox it never uses, and 1-2 s to delete it at close)
 * @param rootless whether to pass {@code --rootless} (default: when the JVM does not run as root)
 * @param stateDir parent of the per-backend private directories (runsc state, bundles, reaper records)
 */
public record GvisorSettings(String runsc, String platform, int poolSize, boolean rootless, Path stateDir) {

  /** Upper bound of the pool: each idle sandbox costs about 11 MiB of host memory. */
  public static final int MAX_POOL = 16;

  static final Set<String> KEYS = Set.of("runsc", "platform", "poolSize", "rootless", "stateDir");

  public GvisorSettings {
    Objects.requireNonNull(runsc, "runsc");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(stateDir, "stateDir");
    if (runsc.isBlank()) {
      throw new IllegalArgumentException("isolation.gvisor.runsc is empty; write a binary name or an absolute path");
    }
    if (!platform.isEmpty() && !platform.matches("[a-z]+")) {
      throw new IllegalArgumentException("isolation.gvisor.platform '" + platform
          + "' is not a platform name (ptrace, systrap, kvm)");
    }
    if (poolSize < 0 || poolSize > MAX_POOL) {
      throw new IllegalArgumentException("isolation.gvisor.poolSize must be between 0 and " + MAX_POOL + ", was "
          + poolSize);
    }
    if (!stateDir.isAbsolute()) {
      throw new IllegalArgumentException("isolation.gvisor.stateDir must be an absolute path, was " + stateDir);
    }
  }

  /** Defaults: runsc from PATH, runsc's default platform, no pool, rootless unless root. */
  public static GvisorSettings defaults() {
    return from(Map.of());
  }

  /**
   * Reads {@code isolation.gvisor:}. The system property {@code containment.gvisor.runsc} supplies the binary when
   * the policy names none (used by probes, which see no policy).
   *
   * @throws IllegalArgumentException naming the key and the fix when a value is invalid or a key is unknown
   */
  public static GvisorSettings from(Map<String, String> map) {
    for (String key : map.keySet()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown key isolation.gvisor." + key + "; valid: " + String.join(", ",
            KEYS.stream().sorted().toList()));
      }
    }
    String runsc = map.getOrDefault("runsc", System.getProperty("containment.gvisor.runsc", "runsc"));
    String platform = map.getOrDefault("platform", "").trim();
    int pool;
    try {
      pool = Integer.parseInt(map.getOrDefault("poolSize", "0").trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("isolation.gvisor.poolSize '" + map.get("poolSize") + "' is not a number",
          e);
    }
    String rl = map.getOrDefault("rootless", "auto").trim().toLowerCase(Locale.ROOT);
    boolean rootless = switch (rl) {
      case "auto" -> !HostUser.isRoot();
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("isolation.gvisor.rootless '" + rl
          + "' must be auto, true or false");
    };
    Path state = Path.of(map.getOrDefault("stateDir", defaultStateDir()));
    return new GvisorSettings(runsc.trim(), platform, pool, rootless, state);
  }

  /** A per-user directory under the system temp dir, so two users never share state. */
  static String defaultStateDir() {
    return Path.of(System.getProperty("java.io.tmpdir"), "containment4j-gvisor-" + HostUser.uid()).toString();
  }

  public GvisorSettings withPoolSize(int size) {
    return new GvisorSettings(runsc, platform, size, rootless, stateDir);
  }

  public GvisorSettings withStateDir(Path dir) {
    return new GvisorSettings(runsc, platform, poolSize, rootless, dir);
  }
}
