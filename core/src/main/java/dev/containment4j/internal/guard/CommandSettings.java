/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import dev.containment4j.internal.shell.Redirect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Configuration whose values are commands that tools run later by themselves: a kubeconfig's {@code exec} plugin
 * (every {@code kubectl} call), AWS's {@code credential_process} (every AWS call), ssh's {@code ProxyCommand} and
 * {@code LocalCommand} (every connection), git's {@code fsmonitor}, {@code pager}, {@code sshCommand}, filters and
 * {@code !} aliases (ordinary git commands), a desktop entry's {@code Exec=} (every login), an MCP server's
 * {@code command} (every agent start), and npm's {@code script-shell} (every {@code npm run}). Such a setting turns an
 * ordinary command into whatever it names, so the command is judged when the setting is written, wherever the file
 * lies and whatever it is called (a kubeconfig need not be named {@code config}). An MCP server declared in any
 * JSON, YAML or TOML file is agent configuration: the agent starts it with its own rights. A Python start-up file
 * ({@code *.pth}, {@code sitecustomize.py}) written by a shell command runs with every Python start, whatever it
 * says. Reading settings, and settings that name plain credential plugins, stay ordinary.
 */
final class CommandSettings {
  /** {@code key = value} or {@code key: value} lines whose value is a command line. */
  private static final Pattern COMMAND_LINE = Pattern.compile("(?im)^[ \\t]*(credential_process|proxycommand"
      + "|localcommand|knownhostscommand|fsmonitor|pager|editor|sshcommand|askpass|smudge|clean|process|textconv"
      + "|helper|exec|runner|external|driver|rustc-wrapper|rustc_workspace_wrapper|rustc-workspace-wrapper)[ \\t]*[=: ][ \\t]*"
      + "(?<cmd>\\S.*)$");
  /** A git alias that runs a shell command ({@code st = !sh -c …}). */
  private static final Pattern GIT_SHELL_ALIAS = Pattern.compile("(?m)^\\s*[\\w.-]+\\s*=\\s*!(?<cmd>.+)$");
  /** A kubeconfig {@code exec:} block's {@code command:} and {@code args:} (YAML, block or flow list). */
  private static final Pattern KUBE_EXEC = Pattern.compile("(?s)\\bexec:\\s*\\n(?<block>(?:[ \\t]+.*(?:\\n|$))+)");
  private static final Pattern YAML_COMMAND = Pattern.compile("(?m)^[ \\t]*command:[ \\t]*(?<cmd>\\S.*)$");
  /** A kubeconfig (its users' {@code exec} plugins run on every kubectl call), not a pod's {@code exec} probe. */
  private static final Pattern KUBECONFIG = Pattern.compile("(?m)^(kind:\\s*Config\\b|users:\\s*$)");
  private static final Pattern YAML_ARGS = Pattern.compile("(?s)args:\\s*(\\[(?<flow>[^\\]]*)\\]|(?<block>(?:\\s*-\\s*"
      + "[^\\n]*\\n?)+))");
  /** An MCP server table in any agent's configuration format. */
  private static final Pattern MCP_SERVERS = Pattern.compile("(?i)[\"']?(mcpServers|mcp_servers|context_servers)"
      + "[\"']?\\s*[:=]|\\[mcp_servers[.\\]]|\"mcp\"\\s*:\\s*\\{");
  /** What marks an MCP server definition (the program the agent starts, or the URL it connects to). */
  private static final Pattern MCP_ENTRY = Pattern.compile("(?i)[\"']?(command|url|serverUrl|httpUrl)[\"']?\\s*[:=]");
  private static final Pattern JSON_STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  /** Docker's credential helpers run {@code docker-credential-<value>}; a value with a path leaves that name. */
  private static final Pattern DOCKER_HELPER = Pattern.compile("\"(credsStore|credHelpers)\"\\s*:\\s*(\"[^\"]*\""
      + "|\\{[^}]*\\})");
  /** Files that hold settings: by extension, or none ({@code ~/.ssh/config}, {@code .git/config}). */
  private static final Set<String> SETTINGS_EXTENSIONS = Set.of("", "json", "jsonc", "json5", "yaml", "yml", "toml",
      "ini", "cfg", "conf", "config", "desktop", "gitconfig", "kubeconfig");
  private static final Set<String> CONFIG_EXTENSIONS = Set.of("json", "jsonc", "json5", "yaml", "yml", "toml");
  private static final Set<String> PYTHON_STARTUP = Set.of("sitecustomize.py", "usercustomize.py");
  /** npm/pnpm/yarn settings that name a program the package manager runs. */
  private static final Pattern PACKAGE_MANAGER_PROGRAM = Pattern.compile("(?i)(script-shell|shell|git|node-gyp"
      + "|editor|browser|viewer|yarn-path|yarnpath|npm-path|python)");

