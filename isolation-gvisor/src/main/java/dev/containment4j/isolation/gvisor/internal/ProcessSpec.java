/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The OCI {@code process} object: what runs, with which environment, directory and rlimits. Always uid 0 inside
 * gVisor's own user namespace with an empty capability set and {@code noNewPrivileges}.
 *
 * @param args program and arguments
 * @param env complete environment (sorted for stable output)
 * @param cwd working directory inside the sandbox
 * @param rlimits resource limits applied by gVisor's Sentry
 */
public record ProcessSpec(List<String> args, Map<String, String> env, String cwd, List<Rlimit> rlimits) {
  public ProcessSpec {
    args = List.copyOf(args);
    env = new TreeMap<>(env);
    Objects.requireNonNull(cwd, "cwd");
    rlimits = List.copyOf(rlimits);
  }

  public ProcessSpec withArgs(List<String> newArgs) {
    return new ProcessSpec(newArgs, env, cwd, rlimits);
  }

  /**
   * One rlimit, soft = hard.
   *
   * @param type {@code RLIMIT_NPROC}, ...
   * @param value soft and hard limit
   */
  public record Rlimit(String type, long value) {
    public Rlimit {
      Objects.requireNonNull(type, "type");
    }
  }
}
