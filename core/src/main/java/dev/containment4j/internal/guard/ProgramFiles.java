/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The language of a program file, from its name or its {@code #!} line, as {@link CodeScan} names languages: a file
 * the write tool creates is a program someone (a person, a build, CI) runs later, so what it would do is judged
 * when it is written. Null for data, documents and configuration.
 */
final class ProgramFiles {
  private static final Map<String, String> BY_EXTENSION = Map.ofEntries(Map.entry("py", "python"),
      Map.entry("js", "node"), Map.entry("mjs", "node"), Map.entry("cjs", "node"), Map.entry("ts", "node"),
      Map.entry("mts", "node"), Map.entry("rb", "ruby"), Map.entry("pl", "perl"), Map.entry("pm", "perl"),
      Map.entry("php", "php"), Map.entry("go", "go"), Map.entry("rs", "rust"), Map.entry("sh", "shell"),
      Map.entry("bash", "shell"), Map.entry("zsh", "shell"),
      // session 22: a notebook's cells (NotebookEdit writes one cell's source), R and Julia scripts, PowerShell
      Map.entry("ipynb", "python"), Map.entry("r", "r"), Map.entry("jl", "julia"), Map.entry("ps1", "powershell"));
  private static final Pattern SHEBANG = Pattern.compile("^#!\\s*\\S*?(?:/env\\s+(?:-S\\s+)?)?(?:\\S*/)?"
      + "(python[\\d.]*|node|nodejs|deno|bun|ruby|perl|php|bash|sh|zsh|dash|ksh)\\b");

  private ProgramFiles() {}

  /** The language of {@code file} with {@code content}, or null when it is not a program. */
  static String language(Path file, String content) {
    Matcher m = SHEBANG.matcher(content);
    if (m.find()) {
      String interpreter = m.group(1);
      if (interpreter.startsWith("python")) {
        return "python";
      }
      switch (interpreter) {
        case "node", "nodejs", "deno", "bun":
          return "node";
        case "ruby", "perl", "php":
          return interpreter;
        default:
          return "shell";
      }
    }
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? null : BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
