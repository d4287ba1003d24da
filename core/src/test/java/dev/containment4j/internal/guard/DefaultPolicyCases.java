/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.ToolCall;
import dev.containment4j.Verdict;
import dev.containment4j.guard.GuardContext;
import dev.containment4j.guard.ModelGuard;
import dev.containment4j.internal.yaml.PolicyLoader;
import java.nio.file.Path;

/**
 * The embedded default policy's guard in a workspace {@code /home/dev/proj} (home {@code /home/dev}), and the one
 * check the shape tests make of it: a call gets this decision, in this category when one is given.
 */
final class DefaultPolicyCases {
  static final Path WS = Path.of("/home/dev/proj");
  private static final ModelGuard GUARD = PolicyGuard.of(PolicyLoader.defaults());
  private static final GuardContext CTX = new GuardContext(WS, WS, Path.of("/home/dev"), false, 0, 0);

  private DefaultPolicyCases() {}

  /** The verdict, for checks that accept more than one decision. */
  static Verdict review(ToolCall call) {
    return GUARD.review(call, CTX);
  }

  static Verdict review(String cmd) {
    return review(ToolCall.bash(cmd));
  }

  static Verdict expect(ToolCall call, String decision, String category) {
    Verdict v = review(call);
    assertThat(v.decision()).as(call + " -> " + v.reason()).isEqualTo(decision);
    if (category != null) {
      assertThat(v.category()).as(call.toString()).isEqualTo(category);
    }
    return v;
  }

  static Verdict expect(String cmd, String decision, String category) {
    return expect(ToolCall.bash(cmd), decision, category);
  }

  /** The command is stopped (ask or deny) in {@code category}. */
  static void assertBlocked(String cmd, String category) {
    Verdict v = review(cmd);
    assertThat(v.decision()).as(cmd + " -> " + v.reason()).isIn("ask", "deny");
    assertThat(v.category()).as(cmd + " -> " + v.reason()).isEqualTo(category);
  }

  static void assertAllowed(String cmd) {
    Verdict v = review(cmd);
    assertThat(v.decision()).as(cmd + " -> " + v.reason()).isEqualTo("allow");
  }
}
