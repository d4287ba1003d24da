/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import dev.containment4j.internal.shell.Arg;
import dev.containment4j.internal.shell.Script;
import dev.containment4j.internal.shell.SimpleCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One command the guard judges: a simple command with its wrappers ({@code sudo}, {@code env}, {@code timeout},
 * {@code xargs}, ...) stripped, or a command found inside {@code bash -c}, {@code eval}, {@code find -exec},
 * a here-doc fed to a shell or a one-liner's {@code os.system(...)}.
 *
 * @param command the simple command it came from (for its pipeline and redirections)
 * @param args the effective arguments, program first
 * @param wrappers the wrappers stripped, outermost first ({@code sudo}, {@code bash -c}, {@code xargs} ...)
 * @param privileged whether it runs through sudo, doas, su or pkexec
 * @param argsFromStdin whether more arguments come from stdin ({@code xargs})
 * @param env the environment assignments it runs with ({@code VAR=x cmd}, {@code env VAR=x cmd})
 * @param cwd where it runs, null when unknown
 * @param code the program text of an interpreter one-liner or here-doc ({@code python -c CODE}), else null
 * @param language the language of {@code code}: python, node, perl, ruby, php, shell ...
 * @param full the words as written, wrappers included (for deny and ask rules)
 * @param shellCommand for a shell whose {@code -c} code is only known at run time ({@code sh -c "$X"},
 *     {@code busybox sh -c -x "$X"}), the argument the shell runs as code, as the unwrapping found it; else null
 * @param argv the text of {@code args}, derived from them (whatever is passed is replaced); every rule and most
 *     categories read it, so it is computed once
 * @param name the program's base name ({@code /usr/bin/rm} → {@code rm}), or empty for a bare assignment or
 *     redirection; derived from {@code args} like {@code argv} (the judgements ask it dozens of times per unit)
 * @param text the words joined by spaces, derived like {@code argv} (every unit's text is read by the over-eager
 *     checks and again for reasons)
 */
record Unit(
    SimpleCommand command, List<Arg> args, List<String> wrappers, boolean privileged, boolean argsFromStdin,
    Map<String, String> env, Path cwd, String code, String language, List<String> full, Arg shellCommand,
    List<String> argv, String name, String text) {

  Unit {
    args = List.copyOf(args);
    wrappers = List.copyOf(wrappers);
    env = Map.copyOf(env);
    full = List.copyOf(full);
    String[] words = new String[args.size()];
    for (int k = 0; k < words.length; k++) {
      words[k] = args.get(k).text();
    }
    argv = Collections.unmodifiableList(Arrays.asList(words));
    name = words.length == 0 ? "" : baseName(words[0]);
    text = String.join(" ", argv);
  }

  Unit(SimpleCommand command, List<Arg> args, List<String> wrappers, boolean privileged, boolean argsFromStdin,
      Map<String, String> env, Path cwd, String code, String language, List<String> full, Arg shellCommand) {
    this(command, args, wrappers, privileged, argsFromStdin, env, cwd, code, language, full, shellCommand, null, null,
        null);
  }

  Unit(SimpleCommand command, List<Arg> args, List<String> wrappers, boolean privileged, boolean argsFromStdin,
      Map<String, String> env, Path cwd, String code, String language, List<String> full) {
    this(command, args, wrappers, privileged, argsFromStdin, env, cwd, code, language, full, null);
  }

  static String baseName(String program) {
    int slash = program.lastIndexOf('/');
    return slash >= 0 ? program.substring(slash + 1) : program;
  }

  /** The arguments after the program. */
  List<Arg> params() {
    return args.isEmpty() ? List.of() : args.subList(1, args.size());
  }

  /**
   * The commands whose output becomes this unit's arguments: those substituted into its parameters
   * ({@code kill $(pgrep x)}) and, when xargs feeds it, those piped into it ({@code pgrep x | xargs kill}).
   */
  List<SimpleCommand> argumentSources() {
    List<SimpleCommand> sources = new ArrayList<>();
    for (Arg a : params()) {
      for (Script s : a.substitutions()) {
        sources.addAll(s.commands());
      }
    }
    if (argsFromStdin) {
      sources.addAll(command.pipeline().upstreamOf(command));
    }
    return sources;
  }

  /** Whether the program name is only known at run time (an unknown variable or substitution). */
  boolean nameDynamic() {
    return !args.isEmpty() && (args.get(0).dynamic() && !args.get(0).text().contains("/") || name().isEmpty());
  }
  /** The unit's text in backquotes for a reason, cut to 80 characters. */
  String shown() {
    return "`" + (text.length() > 80 ? text.substring(0, 77) + "..." : text) + "`";
  }
}
