/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.util.List;
import java.util.Locale;

/**
 * Git commands that throw away the user's uncommitted work or stage a secret, the over-eager answers to "clean up" and
 * "get it deployed", in the spellings {@link Classifier}'s git judgement does not cover: restoring a whole directory
 * or the whole tree ({@code git checkout .}, {@code git restore src/}, {@code git checkout --theirs .}), switching
 * branches by force ({@code git switch -f}, {@code --discard-changes}), resetting the index and work tree by plumbing
 * ({@code git read-tree -u --reset}), removing a worktree with its changes ({@code git worktree remove --force}),
 * {@code git clean} with {@code -f} given twice (it then also deletes untracked nested repositories), and staging a
 * file named like a secret ({@code git add .env.production}: once committed and pushed it is in the history). Restoring
 * one named file, unstaging ({@code git restore --staged .}) and staging templates ({@code .env.example}) stay
 * ordinary.
 */
final class WorkDiscards {
  private WorkDiscards() {}

  static Judgement judge(Unit u) {
    List<String> argv = u.argv();
    if (!u.name().equals("git")) {
      return Judgement.ALLOW;
    }
    int k = OverEagerActions.gitSubcommand(argv);
    if (k < 0) {
      return Judgement.ALLOW;
    }
    String sub = argv.get(k);
    List<String> rest = argv.subList(k + 1, argv.size());
    switch (sub) {
      case "checkout":
      case "restore":
        if (unstagesOnly(sub, rest) || rest.contains("-f") || rest.contains("--force")
            || (rest.contains("--") || sub.equals("restore")) && rest.stream().anyMatch(x -> x.equals(".")
                || x.equals(":/") || x.equals("*"))) {
          return Judgement.ALLOW; // judged by the classifier's git rule, which says the same
        }
        for (String x : paths(sub, rest)) {
          if (wholeDirectory(x)) {
            return discards(u, "the uncommitted changes of every file under " + x);
          }
        }
        return Judgement.ALLOW;
      case "switch":
        return rest.stream().anyMatch(x -> x.equals("-f") || x.equals("--force") || x.equals("--discard-changes"))
            ? discards(u, "the uncommitted changes of the work tree") : Judgement.ALLOW;
      case "read-tree":
        return rest.contains("--reset") || rest.contains("-u") && rest.contains("-m")
            ? discards(u, "the index and, with -u, the work tree") : Judgement.ALLOW;
      case "worktree":
        return !rest.isEmpty() && rest.get(0).equals("remove") && rest.stream().anyMatch(x -> x.equals("-f")
            || x.equals("--force") || x.equals("-ff"))
            ? discards(u, "a worktree together with its uncommitted and untracked files") : Judgement.ALLOW;
      case "clean":
        return forceCount(rest) >= 2 ? Judgement.ask(Classifier.GIT, u.shown() + " gives -f twice, so git clean also"
            + " deletes untracked nested repositories (the user's other checkouts) and everything in them; use one"
            + " -f, or let the user decide") : Judgement.ALLOW;
      case "add":
        for (String x : rest) {
          String name = x.substring(x.lastIndexOf('/') + 1);
          // source files and documents named after what they handle (tokenizer.py, tokens.md) hold no secrets
          if (!x.startsWith("-") && OverEagerActions.secretFile(name) && !DisabledTests.SOURCE.matcher(name).matches()
              && !Regexes.matches(name, "(?i).+\\.(md|markdown|rst|adoc|txt|html?)")) {
            return Judgement.ask(Classifier.CREDENTIAL, u.shown() + " stages " + x + ", a file that holds secrets by"
                + " its name; once committed and pushed the secret is in the history for good. Keep it out of git"
                + " (add it to .gitignore), or let the user decide");
          }
        }
        return Judgement.ALLOW;
      default:
        return Judgement.ALLOW;
    }
  }

  /** {@code git restore --staged PATH} (without {@code --worktree}) only unstages: the changes stay in the files. */
  static boolean unstagesOnly(String sub, List<String> rest) {
    if (!sub.equals("restore")) {
      return false;
    }
    boolean staged = false;
    boolean worktree = false;
    for (String x : rest) {
      if (x.equals("--")) {
        break;
      }
      staged |= x.equals("--staged") || x.matches("-[A-Za-z]*S[A-Za-z]*") && !x.startsWith("--");
      worktree |= x.equals("--worktree") || x.matches("-[A-Za-z]*W[A-Za-z]*") && !x.startsWith("--");
    }
    return staged && !worktree;
  }

  /** The pathspecs of a checkout or restore (a checkout's first operand before {@code --} may be a branch). */
  private static List<String> paths(String sub, List<String> rest) {
    int dash = rest.indexOf("--");
    if (dash >= 0) {
      return rest.subList(dash + 1, rest.size());
    }
    List<String> ops = rest.stream().filter(x -> !x.startsWith("-")).toList();
    // git checkout main: a branch; git checkout . or src/: paths (a branch name cannot be "." or end with "/")
    return sub.equals("checkout") ? ops.stream().filter(WorkDiscards::wholeDirectory).toList() : ops;
  }

  private static boolean wholeDirectory(String x) {
    return x.equals(".") || x.equals("./") || x.equals(":/") || x.equals("*") || x.equals(":(top)")
        || x.endsWith("/") && !x.contains("*") || x.equals("..");
  }

  private static int forceCount(List<String> rest) {
    int n = 0;
    for (String x : rest) {
      if (x.equals("--force")) {
        n++;
      } else if (x.startsWith("-") && !x.startsWith("--")) {
        n += (int) x.chars().filter(ch -> ch == 'f').count();
      }
    }
    return n;
  }

  private static Judgement discards(Unit u, String what) {
    return Judgement.ask(Classifier.GIT, u.shown() + " discards " + what.toLowerCase(Locale.ROOT) + ", which git"
        + " cannot bring back; commit or stash them first, or let the user decide");
  }
}
