/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j;

import java.nio.file.Path;
import java.util.List;

/**
 * A contained execution context handed to host-side tool code in the block form of
 * {@link Containment#run(ToolCall, SandboxBlock)}. Everything done through the handle runs isolated under the policy;
 * the block's return value is filtered before the model sees it.
 *
 * <p>Not thread-safe: use a handle from the thread that received it, and only during the block.
 *
 * @since 0.1
 */
public interface Sandbox {

  /** Runs a command (no shell) in the sandbox with the workdir as its working directory. */
  default ExecResult exec(String... argv) {
    return exec(List.of(argv));
  }

  /** Runs a command (no shell) in the sandbox with the workdir as its working directory. */
  ExecResult exec(List<String> argv);

  /** Runs a command with the given standard input and working directory (inside the sandbox). */
  ExecResult exec(List<String> argv, Path cwd, String stdin);

  /** Runs a shell string with {@code bash -c} (or {@code sh -c} where bash is missing). */
  ExecResult shell(String command);

  /** The host workdir, which appears at the same path inside the sandbox. */
  Path workdir();
}
