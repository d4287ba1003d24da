/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import dev.containment4j.internal.shell.Arg;
import dev.containment4j.internal.shell.Redirect;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The project's source code destroyed by kind rather than by name, inside the workspace where deletes are otherwise
 * ordinary clean-ups: every file of a language deleted ({@code find . -name '*.py' -delete}, {@code find src -name
 * '*.java' -exec rm {} +}, {@code rm -f src/**}{@code /*.ts}) and a source file emptied ({@code truncate -s 0
 * App.java}, {@code : > main.go}, {@code cat /dev/null > lib.rs}). Version control may not hold the uncommitted
 * work, so a human decides. Generated code is cleaning: a pattern or directory naming build output
 * ({@code dist}, {@code build}, {@code target}, {@code __pycache__}, {@code *.pyc}) stays ordinary.
 */
final class SourceDeletes {
  private static final Set<String> EMPTY_WRITERS = Set.of("", ":", "true");

  private SourceDeletes() {}

  /** {@code find} deleting by a source file pattern. */
  static Judgement find(Unit u) {
    List<String> argv = u.argv();
    if (!argv.contains("-delete") && !execsADelete(u.full())) {
      return Judgement.ALLOW;
    }
    FindOperands find = FindOperands.of(argv);
    List<String> names = find.names();
    List<String> places = find.places();
    if (places.stream().anyMatch(SourceDeletes::generated)) {
      return Judgement.ALLOW;
    }
    for (String n : names) {
      if (sourceGlob(n)) {
        return ask(u, "deletes every file matching " + n);
      }
    }
    return Judgement.ALLOW;
  }

  /** Whether find's {@code -exec}/{@code -execdir}/{@code -ok} runs a delete (the command is a unit of its own). */
  private static boolean execsADelete(List<String> words) {
    for (int k = 0; k + 1 < words.size(); k++) {
      if (words.get(k).startsWith("-exec") || words.get(k).startsWith("-ok")) {
        String program = words.get(k + 1);
        String base = program.substring(program.lastIndexOf('/') + 1);
        if (base.equals("rm") || base.equals("unlink") || base.equals("shred") || base.equals("truncate")
            || base.equals("cp") && k + 2 < words.size() && words.get(k + 2).equals("/dev/null")) {
          return true;
        }
      }
    }
    return false;
  }

  /** {@code rm} of a glob of source files ({@code src/*.py}, {@code **}{@code /*.java}). */
  static Judgement rm(Unit u, List<Arg> targets) {
    for (Arg t : targets) {
      // shredding a key or a scratch file is hygiene; shredding the project's code or data is destruction
      if (u.name().equals("shred") && (source(t.text()) || database(t.text()))) {
        return Judgement.ask(Classifier.DELETE, u.shown() + " overwrites " + t.text() + " so that it can never be"
            + " recovered, not even from the file system; a human must confirm it");
      }
    }
    boolean recursive = u.argv().stream().anyMatch(x -> x.equals("--recursive") || Regexes.matches(x,
        "-[a-zA-Z]*[rR][a-zA-Z]*"));
    for (Arg t : targets) {
      String p = t.text();
      while (p.length() > 1 && p.endsWith("/")) {
        p = p.substring(0, p.length() - 1);
      }
      int slash = p.lastIndexOf('/');
      String last = p.substring(slash + 1);
      if (last.contains("*") && sourceGlob(last) && !generated(p)) {
        return ask(u, "deletes every file matching " + t.text());
      }
      // session 16: a whole source or test directory ("rm -rf src", "rm -r tests/"): the over-eager way to make a
      // build or a test run pass
      if (recursive && SOURCE_DIRS.contains(last) && !generated(p)) {
        return ask(u, "deletes the directory " + t.text());
      }
    }
    return Judgement.ALLOW;
  }

  /** Directory names that hold a project's own code or tests by convention. */
  private static final Set<String> SOURCE_DIRS = Set.of("src", "lib", "app", "pkg", "cmd", "internal", "source",
      "sources", "include", "test", "tests", "spec", "specs", "__tests__", "testing");

  /** {@code truncate} to size zero of a source file. */
  static Judgement truncate(Unit u, List<Arg> files) {
    List<String> argv = u.argv();
    boolean toZero = false;
    for (int k = 1; k < argv.size(); k++) {
      String x = argv.get(k);
      String size = x.equals("-s") || x.equals("--size") ? (k + 1 < argv.size() ? argv.get(k + 1) : "")
          : x.startsWith("--size=") ? x.substring(7) : x.startsWith("-s") ? x.substring(2) : null;
      if (size != null && size.matches("0+[KMGkmg]?B?")) {
        toZero = true;
      }
    }
    if (toZero) {
      for (Arg f : files) {
        if (source(f.text())) {
          return ask(u, "empties the source file " + f.text());
        }
        if (database(f.text())) {
          return askData(u, f.text());
        }
      }
    }
    return Judgement.ALLOW;
  }

  /** A truncating redirection that writes nothing ({@code : > f}, {@code > f}, {@code cat /dev/null > f}). */
  static Judgement emptied(Unit u, Redirect r) {
    List<String> argv = u.argv();
    boolean writesNothing = EMPTY_WRITERS.contains(u.name())
        || u.name().equals("cat") && argv.size() == 2 && argv.get(1).equals("/dev/null");
    if (r.truncates() && writesNothing && source(r.target().text())) {
      return ask(u, "empties the source file " + r.target().text());
    }
    if (r.truncates() && writesNothing && database(r.target().text())) {
      return askData(u, r.target().text());
    }
    return Judgement.ALLOW;
  }

  /** A database kept in a file (SQLite, Access, H2, a MySQL table file): emptying it loses rows, not build output. */
  private static final Pattern DATABASE_FILE = Pattern.compile(
      "(?i).+\\.(db|sqlite|sqlite3|db3|s3db|sdb|mdb|accdb|mv\\.db|ibd|myd|realm)");

  private static boolean database(String path) {
    return DATABASE_FILE.matcher(path.substring(path.lastIndexOf('/') + 1)).matches() && !generated(path);
  }

  private static Judgement askData(Unit u, String file) {
    return Judgement.ask(Classifier.DELETE, u.shown() + " empties the database file " + file + "; its data cannot"
        + " be recovered from version control, so a human must confirm");
  }

  private static Judgement ask(Unit u, String what) {
    return Judgement.ask(Classifier.DELETE, u.shown() + " " + what + ", the project's source code; uncommitted work"
        + " would be lost, so a human must confirm");
  }

  private static boolean sourceGlob(String glob) {
    String plain = glob.replace("*", "x").replace("?", "x");
    return glob.contains("*") && source(plain);
  }

  private static boolean source(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    return DisabledTests.SOURCE.matcher(name).matches() && !generated(path);
  }

  /** Whether a path or pattern names build output or caches rather than source. */
  private static boolean generated(String path) {
    for (String part : path.split("/")) {
      if (DisabledTests.GENERATED.matcher(part).matches() || part.equals("out") || part.equals("vendor")
          || part.equals("gen") || part.equals("generated")) {
        return true;
      }
    }
    return false;
  }
}
