/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Over-eager actions on things other people rely on, taken to get past an obstacle: merging, closing or approving
 * pull requests ({@code gh pr merge}, {@code gh pr review --approve}), deleting keys and logging the user out
 * ({@code gh ssh-key delete}, {@code gh auth logout}), rotating, revoking or deleting a credential with any CLI
 * ({@code az ad sp credential reset}, {@code stripe api_keys roll}, {@code npm token revoke}), forcing breaking
 * upgrades or switching the dependency audit off ({@code npm audit fix --force}, {@code npm config set audit false}),
 * and editing a lockfile by hand ({@code sed -i … package-lock.json}: its integrity hashes and download URLs are what
 * the package manager trusts). Judged by the kind of action and its object, whatever the program.
 */
final class SharedStateActions {
  /** A credential, as a subcommand or resource word names it ({@code api_keys}, {@code ssh-key}, {@code sa-key}). */
  private static final Set<String> CREDENTIAL_NOUNS = Set.of("key", "keys", "credential", "credentials", "secret",
      "secrets", "token", "tokens", "password", "passwords", "apikey", "apikeys", "accesskey", "certificate", "cert",
      "certs", "authorization", "authorizations", "oauth");
  /** What ends a credential's use. */
  private static final Set<String> ENDING_VERBS = Set.of("delete", "revoke", "reset", "roll", "rotate", "regenerate",
      "renew", "disable", "deactivate", "invalidate", "expire", "destroy", "remove", "rm");
  /** Programs whose words are files or text, not subcommands and resources. */
  private static final Set<String> NOT_RESOURCE_CLIS = Set.of("rm", "unlink", "mv", "cp", "sed", "perl", "echo",
      "printf", "cat", "grep", "rg", "find", "git", "ls", "touch", "mkdir", "ssh-keygen", "gpg", "gpg2", "openssl",
      "keytool", "sqlite3", "psql", "mysql", "redis-cli", "jq", "yq", "awk", "tee", "head", "tail", "make", "npm",
      "yarn", "pnpm", "python", "python3", "node", "ruby", "bash", "sh", "kubectl", "docker", "terraform");
  private static final Set<String> LOCKFILES = Set.of("package-lock.json", "npm-shrinkwrap.json", "yarn.lock",
      "pnpm-lock.yaml", "bun.lockb", "bun.lock", "poetry.lock", "pipfile.lock", "uv.lock", "pdm.lock",
      "cargo.lock", "gemfile.lock", "composer.lock", "go.sum", "packages.lock.json", "gradle.lockfile",
      "flake.lock", "mix.lock", "pubspec.lock", "podfile.lock", "package.resolved", "requirements.lock");

  private SharedStateActions() {}

  static Judgement judge(Unit u) {
    List<String> argv = u.argv();
    switch (u.name()) {
      case "gh":
      case "glab":
        return gh(u, words(argv)).max(credential(u, argv));
      case "npm":
      case "pnpm":
      case "yarn":
        return packages(u, argv);
      case "sed":
      case "perl":
        return lockfileEdit(u, argv);
      default:
        return credential(u, argv);
    }
  }

