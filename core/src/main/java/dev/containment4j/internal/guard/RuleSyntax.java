/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks the syntax of one guard rule as written in a policy ({@code Bash(git push:*)}, {@code Read(~/.aws/**)},
 * {@code Fetch(domain:*.example.com)}, {@code Mcp(server/tool)}). Used by the policy loader so a bad rule is an error
 * with file, line and column. First version: the tool name and balanced parentheses; the rule engine refines it.
 */
public final class RuleSyntax {
  private static final Pattern SHAPE = Pattern.compile("(Bash|Read|Write|Edit|Fetch|WebFetch|Mcp)(\\((.*)\\))?",
      Pattern.DOTALL);

  private RuleSyntax() {}

  /** The problem with {@code rule} and how to fix it, or empty when it is valid. */
  public static Optional<String> problem(String rule) {
    if (rule == null || rule.isBlank()) {
      return Optional.of("empty rule; write Tool(pattern), e.g. Bash(npm test) or Read(./**)");
    }
    if (!SHAPE.matcher(rule.strip()).matches()) {
      return Optional.of("'" + rule + "' is not a rule; write Tool(pattern) with Tool one of Bash, Read, Write,"
          + " Edit, Fetch, Mcp, e.g. Bash(git push:*)");
    }
    return Optional.empty();
  }
}
