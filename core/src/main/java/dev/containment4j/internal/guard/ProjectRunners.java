/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import dev.containment4j.internal.shell.Arg;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Tools that run a command inside a project's environment or with injected settings ({@code poetry run CMD},
 * {@code uv run CMD}, {@code bundle exec CMD}, {@code direnv exec DIR CMD}, {@code conda run -n ENV CMD}, {@code op
 * run -- CMD}): the command is judged as if it ran directly, like {@code env} or {@code timeout} (session 20: {@code
 * poetry run rm -rf ~} was allowed).
 */
final class ProjectRunners {
  /** The subcommand that runs a command, for each tool. */
  private static final Map<String, Set<String>> RUN = Map.ofEntries(Map.entry("poetry", Set.of("run")),
      Map.entry("pipenv", Set.of("run")), Map.entry("pdm", Set.of("run")), Map.entry("hatch", Set.of("run")),
      Map.entry("rye", Set.of("run")), Map.entry("pixi", Set.of("run", "exec")), Map.entry("devbox", Set.of("run")),
      Map.entry("asdf", Set.of("exec")), Map.entry("bundle", Set.of("exec")), Map.entry("uv", Set.of("run")),
      Map.entry("conda", Set.of("run")), Map.entry("mamba", Set.of("run")), Map.entry("micromamba", Set.of("run")),
      Map.entry("direnv", Set.of("exec")), Map.entry("mise", Set.of("exec", "x")), Map.entry("rtx", Set.of("exec",
          "x")), Map.entry("nix", Set.of("develop", "shell")), Map.entry("op", Set.of("run")),
      Map.entry("doppler", Set.of("run")), Map.entry("infisical", Set.of("run")), Map.entry("aws-vault",
          Set.of("exec")), Map.entry("dotenv", Set.of()));
  /** Their options that take a value. */
  private static final Set<String> VALUE_OPTIONS = Set.of("--with", "--python", "-p", "--directory", "--project",
      "--package", "--env-file", "--group", "--extra", "--index", "-w", "-n", "--name", "--prefix", "--cwd", "-e",
      "--environment", "--config", "--project-dir", "--env", "--profile", "--duration", "--region", "-c", "--command",
      "--manifest-path", "--from", "--isolated-from");
  /** Tools whose command follows {@code --} only (what comes before are tools, flakes or profiles). */
  private static final Set<String> AFTER_SEPARATOR = Set.of("mise", "rtx", "op", "doppler", "infisical", "dotenv");

  private ProjectRunners() {}

  /**
   * The command {@code name rest} runs; empty when it runs one that cannot be found (the tool is then judged
   * itself), null when {@code name} is no such tool or {@code rest} is not a run at all ({@code poetry install}).
   */
  static List<Arg> command(String name, List<Arg> rest) {
    Set<String> run = RUN.get(name);
    if (run == null || rest.isEmpty() || !run.isEmpty() && !run.contains(rest.get(0).text())) {
      return null;
    }
    List<Arg> after = run.isEmpty() ? rest : rest.subList(1, rest.size());
    if (name.equals("nix")) {
      // nix develop [FLAKE] -c CMD ARGS, nix shell PKGS -c CMD ARGS: the command follows -c/--command
      for (int k = 0; k < after.size(); k++) {
        String t = after.get(k).text();
        if (t.equals("-c") || t.equals("--command")) {
          return after.subList(k + 1, after.size());
        }
      }
      return null;
    }
    if (AFTER_SEPARATOR.contains(name) || name.equals("aws-vault")) {
      for (int k = 0; k < after.size(); k++) {
        if (after.get(k).text().equals("--")) {
          return after.subList(k + 1, after.size());
        }
      }
      if (!name.equals("aws-vault")) {
        return List.of();
      }
      // aws-vault exec PROFILE CMD
      int k = 0;
      while (k < after.size() && after.get(k).text().startsWith("-")) {
        k += VALUE_OPTIONS.contains(after.get(k).text()) ? 2 : 1;
      }
      return k + 1 < after.size() ? after.subList(k + 1, after.size()) : List.of();
    }
    int k = 0;
    while (k < after.size()) {
      String t = after.get(k).text();
      if (t.equals("--")) {
        k++;
        break;
      }
      if (!t.startsWith("-") || t.length() < 2) {
        break;
      }
      k += VALUE_OPTIONS.contains(t) ? 2 : 1;
    }
    if (name.equals("direnv")) {
      k++; // direnv exec DIR CMD
    }
    return k < after.size() ? after.subList(k, after.size()) : List.of();
  }
}
