/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples.cli;

import dev.containment4j.ContainmentException;
import dev.containment4j.policy.Policy;
import java.nio.file.Path;

/** What the subcommands share: policy loading and the exit-status contract. */
final class CliSupport {
  /** The command was denied by a layer. */
  static final int DENIED = 126;
  /** Containment itself failed: bad policy, no backend, setup failure. */
  static final int CONTAINMENT_ERROR = 125;
  /** The time limit ended the command. */
  static final int TIMED_OUT = 124;

  private CliSupport() {}

  /** The policy from {@code -p}, or the embedded default; {@code backend} overrides the policy's when given. */
  static Policy policy(Path file, String backend) {
    Policy p = file == null ? Policy.defaults() : Policy.fromYaml(file);
    return backend == null ? p : p.withBackend(Policy.Backend.ofId(backend));
  }

  /** One line for stderr: the message, without stack traces; multi-line messages keep their lines indented. */
  static String oneLine(Throwable e) {
    Throwable t = e;
    if (!(t instanceof ContainmentException) && t.getCause() instanceof ContainmentException) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.toString() : t.getMessage();
    return m.strip();
  }
}
