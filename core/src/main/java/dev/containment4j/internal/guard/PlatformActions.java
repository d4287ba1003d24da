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
 * Cloud, PaaS and infrastructure-as-code commands judged by what they do to a running service or its secrets,
 * whatever the vendor: printing secret values ({@code gcloud secrets versions access}, {@code az keyvault secret
 * show}, {@code heroku config}, {@code netlify env:get}, {@code terraform output -json}, {@code pulumi stack output
 * --show-secrets}, pulling production variables into a file), dumping a remote app's environment
 * ({@code heroku run env}, {@code fly ssh console -C printenv}), taking a service offline (scaling to zero,
 * {@code hosting:disable}), and deleting through CLIs the classifier has no model of (Cloudflare's
 * {@code wrangler}). Reading names, listing and local emulators stay ordinary.
 */
final class PlatformActions {
  static final Set<String> CLOUD = Set.of("gcloud", "az", "doctl", "heroku", "fly", "flyctl", "vercel", "netlify",
      "firebase", "wrangler", "railway", "render", "supabase", "oci", "ibmcloud", "linode-cli", "hcloud", "aws",
      "kubectl", "oc", "eksctl", "scw", "exo", "upcloud", "vultr-cli", "civo", "koyeb", "porter", "northflank",
      // session 21: GitOps controllers (flux suspend: the cluster stops following the repo) and Nomad (job stop)
      "flux", "argocd", "nomad");
  /** Remote execution facilities of PaaS CLIs, followed by the command they run there. */
  private static final Pattern ENV_DUMP = Pattern.compile("(?i)(env|printenv|set|export -p|declare -x"
      + "|cat /proc/\\S*environ|cat \\S*\\.env\\S*)(\\s.*)?");
  private static final Pattern CAPACITY = Pattern.compile("--(replicas|desired-count|node-count|num-nodes"
      + "|min-instances|max-instances|instances|size|min-count|max-count|count|nodes|min-nodes|max-nodes)");
  private static final Pattern OFFLINE = Pattern.compile("(?i)disable|suspend|pause|deactivate|shutdown|stop|deallocate"
      + "|hibernate");
  private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(pass(word|wd)?|secret|token|key|credential"
      + "|private|dsn|conn(ection)?_?string).*");

  private PlatformActions() {}

  static Judgement judge(Unit u) {
    String name = u.name();
    List<String> argv = u.argv();
    if (name.equals("terraform") || name.equals("tofu") || name.equals("terragrunt")) {
      return iacOutput(u, argv);
    }
    if (name.equals("pulumi")) {
      return argv.contains("--show-secrets") || argv.contains("--show-secrets=true")
          ? Judgement.ask(Classifier.CREDENTIAL, u.shown() + " prints secret values of the stack in clear text; a"
              + " human must confirm they may be shown")
          : Judgement.ALLOW;
    }
    if (!CLOUD.contains(name)) {
      return Judgement.ALLOW;
    }
    List<String> ops = argv.stream().filter(x -> !x.startsWith("-")).toList();
    String joined = String.join(" ", ops.subList(1, ops.size())).toLowerCase(Locale.ROOT);
    Judgement j = secrets(u, argv, joined);
    j = j.max(remoteEnv(u, argv, joined));
    j = j.max(offline(u, argv, ops, joined));
    if (name.equals("wrangler")) {
      j = j.max(wrangler(u, ops));
    }
    return j;
  }

  private static Judgement secrets(Unit u, List<String> argv, String joined) {
    String what = null;
    // every alternative of the first pattern holds "secret" or " list": without either it cannot match
    if ((joined.contains("secret") || joined.contains(" list"))
        && Regexes.matches(joined, ".*\\bsecrets? versions? access\\b.*|.*\\bkeyvault secret (show|download)\\b.*"
        + "|.*\\baccount keys list\\b.*|.*\\bsecret (get|show|reveal|read|access)\\b.*|.*\\bsecrets? (get|reveal)\\b.*"
        + "|.*\\b(appsettings|connection-string) list\\b.*")) {
      what = "prints secret values from the cloud's secret store";
    } else if (Regexes.matches(joined, "(config|config:get|env:get|pg:credentials.*|redis:credentials.*"
        + "|config:show)( .*)?") && u.name().equals("heroku") && !joined.startsWith("config:set")
        && !joined.startsWith("config:unset")) {
      what = "prints the app's configuration variables, which hold its secrets";
    } else if (Regexes.matches(joined, "(env:get|env:list)( .*)?") && (joined.startsWith("env:get")
        || argv.contains("--plain") || argv.contains("--json"))) {
      what = "prints environment variables of the site, which hold its secrets";
    } else if (joined.startsWith("env pull") && argv.stream().anyMatch(x -> x.toLowerCase(Locale.ROOT)
        .contains("prod"))) {
      what = "copies the production environment variables, which hold its secrets, into a file";
    } else if (Regexes.matches(joined, "variables? (list|get)( .*)?") && argv.contains("--kv")
        // session 21: railway variables prints a table of every variable with its value
        || u.name().equals("railway") && Regexes.matches(joined, "variables?( list| get)?")
            && argv.stream().noneMatch(x -> x.equals("--set") || x.equals("-s") || x.startsWith("--set="))) {
      what = "prints the service's variables with their values";
    }
    return what == null ? Judgement.ALLOW : Judgement.ask(Classifier.CREDENTIAL, u.shown() + " " + what + "; agents"
        + " should not see production secrets. Ask the user to configure what you need");
  }

