/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples.host;

import dev.containment4j.Containment;
import dev.containment4j.ToolCall;
import dev.containment4j.policy.Policy;
import dev.containment4j.policy.WorkspaceTrust;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * An agent host opening a repository that may carry its own {@code .containment.yaml}: the file counts only after the
 * user trusted the folder, and then only to tighten the host's policy ({@code docs/policy.md}, "Workspace trust").
 * Run it with {@code java -cp ... dev.containment4j.examples.host.TrustedWorkspace host.yaml REPO [trust]}.
 */
public final class TrustedWorkspace {
  private TrustedWorkspace() {}

  public static void main(String[] args) {
    boolean userSaysYes = args.length > 2 && args[2].equals("trust");
    System.out.println(runTests(Policy.fromYaml(Path.of(args[0])), Path.of(args[1]), repo -> userSaysYes));
  }

  static String runTests(Policy host, Path repo, Predicate<Path> askUser) {
    // tag::workspace[]
    WorkspaceTrust trust = WorkspaceTrust.forPolicy(host, event -> System.err.println(event));
    if (!trust.isTrusted(repo) && askUser.test(repo)) {
      trust.grant(repo);                 // reads and validates repo/.containment.yaml now, records its SHA-256
    }
    // untrusted (or changed since the grant): the host policy as it is, the file never opened;
    // trusted and unchanged: the host policy tightened by the file, never loosened; nothing in it runs
    try (Containment c = Containment.forWorkspace(host, repo, trust)) {
      return c.run(ToolCall.bash("make test")).modelMessage();
    }
    // end::workspace[]
  }
}
