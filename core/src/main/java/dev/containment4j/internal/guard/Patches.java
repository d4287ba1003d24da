/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import dev.containment4j.ToolCall;
import dev.containment4j.internal.shell.Redirect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The file operations of a patch a shell command applies (session 22): OpenAI Codex's {@code apply_patch} format
 * ({@code *** Add File: PATH}, {@code *** Update File: PATH}, {@code *** Delete File: PATH}, {@code *** Move to:
 * PATH}), given as its argument or on stdin, and a unified diff fed to {@code git apply} or {@code patch} in a
 * here-doc. Each operation becomes the write, edit or delete it amounts to, judged like that tool call: a patch
 * that adds a line to {@code ~/.bashrc} is a write to {@code ~/.bashrc}. A patch read from a file the guard cannot
 * see is judged by the command alone.
 */
final class Patches {
  private static final Set<String> DIFF_APPLIERS = Set.of("patch", "gpatch");

  private Patches() {}

  /** The calls the patches applied by {@code a}'s units amount to, each with its unit's working directory. */
  static List<ToolCall> calls(Units.Analysis a) {
    List<ToolCall> out = new ArrayList<>();
    for (Unit u : a.units()) {
      String text = patchText(u);
      if (text == null) {
        continue;
      }
      Path cwd = u.cwd();
      List<ToolCall> ops = text.contains("*** Begin Patch") ? codexPatch(text) : unifiedDiff(text);
      for (ToolCall c : ops) {
        out.add(cwd == null ? c : c.cwd(cwd));
      }
    }
    return out;
  }

  private static String patchText(Unit u) {
    List<String> argv = u.argv();
    boolean codex = u.name().equals("apply_patch") || u.name().equals("applypatch");
    boolean diff = DIFF_APPLIERS.contains(u.name()) || u.name().equals("git") && argv.size() > 1
        && argv.get(1).equals("apply");
    if (!codex && !diff) {
      return null;
    }
    if (codex && argv.size() > 1 && argv.get(1).contains("*** Begin Patch")) {
      return argv.get(1);
    }
    for (Redirect r : u.command().redirects()) {
      if (r.op().startsWith("<<") && r.body() != null) {
        return r.body();
      }
    }
    return null;
  }

  /** Codex's format: operations by header, added lines with {@code +}, removed ones with {@code -}. */
  private static List<ToolCall> codexPatch(String text) {
    List<ToolCall> out = new ArrayList<>();
    String kind = null;
    String path = null;
    String moveTo = null;
    StringBuilder added = new StringBuilder();
    StringBuilder removed = new StringBuilder();
    for (String line : (text + "\n*** End Patch").split("\n", -1)) {
      String header = header(line);
      if (header == null) {
        if (line.startsWith("+")) {
          added.append(line, 1, line.length()).append('\n');
        } else if (line.startsWith("-")) {
          removed.append(line, 1, line.length()).append('\n');
        }
        continue;
      }
      if (header.startsWith("Move to: ")) {
        moveTo = header.substring("Move to: ".length()).trim();
        continue;
      }
      if (kind != null) {
        operation(out, kind, path, moveTo, removed.toString(), added.toString());
      }
      kind = null;
      moveTo = null;
      added.setLength(0);
      removed.setLength(0);
      for (String k : List.of("Add File: ", "Update File: ", "Delete File: ")) {
        if (header.startsWith(k)) {
          kind = k;
          path = header.substring(k.length()).trim();
        }
      }
    }
    return out;
  }

  private static String header(String line) {
    return line.startsWith("*** ") ? line.substring(4) : null;
  }

  private static void operation(List<ToolCall> out, String kind, String path, String moveTo, String removed,
      String added) {
    if (path == null || path.isEmpty()) {
      return;
    }
    switch (kind) {
      case "Add File: " -> out.add(ToolCall.write(Path.of(path), added));
      case "Delete File: " -> out.add(ToolCall.bash("rm -- " + Units.quote(path)));
      default -> {
        out.add(ToolCall.edit(Path.of(path), removed, added));
        if (moveTo != null && !moveTo.isEmpty()) {
          out.add(ToolCall.bash("mv -- " + Units.quote(path) + " " + Units.quote(moveTo)));
          out.add(ToolCall.edit(Path.of(moveTo), removed, added));
        }
      }
    }
  }

  /** A unified diff: {@code --- a/OLD}, {@code +++ b/NEW} per file, {@code /dev/null} for a new or deleted file. */
  private static List<ToolCall> unifiedDiff(String text) {
    List<ToolCall> out = new ArrayList<>();
    String from = null;
    String to = null;
    StringBuilder added = new StringBuilder();
    StringBuilder removed = new StringBuilder();
    for (String line : (text + "\n--- ").split("\n", -1)) {
      if (line.startsWith("--- ")) {
        if (to != null) {
          diffOperation(out, from, to, removed.toString(), added.toString());
        }
        from = diffPath(line.substring(4));
        to = null;
        added.setLength(0);
        removed.setLength(0);
      } else if (line.startsWith("+++ ")) {
        to = diffPath(line.substring(4));
      } else if (to != null && line.startsWith("+")) {
        added.append(line, 1, line.length()).append('\n');
      } else if (to != null && line.startsWith("-")) {
        removed.append(line, 1, line.length()).append('\n');
      }
    }
    return out;
  }

  private static void diffOperation(List<ToolCall> out, String from, String to, String removed, String added) {
    if (to.equals("/dev/null")) {
      if (from != null && !from.equals("/dev/null")) {
        out.add(ToolCall.bash("rm -- " + Units.quote(from)));
      }
    } else if (from == null || from.equals("/dev/null")) {
      out.add(ToolCall.write(Path.of(to), added));
    } else {
      out.add(ToolCall.edit(Path.of(to), removed, added));
    }
  }

  /** The path of a diff header, without git's {@code a/} and {@code b/} and without a trailing time stamp. */
  private static String diffPath(String header) {
    String p = header.split("\t", 2)[0].trim();
    if (p.startsWith("a/") || p.startsWith("b/")) {
      p = p.substring(2);
    }
    return p;
  }
}
