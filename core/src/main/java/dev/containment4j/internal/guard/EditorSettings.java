/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The workspace's VS Code settings ({@code .vscode/settings.json}, {@code .vscode/extensions.json}) as an agent
 * commonly writes them: format on save, tab size, excluded folders, recommended extensions. The editor runs outside
 * the sandbox, and many of its settings make it start a program (an interpreter path, terminal arguments and
 * environment, a language server, a task on folder open), so that folder stays agent configuration; a write or edit
 * whose every key is one of the presentational ones below changes nothing that runs and is ordinary. Anything else,
 * an unknown key included, keeps the denial {@link Classifier#writeTarget} gives the folder.
 */
final class EditorSettings {
  /**
   * Keys that only change how the editor shows, formats and searches files. Not here on purpose: {@code terminal.*},
   * {@code task.*}, {@code *.path}/{@code *Path} keys, {@code python.testing.*} (discovery imports the project's
   * test code), {@code typescript.tsdk}, {@code eslint.*}, {@code prettier.*} (both load configuration that is code),
   * {@code git.*}, {@code json.schemas} (fetches URLs), {@code security.*}.
   */
  private static final Pattern PRESENTATIONAL = Pattern.compile("(editor|workbench|explorer|breadcrumbs|diffEditor"
      + "|emmet|cSpell)\\.[\\w.-]+|files\\.(exclude|watcherExclude|associations|eol|encoding|insertFinalNewline"
      + "|trimTrailingWhitespace|trimFinalNewlines|autoSave|autoSaveDelay)|search\\.(exclude|useIgnoreFiles"
      + "|smartCase)|python\\.analysis\\.(typeCheckingMode|autoImportCompletions|inlayHints\\.[\\w.]+)"
      + "|(typescript|javascript)\\.(preferences|format|suggest|inlayHints)\\.[\\w.]+"
      + "|extensions\\.ignoreRecommendations");
  /** A language block ({@code "[python]": {...}}) holds editor keys for one language. */
  private static final Pattern LANGUAGE_BLOCK = Pattern.compile("\\[[\\w+#.-]+\\](\\[[\\w+#.-]+\\])*");
  private static final Pattern EXTENSION_LIST_KEYS = Pattern.compile("(unwanted)?[Rr]ecommendations");

  /** Comments and trailing commas, as VS Code reads its settings. */
  private static final JsonMapper JSONC = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
      .enable(JsonReadFeature.ALLOW_TRAILING_COMMA).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private EditorSettings() {}

  /**
   * Whether writing {@code content} to the workspace file {@code relative} (or, for an edit, replacing
   * {@code oldText} by {@code content} in it) sets only presentational keys. An edit's texts are read as members of
   * an object ({@code "editor.tabSize": 2,}); a fragment that is not whole members (a value alone, half a member)
   * is not recognised.
   */
  static boolean onlyPresentational(String relative, String content, String oldText) {
    Pattern keys;
    if (relative.equals(".vscode/settings.json")) {
      keys = PRESENTATIONAL;
    } else if (relative.equals(".vscode/extensions.json")) {
      keys = EXTENSION_LIST_KEYS;
    } else {
      return false;
    }
    if (oldText == null) {
      JsonNode root = parse(content);
      return root != null && root.isObject() && keysMatch(root, keys, true);
    }
    JsonNode now = members(content);
    JsonNode before = oldText.isBlank() ? JSONC.createObjectNode() : members(oldText);
    return now != null && now.size() > 0 && before != null && keysMatch(now, keys, true)
        && keysMatch(before, keys, true);
  }

  /** The keys of a task that say what it is and how it is shown; none of them runs anything by itself. */
  private static final Pattern TASK_KEYS = Pattern.compile("label|type|command|args|group|problemMatcher|presentation"
      + "|detail|isBackground|dependsOn|dependsOrder|icon|hide");

  /**
   * Session 17: the shell commands of a workspace {@code .vscode/tasks.json} written whole, when every task only
   * names a command the user runs from the editor: no {@code runOptions} (whose {@code runOn: folderOpen} runs it by
   * itself when the folder opens, outside every sandbox), no {@code options} (environment, shell, working directory),
   * no key outside {@link #TASK_KEYS}, and a {@code command} that is a plain string. Null when the file is anything
   * else: its path's judgement stands.
   */
  static java.util.List<String> taskCommands(String content) {
    JsonNode root = parse(content);
    if (root == null || !root.isObject() || !root.path("tasks").isArray()) {
      return null;
    }
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      if (!e.getKey().equals("version") && !e.getKey().equals("tasks")) {
        return null;
      }
    }
    java.util.List<String> out = new java.util.ArrayList<>();
    for (JsonNode task : root.path("tasks")) {
      if (!task.isObject()) {
        return null;
      }
      for (Map.Entry<String, JsonNode> e : task.properties()) {
        if (!TASK_KEYS.matcher(e.getKey()).matches()) {
          return null;
        }
      }
      JsonNode command = task.path("command");
      if (command.isMissingNode()) {
        continue; // a task that only groups others (dependsOn)
      }
      if (!command.isTextual() || !task.path("args").isMissingNode() && !task.path("args").isArray()) {
        return null;
      }
      StringBuilder line = new StringBuilder(command.asText());
      for (JsonNode a : task.path("args")) {
        if (!a.isTextual()) {
          return null;
        }
        line.append(' ').append(Units.quote(a.asText()));
      }
      out.add(line.toString());
    }
    return out;
  }

  private static boolean keysMatch(JsonNode object, Pattern keys, boolean top) {
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      if (keys.matcher(e.getKey()).matches()) {
        continue;
      }
      if (!(top && keys == PRESENTATIONAL && LANGUAGE_BLOCK.matcher(e.getKey()).matches()
          && e.getValue().isObject() && keysMatch(e.getValue(), keys, false))) {
        return false;
      }
    }
    return true;
  }

  /** An edit's text read as the members of an object, or null when it is not whole members. */
  private static JsonNode members(String fragment) {
    String f = fragment.strip();
    if (f.startsWith(",")) {
      f = f.substring(1);
    }
    JsonNode n = parse(f.startsWith("{") ? f : "{" + f + "}");
    return n != null && n.isObject() ? n : null;
  }

  private static JsonNode parse(String text) {
    try {
      return JSONC.readTree(text);
    } catch (JsonProcessingException | RuntimeException e) {
      return null;
    }
  }
}
