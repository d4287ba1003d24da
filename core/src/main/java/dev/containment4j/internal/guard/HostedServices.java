/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Hosted services judged by what a call does to the service, not by the vendor's spelling: taking a deployment
 * down or resetting a linked (remote) database ({@code railway down}, {@code supabase db reset --linked}), acting
 * on live payment data ({@code stripe … --live}), exposing a local port to the internet (tunnels:
 * {@code tailscale funnel}, {@code ngrok}, {@code cloudflared tunnel}), and the cases that stay ordinary: a
 * tunnel program's version or status, a server bound to the loopback interface, a cluster that is a throw-away one
 * on this machine ({@code kind}, {@code minikube}, {@code k3d}, {@code docker-desktop}).
 */
final class HostedServices {
  /** The parts of a subcommand word; compiled once (String.split compiles a class per call). */
  private static final Pattern PARTS = Pattern.compile("[:._-]");
  /** Verbs that take a service offline or throw its data away, beyond the delete words the classifier knows. */
  private static final Pattern OFFLINE = Pattern.compile("down|reset|wipe|flush|truncate|unlink|detach|disconnect");
  /** supabase/turso commands that act on the linked, remote project only when told so. */
  private static final Set<String> REMOTE_FLAGS = Set.of("--linked", "--db-url", "--project-ref", "--remote");
  private static final Pattern LIVE_READ = Pattern.compile("list|retrieve|get|logs|status|version|help|listen"
      + "|open|samples|config|login|whoami");
  private static final Pattern TUNNEL_INFO = Pattern.compile("--version|-v|-V|version|-h|--help|help|status|list"
      + "|ls|info|login|logout|whoami|ip|ping|netcheck|config|update|diagnose|dns|debug|cert");
  private static final Pattern LOCAL_CONTEXT = Pattern.compile("(kind|k3d|minikube|docker-desktop|rancher-desktop"
      + "|orbstack|colima|microk8s|k3s)([-_].*)?|.*[-_](local|dev)");
  private static final Pattern LOOPBACK = Pattern.compile("(127\\.\\d+\\.\\d+\\.\\d+|localhost|::1|\\[::1\\])(:\\d+)?");

  private HostedServices() {}

  /** A hosted CLI's verb that takes something offline or resets it (the classifier's cloud(), after deletes). */
  static Judgement offline(Unit u, String shown, List<String> ops) {
    boolean remote = !u.name().equals("supabase") || u.argv().stream()
        .anyMatch(x -> REMOTE_FLAGS.contains(x.contains("=") ? x.substring(0, x.indexOf('=')) : x));
    if (remote && u.name().equals("supabase") && ops.contains("db") && ops.contains("push")) {
      return Judgement.ask(Classifier.INFRA, shown + " applies migrations to the linked, deployed database; a human"
          + " must confirm which project and environment");
    }
    for (int k = 1; k < ops.size(); k++) {
      String w = ops.get(k).toLowerCase(Locale.ROOT);
      for (String part : PARTS.split(w)) {
        if (OFFLINE.matcher(part).matches()) {
          return remote ? Judgement.ask(Classifier.INFRA, shown + " takes a deployed service down or resets its"
              + " data (" + w + "); a human must confirm which project and environment") : Judgement.ALLOW;
        }
      }
    }
    return null;
  }

  /** {@code stripe … --live}: real customers and money; reading stays ordinary, test mode too. */
  static Judgement stripe(Unit u, String shown) {
    List<String> argv = u.argv();
    boolean live = argv.stream().anyMatch(x -> x.equals("--live") || x.contains("sk_live_") || x.contains(
        "rk_live_"));
    if (!live) {
      return Judgement.ALLOW;
    }
    // stripe get|post|delete PATH, stripe customers list|create|delete: the verb is one of the first two words
    List<String> words = argv.stream().skip(1).filter(x -> !x.startsWith("-")).limit(2).toList();
    if (words.stream().anyMatch(x -> LIVE_READ.matcher(x).matches())) {
      return Judgement.ALLOW;
    }
    return Judgement.ask(Classifier.INFRA, shown + " acts on live payment data (real customers, charges and"
        + " refunds); use test mode, or a human must confirm it");
  }

