/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

import dev.containment4j.policy.Policy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Maps a policy's filesystem section onto a {@link ProfileInput}. */
public final class ProfilePlan {

  /** Shell start-up files: writing one runs code in the user's next shell. */
  static final List<String> SHELL_RC_FILES = List.of(".bashrc", ".bash_profile", ".bash_login", ".bash_logout",
      ".profile", ".zshrc", ".zshenv", ".zprofile", ".zlogin", ".zlogout");

  /**
   * Files that configure code execution (git hooks and config, submodule and worktree git dirs, editor and agent
   * config, shell start-up files), as globs below {@code /}; the workspace configuration name is added per policy.
   */
  static final List<String> PROTECTED = protectedDefaults();

  private ProfilePlan() {}

  private static List<String> protectedDefaults() {
    List<String> p = new ArrayList<>(List.of("**/.git/hooks", "**/.git/config", "**/.git/config.worktree",
        "**/.git/modules/**/hooks", "**/.git/modules/**/config", "**/.git/worktrees/*/config.worktree",
        "**/.gitmodules", "**/.gitconfig", "**/.mcp.json", "**/.vscode", "**/.idea"));
    SHELL_RC_FILES.forEach(f -> p.add("**/" + f));
    return List.copyOf(p);
  }

  /** The protected globs for a policy: the defaults plus its workspace configuration file. */
  public static List<String> protectedGlobs(Policy policy) {
    List<String> p = new ArrayList<>(PROTECTED);
    String ws = policy.trust().workspaceConfig();
    if (!ws.isEmpty()) {
      if (ws.contains("/") || GlobRegex.isGlob(ws)) {
        throw new IllegalArgumentException("trust.workspaceConfig must be a plain file name: " + Sbpl.printable(ws));
      }
      String glob = "**/" + ws;
      if (!p.contains(glob)) {
        p.add(glob);
      }
    }
    return List.copyOf(p);
  }

  /**
   * @param policy the policy
   * @param workdir the workdir (the workdir of the spec, already absolute)
   * @param home the user's home directory
   * @param tmp the session's private temp directory
   * @param network what the network section opens
   * @param tag the call's tag
   * @param resolver resolves the entries (host filesystem, or identity in tests)
   * @throws IllegalArgumentException naming the entry when one cannot be used
   */
  public static ProfileInput input(Policy policy, Path workdir, Path home, Path tmp, NetworkAccess network,
      String tag, PathResolver resolver) {
    Policy.Filesystem fs = policy.isolation().filesystem();
    List<FsTarget> readDeny = new ArrayList<>(all(resolver, "denyRead", fs.denyRead()));
    if (fs.hideHome()) {
      readDeny.add(resolver.directory("hideHome", home));
    }
    List<FsTarget> roots = new ArrayList<>();
    roots.add(resolver.directory("workdir", workdir));
    roots.addAll(all(resolver, "allowWrite", fs.allowWrite()));
    roots.add(resolver.directory("tmp", tmp));
    return new ProfileInput(tag, readDeny, all(resolver, "allowRead", fs.allowRead()), roots,
        all(resolver, "denyWrite", fs.denyWrite()), protectedGlobs(policy), network);
  }

  private static List<FsTarget> all(PathResolver resolver, String key, List<String> entries) {
    List<FsTarget> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      out.add(resolver.resolve(key + "." + i, entries.get(i)));
    }
    return out;
  }
}
