/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.util.List;
import java.util.Optional;

/**
 * Checks the syntax of one guard rule as written in a policy ({@code Bash(git push:*)}, {@code Read(~/.aws/**)},
 * {@code Fetch(domain:*.example.com)}, {@code Mcp(server/tool)}). Used by the policy loader so a bad rule is an error
 * with file, line and column. The syntax is documented on {@link Rule} and in {@code docs/guard.md}.
 */
public final class RuleSyntax {
  private RuleSyntax() {}

  /** The problem with {@code rule} and how to fix it, or empty when it is valid. */
  public static Optional<String> problem(String rule) {
    try {
      Rule.compile(rule);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * Checks a rule against examples that must and must not match (Codex-style load-time tests). Examples are what the
   * rule's tool takes: a shell command for {@code Bash}, a path for {@code Read}/{@code Write}/{@code Edit} (relative
   * paths are relative to {@code /workspace}, {@code ~} is {@code /home/user}), a URL or host for {@code Fetch},
   * {@code server/tool} for {@code Mcp}.
   *
   * @return the first example that behaves differently from what it claims, with the fix, or empty
   */
  public static Optional<String> checkExamples(String rule, List<String> mustMatch, List<String> mustNotMatch) {
    Optional<String> syntax = problem(rule);
    if (syntax.isPresent()) {
      return syntax;
    }
    Rule r = Rule.compile(rule);
    for (String e : mustMatch) {
      if (!RuleExamples.matches(r, e)) {
        return Optional.of("rule '" + rule + "' does not match its example '" + e + "'; fix the rule or the example");
      }
    }
    for (String e : mustNotMatch) {
      if (RuleExamples.matches(r, e)) {
        return Optional.of("rule '" + rule + "' matches '" + e + "', which it must not match; narrow the rule");
      }
    }
    return Optional.empty();
  }
}
