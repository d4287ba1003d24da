/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.fs;

import dev.containment4j.policy.Policy;
import java.util.ArrayList;
import java.util.List;

/**
 * Files that configure code execution (shell start-up files, git hooks and config, agent and editor configuration).
 * They stay write-protected inside every writable root, whether they exist yet or not, because a tool that plants one
 * runs code later, outside any sandbox, when the user opens a shell, runs git or opens the folder in an editor.
 */
public final class ProtectedNames {

  /** Names relative to a writable root. {@code .git} itself is handled as a unit, see {@link #GIT}. */
  public static final List<String> DEFAULTS = List.of(
      ".bashrc", ".bash_profile", ".profile", ".zshrc", ".zprofile",
      ".git/hooks", ".git/config", ".gitmodules", ".mcp.json", ".vscode", ".idea", ".containment.yaml",
      // coding agents' project settings: permissions, hooks that run shell commands, MCP servers to start
      ".claude", ".cursor", ".gemini", ".codex");

  /**
   * Names protected at the top of each writable root only (Seatbelt protects {@link #DEFAULTS} at any depth, where
   * these would break git: {@code .git/HEAD}). {@code HEAD}: with a bare repository's layout (HEAD, objects, refs,
   * config) at the top of the workdir, git takes the workdir for one, with the tool's config, whenever {@code .git} is
   * missing or no longer valid; an occupied {@code HEAD} is empty, which git refuses as a repository.
   */
  public static final List<String> TOP_LEVEL = List.of("HEAD");

  /**
   * The git directory. When it is absent it is protected as a whole (a new {@code .git} with a hostile config would
   * run code on the user's next git command); when present, it is pinned so that it cannot be renamed away and
   * replaced, and only its hooks and config are protected.
   */
  public static final String GIT = ".git";

  private ProtectedNames() {}

  /** The defaults plus the policy's workspace configuration file name. */
  public static List<String> forPolicy(Policy policy) {
    List<String> names = new ArrayList<>(DEFAULTS);
    String workspaceConfig = policy.trust().workspaceConfig();
    if (!workspaceConfig.isBlank() && !names.contains(workspaceConfig)) {
      names.add(workspaceConfig);
    }
    return List.copyOf(names);
  }
}