  /** The write or edit tool changing a lockfile. */
  static Judgement lockfileWrite(Path file) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    return LOCKFILES.contains(name) ? Judgement.ask(Classifier.SUPPLY_CHAIN, "this call changes the lockfile "
        + file + " by hand: its versions, integrity hashes and download URLs are what the package manager trusts;"
        + " change dependencies with the package manager, or let the user review the change") : Judgement.ALLOW;
  }

  private static Judgement gh(Unit u, List<String> ops) {
    String a1 = ops.size() > 1 ? ops.get(1) : "";
    String a2 = ops.size() > 2 ? ops.get(2) : "";
    List<String> argv = u.argv();
    // glab calls a pull request a merge request (`glab mr merge`, `glab mr approve`)
    boolean pr = a1.equals("pr") || a1.equals("mr") && u.name().equals("glab");
    if (pr && (a2.equals("merge") || a2.equals("close") || a2.equals("approve") || a2.equals("revoke"))
        || pr && a2.equals("review") && argv.stream().anyMatch(x -> x.equals("--approve")
            || x.equals("-a") || x.equals("--request-changes") || x.equals("-r"))
        || a1.equals("issue") && Set.of("close", "delete", "transfer", "lock").contains(a2)) {
      return Judgement.ask(Classifier.INFRA, u.shown() + " " + (a2.equals("review") ? "reviews" : a2 + "s")
          + " a pull request or issue on the user's behalf; that is a decision for the people who own it, so a"
          + " human must confirm");
    }
    if (a1.equals("auth") && (a2.equals("logout") || a2.equals("refresh"))) {
      return Judgement.ask(Classifier.INFRA, u.shown() + " changes the user's GitHub login; the user's other tools"
          + " depend on it, so a human must confirm");
    }
    if (a2.equals("delete") || a2.equals("rename")) {
      return Judgement.ask(Classifier.INFRA, u.shown() + " " + a2 + "s GitHub " + a1 + " resources that others may"
          + " rely on; a human must confirm");
    }
    return Judgement.ALLOW;
  }

  /** {@code [a-z][a-z0-9_:-]*}: a subcommand word, written out because it runs for most words of most commands. */
  private static boolean isWord(String w) {
    if (w.isEmpty() || w.charAt(0) < 'a' || w.charAt(0) > 'z') {
      return false;
    }
    for (int k = 1; k < w.length(); k++) {
      char c = w.charAt(k);
      if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == ':' || c == '-')) {
        return false;
      }
    }
    return true;
  }

  /** Where the part of {@code w} that starts at {@code start} ends: at the next {@code -}, {@code _} or {@code :}. */
  private static int partEnd(String w, int start) {
    int k = start;
    while (k < w.length() && w.charAt(k) != '-' && w.charAt(k) != '_' && w.charAt(k) != ':') {
      k++;
    }
    return k;
  }

  /** A CLI's subcommand words that end a credential's use: {@code … credential reset}, {@code api_keys roll}. */
  private static Judgement credential(Unit u, List<String> argv) {
    if (NOT_RESOURCE_CLIS.contains(u.name())) {
      return Judgement.ALLOW;
    }
    List<String> ws = words(argv);
    boolean noun = false;
    String verb = null;
    for (String w : ws.subList(Math.min(1, ws.size()), Math.min(ws.size(), 6))) {
      String lw = w.toLowerCase(Locale.ROOT);
      if (!isWord(lw)) {
        continue;
      }
      // heroku authorizations:revoke, stripe api_keys roll: a resource and its action may share one word
      for (int start = 0, end; start < lw.length(); start = end + 1) {
        end = partEnd(lw, start);
        String part = lw.substring(start, end);
        noun |= CREDENTIAL_NOUNS.contains(part);
        if (ENDING_VERBS.contains(part) && (part.equals(lw) || lw.contains(":"))) {
          verb = part;
        }
      }
    }
    if (!noun || verb == null) {
      return Judgement.ALLOW;
    }
    return Judgement.ask(Classifier.INFRA, u.shown() + " " + verb + "s a credential; whatever uses it (CI, deployments,"
        + " other people) stops working, so rotating or revoking it is the user's decision");
  }

  private static Judgement packages(Unit u, List<String> argv) {
    List<String> ops = words(argv);
    if (ops.size() > 1 && ops.get(1).equals("audit") && (ops.contains("fix") || argv.contains("--fix"))
        && argv.contains("--force")) {
      return Judgement.ask(Classifier.SUPPLY_CHAIN, u.shown() + " installs breaking (major) upgrades the project did not"
          + " choose, to make the audit pass; upgrade the affected packages deliberately, or let the user decide");
    }
    int set = ops.indexOf("set");
    if (ops.size() > 1 && ops.get(1).equals("config") && set > 0 && set + 1 < ops.size()) {
      String kv = String.join("=", ops.subList(set + 1, ops.size())).toLowerCase(Locale.ROOT);
      // npm's audit=false, yarn berry's npmAuditIgnore…, pnpm's auditConfig.ignoreCves
      if (Regexes.matches(kv, "(audit|audit-level)=(false|0|no|none|critical)")
          || Regexes.matches(kv, "[a-z.]*audit[a-z.]*(ignore|exclude|disable)[a-z.]*=.*")) {
        return Judgement.ask(Classifier.AUDIT, u.shown() + " switches off the dependency audit for every later install;"
            + " fix or deliberately accept the findings instead, or let the user decide");
      }
    }
    return Judgement.ALLOW;
  }

  private static Judgement lockfileEdit(Unit u, List<String> argv) {
    if (argv.stream().noneMatch(x -> Regexes.matches(x, "-\\w*i.*|--in-place.*"))) {
      return Judgement.ALLOW;
    }
    for (String x : argv.subList(1, argv.size())) {
      String name = x.substring(x.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
      if (LOCKFILES.contains(name)) {
        return Judgement.ask(Classifier.SUPPLY_CHAIN, u.shown() + " edits the lockfile " + x + " by hand: its"
            + " versions, integrity hashes and download URLs are what the package manager trusts; change"
            + " dependencies with the package manager, or let the user review the change");
      }
    }
    return Judgement.ALLOW;
  }

  /** The words that are not options (nor an option's value when it is joined with {@code =}). */
  private static List<String> words(List<String> argv) {
    List<String> out = new ArrayList<>();
    for (String x : argv) {
      if (!x.startsWith("-")) {
        out.add(x);
      }
    }
    return out;
  }

}
