/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.util.List;
import java.util.Set;

/**
 * Tools that run commands on many machines at once: configuration management and deployment ({@code ansible},
 * {@code ansible-playbook}, {@code salt}, {@code fab}, {@code cap}, {@code knife ssh}) and parallel shells
 * ({@code pdsh}, {@code pssh}, {@code clush}). Like {@code ssh host command}, but to a whole inventory, often
 * production's: a human decides. What only reads, checks or lists stays ordinary ({@code --check},
 * {@code --syntax-check}, {@code --list-hosts}, {@code -m ping}).
 */
final class RemoteFleets {
  private static final Set<String> PARALLEL_SHELLS = Set.of("pdsh", "pssh", "parallel-ssh", "clush", "mussh",
      "pdcp", "prsync", "parallel-scp");
  /** ansible-playbook options that run nothing on the hosts. */
  private static final Set<String> DRY = Set.of("--check", "-C", "--syntax-check", "--list-hosts", "--list-tasks",
      "--list-tags", "--help", "-h", "--version");
  /** ansible ad-hoc modules that only read. */
  private static final Set<String> READ_MODULES = Set.of("ping", "setup", "gather_facts", "ansible.builtin.ping",
      "ansible.builtin.setup", "debug", "ansible.builtin.debug");

  private RemoteFleets() {}

  static Judgement judge(Unit u) {
    List<String> argv = u.argv();
    String name = u.name();
    if (PARALLEL_SHELLS.contains(name)) {
      return remote(u, "runs commands or copies files on several machines at once");
    }
    switch (name) {
      case "ansible-playbook":
        return argv.stream().anyMatch(DRY::contains) ? Judgement.ALLOW
            : remote(u, "applies a playbook to the machines of its inventory");
      case "ansible":
        return adHoc(u, argv);
      case "salt":
      case "salt-ssh":
        return argv.stream().anyMatch(x -> x.startsWith("test.") || x.equals("--help") || x.equals("-h"))
            ? Judgement.ALLOW : remote(u, "runs a function on the minions it targets");
      case "fab":
      case "cap":
        return argv.size() < 2 || argv.stream().anyMatch(x -> Regexes.matches(x, "-l|--list|-T|--tasks|-h|--help"
            + "|-V|--version|--dry-run|-n"))
            ? Judgement.ALLOW : remote(u, "runs deployment tasks on remote machines");
      case "knife":
        return argv.size() > 1 && Regexes.matches(argv.get(1), "ssh|bootstrap")
            ? remote(u, "runs commands on the nodes it searches for") : Judgement.ALLOW;
      default:
        return Judgement.ALLOW;
    }
  }

  private static Judgement adHoc(Unit u, List<String> argv) {
    if (argv.stream().anyMatch(x -> x.equals("--check") || x.equals("-C") || x.equals("--list-hosts")
        || x.equals("--help") || x.equals("-h") || x.equals("--version"))) {
      return Judgement.ALLOW;
    }
    for (int k = 1; k + 1 < argv.size(); k++) {
      String x = argv.get(k);
      if (x.equals("-m") || x.equals("--module-name")) {
        return READ_MODULES.contains(argv.get(k + 1)) ? Judgement.ALLOW
            : remote(u, "runs the module " + argv.get(k + 1) + " on the machines it targets");
      }
    }
    // no -m: the command module with -a's arguments
    return argv.contains("-a") || argv.contains("--args") ? remote(u, "runs a command on the machines it targets")
        : Judgement.ALLOW;
  }

  private static Judgement remote(Unit u, String what) {
    return Judgement.ask(Classifier.NETWORK, u.shown() + " " + what + "; a human must approve changes to other"
        + " machines");
  }
}
