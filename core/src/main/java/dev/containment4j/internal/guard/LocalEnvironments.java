/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.util.List;
import java.util.Set;

/**
 * What the user's other work runs on, removed as a "clean-up": a language runtime installed by a version manager
 * ({@code nvm uninstall 18}, {@code pyenv uninstall 3.11.9}, {@code rustup toolchain uninstall stable}: other
 * projects, editors and shells of the user run on it, and its global packages go with it) and the virtual machine
 * that hosts the user's container engine or Linux distribution ({@code colima delete}, {@code limactl delete},
 * {@code podman machine rm}, {@code wsl --unregister}: every container, image and volume, or a whole distribution's
 * files, are inside it). Throw-away clusters of one project ({@code kind delete cluster}) and listing what is
 * installed stay ordinary.
 */
final class LocalEnvironments {
  /** Version managers of language runtimes. */
  private static final Set<String> VERSION_MANAGERS = Set.of("nvm", "fnm", "n", "nodenv", "pyenv", "rbenv", "goenv",
      "jenv", "asdf", "mise", "rtx", "sdk", "volta", "jabba", "juliaup", "ghcup", "phpenv", "plenv", "swiftenv",
      "tfenv", "rustup", "uv", "rye", "pyenv-win");
  private static final Set<String> REMOVES = Set.of("uninstall", "remove", "rm", "delete", "virtualenv-delete",
      "prune");
  /** Tools whose machine holds the user's containers or a whole Linux distribution. */
  private static final Set<String> ENGINE_VMS = Set.of("colima", "limactl", "lima", "orb", "orbctl", "docker-machine",
      "rdctl");

  private LocalEnvironments() {}

  static Judgement judge(Unit u) {
    List<String> argv = u.argv();
    String name = u.name();
    if (!VERSION_MANAGERS.contains(name) && !ENGINE_VMS.contains(name) && !name.equals("podman")
        && !name.equals("finch") && !name.equals("wsl")) {
      return Judgement.ALLOW; // neither judgement below applies to any other program: spare the word list
    }
    List<String> words = argv.stream().skip(1).filter(x -> !x.startsWith("-")).toList();
    if (VERSION_MANAGERS.contains(name) && removesRuntime(name, words)) {
      return Judgement.ask(Classifier.DELETE, u.shown() + " removes a language runtime installed for the user;"
          + " other projects, editors and shells may run on it and its global packages go with it. Let the user"
          + " decide");
    }
    boolean vmDelete = ENGINE_VMS.contains(name) && !words.isEmpty() && Set.of("delete", "rm", "remove", "destroy",
        "factory-reset").contains(words.get(0))
        || (name.equals("podman") || name.equals("finch")) && words.size() > 1 && words.get(0).equals("machine")
            && Set.of("rm", "remove", "reset").contains(words.get(1))
        || name.equals("wsl") && argv.stream().anyMatch(x -> x.equalsIgnoreCase("--unregister"));
    if (vmDelete) {
      return Judgement.ask(Classifier.DELETE, u.shown() + " deletes a virtual machine that holds the user's"
          + " containers, images and volumes or a whole Linux distribution, with other projects' data in it; a human"
          + " must confirm");
    }
    return Judgement.ALLOW;
  }

  /** {@code nvm uninstall 18}, {@code rustup toolchain uninstall stable}, {@code uv python uninstall 3.12}. */
  private static boolean removesRuntime(String name, List<String> words) {
    if (words.isEmpty()) {
      return false;
    }
    if (name.equals("rustup")) {
      return words.size() > 1 && words.get(0).equals("toolchain") && REMOVES.contains(words.get(1));
    }
    if (name.equals("uv") || name.equals("rye")) {
      return words.size() > 1 && (words.get(0).equals("python") || words.get(0).equals("toolchain"))
          && REMOVES.contains(words.get(1));
    }
    if (name.equals("n")) {
      return words.get(0).equals("rm") || words.get(0).equals("uninstall") || words.get(0).equals("prune");
    }
    // asdf/mise: uninstall PLUGIN VERSION; sdk: uninstall CANDIDATE VERSION
    return REMOVES.contains(words.get(0)) && words.size() > 1;
  }
}
