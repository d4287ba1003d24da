/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples.cli;

import dev.containment4j.Containment;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code containment explain}: what the backend will do (bwrap arguments, OCI config, SBPL profile). */
@Command(name = "explain", description = "Print what the backend will do under the policy.")
final class ExplainCommand implements Callable<Integer> {

  @Option(names = {"-p", "--policy"}, paramLabel = "POLICY", description = "Policy YAML (default: embedded).")
  Path policy;

  @Option(names = "--backend", paramLabel = "ID", description = "Explain this backend (works on any OS).")
  String backend;

  @Option(names = "--workdir", paramLabel = "DIR", description = "Workspace (overrides the policy's).")
  Path workdir;

  @Override
  public Integer call() {
    Containment c = Containment.with(CliSupport.policy(policy, backend));
    try (Containment w = workdir == null ? c : c.withWorkdir(workdir)) {
      System.out.println(w.explain());
    }
    return 0;
  }
}
