/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples.cli;

import dev.containment4j.PolicyException;
import dev.containment4j.policy.Policy;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code containment policy validate FILE}. */
@Command(name = "policy", description = "Policy tools.", subcommands = PolicyCommand.Validate.class)
final class PolicyCommand implements Runnable {

  @Override
  public void run() {
    System.err.println("containment: policy needs a subcommand: validate FILE");
  }

  /** Loads a policy strictly and reports the first problem with file, line and column. */
  @Command(name = "validate", description = "Check a policy file; errors name file:line:column and the fix.")
  static final class Validate implements Callable<Integer> {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() {
      try {
        Policy p = Policy.fromYaml(file);
        System.out.println(file + ": valid (backend " + p.isolation().backend().id() + ", network "
            + p.network().mode().name().toLowerCase(java.util.Locale.ROOT) + ", guard "
            + p.guard().mode().name().toLowerCase(java.util.Locale.ROOT) + ")");
        return 0;
      } catch (PolicyException e) {
        System.err.println(e.getMessage());
        return 1;
      }
    }
  }
}
