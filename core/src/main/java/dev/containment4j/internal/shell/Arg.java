/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.shell;

import java.util.List;

/**
 * One field of a command after quote removal and expansion.
 *
 * @param text the value as far as it is known (unknown expansions contribute nothing)
 * @param dynamic whether part of the value is only known at run time (unknown variable, command substitution)
 * @param glob whether it holds unquoted glob characters ({@code * ? [})
 * @param computed whether a command substitution was folded into a constant (echo/printf/base64 -d ...)
 * @param substitutions the commands run to build it ({@code $(...)}, backticks, {@code <(...)})
 * @param refs the names of variables it expands whose value is only known at run time
 */
public record Arg(String text, boolean dynamic, boolean glob, boolean computed, List<Script> substitutions,
    List<String> refs) {
  public Arg {
    substitutions = List.copyOf(substitutions);
    refs = List.copyOf(refs);
  }

  public Arg(String text, boolean dynamic, boolean glob, boolean computed, List<Script> substitutions) {
    this(text, dynamic, glob, computed, substitutions, List.of());
  }

  public static Arg literal(String text) {
    return new Arg(text, false, false, false, List.of(), List.of());
  }
}
