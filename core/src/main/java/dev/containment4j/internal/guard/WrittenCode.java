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
 * ({@code sitecustomize.py}, {@code usercustomize.py}, {@code *.pth}). Writing {@code "postinstall": "curl … | sh"}
 * and then running {@code npm install} would otherwise split one dangerous action into two calls that each look
 * ordinary. Scripts a person runs by name ({@code install.sh}, a makefile) are not read here: writing one is
 * ordinary, and running it is judged by its command line (see docs/guard.md, limits).
 */
final class WrittenCode {
  /** A {@code "name": "command"} pair of the npm scripts that run by themselves on install, pack or publish. */
  private static final Pattern NPM_SCRIPT = Pattern.compile("\"(preinstall|install|postinstall|prepare|prepublish"
      + "|prepublishOnly|prepack|postpack|preuninstall|uninstall|postuninstall)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private WrittenCode() {}

  /** The commands {@code content}, written to {@code file}, will run by themselves; empty for other files. */
  static List<String> commands(Path file, String content) {
    List<String> out = new ArrayList<>();
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("package.json")) {
      Matcher m = NPM_SCRIPT.matcher(content);
      while (m.find()) {
        out.add(m.group(2).replace("\\\"", "\"").replace("\\\\", "\\"));
      }
    } else if (lower.equals("conftest.py") || lower.equals("setup.py") || lower.equals("sitecustomize.py")
        || lower.equals("usercustomize.py") || lower.endsWith(".pth")) {
      out.addAll(CodeScan.shellCommands(content, "python"));
    }
    return out;
  }
}
