/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import dev.containment4j.internal.shell.Arg;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Words that cannot name a file for the program they are given to, so the path rules need not resolve them: the
 * subcommand of a tool that always takes one ({@code git status}, {@code cargo build}), the script of
 * {@code npm run build}, the targets of {@code make clean}, the branch of {@code git switch main}, the message of
 * {@code git commit -m fix}. Only for programs whose argument grammar is known and called by their bare name: any
 * operand of another program ({@code ./build.sh clean}, {@code python x}) may be a file it reads, and so may every
 * operand not listed here ({@code git checkout main} restores a file named main when no branch has that name;
 * {@code git push origin} pushes to a directory named origin when no remote has that name;
 * {@code npm install x} installs a folder named x). Only plain words qualify: no {@code /}, no leading
 * {@code .} {@code ~} {@code -} {@code @} {@code +}, no {@code =}, no glob, nothing computed at run time.
 */
final class OperandGrammar {
  private OperandGrammar() {}

  /** Tools whose first operand is always a subcommand, never a file. */
  private static final Set<String> SUBCOMMAND_TOOLS = Set.of("git", "npm", "pnpm", "yarn", "cargo", "go", "pip",
      "pip3", "uv", "poetry", "docker", "podman", "kubectl", "helm", "terraform", "gh", "bundle", "composer", "gem",
      "brew", "apt", "apt-get", "dnf", "conda", "rustup", "dotnet", "deno", "bun");
  /** Tools whose bare operands are targets or tasks (only stat()ed, never opened): make clean, mvn test. */
  private static final Set<String> TARGET_TOOLS = Set.of("make", "gmake", "mvn", "gradle", "just", "rake");
  /** Options of the target tools that take no separate value, so the word after them is still a target. */
  private static final Set<String> NO_VALUE = Set.of("-k", "-n", "-B", "-i", "-q", "-w", "-U", "-e",
      "-X", "-N", "-am", "-amd", "-ntp", "-fae", "-ff", "--keep-going", "--silent", "--quiet", "--offline",
      "--batch-mode", "--no-print-directory", "--no-transfer-progress", "--always-make", "--dry-run");

  /** make -j4, make -l2.5: the value is attached. */
  private static final Pattern JOBS = Pattern.compile("-[jl][0-9.]+");

  /**
   * Whether the parameter at {@code index} (0 = the first word after the program) cannot name a file for
   * {@code u}'s program.
   */
  static boolean notAFile(Unit u, int index) {
    List<Arg> args = u.args();
    if (args.isEmpty() || args.get(0).dynamic() || args.get(0).text().contains("/")) {
      return false;
    }
    List<Arg> params = u.params();
    if (!plain(params.get(index))) {
      return false;
    }
    String program = args.get(0).text();
    if (SUBCOMMAND_TOOLS.contains(program)) {
      if (index == 0) {
        return true;
      }
      String sub = params.get(0).text();
      if (index == 1 && (program.equals("npm") || program.equals("pnpm") || program.equals("yarn"))) {
        return plain(params.get(0)) && (sub.equals("run") || sub.equals("run-script"));
      }
      if (program.equals("git") && plain(params.get(0))) {
        if (sub.equals("switch")) {
          // git switch takes branches and a start point, never a path; -c/-C name the new branch
          String prev = params.get(index - 1).text();
          return !prev.startsWith("-") || prev.equals("-c") || prev.equals("-C") || prev.equals("--create");
        }
        if (sub.equals("commit")) {
          // the message of -m: git writes it, it does not open a file by that name (-F does)
          return params.get(index - 1).text().equals("-m");
        }
      }
      return false;
    }
    if (TARGET_TOOLS.contains(program)) {
      // every word before it is a target or an option without a separate value (-f FILE, -C DIR, -pl MODULE:
      // the word after such an option is a file and is kept)
      for (int k = 0; k < index; k++) {
        String w = params.get(k).text();
        if (!plain(params.get(k)) && !NO_VALUE.contains(w) && !JOBS.matcher(w).matches()) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private static boolean plain(Arg a) {
    if (a.dynamic() || a.glob() || a.computed()) {
      return false;
    }
    String t = a.text();
    if (t.isEmpty()) {
      return false;
    }
    char c = t.charAt(0);
    if (c == '.' || c == '~' || c == '-' || c == '@' || c == '+') {
      return false;
    }
    for (int k = 0; k < t.length(); k++) {
      char x = t.charAt(k);
      if (x == '/' || x == '=' || x == '*' || x == '?' || x == '[' || x == '$' || x == '`' || x == '\\'
          || x == ' ') {
        return false;
      }
    }
    return true;
  }
}