  /** A tunnel program: exposes a local port to the internet, unless it only reports its version or state. */
  static Judgement tunnel(Unit u, String shown) {
    List<String> argv = u.argv();
    String sub = argv.size() > 1 ? argv.get(1) : "";
    if (u.name().equals("tailscale")) {
      return sub.equals("funnel") && !argv.contains("status") && !argv.contains("off") && !argv.contains("reset")
          ? Judgement.ask(Classifier.EXFIL, shown + " publishes a local port to the whole internet (Tailscale"
              + " Funnel); a human must confirm what is exposed")
          : Judgement.ALLOW;
    }
    // cloudflared tunnel list, ngrok config check, lt --version: reports, opens nothing
    String sub2 = argv.size() > 2 ? argv.get(2) : "";
    if ((TUNNEL_INFO.matcher(sub).matches() || TUNNEL_INFO.matcher(sub2).matches()) && !argv.contains("--url")
        && !sub2.equals("run") && !sub.equals("run")) {
      return Judgement.ALLOW;
    }
    return Judgement.ask(Classifier.EXFIL, shown + " opens a tunnel that exposes this machine to the internet");
  }

  /** Command words that destroy what they name (the CLI's own resource: a database, branch, project, app). */
  private static final Pattern DESTROYS = Pattern.compile("delete|destroy|drop|purge|wipe|teardown|nuke|terminate"
      + "|rb");
  /** Short removal verbs ({@code mc rm}, {@code etcdctl del}): judged with a flag that sweeps. */
  private static final Pattern REMOVES = Pattern.compile("rm|del|remove|rmr|deleteall");
  /** Removal verbs that are recursive by themselves ({@code zookeeper-shell … deleteall /brokers}). */
  private static final Set<String> RECURSIVE_REMOVES = Set.of("deleteall", "rmr");
  /** Flags that are a tool's action, not an option: {@code kafka-topics --delete}. */
  private static final Set<String> DESTROY_FLAGS = Set.of("--delete", "--destroy", "--drop");
  /** Flags that widen a removal to a tree, a key prefix or everything. */
  private static final Pattern SWEEPING = Pattern.compile("--recursive|-r|-R|--prefix|--from-key|--all"
      + "|-a|--purge");
  /** Local tools whose deletes are of throw-away things on this machine. */
  private static final Set<String> LOCAL_TOOLS = Set.of("kind", "minikube", "k3d", "colima", "multipass", "lima",
      "limactl", "podman-machine", "orb", "orbctl", "direnv", "pyenv", "nvm", "rbenv", "asdf", "mise", "sdk", "rustup",
      "volta", "fnm", "jenv", "conda", "mamba", "virtualenv", "tmux", "screen", "zellij",
      // recipe runners: the target is the project's own, judged where its recipe is read (ProjectRecipes)
      "make", "gmake", "just", "task", "mage", "rake", "invoke", "inv", "nox", "tox", "ninja", "bazel", "bazelisk",
      "buck2", "pants", "earthly", "cmake", "meson", "ant", "sbt", "lein", "mix", "dotnet", "msbuild", "xcodebuild");

