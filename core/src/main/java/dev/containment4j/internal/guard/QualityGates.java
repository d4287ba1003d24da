/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks switched off to get past them, the over-eager shortcut of an agent told to make the build green: lowering a
 * coverage or quality threshold ({@code fail_under = 90} to {@code 0}, {@code --cov-fail-under}, jest's
 * {@code coverageThreshold}), replacing a test or lint script by a no-op ({@code npm pkg set scripts.test="exit 0"}),
 * skipping the project's git hooks ({@code git commit -n}, {@code HUSKY=0}, {@code SKIP=...},
 * {@code git -c core.hooksPath=/dev/null}, {@code pre-commit uninstall}) and letting CI steps fail or never run
 * ({@code continue-on-error: true}, {@code if: false}). Raising a threshold and running the checks stay ordinary.
 */
final class QualityGates {
  /** A threshold key and its number: {@code fail_under = 90}, {@code "branches": 80}, {@code --cov-fail-under=85}. */
  private static final Pattern GATE = Pattern.compile("(?i)(fail[_-]?under|coverage[_-]?threshold|min(imum)?[_-]?"
      + "(coverage|ratio|score)?|threshold|branches|lines|functions|statements|covered[_-]?ratio|min[_-]?cov\\w*"
      + "|coverage|max[_-]?(warnings|errors|complexity|line[_-]?length))[\"']?\\s*[:=>]?\\s*[\"']?(?<n>\\d+(\\.\\d+)?)");
  /** A threshold key given no value at all: {@code "coverageThreshold": {}}, {@code fail_under = null}. */
  private static final Pattern EMPTIED = Pattern.compile("(?i)(coverage[_-]?threshold|fail[_-]?under|min[_-]?coverage)"
      + "[\"']?\\s*[:=]\\s*(?:\\{\\s*}|\\[\\s*]|null|none|false|\"\"|'')");
  private static final Pattern NO_OP = Pattern.compile("(?i)\\s*(exit 0|true|:|echo\\b.*|/bin/true)\\s*;?\\s*");
  private static final Pattern CHECK_SCRIPT = Pattern.compile("(?i)scripts\\.(test|lint|check|typecheck|verify"
      + "|ci|coverage|pretest|precommit|pre-commit)(:\\S*)?");
  // gate: every alternative names continue-on-error, if:, allow_failure, ||, no-verify, skip, passwithnotests, exit,
  // enabled, --ignore, deselect or ignorepatterns
  private static final GatedPattern CI_SKIP = GatedPattern.of("(?im)^\\s*(continue-on-error:\\s*true|if:\\s*(false"
      + "|\\$\\{\\{\\s*false\\s*}})|allow_failure:\\s*true)\\s*$|\\|\\|\\s*true\\s*$|--no-verify|-DskipTests"
      + "|-Dmaven\\.test\\.skip=true|--passWithNoTests|\\bexit 0\\s*$"
      // build files that stop running tests, test runners told to leave tests out
      + "|<(skipTests|skip|maven\\.test\\.skip|skipITs)>\\s*true|\\btests?\\s*\\{\\s*enabled\\s*=\\s*false"
      + "|\\btests?\\.enabled\\s*=\\s*false|\\benabled\\s*=\\s*false(?=[^}]*\\b(useJUnit|testLogging|maxParallelForks))"
      + "|--ignore(-glob)?[= ]\\S*(test|spec)|--deselect\\b|testPathIgnorePatterns"
      // session 18: pytest told to deselect by name or marker (addopts = -k "not payment"), conftest's ignore lists
      + "|(?<![\\w-])-[km]\\s*[\"']?\\s*not\\b[^\\n]*|\\bcollect_ignore(_glob)?\\s*[=+]",
      "continue-on-error", "if:", "allow_failure", "||", "no-verify", "skip", "passwithnotests", "exit", "enabled",
      "--ignore", "deselect", "ignorepatterns", "not", "collect_ignore");
  /** Session 18: the configuration files of test runners, whose options apply to every run. */
  private static final Pattern RUNNER_CONFIG = Pattern.compile("(?i)(^|.*/)(pytest\\.ini|\\.pytest\\.ini|setup\\.cfg"
      + "|tox\\.ini|pyproject\\.toml|conftest\\.py|(jest|vitest)\\.config\\.[cm]?[jt]s|\\.mocharc(\\.\\w+)?"
      + "|phpunit\\.xml(\\.dist)?|karma\\.conf\\.[jt]s)");

