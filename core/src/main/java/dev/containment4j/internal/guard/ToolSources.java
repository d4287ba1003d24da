/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Plugins, tools and providers taken from somewhere other than their registry (session 22): a Helm plugin, a krew
 * plugin from its own manifest, an asdf plugin from a git URL, a Nix flake from someone's repository ({@code nix run
 * github:…}), an Ansible role from git, a Vagrant plugin from another gem source, a global tool through mise's
 * package backends, Terraform providers from a local directory or a CLI configuration outside the workspace. Each
 * runs a third party's code with the user's rights (and Helm's and kubectl's with their cluster credentials). Their
 * registries' own packages by name, and the workspace's own flake, stay ordinary; CI jobs named like a deployment
 * run locally ({@code gitlab-runner exec shell deploy_production}) are asked.
 */
final class ToolSources {
  /** A flake reference that names a repository or archive rather than nixpkgs or the workspace. */
  private static final Pattern REMOTE_FLAKE = Pattern.compile("(?i)(?:github|gitlab|sourcehut|git\\+[a-z]+|https?"
      + "|tarball\\+https?|file\\+https?):.*");
  /** A tool spec of mise's package backends ({@code npm:cowsay}, {@code ubi:owner/repo}, {@code cargo:…}). */
  private static final Pattern MISE_BACKEND = Pattern.compile("(?:npm|pipx|cargo|go|gem|ubi|github|gitlab|aqua|spm"
      + "|vfox|http):.+");
  /** A CI job or workflow named like a deployment or a release. */
  private static final Pattern DEPLOY_JOB = Pattern.compile("(?i).*(deploy|release|publish|prod|rollout|promote"
      + "|terraform[-_]apply|push[-_]image).*");

  private ToolSources() {}

  /** The programs judged here: every other unit returns at once. */
  private static final java.util.Set<String> TOOLS = java.util.Set.of("helm", "kubectl", "kubectl-krew", "asdf",
      "nix", "ansible-galaxy", "vagrant", "mise", "rtx", "terraform", "tofu", "gitlab-runner", "act");

  static Judgement judge(Unit u) {
    if (!TOOLS.contains(u.name())) {
      return Judgement.ALLOW;
    }
    List<String> argv = u.argv();
    List<String> ops = argv.stream().skip(1).filter(w -> !w.startsWith("-")).toList();
    String op = ops.isEmpty() ? "" : ops.get(0);
    String op2 = ops.size() > 1 ? ops.get(1) : "";
    switch (u.name()) {
      case "helm":
        return op.equals("plugin") && (op2.equals("install") || op2.equals("add"))
            ? ask(u, "installs a Helm plugin, a third party's program that runs with the user's cluster credentials")
            : Judgement.ALLOW;
      case "kubectl":
      case "kubectl-krew":
        return (op.equals("krew") || u.name().equals("kubectl-krew")) && argv.stream().anyMatch(w -> w.startsWith(
            "--manifest") || w.startsWith("--archive"))
            ? ask(u, "installs a kubectl plugin from its own manifest or archive instead of the krew index; it runs"
                + " with the user's cluster credentials")
            : Judgement.ALLOW;
      case "asdf":
        return op.equals("plugin") && (op2.equals("add") || op2.equals("install")) && ops.size() > 3
            ? ask(u, "adds an asdf plugin from " + ops.get(3) + " instead of the plugin index; its scripts run with"
                + " the user's rights whenever the tool is installed or used")
            : Judgement.ALLOW;
      case "nix":
        for (String w : ops) {
          if (REMOTE_FLAKE.matcher(w).matches() && !w.toLowerCase(Locale.ROOT).contains("nixos/nixpkgs")) {
            return Judgement.deny(Classifier.DOWNLOAD_EXEC, u.shown() + " builds and runs the flake " + w + " from a"
                + " repository nobody reviewed here (download-and-execute); use nixpkgs or the workspace's flake");
          }
        }
        return Judgement.ALLOW;
      case "ansible-galaxy":
        for (String w : ops) {
          if (w.startsWith("git+") || w.contains("://")) {
            return Judgement.deny(Classifier.DOWNLOAD_EXEC, u.shown() + " installs and runs a role or collection"
                + " from " + w + ", not from Galaxy or the project's requirements file");
          }
        }
        return Judgement.ALLOW;
      case "vagrant":
        if (!op.equals("plugin") || !op2.equals("install")) {
          return Judgement.ALLOW;
        }
        return argv.contains("--plugin-source") || argv.stream().anyMatch(w -> w.startsWith("--plugin-source="))
            ? Judgement.deny(Classifier.DOWNLOAD_EXEC, u.shown() + " installs a Vagrant plugin from another gem"
                + " source, code that runs with the user's rights")
            : ask(u, "installs a Vagrant plugin, a third party's gem that runs with the user's rights");
      case "mise":
      case "rtx":
        if (op.equals("use") || op.equals("install") || op.equals("i") || op.equals("u")) {
          for (String w : ops.subList(1, ops.size())) {
            if (MISE_BACKEND.matcher(w).matches()) {
              return ask(u, "installs " + w + ", a tool the project does not declare, from a package registry or"
                  + " a repository's releases");
            }
          }
        }
        return Judgement.ALLOW;
      case "terraform":
      case "tofu":
        if (argv.stream().anyMatch(w -> w.startsWith("-plugin-dir"))) {
          return ask(u, "installs providers from a local directory instead of the registry, where their checksums"
              + " are verified; the providers run with the cloud credentials");
        }
        String config = u.env().get("TF_CLI_CONFIG_FILE");
        return config != null && !config.isEmpty()
            ? ask(u, "reads a Terraform CLI configuration from " + config + ", which can replace providers with"
                + " local builds (dev_overrides) or other mirrors")
            : Judgement.ALLOW;
      case "gitlab-runner":
        return op.equals("exec") && ops.size() > 2 && DEPLOY_JOB.matcher(ops.get(2)).matches()
            ? Judgement.ask(Classifier.INFRA, u.shown() + " runs the CI job " + ops.get(2) + " on this machine, with"
                + " this machine's credentials; deployments belong to the pipeline, a human must confirm")
            : Judgement.ALLOW;
      case "act":
        return actJob(u, argv);
      default:
        return Judgement.ALLOW;
    }
  }

  /** {@code act -j deploy} or {@code act release}: a workflow job named like a deployment, run locally. */
  private static Judgement actJob(Unit u, List<String> argv) {
    for (int k = 1; k < argv.size(); k++) {
      String w = argv.get(k);
      String job = (w.equals("-j") || w.equals("--job")) && k + 1 < argv.size() ? argv.get(k + 1)
          : w.startsWith("--job=") ? w.substring(6) : k == 1 && !w.startsWith("-") ? w : null;
      if (job != null && DEPLOY_JOB.matcher(job).matches()) {
        return Judgement.ask(Classifier.INFRA, u.shown() + " runs the workflow job " + job + " on this machine;"
            + " deployments belong to the pipeline, a human must confirm");
      }
    }
    return Judgement.ALLOW;
  }

  private static Judgement ask(Unit u, String what) {
    return Judgement.ask(Classifier.SUPPLY_CHAIN, u.shown() + " " + what + "; a human must confirm its source");
  }
}