  /**
   * A CLI the classifier has no model of whose first command words destroy something: {@code neonctl branches
   * delete main}, {@code turso db destroy}, {@code pscale branch delete}. Hosted-service CLIs are many and new ones
   * appear every month; their destroy verbs are few, so the verb is what is judged.
   */
  static Judgement unknownCli(Unit u, String shown) {
    List<String> argv = u.argv();
    // a local tool's delete is of one throw-away thing, unless it sweeps every one of them (kind delete clusters
    // --all, minikube delete --all --purge): other projects' clusters and caches go too
    if (argv.size() < 2 || LOCAL_TOOLS.contains(u.name()) && !argv.contains("--all") && !argv.contains("--purge")) {
      return Judgement.ALLOW;
    }
    int seen = 0;
    for (int k = 1; k < argv.size() && seen < 3; k++) {
      String t = argv.get(k);
      if (t.startsWith("-")) {
        continue;
      }
      if (Regexes.matches(t, ".*[.()'\"\\s].*")) {
        continue; // code, a file name or a URL (Session.delete_all), not a command word
      }
      seen++;
      if (REMOVES.matcher(t).matches() && (RECURSIVE_REMOVES.contains(t)
          || argv.stream().anyMatch(x -> SWEEPING.matcher(x).matches()))) {
        return Judgement.ask(Classifier.INFRA, shown + " removes recursively, by prefix or everything with the command `"
            + t + "` of " + u.name() + ", which the guard has no model of; a human must confirm what it deletes");
      }
      for (String part : PARTS.split(t.toLowerCase(Locale.ROOT))) {
        if (DESTROYS.matcher(part).matches()) {
          return Judgement.ask(Classifier.INFRA, shown + " runs the command `" + t + "` of " + u.name() + ", which"
              + " the guard has no model of and which destroys what it names; a human must confirm what it is");
        }
      }
    }
    // kafka-topics --delete --topic orders, kafka-consumer-groups --delete: tools whose action is a flag
    for (String t : argv) {
      if (DESTROY_FLAGS.contains(t)) {
        return Judgement.ask(Classifier.INFRA, shown + " runs " + u.name() + " with " + t + "; the guard has no model"
            + " of this tool and the flag destroys what it names; a human must confirm what it is");
      }
    }
    return Judgement.ALLOW;
  }

  /** {@code --context kind-dev} (or a local cluster's usual context name) on a kubectl call. */
  static boolean localCluster(List<String> argv) {
    String context = optionValue(argv, "--context");
    return context != null && LOCAL_CONTEXT.matcher(context).matches();
  }

  /**
   * The value of the first of {@code names} in {@code argv}, as {@code NAME VALUE} or (for a long name) {@code
   * NAME=VALUE}; null when none is given.
   */
  private static String optionValue(List<String> argv, String... names) {
    for (int k = 1; k < argv.size(); k++) {
      String t = argv.get(k);
      for (String n : names) {
        if (n.startsWith("--") && t.startsWith(n + "=")) {
          return t.substring(n.length() + 1);
        }
        if (t.equals(n) && k + 1 < argv.size()) {
          return argv.get(k + 1);
        }
      }
    }
    return null;
  }

  /**
   * {@code kubectl delete pod NAME... -n dev}: named pods (their controller starts new ones: the usual restart) in a
   * namespace named for development or tests, with no selector, no {@code --all} and no forced deletion (session 20).
   */
  static boolean podRestartInDevNamespace(List<String> argv, List<String> ops) {
    if (ops.size() < 4 || !Regexes.matches(ops.get(2), "pods?|po") || argv.contains("--all") || argv.contains("-A")
        || argv.contains("--force") || argv.stream().anyMatch(t -> t.equals("-l") || t.startsWith("--selector")
            || t.startsWith("--field-selector") || t.startsWith("--all-namespaces"))) {
      return false;
    }
    String namespace = optionValue(argv, "-n", "--namespace");
    return namespace != null && DEV_NAMESPACE.matcher(namespace).matches();
  }

  private static final Pattern DEV_NAMESPACE = Pattern.compile("(?!(?:.*-)?(?:prod|production|prd|live|stage|staging)"
      + "(?:-|$))(?:[a-z0-9-]+-)?(?:dev|development|test|testing|local|sandbox|ci|e2e|preview)(?:-[a-z0-9-]+)?");

  /** A file server told to listen on loopback only ({@code --bind 127.0.0.1}, {@code -S localhost:8000}). */
  static boolean loopbackOnly(List<String> argv) {
    for (int k = 1; k < argv.size(); k++) {
      String t = argv.get(k);
      if ((t.equals("--bind") || t.equals("-b") || t.equals("-S")) && k + 1 < argv.size()) {
        return LOOPBACK.matcher(argv.get(k + 1)).matches();
      }
      if (t.startsWith("--bind=")) {
        return LOOPBACK.matcher(t.substring(7)).matches();
      }
    }
    return false;
  }
}
