/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.shell;

import java.util.List;

/**
 * A parsed shell string: every simple command that may run (including those inside substitutions, subshells,
 * functions and conditionals, in source order) and the problems met while parsing.
 *
 * @param commands every simple command, flattened
 * @param problems syntax the parser could not follow; non-empty means the string must be treated as risky
 */
public record Script(List<SimpleCommand> commands, List<String> problems) {
  public Script {
    commands = List.copyOf(commands);
    problems = List.copyOf(problems);
  }

  public boolean parsedCleanly() {
    return problems.isEmpty();
  }
}