  /** A script run to check the code: {@code scripts/lint.sh}, {@code bin/test}, {@code ci/check.sh}. */
  private static final Pattern CHECK_SCRIPT_FILE = Pattern.compile("(?i)(^|.*/)(lint|test|tests|check|checks|verify"
      + "|ci|typecheck|type-check|coverage|format-check|pre-?commit|pre-?push)(\\.(sh|bash|zsh|ps1|cmd|bat))?$");
  /** A line of a script that does nothing: blank, a comment, the shebang, {@code exit 0}, an {@code echo} alone. */
  private static final Pattern NOTHING = Pattern.compile("(?i)\\s*(#.*|rem\\b.*|::.*|@echo off|exit( 0)?|true"
      + "|:|/bin/true|echo\\b[^;&|`$<>]*|set -\\w+)?\\s*;?\\s*");
  /** A switch that makes a checker strict, and its value: {@code "strict": true}, {@code failOnWarning = true}. */
  private static final Pattern STRICT_FLAG = Pattern.compile("(?i)[\"']?(strict|noImplicitAny|strictNullChecks"
      + "|noImplicitReturns|failOnWarnings?|failOnError|warningsAsErrors|treatWarningsAsErrors|werror"
      + "|fail_on_warnings?|disallow_untyped_defs|warn_unused_ignores)[\"']?\\s*[:=]\\s*[\"']?(true|false)\\b");

  private QualityGates() {}

  /** A shell command that switches off a check. */
  static Judgement judge(Unit u) {
    List<String> argv = u.argv();
    String name = u.name();
    if (name.equals("sed") || name.equals("perl")) {
      for (String x : argv) {
        Matcher s = DisabledTests.SED_SUBST.matcher(x);
        if (s.matches()) {
          String lowered = lowered(s.group(2), s.group(3));
          if (lowered != null) {
            return lower(u, lowered);
          }
        }
      }
      return Judgement.ALLOW;
    }
    if (name.equals("npm") || name.equals("pnpm") || name.equals("yarn")) {
      for (int k = 1; k + 1 < argv.size(); k++) {
        if (argv.get(k).equals("set")) {
          for (String kv : argv.subList(k + 1, argv.size())) {
            int eq = kv.indexOf('=');
            if (eq > 0 && CHECK_SCRIPT.matcher(kv.substring(0, eq)).matches()
                && NO_OP.matcher(kv.substring(eq + 1)).matches()) {
              return Judgement.ask(Classifier.AUDIT, u.shown() + " replaces the project's " + kv.substring(8, eq)
                  + " script by a command that does nothing, so the check always passes; fix what fails instead");
            }
          }
        }
      }
      return Judgement.ALLOW;
    }
    if (name.equals("pre-commit") || name.equals("husky") || name.equals("lefthook")) {
      return argv.size() > 1 && argv.get(1).equals("uninstall") ? hooks(u, "removes the project's git hooks")
          : Judgement.ALLOW;
    }
    if (name.equals("git")) {
      return git(u, argv);
    }
    return Judgement.ALLOW;
  }

  private static Judgement git(Unit u, List<String> argv) {
    int k = 1;
    for (; k < argv.size() && argv.get(k).startsWith("-"); k++) {
      String x = argv.get(k);
      if (x.equals("-c") && k + 1 < argv.size()) {
        String kv = argv.get(++k).toLowerCase(Locale.ROOT);
        if (kv.startsWith("core.hookspath=")) {
          return hooks(u, "points git at other hooks (" + argv.get(k) + ") for this command, skipping the"
              + " project's");
        }
      } else if (x.equals("-C")) {
        k++;
      }
    }
    if (k >= argv.size()) {
      return Judgement.ALLOW;
    }
    String sub = argv.get(k);
    boolean committing = sub.equals("commit") || sub.equals("merge") || sub.equals("am") || sub.equals("rebase")
        || sub.equals("push") || sub.equals("cherry-pick") || sub.equals("revert");
    if (!committing) {
      return Judgement.ALLOW;
    }
    for (Map.Entry<String, String> e : u.env().entrySet()) {
      String key = e.getKey();
      String v = e.getValue().trim().toLowerCase(Locale.ROOT);
      if (key.equals("HUSKY") && (v.equals("0") || v.equals("false")) || key.equals("HUSKY_SKIP_HOOKS")
          || key.equals("SKIP") && !v.isEmpty() || key.equals("LEFTHOOK") && v.equals("0")
          || key.equals("PRE_COMMIT_ALLOW_NO_CONFIG") || key.equals("SKIP_HOOKS")) {
        return hooks(u, "skips the project's git hooks (" + key + "=" + e.getValue() + ")");
      }
    }
    if ((sub.equals("commit") || sub.equals("merge") || sub.equals("am") || sub.equals("cherry-pick"))
        && argv.subList(k + 1, argv.size()).stream().anyMatch(x -> x.equals("-n")
            || sub.equals("commit") && Regexes.matches(x, "-[a-zA-Z]*n[a-zA-Z]*"))) {
      return hooks(u, "skips the project's pre-commit and commit-msg hooks (-n is --no-verify)");
    }
    return Judgement.ALLOW;
  }