  /** {@code heroku run env}, {@code fly ssh console -C printenv}, {@code railway run env}. */
  private static Judgement remoteEnv(Unit u, List<String> argv, String joined) {
    String remote = null;
    for (int k = 1; k < argv.size(); k++) {
      String x = argv.get(k);
      if ((x.equals("-C") || x.equals("--command")) && k + 1 < argv.size()) {
        remote = argv.get(k + 1);
      }
    }
    if (remote == null && (joined.startsWith("run ") || joined.startsWith("run:detached "))) {
      remote = joined.substring(joined.indexOf(' ') + 1);
    }
    return remote != null && ENV_DUMP.matcher(remote.trim()).matches()
        ? Judgement.ask(Classifier.CREDENTIAL, u.shown() + " prints the environment of the deployed app, which holds"
            + " its production secrets; ask the user for what you need")
        : Judgement.ALLOW;
  }

  /** Scaling a service to zero or disabling it takes it offline. */
  private static Judgement offline(Unit u, List<String> argv, List<String> ops, String joined) {
    for (int k = 1; k < argv.size(); k++) {
      String x = argv.get(k);
      String opt = x.contains("=") ? x.substring(0, x.indexOf('=')) : x;
      String val = x.contains("=") ? x.substring(x.indexOf('=') + 1) : k + 1 < argv.size() ? argv.get(k + 1) : "";
      if (CAPACITY.matcher(opt).matches() && val.equals("0")) {
        return down(u);
      }
    }
    // fly scale count 0, heroku ps:scale web=0
    if (joined.contains("scale") && (Regexes.matches(joined, ".*\\bscale (count )?0\\b.*")
        || Regexes.matches(joined, ".*ps:scale( \\w+=0)+.*"))) {
      return down(u);
    }
    for (String op : ops.subList(1, Math.min(ops.size(), 4))) {
      for (String part : op.split(":")) {
        if (Regexes.matches(part, "(?i)reset|wipe|purge|flush|truncate") && op.contains(":")) {
          // heroku pg:reset, redis:reset ...: a managed database emptied through its platform
          return Judgement.ask(Classifier.INFRA, u.shown() + " resets or empties a managed database or cache ("
              + op + "); a human must confirm the data may go");
        }
        if (u.name().equals("kubectl") || u.name().equals("oc")) {
          continue;
        }
        if (OFFLINE.matcher(part).matches()) {
          return Judgement.ask(Classifier.INFRA, u.shown() + " stops or disables a deployed service or resource;"
              + " a human must confirm it may go offline");
        }
      }
    }
    return Judgement.ALLOW;
  }

  private static Judgement down(Unit u) {
    return Judgement.ask(Classifier.INFRA, u.shown() + " scales a service down to zero, which takes it offline;"
        + " a human must confirm");
  }

  private static Judgement wrangler(Unit u, List<String> ops) {
    for (String op : ops.subList(1, Math.min(ops.size(), 4))) {
      if (Regexes.matches(op, "delete|rollback")) {
        return Judgement.deny(Classifier.INFRA, u.shown() + " deletes a deployed Worker or its data on Cloudflare");
      }
    }
    return Judgement.ALLOW;
  }

  /** {@code terraform output -json} prints values marked sensitive in clear text; so does {@code -raw NAME}. */
  private static Judgement iacOutput(Unit u, List<String> argv) {
    List<String> ops = argv.stream().filter(x -> !x.startsWith("-")).toList();
    if (ops.size() < 2 || !ops.get(1).equals("output")) {
      return Judgement.ALLOW;
    }
    String named = ops.size() > 2 ? ops.get(2) : null;
    boolean clear = argv.contains("-json") || argv.contains("--json") || argv.contains("-raw")
        || argv.contains("--raw");
    if (clear && (named == null || SECRET_NAME.matcher(named).matches())) {
      return Judgement.ask(Classifier.CREDENTIAL, u.shown() + " prints infrastructure outputs in clear text,"
          + " including those marked sensitive" + (named == null ? "" : " (" + named + ")") + "; a human must"
          + " confirm they may be shown");
    }
    return Judgement.ALLOW;
  }

}