  private CommandSettings() {}

  /**
   * The commands that settings in {@code content} make tools run by themselves; empty when it holds none. Each is
   * judged as if typed now.
   */
  static List<String> commands(Path file, String content) {
    List<String> out = new ArrayList<>();
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    String ext = name.lastIndexOf('.') > 0 ? name.substring(name.lastIndexOf('.') + 1)
        : name.startsWith(".") ? name.substring(1) : "";
    if (!SETTINGS_EXTENSIONS.contains(ext)) {
      return out; // programs, documentation and data: their lines are not settings a tool runs
    }
    Matcher m = COMMAND_LINE.matcher(content);
    while (m.find()) {
      String cmd = m.group("cmd").trim();
      if (m.group(1).equalsIgnoreCase("exec") && !cmd.contains(" ") && !cmd.startsWith("!")) {
        continue; // a YAML "exec:" key opens a block: read below
      }
      if (cmd.startsWith("[")) {
        // cargo's runner = ["sh", "-c", "..."]: the words of one command line
        List<String> words = new ArrayList<>();
        Matcher w = JSON_STRING.matcher(cmd);
        while (w.find()) {
          words.add(quote(w.group(1).replace("\\\"", "\"")));
        }
        out.add(String.join(" ", words));
        continue;
      }
      // git values: "!cmd" is a shell command; quoted values are one word
      out.add(unquote(cmd.startsWith("!") ? cmd.substring(1) : cmd));
    }
    Matcher alias = GIT_SHELL_ALIAS.matcher(content);
    while (alias.find()) {
      out.add(unquote(alias.group("cmd").trim()));
    }
    Matcher desktop = Pattern.compile("(?m)^\\s*(Exec|TryExec)\\s*=\\s*(?<cmd>\\S.*)$").matcher(content);
    while (desktop.find()) {
      out.add(desktop.group("cmd").replaceAll("%[fFuUick]", "").trim());
    }
    Matcher kube = KUBE_EXEC.matcher(content);
    while (KUBECONFIG.matcher(content).find() && kube.find()) {
      String block = kube.group("block");
      Matcher c = YAML_COMMAND.matcher(block);
      if (c.find()) {
        List<String> words = new ArrayList<>(List.of(unquote(c.group("cmd").trim())));
        Matcher a = YAML_ARGS.matcher(block);
        if (a.find()) {
          String list = a.group("flow") != null ? a.group("flow") : a.group("block");
          for (String part : list.split(a.group("flow") != null ? "," : "\\n")) {
            String w = part.trim().replaceFirst("^-\\s*", "");
            if (!w.isEmpty()) {
              words.add(unquote(w));
            }
          }
        }
        out.add(String.join(" ", words.stream().map(CommandSettings::quote).toList()));
      }
    }
    if (mcpServers(file, content)) {
      out.addAll(mcpCommands(content));
    }
    return out;
  }

  /**
   * An MCP server declared in a configuration file outside the paths the guard knows as agent configuration
   * ({@code opencode.json}, {@code .roo/mcp.json}, {@code .gemini/settings.json} …): the agent starts it.
   */
  static Judgement written(Path file, String content) {
    if (mcpServers(file, content)) {
      return Judgement.deny(Classifier.TAMPER, "writing " + file + " declares an MCP server, a program the agent"
          + " starts and trusts with its tools; agent configuration is the user's to change");
    }
    Matcher d = DOCKER_HELPER.matcher(content);
    while (d.find()) {
      Matcher s = JSON_STRING.matcher(d.group(2));
      while (s.find()) {
        String v = s.group(1);
        if (v.contains("/") || v.contains("\\") || v.contains("..")) {
          return Judgement.ask(Classifier.PERSIST, "writing " + file + " names a Docker credential helper by a path ("
              + v + "): docker runs it on every pull and push and hands it the registry credentials");
        }
      }
    }
    return Judgement.ALLOW;
  }