  /**
   * A check script written so it does nothing ({@code printf '#!/bin/sh\\nexit 0' > scripts/lint.sh}): the check
   * always passes. {@code who} is the command or tool call that writes it.
   */
  static Judgement writtenScript(String who, String file, String content) {
    if (!CHECK_SCRIPT_FILE.matcher(file).matches()) {
      return Judgement.ALLOW;
    }
    for (String line : content.split("\n")) {
      if (!NOTHING.matcher(line).matches()) {
        return Judgement.ALLOW;
      }
    }
    return Judgement.ask(Classifier.AUDIT, who + " makes the check script " + file + " do nothing, so the check always"
        + " passes; fix what fails instead, or let the user decide");
  }

  /**
   * Session 18: a test runner's configuration written whole, or appended to by a shell command ({@code echo 'addopts
   * = -k "not payment"' >> pytest.ini}), that leaves tests out; edits are judged by {@link #edit}.
   */
  static Judgement writtenRunnerConfig(String file, String content) {
    if (!RUNNER_CONFIG.matcher(file).matches()) {
      return Judgement.ALLOW;
    }
    String added = added("", content);
    return added == null ? Judgement.ALLOW : Judgement.ask(Classifier.AUDIT, "this write of " + file + " lets a check"
        + " fail or stop running (`" + added.trim() + "`); fix what fails instead, or let the user decide");
  }

  /** An edit by the edit tool: the old and new text of one replacement. */
  static Judgement edit(String file, String oldText, String newText) {
    String lowered = lowered(oldText, newText);
    if (lowered != null) {
      return Judgement.ask(Classifier.AUDIT, "this edit of " + file + " lowers a quality gate (" + lowered + "), so"
          + " checks that fail now pass without the code getting better; fix what fails instead, or let the user"
          + " decide");
    }
    String added = added(oldText, newText);
    if (added != null) {
      return Judgement.ask(Classifier.AUDIT, "this edit of " + file + " lets a check fail or stop running (`"
          + added.trim() + "`); fix what fails instead, or let the user decide");
    }
    return Judgement.ALLOW;
  }

  /** A line of {@code newText} that lets CI or a check fail quietly and was not in {@code oldText}. */
  private static String added(String oldText, String newText) {
    Matcher m = CI_SKIP.matcherOrNull(newText);
    while (m != null && m.find()) {
      if (!oldText.contains(m.group().trim())) {
        int start = newText.lastIndexOf('\n', m.start()) + 1;
        int end = newText.indexOf('\n', m.end());
        return newText.substring(start, end < 0 ? newText.length() : end);
      }
    }
    return null;
  }

  /** "fail_under 90 → 0" when a threshold in {@code before} is lower in {@code after}, else null. */
  static String lowered(String before, String after) {
    Matcher on = STRICT_FLAG.matcher(before);
    while (on.find()) {
      if (on.group(2).equalsIgnoreCase("true")) {
        Matcher off = STRICT_FLAG.matcher(after);
        while (off.find()) {
          if (off.group(1).equalsIgnoreCase(on.group(1)) && off.group(2).equalsIgnoreCase("false")) {
            return on.group(1) + " true → false";
          }
        }
      }
    }
    // session 21: the threshold emptied rather than lowered ("coverageThreshold": {}, fail_under = null)
    Matcher emptied = EMPTIED.matcher(after);
    if (emptied.find() && !EMPTIED.matcher(before).find()
        && before.toLowerCase(Locale.ROOT).contains(emptied.group(1).toLowerCase(Locale.ROOT))) {
      return emptied.group(1) + " emptied";
    }
    List<String[]> a = gates(before);
    List<String[]> b = gates(after);
    for (String[] x : a) {
      for (String[] y : b) {
        if (x[0].equals(y[0]) && Double.parseDouble(y[1]) < Double.parseDouble(x[1])) {
          boolean max = x[0].startsWith("max");
          if (!max) {
            return x[0] + " " + x[1] + " → " + y[1];
          }
        } else if (x[0].equals(y[0]) && x[0].startsWith("max") && Double.parseDouble(y[1])
            > Double.parseDouble(x[1])) {
          return x[0] + " " + x[1] + " → " + y[1];
        }
      }
    }
    return null;
  }

  private static List<String[]> gates(String text) {
    List<String[]> out = new ArrayList<>();
    Matcher m = GATE.matcher(text);
    while (m.find()) {
      out.add(new String[] {m.group(1).toLowerCase(Locale.ROOT).replace('-', '_'), m.group("n")});
    }
    return out;
  }

  private static Judgement lower(Unit u, String what) {
    return Judgement.ask(Classifier.AUDIT, u.shown() + " lowers a quality gate (" + what + "), so checks that fail now"
        + " pass without the code getting better; fix what fails instead, or let the user decide");
  }

  private static Judgement hooks(Unit u, String what) {
    return Judgement.ask(Classifier.AUDIT, u.shown() + " " + what + "; hooks run the checks the project requires"
        + " before code is shared. Run them and fix what they find, or let the user decide");
  }

}
