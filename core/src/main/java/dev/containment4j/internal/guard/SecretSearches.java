/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import dev.containment4j.internal.shell.SimpleCommand;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Credential exploration with ordinary tools: searching output that carries other people's or other programs' secrets
 * for secret-looking words ({@code git log -p --all | grep -i password}, {@code docker inspect db | grep -i pass},
 * {@code ps auxe | grep token}), and secret scanners pointed outside the workspace ({@code trufflehog filesystem ~}),
 * which print every secret they find. A search of the project's own sources, or a scanner run on the workspace, stays
 * ordinary.
 */
final class SecretSearches {
  private static final Set<String> SEARCHERS = Set.of("grep", "egrep", "fgrep", "rg", "ag", "ack", "zgrep");
  /** What a search for secrets looks for. */
  private static final Pattern SECRET_WORDS = Pattern.compile("(?i).*(passw|\\bpass\\b|\\bpwd\\b|secret|token"
      + "|api[_-]?key|akia|private[_ -]?key|credential|auth).*");
  private static final Set<String> SCANNERS = Set.of("trufflehog", "gitleaks", "detect-secrets", "ggshield",
      "noseyparker", "secretlint", "whispers");

  private SecretSearches() {}

  static Judgement judge(Unit u) {
    String name = u.name();
    if (SEARCHERS.contains(name)) {
      return search(u);
    }
    if (SCANNERS.contains(name)) {
      return scanner(u);
    }
    return Judgement.ALLOW;
  }

  private static Judgement search(Unit u) {
    if (!pattern(u.argv())) {
      return Judgement.ALLOW;
    }
    for (SimpleCommand up : u.command().pipeline().upstreamOf(u.command())) {
      String source = secretSource(up.argv());
      if (source != null) {
        return Judgement.ask(Classifier.CREDENTIAL, u.shown() + " searches " + source + " for secrets; what it"
            + " finds are credentials of other people or programs, so a human must confirm");
      }
    }
    return Judgement.ALLOW;
  }

  /** Whether the search pattern (the first operand, or an {@code -e} value) looks for secrets. */
  private static boolean pattern(List<String> argv) {
    for (int k = 1; k < argv.size(); k++) {
      String x = argv.get(k);
      if ((x.equals("-e") || x.equals("--regexp")) && k + 1 < argv.size()) {
        return SECRET_WORDS.matcher(argv.get(k + 1)).matches();
      }
      if (x.startsWith("--regexp=")) {
        return SECRET_WORDS.matcher(x).matches();
      }
      if (!x.startsWith("-")) {
        return SECRET_WORDS.matcher(x).matches();
      }
    }
    return false;
  }

  /** What output the command prints that holds secrets not the project's own, or null. */
  private static String secretSource(List<String> av) {
    if (av.isEmpty()) {
      return null;
    }
    String n = Unit.baseName(av.get(0));
    List<String> rest = av.subList(1, av.size());
    switch (n) {
      case "git":
        return (rest.contains("log") || rest.contains("show") || rest.contains("reflog"))
            && (rest.contains("-p") || rest.contains("--patch") || rest.contains("--all"))
            || rest.contains("rev-list") && rest.contains("--all") ? "the repository's whole history" : null;
      case "docker":
      case "podman":
      case "nerdctl":
        return rest.contains("inspect") || rest.contains("exec") && rest.contains("env")
            ? "a container's configuration and environment" : null;
      case "ps":
        return rest.stream().anyMatch(x -> !x.startsWith("-") && x.toLowerCase(Locale.ROOT).contains("e")
            || x.equals("-E")) ? "the environment of running processes" : null;
      case "env":
      case "printenv":
      case "set":
      case "export":
        return rest.isEmpty() ? "the environment" : null;
      case "history":
        return "the shell history";
      case "kubectl":
      case "oc":
        return (rest.contains("get") || rest.contains("describe")) && (rest.contains("-o") || rest.stream()
            .anyMatch(x -> x.startsWith("-o") || x.startsWith("--output"))) && rest.stream().anyMatch(x ->
            x.startsWith("secret") || x.startsWith("configmap") || x.equals("cm") || x.startsWith("pod"))
            ? "cluster objects" : null;
      case "journalctl":
        return "the system journal";
      case "strings":
        return "a binary's strings";
      default:
        return null;
    }
  }

  /** A secret scanner prints what it finds: pointed at the home directory or the machine, that is every credential. */
  private static Judgement scanner(Unit u) {
    for (String x : u.argv().subList(1, u.argv().size())) {
      String t = x.contains("=") && x.startsWith("--") ? x.substring(x.indexOf('=') + 1) : x;
      boolean outside = t.equals("~") || t.startsWith("~/") || t.equals("/") || t.startsWith("$HOME")
          || t.startsWith("/") && u.cwd() != null && !t.startsWith(u.cwd().toString()) && !t.startsWith("/tmp");
      if (outside && !x.startsWith("-")) {
        return Judgement.ask(Classifier.CREDENTIAL, u.shown() + " scans " + t + " for secrets, outside the"
            + " workspace; it prints every credential it finds, so a human must confirm");
      }
    }
    return Judgement.ALLOW;
  }
}
