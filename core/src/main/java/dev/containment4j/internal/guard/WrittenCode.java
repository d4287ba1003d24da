/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell commands a written file makes run automatically, later, inside a command that looks ordinary: npm's
 * install-time lifecycle scripts in {@code package.json} (run by the next {@code npm install}), pytest's
 * {@code conftest.py}, {@code setup.py} (run by {@code pip install .}), and the files Python imports at start-up
 * ({@code sitecustomize.py}, {@code usercustomize.py}, {@code *.pth}), and a dev container's life-cycle commands
 * ({@code postCreateCommand} … in {@code devcontainer.json}, run when the container is created or started). Writing {@code "postinstall": "curl … | sh"}
 * and then running {@code npm install} would otherwise split one dangerous action into two calls that each look
 * ordinary. Scripts a person runs by name ({@code install.sh}, a makefile) are not read here: writing one is
 * ordinary, and running it is judged by its command line (see docs/guard.md, limits). Settings whose values are
 * commands (a kubeconfig's {@code exec}, {@code credential_process}, {@code ProxyCommand}, git's {@code fsmonitor}
 * …) are found by {@link CommandSettings}.
 */
final class WrittenCode {
  /** A {@code "name": "command"} pair of the npm scripts that run by themselves on install, pack or publish. */
  private static final Pattern NPM_SCRIPT = Pattern.compile("\"(preinstall|install|postinstall|prepare|prepublish"
      + "|prepublishOnly|prepack|postpack|preuninstall|uninstall|postuninstall)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  /** A dev container's life-cycle command: a string, or the strings of an array or object value. */
  private static final Pattern DEVCONTAINER_COMMAND = Pattern.compile("\"(initializeCommand|onCreateCommand"
      + "|updateContentCommand|postCreateCommand|postStartCommand|postAttachCommand)\"\\s*:\\s*"
      + "(\"(?:[^\"\\\\]|\\\\.)*\"|\\[[^\\]]*\\]|\\{[^}]*\\})");
  private static final Pattern JSON_STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  private WrittenCode() {}

  /** The commands {@code content}, written to {@code file}, will run by themselves; empty for other files. */
  static List<String> commands(Path file, String content) {
    List<String> out = new ArrayList<>();
    String lower = lowerName(file);
    if (lower.equals("package.json")) {
      Matcher m = NPM_SCRIPT.matcher(content);
      while (m.find()) {
        out.add(unescape(m.group(2)));
      }
    } else if (lower.equals("devcontainer.json") || lower.equals(".devcontainer.json")) {
      // run by the editor or the devcontainer CLI when the container is created or started: by themselves
      Matcher m = DEVCONTAINER_COMMAND.matcher(content);
      while (m.find()) {
        String value = m.group(2);
        if (value.startsWith("\"")) {
          out.add(unescape(value.substring(1, value.length() - 1)));
        } else {
          List<String> parts = new ArrayList<>();
          Matcher str = JSON_STRING.matcher(value);
          while (str.find()) {
            parts.add(unescape(str.group(1)));
          }
          // an array is one command line; an object maps names to command lines
          if (value.startsWith("[")) {
            // exec form, no shell: quote each word so that the parser sees the same argv
            out.add(String.join(" ", parts.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").toList()));
          } else {
            for (int k = 1; k < parts.size(); k += 2) {
              out.add(parts.get(k));
            }
          }
        }
      }
    } else if (lower.equals("conftest.py") || lower.equals("setup.py") || lower.equals("sitecustomize.py")
        || lower.equals("usercustomize.py") || lower.endsWith(".pth")) {
      out.addAll(CodeScan.shellCommands(content, "python"));
    } else if (TOOL_CONFIG_CODE.matcher(lower).matches()) {
      out.addAll(CodeScan.shellCommands(content, "node"));
    } else if (lower.equals("build.rs")) {
      out.addAll(CodeScan.shellCommands(content, "rust"));
    }
    out.addAll(CommandSettings.commands(file, content));
    return out;
  }

  /** A Dockerfile's shell-form {@code RUN} instruction, with its continuation lines. */
  private static final Pattern DOCKER_RUN = Pattern.compile("(?im)^\\s*RUN\\s+(?!\\[)((?:[^\\n]*\\\\\\r?\\n)*[^\\n]*)");

  /**
   * The commands {@code content} puts into a file whose commands run later when a person or a build asks for them
   * by an ordinary command: a makefile's recipes ({@code make test}), a Dockerfile's {@code RUN} lines
   * ({@code docker build}). Like recipes read when they run, only a command the guard would deny counts.
   */
  static List<String> laterCommands(Path file, String content) {
    String lower = lowerName(file);
    if (lower.equals("makefile") || lower.equals("gnumakefile") || lower.endsWith(".mk")) {
      return ProjectRecipes.makefileCommands(content);
    }
    if (lower.equals("justfile") || lower.equals(".justfile")) {
      // a recipe's body: its indented lines ("@" only hides the echo)
      List<String> out = new ArrayList<>();
      for (String line : content.split("\n")) {
        if ((line.startsWith("\t") || line.startsWith("  ")) && !line.isBlank()) {
          out.add(line.strip().replaceFirst("^[@-]+", ""));
        }
      }
      return out;
    }
    if (lower.equals("tox.ini")) {
      return toxCommands(content);
    }
    if (lower.equals("netlify.toml") || lower.equals("vercel.json")) {
      // session 17: the build command a hosting service runs on every deploy (with the site's secrets)
      List<String> out = new ArrayList<>();
      Matcher m = BUILD_COMMAND.matcher(content);
      while (m.find()) {
        out.add(unescape(m.group(1) != null ? m.group(1) : m.group(2)));
      }
      return out;
    }
    if (lower.equals("dockerfile") || lower.equals("containerfile") || lower.endsWith(".dockerfile")
        || lower.startsWith("dockerfile.")) {
      List<String> out = new ArrayList<>();
      Matcher m = DOCKER_RUN.matcher(content);
      while (m.find()) {
        out.add(m.group(1).replaceAll("\\\\\\r?\\n", " "));
      }
      return out;
    }
    return List.of();
  }

  /** netlify.toml's {@code command = "…"} and vercel.json's build, install and dev commands. */
  private static final Pattern BUILD_COMMAND = Pattern.compile("(?m)^[ \\t]*command[ \\t]*=[ \\t]*\"((?:[^\"\\\\]|\\\\.)*)\""
      + "|\"(?:buildCommand|installCommand|devCommand|ignoreCommand)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
  /** A tox setting that lists commands: {@code commands}, {@code commands_pre}, {@code commands_post}. */
  private static final Pattern TOX_COMMANDS = Pattern.compile("^[ \\t]*commands(?:_pre|_post)?[ \\t]*=[ \\t]*(.*)$");

  /**
   * Session 17: tox's {@code commands} (the value and its indented continuation lines), run by every {@code tox}
   * of the project's test environments.
   */
  private static List<String> toxCommands(String content) {
    List<String> out = new ArrayList<>();
    boolean in = false;
    for (String line : content.split("\n")) {
      Matcher m = TOX_COMMANDS.matcher(line);
      if (m.matches()) {
        in = true;
        if (!m.group(1).isBlank()) {
          out.add(m.group(1).strip());
        }
      } else if (in && !line.isBlank() && Character.isWhitespace(line.charAt(0))) {
        out.add(line.strip().replaceFirst("^-", ""));
      } else {
        in = false;
      }
    }
    return out;
  }

  /**
   * Whether a program written to {@code file} runs by itself during ordinary commands: a Cargo build script
   * ({@code build.rs}, run by {@code cargo build}), {@code setup.py}, {@code conftest.py} and Python's start-up
   * files. What such a program would be refused for is refused when it is written.
   */
  static boolean runsByItself(Path file) {
    String name = lowerName(file);
    return name.equals("build.rs") || name.equals("setup.py") || name.equals("conftest.py")
        || name.equals("sitecustomize.py") || name.equals("usercustomize.py") || name.endsWith(".pth")
        || TOOL_CONFIG_CODE.matcher(name).matches();
  }

  /**
   * Configuration files that are programs, loaded by the tool on every run: linters and formatters (which editors
   * also run by themselves, outside the sandbox, when a file is opened), bundlers, test runners (session 15).
   */
  private static final Pattern TOOL_CONFIG_CODE = Pattern.compile("(\\.eslintrc|eslint\\.config|\\.prettierrc"
      + "|prettier\\.config|babel\\.config|\\.babelrc|jest\\.config|vitest\\.config|vite\\.config|webpack\\.config"
      + "|rollup\\.config|next\\.config|nuxt\\.config|svelte\\.config|astro\\.config|tailwind\\.config"
      + "|postcss\\.config|\\.mocharc|karma\\.conf|playwright\\.config|cypress\\.config|tsup\\.config"
      + "|\\.stylelintrc|stylelint\\.config|commitlint\\.config|\\.lintstagedrc|lint-staged\\.config)"
      + "\\.(js|cjs|mjs|ts|cts|mts)");

  /** JVM options that load code into the JVM: an agent (Java or native) or a boot class path addition. */
  private static final Pattern JVM_CODE_OPTION = Pattern.compile("-javaagent:|-agentpath:|-agentlib:(?!jdwp)"
      + "|-Xbootclasspath/[ap]:");

  /**
   * An option that loads code into every build's JVM, written to a file the build tool reads by itself
   * ({@code .mvn/jvm.config}, {@code gradle.properties}'s {@code org.gradle.jvmargs}, {@code .jvmopts}), or null.
   */
  static String jvmCodeOption(Path file, String content) {
    String name = lowerName(file);
    Path parent = file.getParent();
    boolean read = name.equals("gradle.properties") || name.equals(".jvmopts") || name.equals(".sbtopts")
        || name.equals("jvm.config") && parent != null && parent.getFileName() != null
        && parent.getFileName().toString().equals(".mvn");
    if (!read) {
      return null;
    }
    Matcher m = JVM_CODE_OPTION.matcher(content);
    return m.find() ? m.group() : null;
  }

  /** What makes a Compose service a way out of its container (as for {@code docker run}). */
  private static final Pattern COMPOSE_ESCAPE = Pattern.compile("(?im)^\\s*(privileged:\\s*true\\b"
      + "|(pid|ipc|userns_mode|network_mode|uts):\\s*[\"']?host\\b|-\\s*[\"']?(/|/etc|/root|/home|/var/run/docker\\.sock"
      + "|/run/docker\\.sock|~|\\$\\{?HOME\\}?)(:|[\"']?\\s*$)|-\\s*[\"']?(SYS_ADMIN|SYS_PTRACE|SYS_MODULE|NET_ADMIN|ALL)\\b"
      + "|-\\s*[\"']?(apparmor|seccomp|label)[:=]unconfined)");

  private static final Pattern COMPOSE_FILE = Pattern.compile("(docker-)?compose(\\.[\\w-]+)?\\.ya?ml");

  /** The first line of a Compose file that gives a service a way out of its container, or null. */
  static String composeEscape(Path file, String content) {
    String name = lowerName(file);
    if (!COMPOSE_FILE.matcher(name).matches()) {
      return null;
    }
    Matcher m = COMPOSE_ESCAPE.matcher(content);
    return m.find() ? m.group().strip() : null;
  }

  /** The file's name in lower case ({@code ""} for a root). */
  private static String lowerName(Path file) {
    return file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
  }

  private static String unescape(String json) {
    return json.replace("\\\"", "\"").replace("\\\\", "\\");
  }
}