  /** A shell command that writes a Python start-up file or names a program a package manager runs. */
  static Judgement judge(Unit u) {
    for (Redirect r : u.command().redirects()) {
      if (!r.readsFile() && pythonStartup(r.target().text()) && !pathEntries(u, r)) {
        return startup(u, r.target().text());
      }
    }
    List<String> argv = u.argv();
    String name = u.name();
    if (name.equals("tee") || name.equals("cp") || name.equals("mv") || name.equals("install")) {
      for (String x : argv.subList(1, argv.size())) {
        if (!x.startsWith("-") && pythonStartup(x) && (name.equals("tee") || x.equals(argv.get(argv.size() - 1)))) {
          return startup(u, x);
        }
      }
    }
    if ((name.equals("npm") || name.equals("pnpm") || name.equals("yarn")) && argv.contains("config")) {
      int set = argv.indexOf("set");
      if (set > 0 && set + 1 < argv.size()) {
        String key = argv.get(set + 1);
        key = key.contains("=") ? key.substring(0, key.indexOf('=')) : key;
        if (PACKAGE_MANAGER_PROGRAM.matcher(key).matches()) {
          return Judgement.ask(Classifier.PERSIST, u.shown() + " sets " + key + ", a program " + name + " runs for"
              + " every script or install from now on; a human must confirm it");
        }
      }
    }
    return Judgement.ALLOW;
  }

  /**
   * {@code printf '/home/dev/proj/lib\n' > x.pth}: a {@code .pth} whose known text has no {@code import} line only
   * adds directories to Python's path (what editable installs write). Text only known at run time, a copy and
   * Python files ({@code sitecustomize.py}) are code.
   */
  private static boolean pathEntries(Unit u, Redirect r) {
    if (!r.target().text().endsWith(".pth") || !(u.name().equals("echo") || u.name().equals("printf"))
        || u.params().stream().anyMatch(a -> a.dynamic())) {
      return false;
    }
    return u.argv().stream().skip(1).noneMatch(x -> x.contains("import"));
  }

  private static Judgement startup(Unit u, String target) {
    return Judgement.ask(Classifier.PERSIST, u.shown() + " writes " + target + ", which Python runs at every start"
        + " of the interpreter (every test, tool and script); a human must confirm it");
  }

  private static boolean pythonStartup(String path) {
    String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    return name.endsWith(".pth") || PYTHON_STARTUP.contains(name);
  }

  private static boolean mcpServers(Path file, String content) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
    if (!CONFIG_EXTENSIONS.contains(ext) || name.equals("package.json") || name.equals("package-lock.json")) {
      return false;
    }
    Matcher m = MCP_SERVERS.matcher(content);
    return m.find() && MCP_ENTRY.matcher(content.substring(m.end())).find();
  }

  /** The command lines of MCP server entries: a {@code command} with its {@code args}. */
  private static List<String> mcpCommands(String content) {
    List<String> out = new ArrayList<>();
    Matcher c = Pattern.compile("\"command\"\\s*:\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|\\[[^\\]]*\\]|\\{[^}]*\\})"
        + "(?:\\s*,\\s*\"args\"\\s*:\\s*\\[(?<args>[^\\]]*)\\])?").matcher(content);
    while (c.find()) {
      List<String> words = new ArrayList<>();
      Matcher s = JSON_STRING.matcher(c.group(1) + (c.group("args") == null ? "" : " " + c.group("args")));
      while (s.find()) {
        String w = s.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
        if (!w.equals("path") && !w.equals("args")) {
          words.add(w);
        }
      }
      if (!words.isEmpty()) {
        out.add(String.join(" ", words.stream().map(CommandSettings::quote).toList()));
      }
    }
    return out;
  }

  private static String unquote(String v) {
    if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      return v.substring(1, v.length() - 1).replace("\\\"", "\"");
    }
    return v;
  }

  private static String quote(String w) {
    return "'" + w.replace("'", "'\\''") + "'";
  }
}
