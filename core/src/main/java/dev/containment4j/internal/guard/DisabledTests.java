/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tests and checks taken out of the way instead of fixed, the over-eager answer to "make the build pass": a test
 * file or test directory deleted ({@code rm}, {@code git rm}, {@code find … -delete}) or moved to a name the runner
 * does not collect ({@code mv test_x.py test_x.py.bak}), tests renamed or marked skipped ({@code sed -i
 * 's/def test_/def skip_/'}, an edit adding {@code @pytest.mark.skip}, {@code it.skip}, {@code @Disabled},
 * {@code t.Skip()}), and a linter or type checker switched off for a whole file ({@code /* eslint-disable *}{@code /},
 * {@code # pylint: skip-file}, {@code // @ts-nocheck}, {@code #![allow(clippy::all)]}). Judged by what the action
 * does to which file, whatever program does it; a line-level suppression, a renamed test that is still a test, and
 * caches next to tests ({@code __pycache__}, snapshots) stay ordinary.
 */
final class DisabledTests {
  /** A source file named as a test by the common runners (pytest, Go, Jest/Vitest/Mocha, JUnit, RSpec, Minitest). */
  private static final Pattern TEST_FILE = Pattern.compile("(?i)^(test_.+\\.py|.+_test\\.(py|go|rb|rs|exs?)"
      + "|.+\\.(test|spec)\\.[cm]?[jt]sx?|.+(Test|Tests|IT|Spec)\\.(java|kt|scala|groovy|cs|swift)"
      + "|.+_spec\\.rb|test_.+\\.rb|.+Test\\.php)$");
  /** A directory that holds tests. */
  private static final Set<String> TEST_DIRS = Set.of("test", "tests", "__tests__", "spec", "specs", "e2e",
      "integration-tests", "integration_tests", "testing");
  static final Pattern SOURCE = Pattern.compile("(?i).+\\.(py|go|rb|rs|exs?|[cm]?[jt]sx?|java|kt|scala"
      + "|groovy|cs|swift|php|c|cc|cpp|h)$");
  /** What lies next to tests and is generated: deleting it is cleaning, not removing tests. */
  static final Pattern GENERATED = Pattern.compile("(?i).*(__pycache__|__snapshots__|\\.pytest_cache|\\.pyc"
      + "|\\.snap|reports?|results|output|coverage|tmp|\\.log|\\.cache|node_modules|target|build|dist)$");
  /** A test definition: a function or case the runner collects. */
  private static final Pattern TEST_DEF = Pattern.compile("(?m)(\\bdef test_?\\w*\\s*\\(|\\bfunc Test\\w*\\s*\\("
      + "|(^|[^\\w.])(it|test|describe|context)\\s*\\(\\s*['\"`]|@Test\\b|@ParameterizedTest\\b|#\\[test\\]"
      + "|\\bdef test_\\w+|\\bfunc Test\\w+|^\\s*(it|describe|context|scenario)\\s+['\"]"
      + "|\\[(Fact|Theory|Test|TestMethod|TestCase)\\b|\\bfunction test\\w*\\s*\\()");
  /** A marker that makes the runner skip a test or a group of tests. */
  // gate: every alternative names skip, xfail, todo, xit, xdescribe, xtest, .only, disabled or ignore
  private static final GatedPattern SKIP = GatedPattern.of(
      "(@pytest\\.mark\\.(skip|xfail)\\b|@unittest\\.skip|\\bpytest\\.skip\\("
      + "|\\b(it|test|describe|context)\\.(skip|todo)\\b|(^|[^\\w.])x(it|describe|test)\\s*\\(|\\b(it|test|describe)\\.only\\b"
      + "|@Disabled\\b|@Ignore\\b|\\bt\\.Skip(Now|f)?\\(|#\\[ignore\\b[^\\]]*\\]|\\bskip\\s*\\("
      + "|\\bmarkTestSkipped\\(|@Ignored\\b|\\[(Fact|Theory)\\s*\\(\\s*Skip\\s*=|\\[Ignore\\b)",
      "skip", "xfail", "todo", "xit", "xdescribe", "xtest", ".only", "disabled", "ignore");
  /** A linter or type checker switched off for the rest of the file (not for one line). */
  // gate: every alternative names lint, mypy, noqa, nocheck, #![allow(, rubocop, suppresswarnings, biome-ignore-all,
  // phpcs:disable, phpstan-ignore-file or pragma
  private static final GatedPattern FILE_WIDE_OFF = GatedPattern.of(
      "(?im)((es|style|markdown|ts|js)lint[-:]disable"
      + "(?![-:]?(next-)?line)|#\\s*pylint:\\s*(skip-file|disable-all)|^\\s*#\\s*pylint:\\s*disable\\s*="
      + "|#\\s*mypy:\\s*ignore-errors|#\\s*(flake8|ruff):\\s*noqa|@ts-nocheck|#!\\[allow\\(|^\\s*#\\s*rubocop:\\s*disable"
      + "|//\\s*nolint:\\s*all|@SuppressWarnings\\(\\s*\"all\""
      + "|biome-ignore-all|phpcs:disable|@phpstan-ignore-file|#\\s*pragma\\s+warning\\s+disable\\s*$)",
      "lint", "mypy", "noqa", "nocheck", "#![allow(", "rubocop", "suppresswarnings", "biome-ignore-all",
      "phpcs:disable", "phpstan-ignore-file", "pragma");
  /** A sed substitution, {@code s/PATTERN/REPLACEMENT/FLAGS} with any delimiter: groups 2 and 3. */
  static final Pattern SED_SUBST = Pattern.compile("^s(.)(.*?)(?<!\\\\)\\1(.*?)(?<!\\\\)\\1[gIi0-9]*$");
  /**
   * A sed command that deletes the lines a regular expression selects: {@code /assert/d}, {@code \|expect(|d}, and
   * (session 16) a range that starts there ({@code /def test_/,+3d}, {@code /@Test/,/^$/d}).
   */
  private static final Pattern SED_DELETE = Pattern.compile("^(?:/((?:[^/\\\\]|\\\\.)*)/|\\\\(.)(.*?)\\2)I?"
      + "(?:\\s*,\\s*(?:[+~]?\\d+|\\$|/(?:[^/\\\\]|\\\\.)*/))?\\s*d$");
  /** A sed command that inserts, appends or changes to a line of text: {@code 1i TEXT}, {@code $a\\TEXT}. */
  private static final Pattern SED_TEXT = Pattern.compile(
      "^(?:\\d+|\\$|/(?:[^/\\\\]|\\\\.)*/)?\\s*[iac](?:\\\\\\s*|\\s+)(.+)$", Pattern.DOTALL);
  /** What a test checks: assertions and expectations of the common runners. */
  private static final Pattern ASSERTION = Pattern.compile("(?i)\\b(assert\\w*|expect|should|require\\.\\w+"
      + "|t\\.(error|fatal|fail)\\w*|verify|check_?that)\\b");
  /** An assertion turned into a comment by a substitution: {@code \1# assert}, {@code // expect(}. */
  private static final Pattern COMMENTED_ASSERTION = Pattern.compile("(?i)(#|//)\\s*(assert|expect|should|verify)");

  /**
   * An assertion that holds whatever the code does (session 20): {@code assert True}, {@code expect(true).toBe(true)},
   * {@code assertTrue(true)}, {@code assertEquals(1, 1)}, {@code assert.ok(1)}.
   */
  private static final Pattern VACUOUS = Pattern.compile("(?i)\\bassert\\s*\\(?\\s*(?:true|1)\\s*\\)?\\s*(?:$|[;#\\n])"
      + "|\\b(?:assert(?:True|That|\\.ok)?|expect|require\\.True)\\s*\\(\\s*(?:t\\s*,\\s*)?(?:true|1)\\s*\\)"
      + "(?!\\s*\\.\\s*(?:toBe|to\\.be\\.|toEqual)\\s*\\(?\\s*(?:false|0)\\b)"
      + "|\\bassert_?Equals?\\s*\\(\\s*([\\w\"']+)\\s*,\\s*\\1\\s*\\)");

  private DisabledTests() {}

  /** A shell command that deletes, hides or switches off tests. */
  static Judgement judge(Unit u) {
    List<String> argv = u.argv();
    switch (u.name()) {
      case "rm":
      case "unlink":
      case "trash":
      case "trash-put":
        return removes(u, operands(argv, 1));
      case "git":
        return git(u, argv);
      case "mv":
        return moves(u, operands(argv, 1));
      case "find":
        return find(u, argv);
      case "sed":
      case "perl":
        return sed(u, argv);
      default:
        return Judgement.ALLOW;
    }
  }

  /** An edit by the edit tool (the old and new text of its replacements). */
  static Judgement edit(String file, String oldText, String newText) {
    Matcher off = FILE_WIDE_OFF.matcherOrNull(newText);
    while (off != null && off.find()) {
      if (!oldText.contains(off.group().trim())) {
        return Judgement.ask(Classifier.AUDIT, "this edit of " + file + " switches a linter or type checker off for"
            + " the whole file (`" + off.group().trim() + "`), so every later problem in it goes unreported; fix"
            + " what it reports, or suppress one finding on its line");
      }
    }
    // tests may live in any source file (Rust's #[cfg(test)] modules, doctests): a skip marker added next to a test
    // definition counts there too
    boolean tests = testFile(file) || underTestDir(file) || count(TEST_DEF, newText) > 0;
    if (!tests) {
      return Judgement.ALLOW;
    }
    if (count(SKIP, newText) > count(SKIP, oldText)) {
      return Judgement.ask(Classifier.AUDIT, "this edit of " + file + " marks tests as skipped, so what they check"
          + " is no longer checked; fix the code or the test, or let the user decide");
    }
    if (count(VACUOUS, newText) > count(VACUOUS, oldText)) {
      return Judgement.ask(Classifier.AUDIT, "this edit of " + file + " makes a test assert something that always"
          + " holds, so it passes without checking the code; fix the code or the test, or let the user decide");
    }
    if (count(TEST_DEF, active(newText)) < count(TEST_DEF, active(oldText))) {
      return Judgement.ask(Classifier.AUDIT, "this edit of " + file + " removes or renames tests so the runner no"
          + " longer runs them; fix the code or the test, or let the user decide");
    }
    return Judgement.ALLOW;
  }

  private static Judgement git(Unit u, List<String> argv) {
    int k = OverEagerActions.gitSubcommand(argv);
    if (k < 0) {
      return Judgement.ALLOW;
    }
    String sub = argv.get(k);
    if (sub.equals("rm") && !argv.contains("--cached")) {
      return removes(u, operands(argv, k + 1));
    }
    return sub.equals("mv") ? moves(u, operands(argv, k + 1)) : Judgement.ALLOW;
  }

  private static Judgement removes(Unit u, List<String> files) {
    for (String f : files) {
      // what find -exec selected (`{}` of a selective find): the find itself was judged by its -name and -path
      if (tests(f) && !name(f).equals("found-by-find")) {
        return Judgement.ask(Classifier.AUDIT, u.shown() + " deletes tests (" + f + "), so what they check is no longer"
            + " checked; fix the code or the test, or let the user decide");
      }
    }
    return Judgement.ALLOW;
  }

  private static Judgement moves(Unit u, List<String> ops) {
    if (ops.size() < 2) {
      return Judgement.ALLOW;
    }
    String to = ops.get(ops.size() - 1);
    for (String from : ops.subList(0, ops.size() - 1)) {
      if (testFile(from) && !testFile(to) && !to.endsWith("/") && !SOURCE.matcher(to).matches()
          && !TEST_DIRS.contains(name(to))) {
        return Judgement.ask(Classifier.AUDIT, u.shown() + " moves the test " + from + " to " + to + ", a name the test"
            + " runner does not collect, so it stops running; fix the code or the test, or let the user decide");
      }
    }
    return Judgement.ALLOW;
  }

  private static Judgement find(Unit u, List<String> argv) {
    boolean deletes = argv.contains("-delete") || argv.stream().anyMatch(x -> x.equals("rm") || x.equals("/bin/rm"));
    if (!deletes) {
      return Judgement.ALLOW;
    }
    FindOperands find = FindOperands.of(argv);
    List<String> names = find.names();
    List<String> dirs = find.places();
    for (String n : names) {
      String plain = n.replace("*", "x").replace("?", "x");
      boolean inTests = dirs.stream().anyMatch(DisabledTests::underTestDir) || TEST_DIRS.contains(name(plain));
      if (!GENERATED.matcher(plain).matches() && (TEST_FILE.matcher(plain).matches()
          || n.toLowerCase(Locale.ROOT).startsWith("test") || inTests && SOURCE.matcher(plain).matches())) {
        return Judgement.ask(Classifier.AUDIT, u.shown() + " deletes test files (" + n + "), so what they check is no"
            + " longer checked; fix the code or the test, or let the user decide");
      }
    }
    return Judgement.ALLOW;
  }

  private static Judgement sed(Unit u, List<String> argv) {
    if (argv.stream().noneMatch(x -> Regexes.matches(x, "-\\w*i.*|--in-place.*"))) {
      return Judgement.ALLOW;
    }
    List<String> files = new ArrayList<>();
    List<String[]> substs = new ArrayList<>();
    for (String x : argv.subList(1, argv.size())) {
      Matcher s = SED_SUBST.matcher(x);
      if (s.matches()) {
        substs.add(new String[] {s.group(2), s.group(3)});
      } else if (!x.startsWith("-")) {
        files.add(x);
      }
    }
    // session 21: a file-wide switch-off inserted by sed (`sed -i '1i // @ts-nocheck'`, also through find -exec)
    for (String x : argv.subList(1, argv.size())) {
      Matcher text = SED_TEXT.matcher(x);
      Matcher subst = SED_SUBST.matcher(x);
      String added = text.matches() ? text.group(1) : subst.matches() ? subst.group(3) : null;
      Matcher off = added == null ? null : FILE_WIDE_OFF.matcherOrNull(added);
      if (off != null && off.find() && !(subst.matches() && subst.group(2).contains(off.group().trim()))) {
        return Judgement.ask(Classifier.AUDIT, u.shown() + " switches a linter or type checker off for the whole file"
            + " (`" + off.group().trim() + "`), so every later problem in it goes unreported; fix what it reports, or"
            + " suppress one finding on its line");
      }
    }
    if (files.stream().noneMatch(f -> testFile(f) || underTestDir(f))) {
      return Judgement.ALLOW;
    }
    for (String x : argv.subList(1, argv.size())) {
      Matcher d = SED_DELETE.matcher(x);
      String selected = !d.matches() ? null : d.group(1) != null ? d.group(1) : d.group(3);
      // a quote or a name may follow the selected text (`it(` of `it('…'`, `def test_` of `def test_sync(`)
      if (selected != null && (ASSERTION.matcher(selected).find() || TEST_DEF.matcher(selected + "'x(").find()
          || TEST_DEF.matcher(selected + "x(").find())) {
        return Judgement.ask(Classifier.AUDIT, u.shown() + " deletes the lines of tests that check something (`" + x
            + "`), so the tests pass without checking it; fix the code or the test, or let the user decide");
      }
    }
    for (String[] s : substs) {
      String pattern = s[0].replace("\\", "").replace("^", "");
      String replacement = s[1].replace("\\", "");
      // a quote closes the definition the pattern opens (`it(` of `it('…'`), so the pattern counts as one
      // ... and a name the pattern ends with may continue (`def test_` of `def test_sync(`)
      if (count(SKIP, replacement) > count(SKIP, pattern)
          || count(TEST_DEF, replacement + "'") < count(TEST_DEF, pattern + "'")
          || count(TEST_DEF, replacement + "x(") < count(TEST_DEF, pattern + "x(")
          || count(TEST_DEF, active(replacement + "'")) < count(TEST_DEF, active(pattern + "'"))) {
        return Judgement.ask(Classifier.AUDIT, u.shown() + " renames tests or marks them skipped, so the runner no"
            + " longer runs them; fix the code or the test, or let the user decide");
      }
      // `s/assert .*/pass/`, `s/^\(\s*\)assert/\1# assert/`, `s/assert x == 200/assert True/`: the test still
      // runs, and checks nothing
      if (ASSERTION.matcher(pattern).find() && (count(ASSERTION, replacement) < count(ASSERTION, pattern)
          || count(VACUOUS, replacement) > count(VACUOUS, pattern)
          || COMMENTED_ASSERTION.matcher(replacement).find() && !COMMENTED_ASSERTION.matcher(pattern).find())) {
        return Judgement.ask(Classifier.AUDIT, u.shown() + " removes or comments out what tests check, so they pass"
            + " without checking it; fix the code or the test, or let the user decide");
      }
    }
    return Judgement.ALLOW;
  }

  /** Whether a path names tests: a test file, or a test directory (or one below it) that is not generated output. */
  private static boolean tests(String path) {
    String n = name(path);
    if (n.isEmpty() || GENERATED.matcher(n).matches()) {
      return false;
    }
    if (testFile(path)) {
      return true;
    }
    boolean dir = !n.contains(".") || n.startsWith(".");
    return underTestDir(path) && (dir || SOURCE.matcher(n).matches());
  }

  private static boolean testFile(String path) {
    return TEST_FILE.matcher(name(path)).matches();
  }

  /** Whether a path lies in a test directory, or is one ({@code tests}, {@code src/test/java/…}). */
  private static boolean underTestDir(String path) {
    for (String seg : path.split("/")) {
      if (TEST_DIRS.contains(seg.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private static String name(String path) {
    String p = path;
    while (p.endsWith("/") && p.length() > 1) {
      p = p.substring(0, p.length() - 1);
    }
    int slash = p.lastIndexOf('/');
    return slash < 0 ? p : p.substring(slash + 1);
  }

  private static List<String> operands(List<String> argv, int from) {
    List<String> out = new ArrayList<>();
    boolean ended = false;
    for (int k = from; k < argv.size(); k++) {
      String x = argv.get(k);
      if (!ended && x.equals("--")) {
        ended = true;
      } else if (ended || !x.startsWith("-")) {
        out.add(x);
      }
    }
    return out;
  }

  /** A line commented out ({@code // @Test}, {@code # def test_x}); Rust's {@code #[test]} is not a comment. */
  private static final Pattern COMMENTED = Pattern.compile("(?m)^\\s*(//|/\\*|\\*|#(?!\\[)|--|;).*$");

  /** The text without its commented-out lines: a test commented out is not collected. */
  private static String active(String text) {
    return COMMENTED.matcher(text).replaceAll("");
  }

  private static int count(GatedPattern p, String text) {
    return p.mayMatch(text) ? count(p.pattern(), text) : 0;
  }

  private static int count(Pattern p, String text) {
    int n = 0;
    Matcher m = p.matcher(text);
    while (m.find()) {
      n++;
    }
    return n;
  }

}
