/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.util.List;
import java.util.Set;

/**
 * An agent changing its own configuration through its CLI rather than its files: adding an MCP server
 * ({@code claude mcp add}, {@code codex mcp add}, {@code gemini mcp add}: the server runs with the agent's rights
 * on every later call), or changing its settings ({@code claude config set}). The same change written to
 * {@code .mcp.json} or {@code .claude/} is already denied by the write rules; listing and showing stay ordinary.
 */
final class AgentCommands {
  private static final Set<String> AGENTS = Set.of("claude", "codex", "gemini", "cursor-agent", "amp", "opencode",
      "qwen", "goose", "kiro", "copilot", "aider", "crush", "cline", "auggie", "droid");
  private static final Set<String> CHANGES = Set.of("add", "add-json", "add-from-claude-desktop", "remove", "rm",
      "import", "set", "enable", "install", "login", "configure", "edit", "reset-project-choices");

  private AgentCommands() {}

  static Judgement judge(Unit u) {
    if (!AGENTS.contains(u.name())) {
      return Judgement.ALLOW;
    }
    for (String x : u.argv()) {
      // approvals off under a plain word: cursor-agent --force ("allow commands unless explicitly denied"),
      // aider --yes-always (every confirmation answered yes)
      if (x.equals("--yes-always") || u.name().equals("cursor-agent") && (x.equals("--force") || x.equals("-f"))) {
        return Judgement.deny(Classifier.TAMPER, "`" + u.name() + " " + x + "` starts an agent that runs every"
            + " command without asking; agents may not start agents with their approvals switched off");
      }
    }
    List<String> ops = u.argv().stream().filter(x -> !x.startsWith("-")).toList();
    for (int k = 1; k + 1 < ops.size(); k++) {
      String area = ops.get(k);
      if ((area.equals("mcp") || area.equals("config") || area.equals("permissions") || area.equals("settings")
          || area.equals("hooks") || area.equals("plugin") || area.equals("extensions"))
          && CHANGES.contains(ops.get(k + 1))) {
        String t = u.text();
        return Judgement.deny(Classifier.TAMPER, "`" + (t.length() > 80 ? t.substring(0, 77) + "..." : t)
            + "` changes the agent's own configuration (" + area + " " + ops.get(k + 1) + "): an MCP server or"
            + " setting added this way runs"
            + " with the agent's rights on every later call. Agents may not change their own guard rails; ask the"
            + " user to do it");
      }
    }
    return Judgement.ALLOW;
  }
}
