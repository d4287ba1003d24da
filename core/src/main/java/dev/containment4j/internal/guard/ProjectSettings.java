/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Session 17: a workspace's own {@code .envrc}, {@code .npmrc}, {@code .yarnrc.yml} or {@code pip.conf} written with
 * nothing in it but settings known to be harmless, which the path alone would deny or ask about. direnv runs an
 * {@code .envrc} only after {@code direnv allow} (and again after every change), and variables, layouts and
 * {@code use} lines run nothing of the agent's; package-manager files with formatting, lockfile and logging keys
 * change no source, proxy, certificate or script. Anything else in the file — an unknown key, a command, a variable
 * that decides what runs ({@code PATH}, {@code LD_PRELOAD}, {@code NODE_OPTIONS} …), a substitution — keeps the
 * path's judgement: the list is of what is known to be safe, not of what is known to be dangerous.
 */
final class ProjectSettings {
  /** direnv's declarative lines: a variable, a layout, a {@code use}, a dotenv file loaded, a file watched. */
  private static final Pattern ENVRC_LINE = Pattern.compile("(?:export[ \\t]+)?([A-Za-z_][A-Za-z0-9_]*)=(?:\"[^\"$`\\\\]*\""
      + "|'[^']*'|[^\\s\"'$`;|&<>()\\\\]*)|(?:layout|use)[ \\t]+[\\w.-]+(?:[ \\t]+[\\w.@-]+)?|dotenv(?:_if_exists)?"
      + "(?:[ \\t]+[\\w./-]+)?|watch_file[ \\t]+[\\w./-]+|source_up");
  /** Variables that decide which code runs, where the shell, loader or runtimes look for it. */
  private static final Pattern CODE_VARIABLE = Pattern.compile("(?i)PATH|LD_\\w+|DYLD_\\w+|PROMPT_COMMAND|BASH_ENV|ENV"
      + "|ZDOTDIR|PYTHONPATH|PYTHONSTARTUP|PYTHONHOME|NODE_OPTIONS|NODE_PATH|JAVA_TOOL_OPTIONS|_JAVA_OPTIONS|JDK_JAVA_OPTIONS"
      + "|MAVEN_OPTS|GRADLE_OPTS|RUBYOPT|RUBYLIB|PERL5LIB|PERL5OPT|GIT_\\w+|\\w*_PROXY|\\w*_BASE_URL|\\w*SSL\\w*"
      + "|\\w*_CA_\\w*|\\w*TLS\\w*|EDITOR|VISUAL|PAGER|SHELL|HISTFILE|HIST\\w*|CONTAINMENT\\w*|\\w*SANDBOX\\w*");
  private static final Pattern KEY_VALUE = Pattern.compile("[ \\t]*([\\w.-]+)[ \\t]*[=:][ \\t]*(\\S.*)?");
  private static final Set<String> NPMRC_KEYS = Set.of("save-exact", "save-prefix", "engine-strict", "fund",
      "legacy-peer-deps", "strict-peer-deps", "auto-install-peers", "package-lock", "loglevel", "progress",
      "update-notifier", "prefer-offline", "lockfile-version", "shamefully-hoist", "node-linker",
      "link-workspace-packages", "save-workspace-protocol", "resolution-mode", "dedupe-peer-dependents",
      "public-hoist-pattern", "git-tag-version", "tag-version-prefix", "message", "init-license", "init-version",
      "init-author-name", "fetch-retries", "fetch-timeout", "prefer-workspace-packages", "color", "unicode");
  private static final Set<String> YARNRC_KEYS = Set.of("nodelinker", "enabletelemetry", "enableglobalcache",
      "compressionlevel", "enableimmutableinstalls", "defaultsemverrangeprefix", "enableprogressbars", "enablecolors",
      "preferinteractive", "nmhoistinglimits", "httptimeout", "httpretry", "enableinlinebuilds", "pnpmode");
  private static final Set<String> PIP_KEYS = Set.of("timeout", "retries", "disable-pip-version-check",
      "no-cache-dir", "progress-bar", "require-virtualenv", "no-input", "prefer-binary", "quiet", "verbose",
      "no-color");

  private ProjectSettings() {}

  /** Whether {@code content}, the new text of the workspace's file {@code name}, holds only harmless settings. */
  static boolean onlyHarmless(String name, String content) {
    String n = name.toLowerCase(Locale.ROOT);
    boolean envrc = n.equals(".envrc");
    Set<String> keys = n.equals(".npmrc") ? NPMRC_KEYS : n.equals(".yarnrc.yml") ? YARNRC_KEYS
        : n.equals("pip.conf") ? PIP_KEYS : null;
    if (!envrc && keys == null) {
      return false;
    }
    for (String raw : content.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")
          || !envrc && keys == PIP_KEYS && line.matches("\\[(?:global|install|list|freeze)\\]")) {
        continue;
      }
      if (envrc) {
        Matcher m = ENVRC_LINE.matcher(line);
        if (!m.matches() || m.group(1) != null && CODE_VARIABLE.matcher(m.group(1)).matches()) {
          return false;
        }
        continue;
      }
      Matcher kv = KEY_VALUE.matcher(line);
      if (!kv.matches() || !keys.contains(keys == YARNRC_KEYS ? kv.group(1).toLowerCase(Locale.ROOT) : kv.group(1))
          || kv.group(2) != null && (kv.group(2).contains("$") || kv.group(2).contains("`"))) {
        return false;
      }
    }
    return true;
  }
}
