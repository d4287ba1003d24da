/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.net.URI;
import java.nio.file.Path;

/** Evaluates one rule against one example, the way the guard would, in a fixed example workspace. */
final class RuleExamples {
  static final Path WORKSPACE = Path.of("/workspace");
  static final Path HOME = Path.of("/home/user");

  private RuleExamples() {}

  static boolean matches(Rule r, String example) {
    switch (r.tool()) {
      case BASH: {
        Units.Analysis a = Units.ofShell(example, HOME, WORKSPACE);
        return RuleSet.bashMatches(r, a, false) != null || RuleSet.bashMatches(r, a, true) != null;
      }
      case READ:
      case WRITE:
      case EDIT: {
        Paths p = new Paths(WORKSPACE, HOME, "containment-audit.jsonl");
        return r.matchesPath(p.resolve(example, WORKSPACE), WORKSPACE, HOME);
      }
      case FETCH: {
        String host = example.contains("://") ? URI.create(example).getHost() : example;
        return r.matchesHost(host);
      }
      default: {
        int slash = example.indexOf('/');
        return r.matchesMcp(slash < 0 ? example : example.substring(0, slash),
            slash < 0 ? "" : example.substring(slash + 1));
      }
    }
  }
}
