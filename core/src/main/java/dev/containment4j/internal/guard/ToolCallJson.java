/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containment4j.ToolCall;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a tool call written as JSON to a {@link ToolCall}: the {@code containment guard} line format
 * ({@code {"tool":"bash","input":{"command":"..."}}}), Claude Code hook input ({@code tool_name}/{@code tool_input})
 * and the corpus format ({@code args}). Tool names are case-insensitive: {@code bash}, {@code read}, {@code write},
 * {@code edit}, {@code multiedit}, {@code fetch}, {@code webfetch}, the search tools {@code grep}, {@code glob} and
 * {@code ls} (judged as the shell command they amount to), {@code notebookread}, {@code notebookedit}, {@code
 * apply_patch} (Codex's patch format, each file it touches judged like that tool call) and common
 * aliases; {@code mcp__server__tool} is an MCP call. Input fields accept the Claude spellings ({@code file_path}, {@code old_string}, {@code new_string},
 * {@code content}). An optional {@code context} object carries {@code cwd}, {@code workspace} and {@code tainted}.
 */
public final class ToolCallJson {

  /**
   * A parsed line.
   *
   * @param call the call
   * @param cwd the directory it runs in (absolute)
   * @param workspace the workspace (absolute)
   * @param tainted whether the line says the session is tainted
   */
  public record Parsed(ToolCall call, Path cwd, Path workspace, boolean tainted, Optional<Path> home) {
    /**
     * The home directory for {@code ~} and {@code $HOME}: {@code context.home} when given; else {@code fallback} (the
     * process's own home) when the workspace lies in it; else, for a workspace under {@code /home/USER} or
     * {@code /Users/USER}, that user's home (calls recorded on another machine, judged here); else {@code fallback}.
     */
    public Path homeOr(Path fallback) {
      if (home.isPresent()) {
        return home.get();
      }
      if (workspace.startsWith(fallback)) {
        return fallback;
      }
      if (workspace.getNameCount() >= 2 && (workspace.startsWith("/home") || workspace.startsWith("/Users"))) {
        return workspace.getRoot().resolve(workspace.subpath(0, 2));
      }
      return fallback;
    }
  }

  private ToolCallJson() {}

  /**
   * Parses one call.
   *
   * @param node the JSON object
   * @param defaultDir used as cwd and workspace when the line has no context
   * @throws IllegalArgumentException naming what is missing or unknown
   */
  public static Parsed parse(JsonNode node, Path defaultDir) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("a tool call must be a JSON object like"
          + " {\"tool\":\"bash\",\"input\":{\"command\":\"ls\"}}");
    }
    String tool = text(node, "tool", "tool_name", "name");
    if (tool == null || tool.isBlank()) {
      throw new IllegalArgumentException("the tool call has no \"tool\" name");
    }
    JsonNode input = first(node, "input", "tool_input", "args", "arguments", "parameters");
    if (input == null || input.isNull()) {
      input = node;
    }
    if (!input.isObject()) {
      throw new IllegalArgumentException("\"input\" must be an object");
    }
    JsonNode ctx = node.get("context");
    if (ctx != null && !ctx.isNull() && !ctx.isObject()) {
      throw new IllegalArgumentException("\"context\" must be an object like {\"cwd\":\"/abs/dir\"}");
    }
    Path workspace = defaultDir;
    Path cwd = null;
    Path home = null;
    boolean tainted = false;
    if (ctx != null && ctx.isObject()) {
      String ws = text(ctx, "workspace", "workspaceRoot", "workdir");
      if (ws != null) {
        workspace = path(ws, "context.workspace");
      }
      String c = text(ctx, "cwd");
      if (c != null) {
        cwd = path(c, "context.cwd");
      }
      String h = text(ctx, "home");
      if (h != null) {
        home = path(h, "context.home").toAbsolutePath().normalize();
      }
      JsonNode t = ctx.get("tainted");
      if (t != null && !t.isNull() && !t.isBoolean()) {
        throw new IllegalArgumentException("context.tainted must be true or false");
      }
      tainted = t != null && t.asBoolean(false);
    }
    String c = text(node, "cwd");
    if (cwd == null && c != null) {
      cwd = path(c, "cwd");
    }
    workspace = workspace.toAbsolutePath().normalize();
    cwd = cwd == null ? workspace : workspace.resolve(cwd).normalize();
    ToolCall call = call(tool, input).cwd(cwd);
    return new Parsed(call, cwd, workspace, tainted, Optional.ofNullable(home));
  }

  private static ToolCall call(String tool, JsonNode input) {
    String t = tool.toLowerCase(Locale.ROOT).replace("-", "_");
    if (t.startsWith("mcp__")) {
      String[] parts = tool.split("__", 3);
      if (parts.length < 3) {
        throw new IllegalArgumentException("MCP tool names look like mcp__server__tool, not " + tool);
      }
      return ToolCall.mcp(parts[1], parts[2], toMap(input));
    }
    switch (t) {
      case "bash":
      case "shell":
      case "sh":
      case "run_shell_command":
      case "execute_command":
      case "exec_command":
      case "run_command":
      case "run_terminal_cmd":
      case "run_terminal_command":
      case "execute_bash":
      case "local_shell":
      case "terminal": {
        String cmd = command(input);
        if (cmd == null) {
          throw new IllegalArgumentException(tool + " needs input.command");
        }
        return ToolCall.bash(cmd);
      }
      case "str_replace_based_edit_tool":
      case "str_replace_editor":
      case "text_editor": {
        // Anthropic's text editor tool: one tool, the operation in input.command
        String op = text(input, "command");
        if (op == null && t.equals("str_replace_editor")) {
          op = "str_replace";
        }
        if (op == null) {
          throw new IllegalArgumentException(tool + " needs input.command (view, create, str_replace or insert)");
        }
        switch (op) {
          case "view":
            return ToolCall.read(requiredPath(tool, input));
          case "create": {
            String content = text(input, "file_text", "content");
            return ToolCall.write(requiredPath(tool, input), content == null ? "" : content);
          }
          case "str_replace":
          case "insert":
          case "undo_edit": {
            String old = text(input, "old_str");
            String neu = text(input, "new_str", "insert_text");
            return ToolCall.edit(requiredPath(tool, input), old == null ? "" : old, neu == null ? "" : neu);
          }
          default:
            throw new IllegalArgumentException(tool + ": unknown command '" + op + "'; known: view, create,"
                + " str_replace, insert, undo_edit");
        }
      }
      case "delete_file":
      case "remove_file":
        return ToolCall.bash("rm -- " + shellPath(requiredPath(tool, input).toString()));
      case "read":
      case "read_file":
      case "view":
      case "view_file":
      case "cat":
        return ToolCall.read(requiredPath(tool, input));
      case "write":
      case "write_file":
      case "write_to_file":
      case "create_file":
      case "create": {
        String content = text(input, "content", "new_content", "text", "file_text");
        return ToolCall.write(requiredPath(tool, input), content == null ? "" : content);
      }
      case "edit":
      case "edit_file":
      case "str_replace":
      case "replace_in_file":
      case "replace":
      case "multiedit":
      case "multi_edit": {
        String old = text(input, "old_string", "old", "oldText", "old_str");
        String neu = text(input, "new_string", "new", "newText", "new_str", "diff", "code_edit");
        JsonNode edits = input.get("edits");
        if (old == null && edits != null && edits.isArray() && edits.size() > 0) {
          // every replacement's old and new text, so a check comparing them sees the whole edit
          StringBuilder olds = new StringBuilder();
          StringBuilder all = new StringBuilder();
          edits.forEach(e -> olds.append(e.path("old_string").asText("")).append('\n'));
          edits.forEach(e -> all.append(e.path("new_string").asText("")).append('\n'));
          old = olds.toString();
          neu = all.toString();
        }
        return ToolCall.edit(requiredPath(tool, input), old == null ? "" : old, neu == null ? "" : neu);
      }
      case "fetch":
      case "webfetch":
      case "web_fetch":
      case "http_request":
      case "http":
      case "curl": {
        String url = text(input, "url", "uri");
        if (url == null) {
          throw new IllegalArgumentException(tool + " needs input.url");
        }
        try {
          return ToolCall.fetch(url);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("input.url is not a valid URL: " + e.getMessage(), e);
        }
      }
      case "grep":
      case "grep_search":
      case "search_files": {
        // a content search is judged as the grep it is: where it reads, and whether it hunts for secrets
        String pattern = text(input, "pattern", "regex", "query");
        if (pattern == null) {
          throw new IllegalArgumentException(tool + " needs input.pattern");
        }
        return ToolCall.bash("grep -rn -e " + Units.quote(pattern) + " -- " + shellPath(place(input)));
      }
      case "glob":
      case "find_files":
      case "file_search": {
        // a name search: judged as find -name over the directory it walks (names of keys are a finding too)
        String pattern = text(input, "pattern", "glob", "query");
        if (pattern == null) {
          throw new IllegalArgumentException(tool + " needs input.pattern");
        }
        String dir = place(input);
        int firstGlob = firstGlob(pattern);
        int cut = pattern.lastIndexOf('/', firstGlob < 0 ? pattern.length() : firstGlob);
        if (cut >= 0) {
          String prefix = pattern.substring(0, cut);
          dir = pattern.startsWith("/") || pattern.startsWith("~") ? (prefix.isEmpty() ? "/" : prefix)
              : dir + "/" + prefix;
        }
        String name = pattern.substring(pattern.lastIndexOf('/') + 1);
        return ToolCall.bash("find " + shellPath(dir) + " -name " + Units.quote(name.isEmpty() ? "*" : name));
      }
      case "ls":
      case "list_directory":
      case "list_files":
      case "list_dir":
        return ToolCall.bash("ls -la -- " + shellPath(place(input)));
      case "apply_patch": {
        // OpenAI Codex's patch tool: judged as the apply_patch command, each file it touches like that tool call
        String patch = text(input, "input", "patch", "content");
        if (patch == null) {
          throw new IllegalArgumentException(tool + " needs input.input (the patch text)");
        }
        return ToolCall.command(List.of("apply_patch", patch));
      }
      case "notebookread":
      case "notebook_read":
        return ToolCall.read(requiredPath(tool, input));
      case "notebookedit":
      case "notebook_edit": {
        String source = text(input, "new_source", "source", "content");
        return ToolCall.edit(requiredPath(tool, input), "", source == null ? "" : source);
      }
      default:
        throw new IllegalArgumentException("unknown tool '" + tool + "'; known: bash, read, write, edit, multiedit,"
            + " str_replace_based_edit_tool, delete_file, fetch, webfetch, grep, glob, ls, notebookread, notebookedit,"
            + " apply_patch,"
            + " mcp__server__tool");
    }
  }

  /** The directory a search or listing works in: its path argument, else the working directory. */
  private static String place(JsonNode input) {
    String p = text(input, "path", "directory", "dir", "cwd");
    return p == null || p.isEmpty() ? "." : p;
  }

  /** A path as a shell word: quoted, except a leading {@code ~} that the tool expands to the home directory. */
  private static String shellPath(String p) {
    if (p.equals("~")) {
      return p;
    }
    return p.startsWith("~/") ? "~/" + Units.quote(p.substring(2)) : Units.quote(p);
  }

  private static int firstGlob(String pattern) {
    for (int i = 0; i < pattern.length(); i++) {
      if ("*?[{".indexOf(pattern.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  private static Path requiredPath(String tool, JsonNode input) {
    String p = text(input, "path", "file_path", "filePath", "notebook_path", "file", "target_file",
        "absolute_path");
    if (p == null || p.isEmpty()) {
      throw new IllegalArgumentException(tool + " needs input.path (or file_path)");
    }
    return path(p, "input.path");
  }

  private static Path path(String p, String what) {
    try {
      return Path.of(p);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(what + " is not a valid path: " + e.getMessage(), e);
    }
  }

  private static JsonNode first(JsonNode node, String... names) {
    for (String n : names) {
      if (node.has(n)) {
        return node.get(n);
      }
    }
    return null;
  }

  /**
   * A text field. Anything else (an array, an object, a number) is an error rather than its JSON spelling: judging
   * {@code ["rm","-rf","/"]} as the one harmless word a shell would see in it would let the call through.
   */
  private static String text(JsonNode node, String... names) {
    JsonNode v = first(node, names);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException("\"" + names[0] + "\" must be a string, not " + kind(v));
    }
    return v.textValue();
  }

  /** A shell string, or an argument vector ({@code ["bash","-lc","make"]}, as some agents send) quoted into one. */
  private static String command(JsonNode input) {
    JsonNode v = first(input, "command", "cmd", "script");
    if (v == null || !v.isArray()) {
      return text(input, "command", "cmd", "script");
    }
    if (v.isEmpty()) {
      throw new IllegalArgumentException("input.command is an empty argument array");
    }
    List<String> words = new ArrayList<>();
    for (JsonNode w : v) {
      if (!w.isTextual()) {
        throw new IllegalArgumentException("input.command as an array must hold strings only, not " + kind(w));
      }
      words.add(Units.quote(w.textValue()));
    }
    return String.join(" ", words);
  }

  private static String kind(JsonNode v) {
    return v.isArray() ? "an array" : v.isObject() ? "an object" : v.isNumber() ? "a number"
        : v.isBoolean() ? "a boolean" : v.getNodeType().toString().toLowerCase(Locale.ROOT);
  }

  /**
   * An MCP call's arguments as maps, lists and texts, so the guard judges every path of
   * {@code {"paths": ["a", "~/.netrc"]}} (as one JSON text the array named no path at all). Depth is capped.
   */
  private static Map<String, Object> toMap(JsonNode input) {
    Map<String, Object> m = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = input.properties().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      m.put(e.getKey(), value(e.getValue(), 0));
    }
    return m;
  }

  private static Object value(JsonNode v, int depth) {
    if (v.isValueNode()) {
      return v.asText();
    }
    if (depth > 4) {
      return v.toString();
    }
    if (v.isArray()) {
      List<Object> out = new ArrayList<>();
      v.forEach(x -> out.add(value(x, depth + 1)));
      return out;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    v.properties().forEach(e -> out.put(e.getKey(), value(e.getValue(), depth + 1)));
    return out;
  }
}
