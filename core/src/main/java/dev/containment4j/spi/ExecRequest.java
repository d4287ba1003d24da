/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One process to run in a sandbox.
 *
 * @param argv program and arguments (no shell unless the program is one)
 * @param cwd working directory inside the sandbox (the workdir keeps its host path inside)
 * @param stdin bytes for standard input; empty for none ({@code /dev/null})
 * @param env extra environment for this call, on top of {@link IsolationSpec#environment()}
 * @param callId id used to correlate audit events
 * @since 0.1
 */
public record ExecRequest(List<String> argv, Path cwd, Optional<byte[]> stdin, Map<String, String> env, String callId) {
  public ExecRequest {
    argv = List.copyOf(argv);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("argv is empty");
    }
    Objects.requireNonNull(cwd, "cwd");
    Objects.requireNonNull(stdin, "stdin");
    env = Map.copyOf(env);
    Objects.requireNonNull(callId, "callId");
  }

  public static ExecRequest of(List<String> argv, Path cwd) {
    return new ExecRequest(argv, cwd, Optional.empty(), Map.of(), "call");
  }

  public ExecRequest withStdin(byte[] input) {
    return new ExecRequest(argv, cwd, Optional.ofNullable(input), env, callId);
  }

  public ExecRequest withCallId(String id) {
    return new ExecRequest(argv, cwd, stdin, env, id);
  }
}
