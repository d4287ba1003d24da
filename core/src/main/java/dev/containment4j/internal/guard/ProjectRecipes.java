/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The recipes a task runner runs from a file in the project: {@code make [target]} (the target's recipe lines and
 * those of its prerequisites), {@code npm test|start|run X} / {@code yarn} / {@code pnpm} / {@code bun run}
 * ({@code scripts.X} with {@code preX} and {@code postX}), {@code just [recipe]} and {@code task [name]}
 * (Taskfile {@code cmds:} and {@code deps:}). The agent types only a target name; the commands are in a file it may
 * have written itself or found in a cloned repository, so they are read and judged like a script's lines.
 *
 * <p>Make's and just's own expansions ({@code $(CC)}, {@code $@}, {@code {{dir}}}) become an unknown shell variable:
 * what they hold is only known when the runner runs. A file the reader refuses (outside the workspace, a credential
 * store, not a regular text file) or a target not found gives no recipe: the command is judged by its name.
 */
final class ProjectRecipes {
  /** One command line of a recipe, with where it comes from (for the reason). */
  record Line(Path file, String target, String command) {}

  /** How deep prerequisites / dependencies are followed, and how many lines are judged at most. */
  private static final int MAX_DEPTH = 8;
  private static final int MAX_LINES = 400;
  /** The shell word a runner's own expansion becomes: a variable the guard cannot know. */
  static final String UNKNOWN = "${MAKE_VALUE}";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new YAMLMapper();

  private ProjectRecipes() {}

  /**
   * The recipe lines {@code argv} runs, read with {@code reader} (which returns null for a file it may not read).
   *
   * @param cwd where the runner starts, null when unknown (then nothing is read)
   */
  static List<Line> of(List<String> argv, Path cwd, Function<Path, ScriptFiles.Script> reader) {
    if (argv.isEmpty() || cwd == null) {
      return List.of();
    }
    try {
      switch (Unit.baseName(argv.get(0))) {
        case "make", "gmake":
          return make(argv, cwd, reader);
        case "npm", "yarn", "pnpm", "bun":
          return npm(argv, cwd, reader);
        case "just":
          return just(argv, cwd, reader);
        case "task", "go-task":
          return task(argv, cwd, reader);
        default:
          return List.of();
      }
    } catch (RuntimeException e) {
      // a file the parsers cannot handle: judged by the command's name, as before recipes were read
      return List.of();
    }
  }

  // ---------------------------------------------------------------- make

  private static final Set<String> MAKE_OPTS_WITH_VALUE = Set.of("-C", "-f", "-I", "-o", "-W", "--directory",
      "--file", "--makefile", "--include-dir", "--old-file", "--assume-old", "--what-if", "--new-file",
      "--assume-new");
  private static final Pattern RULE = Pattern.compile("^([^\\s:#=][^:#=]*?)\\s*::?(?!=)(.*)$");
  private static final Pattern TARGET_VARIABLE = Pattern.compile("^\\s*(export\\s+|override\\s+)?[A-Za-z_.][\\w.]*"
      + "\\s*(:{1,3}|\\+|\\?|!)?=");

  private static List<Line> make(List<String> argv, Path cwd, Function<Path, ScriptFiles.Script> reader) {
    Path dir = cwd;
    String file = null;
    List<String> targets = new ArrayList<>();
    boolean dryRun = false;
    for (int k = 1; k < argv.size(); k++) {
      String a = argv.get(k);
      String value = null;
      String opt = a;
      if (a.startsWith("--") && a.contains("=")) {
        opt = a.substring(0, a.indexOf('='));
        value = a.substring(a.indexOf('=') + 1);
      } else if (a.length() > 2 && (a.startsWith("-C") || a.startsWith("-f")) && !a.startsWith("--")) {
        opt = a.substring(0, 2);
        value = a.substring(2);
      } else if (MAKE_OPTS_WITH_VALUE.contains(a) && k + 1 < argv.size()) {
        value = argv.get(++k);
      }
      if (value != null) {
        if (opt.equals("-C") || opt.equals("--directory")) {
          dir = dir.resolve(value).normalize();
        } else if (opt.equals("-f") || opt.equals("--file") || opt.equals("--makefile")) {
          file = value;
        }
      } else if (Set.of("-h", "--help", "-v", "--version").contains(a)) {
        return List.of(); // reads no makefile
      } else if (Set.of("-n", "--dry-run", "--just-print", "--recon", "-q", "--question").contains(a)) {
        dryRun = true; // runs no recipe line (bar $(MAKE) lines: judged by name), but still reads the makefile
      } else if (!a.startsWith("-") && !a.contains("=")) {
        targets.add(a);
      }
    }
    ScriptFiles.Script s = file != null ? reader.apply(dir.resolve(file).normalize())
        : first(reader, dir, "GNUmakefile", "makefile", "Makefile");
    if (s == null) {
      return List.of();
    }
    Makefile mf = PARSED.computeIfAbsent(s, ProjectRecipes::parsed);
    // $(shell …) runs while make reads the file, whatever the target
    List<Line> out = new ArrayList<>();
    for (String c : mf.shellCalls()) {
      out.add(new Line(s.path(), "$(shell …)", c));
    }
    if (dryRun) {
      return out;
    }
    Map<String, Rule> rules = mf.rules();
    if (targets.isEmpty()) {
      rules.keySet().stream().filter(t -> !t.startsWith(".") && !t.contains("%")).findFirst().ifPresent(targets::add);
    }
    out.addAll(follow(s.path(), rules, targets));
    return out;
  }

  /**
   * Every recipe line and {@code $(shell …)} command of a makefile's text as the shell gets them, whatever target
   * runs them: for a makefile being written, whose targets someone runs later.
   */
  static List<String> makefileCommands(String text) {
    Makefile raw = makefile(text);
    List<String> out = new ArrayList<>();
    raw.rules().values().forEach(r -> r.commands().forEach(c -> out.add(recipeLine(c, raw.variables(), 0))));
    raw.shellCalls().forEach(c -> out.add(recipeLine(c, raw.variables(), 0)));
    return out.size() > MAX_LINES ? out.subList(0, MAX_LINES) : out;
  }

  /** A makefile's rules (recipe lines as written), its variables and the commands of its {@code $(shell …)} calls. */
  private record Makefile(Map<String, Rule> rules, Map<String, String> variables, List<String> shellCalls) {}

  /**
   * Parsed makefiles by the text ScriptFiles keeps for an unchanged file (the same instance until the file changes),
   * so a repeated {@code make test} is not parsed again; weak, so it lives as long as ScriptFiles keeps the text.
   */
  private static final Map<ScriptFiles.Script, Makefile> PARSED = Collections.synchronizedMap(new WeakHashMap<>());

  /** The makefile with its recipe lines and shell calls as the shell gets them. */
  private static Makefile parsed(ScriptFiles.Script s) {
    Makefile raw = makefile(s.text());
    Map<String, Rule> rules = new LinkedHashMap<>();
    raw.rules().forEach((t, r) -> rules.put(t, new Rule(List.copyOf(r.prerequisites()),
        r.commands().stream().map(c -> recipeLine(c, raw.variables(), 0)).toList())));
    return new Makefile(rules, raw.variables(), raw.shellCalls().stream()
        .map(c -> recipeLine(c, raw.variables(), 0)).toList());
  }

  private static final Pattern ASSIGNMENT = Pattern.compile("^\\s*(?:export\\s+|override\\s+)*([A-Za-z_][\\w.-]*)"
      + "\\s*(:{1,3}|\\+|\\?|!)?=\\s*(.*)$");
  private static final String SHELL_CALL = "$(shell ";

  /** A target's prerequisites and recipe lines. */
  private record Rule(List<String> prerequisites, List<String> commands) {}

  /** The rules of a makefile in file order (a target named twice collects both), variables, shell calls. */
  private static Makefile makefile(String text) {
    Map<String, Rule> rules = new LinkedHashMap<>();
    Map<String, String> variables = new LinkedHashMap<>();
    List<String> shellCalls = new ArrayList<>();
    for (int at = text.indexOf(SHELL_CALL); at >= 0; at = text.indexOf(SHELL_CALL, at + 1)) {
      int end = closing(text, at + 1);
      shellCalls.add(text.substring(at + SHELL_CALL.length(), end).replace("\\\n", " "));
    }
    List<Rule> current = null;
    boolean inDefine = false;
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    for (int k = 0; k < lines.length; k++) {
      String line = lines[k];
      // a backslash at the end joins the next line (make passes the pair to the shell, which joins it)
      while (line.endsWith("\\") && k + 1 < lines.length) {
        String next = lines[++k];
        line = line.substring(0, line.length() - 1) + " " + (next.startsWith("\t") ? next.substring(1) : next);
      }
      String trimmed = line.strip();
      if (inDefine) {
        inDefine = !trimmed.equals("endef");
        continue;
      }
      if (line.startsWith("\t")) {
        if (current != null) {
          String command = line.substring(1);
          for (Rule r : current) {
            r.commands().add(command);
          }
        }
        continue;
      }
      if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.matches("(ifeq|ifneq|ifdef|ifndef|else|endif)\\b.*")) {
        continue; // none of these ends a recipe
      }
      if (trimmed.startsWith("define ") || trimmed.startsWith("define\t")) {
        inDefine = true;
        current = null;
        continue;
      }
      Matcher assignment = ASSIGNMENT.matcher(line);
      if (assignment.matches()) {
        String name = assignment.group(1);
        String op = assignment.group(2);
        String value = assignment.group(3).strip();
        if ("+".equals(op)) {
          variables.merge(name, value, (a, b) -> a + " " + b);
        } else if (!"?".equals(op) || !variables.containsKey(name)) {
          variables.put(name, value);
        }
        current = null;
        continue;
      }
      Matcher m = RULE.matcher(line);
      if (!m.matches() || TARGET_VARIABLE.matcher(m.group(2)).find()) {
        current = null; // an assignment, include, or a target-specific variable: no recipe follows from it
        continue;
      }
      String rest = m.group(2);
      String inline = null;
      int semi = rest.indexOf(';');
      if (semi >= 0) {
        inline = rest.substring(semi + 1);
        rest = rest.substring(0, semi);
      }
      List<String> prerequisites = new ArrayList<>();
      for (String p : rest.replace("|", " ").strip().split("\\s+")) {
        if (!p.isEmpty()) {
          prerequisites.add(p);
        }
      }
      current = new ArrayList<>();
      for (String t : m.group(1).strip().split("\\s+")) {
        Rule r = rules.computeIfAbsent(t, x -> new Rule(new ArrayList<>(), new ArrayList<>()));
        r.prerequisites().addAll(prerequisites);
        if (inline != null && !inline.isBlank()) {
          r.commands().add(inline);
        }
        current.add(r);
      }
    }
    return new Makefile(rules, variables, shellCalls);
  }

  /**
   * A recipe line as the shell gets it: the echo / ignore prefixes dropped, make's own expansions unknown, except a
   * variable the makefile defines used as the program ({@code CMD = curl … | sh} run as {@code $(CMD)}): expanded, so
   * the command it holds is judged. Paths stay unknown words (a delete of {@code $(BUILD)} is a run-time target).
   */
  private static String recipeLine(String line, Map<String, String> variables, int depth) {
    String s = line.strip();
    while (!s.isEmpty() && (s.charAt(0) == '@' || s.charAt(0) == '-' || s.charAt(0) == '+')) {
      s = s.substring(1).strip();
    }
    StringBuilder out = new StringBuilder();
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c != '$' || k + 1 >= s.length()) {
        out.append(c);
        continue;
      }
      char n = s.charAt(k + 1);
      if (n == '$') {
        out.append('$'); // $$ is the shell's $
        k++;
      } else if (n == '(' || n == '{') {
        int end = closing(s, k + 1);
        String name = s.substring(k + 2, Math.max(k + 2, end));
        String value = variables.get(name);
        k = end;
        if (value == null && name.equals("HOME")) {
          // make takes a variable the makefile does not set from the environment: $(HOME) is the home directory
          out.append("$HOME");
          continue;
        }
        out.append(value != null && depth < 4 && programPosition(out) ? recipeLine(value, variables, depth + 1)
            : UNKNOWN);
      } else {
        out.append(UNKNOWN); // $@, $<, $X: one-character variables
        k++;
      }
    }
    return out.toString();
  }

  /** Whether the next word is a program: the start of the line or after {@code |}, {@code &}, {@code ;} ... */
  private static boolean programPosition(StringBuilder before) {
    String b = before.toString().strip();
    return b.isEmpty() || "|&;({!".indexOf(b.charAt(b.length() - 1)) >= 0 || b.endsWith(" then") || b.endsWith(" do")
        || b.endsWith(" else");
  }

  /** The index of the bracket closing the one at {@code open} (nesting counted), or the last index. */
  private static int closing(String s, int open) {
    char o = s.charAt(open);
    char c = o == '(' ? ')' : '}';
    int depth = 0;
    for (int k = open; k < s.length(); k++) {
      if (s.charAt(k) == o) {
        depth++;
      } else if (s.charAt(k) == c && --depth == 0) {
        return k;
      }
    }
    return s.length() - 1;
  }

  // ---------------------------------------------------------------- npm, yarn, pnpm, bun

  /** Commands of yarn / pnpm that are not a script name ({@code yarn add}); any other word runs the script. */
  private static final Set<String> PACKAGE_MANAGER_COMMANDS = Set.of("add", "install", "i", "ci", "remove", "rm",
      "uninstall", "up", "upgrade", "update", "init", "create", "info", "view", "list", "ls", "link", "unlink",
      "publish", "pack", "audit", "outdated", "why", "config", "cache", "exec", "dlx", "x", "npx", "bin", "global",
      "import", "licenses", "login", "logout", "owner", "tag", "team", "version", "versions", "workspace",
      "workspaces", "set", "plugin", "node", "dedupe", "patch", "prune", "store", "env", "help", "rebuild",
      "fetch", "deploy", "setup", "server", "root", "doctor", "explain", "search", "whoami", "constraints", "npm",
      "stage", "unplug", "up-interactive", "import-map", "fund", "ping", "prefix", "profile", "repo", "sbom", "star",
      "stars", "token", "edit", "explore", "hook", "access", "adduser", "completion", "diff", "dist-tag", "docs",
      "bugs", "find-dupes", "org", "query", "shrinkwrap", "pkg", "unpublish", "unstar", "install-test", "it",
      "install-ci-test", "cit", "autoclean", "check", "generate-lock-entry", "policies", "upgrade-interactive");
  private static final Set<String> NPM_OPTS_WITH_VALUE = Set.of("--prefix", "-C", "--dir", "--cwd", "--workspace",
      "-w", "--filter", "-F", "--loglevel", "--registry", "--userconfig", "--cache");

  private static List<Line> npm(List<String> argv, Path cwd, Function<Path, ScriptFiles.Script> reader) {
    String tool = Unit.baseName(argv.get(0));
    Path dir = cwd;
    List<String> words = new ArrayList<>();
    for (int k = 1; k < argv.size(); k++) {
      String a = argv.get(k);
      if (a.equals("--")) {
        break; // what follows goes to the script
      }
      String opt = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      String value = a.contains("=") && a.startsWith("-") ? a.substring(a.indexOf('=') + 1)
          : NPM_OPTS_WITH_VALUE.contains(a) && k + 1 < argv.size() ? argv.get(++k) : null;
      if (value != null && (opt.equals("--prefix") || opt.equals("-C") || opt.equals("--dir")
          || opt.equals("--cwd"))) {
        dir = dir.resolve(value).normalize();
      } else if (value == null && !a.startsWith("-")) {
        words.add(a);
        if (words.size() == 2) {
          break; // the command and its script name: the rest are arguments
        }
      }
    }
    String name = scriptName(tool, words);
    if (name == null) {
      return List.of();
    }
    ScriptFiles.Script s = reader.apply(dir.resolve("package.json"));
    if (s == null) {
      return List.of();
    }
    JsonNode scripts = tree(JSON, s.text()).path("scripts");
    List<Line> out = new ArrayList<>();
    for (String n : List.of("pre" + name, name, "post" + name)) {
      JsonNode c = scripts.path(n);
      if (c.isTextual()) {
        out.add(new Line(s.path(), n, c.asText()));
      }
    }
    return out;
  }

  /** The script a package-manager command runs, or null for one that runs none ({@code npm install}). */
  private static String scriptName(String tool, List<String> words) {
    if (words.isEmpty()) {
      return null;
    }
    String c = words.get(0);
    String next = words.size() > 1 ? words.get(1) : null;
    switch (c) {
      case "run", "run-script", "rum", "urn":
        return next;
      case "test", "t", "tst":
        return "test";
      case "start", "stop", "restart":
        return c;
      default:
        // yarn build, pnpm lint: a word that is not the tool's own command runs the script of that name
        return tool.equals("npm") || tool.equals("bun") || PACKAGE_MANAGER_COMMANDS.contains(c) ? null : c;
    }
  }

  // ---------------------------------------------------------------- just

  private static final Pattern BACKTICK = Pattern.compile("`([^`]+)`");
  private static final Pattern JUST_RECIPE = Pattern.compile("^@?([A-Za-z_][\\w-]*)([^:]*?):(?!=)(.*)$");

  private static List<Line> just(List<String> argv, Path cwd, Function<Path, ScriptFiles.Script> reader) {
    Path dir = cwd;
    String file = null;
    String recipe = null;
    for (int k = 1; k < argv.size(); k++) {
      String a = argv.get(k);
      if ((a.equals("-f") || a.equals("--justfile")) && k + 1 < argv.size()) {
        file = argv.get(++k);
      } else if ((a.equals("-d") || a.equals("--working-directory")) && k + 1 < argv.size()) {
        dir = dir.resolve(argv.get(++k)).normalize();
      } else if (a.startsWith("--justfile=")) {
        file = a.substring("--justfile=".length());
      } else if (a.startsWith("-")) {
        if (Set.of("--list", "-l", "--summary", "--show", "-s", "--dump", "--evaluate", "--fmt", "--init",
            "--choose", "--variables", "--completions", "--help", "-h", "--version", "-V").contains(a)) {
          return List.of(); // prints or edits, runs no recipe
        }
      } else if (!a.contains("=")) {
        recipe = a;
        break; // what follows are the recipe's arguments
      }
    }
    ScriptFiles.Script s = file != null ? reader.apply(dir.resolve(file).normalize())
        : first(reader, dir, "justfile", "Justfile", ".justfile", "JUSTFILE");
    if (s == null) {
      return List.of();
    }
    Map<String, Rule> rules = new LinkedHashMap<>();
    List<Line> out = new ArrayList<>();
    Rule current = null;
    for (String line : s.text().replace("\r\n", "\n").split("\n", -1)) {
      if (!line.isEmpty() && line.charAt(0) != ' ' && line.charAt(0) != '\t' && !line.startsWith("#")) {
        // a backtick in a variable or setting runs when just loads the file, whatever the recipe
        Matcher b = BACKTICK.matcher(line);
        while (b.find()) {
          out.add(new Line(s.path(), "`…` (when just loads the file)", justLine(b.group(1))));
        }
      }
      if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
        if (current != null && !line.isBlank()) {
          current.commands().add(justLine(line));
        }
        continue;
      }
      if (line.isBlank() || line.startsWith("#") || line.startsWith("[")) {
        continue;
      }
      Matcher m = JUST_RECIPE.matcher(line);
      current = null;
      if (m.matches() && !line.startsWith("alias ") && !line.startsWith("set ") && !line.startsWith("export ")
          && !line.startsWith("import ") && !line.startsWith("mod ")) {
        List<String> deps = new ArrayList<>();
        for (String d : m.group(3).replaceAll("#.*", "").replace("&&", " ").strip().split("\\s+")) {
          if (d.matches("\\(?[A-Za-z_][\\w-]*")) {
            deps.add(d.replace("(", ""));
          }
        }
        current = rules.computeIfAbsent(m.group(1), x -> new Rule(new ArrayList<>(), new ArrayList<>()));
        current.prerequisites().addAll(deps);
      }
    }
    List<String> targets = new ArrayList<>();
    if (recipe != null) {
      targets.add(recipe);
    } else if (!rules.isEmpty()) {
      targets.add(rules.containsKey("default") ? "default" : rules.keySet().iterator().next());
    }
    out.addAll(follow(s.path(), rules, targets));
    return out;
  }

  /** A just recipe line: prefixes dropped, {@code {{expr}}} interpolations unknown, {@code {{{{} } the literal. */
  private static String justLine(String line) {
    String s = line.strip();
    while (!s.isEmpty() && (s.charAt(0) == '@' || s.charAt(0) == '-')) {
      s = s.substring(1).strip();
    }
    return s.replace("{{{{", "\u0000").replaceAll("\\{\\{.*?}}", Matcher.quoteReplacement(UNKNOWN))
        .replace("\u0000", "{{");
  }

  // ---------------------------------------------------------------- task (go-task)

  private static List<Line> task(List<String> argv, Path cwd, Function<Path, ScriptFiles.Script> reader) {
    Path dir = cwd;
    String file = null;
    List<String> names = new ArrayList<>();
    for (int k = 1; k < argv.size(); k++) {
      String a = argv.get(k);
      if (a.equals("--")) {
        break;
      } else if ((a.equals("-t") || a.equals("--taskfile")) && k + 1 < argv.size()) {
        file = argv.get(++k);
      } else if ((a.equals("-d") || a.equals("--dir")) && k + 1 < argv.size()) {
        dir = dir.resolve(argv.get(++k)).normalize();
      } else if (Set.of("--list", "-l", "--list-all", "-a", "--summary", "--init", "-i", "--help", "-h",
          "--version", "--dry", "-n").contains(a)) {
        return List.of(); // lists, prints or creates, runs nothing
      } else if (!a.startsWith("-") && !a.contains("=")) {
        names.add(a);
      }
    }
    ScriptFiles.Script s = file != null ? reader.apply(dir.resolve(file).normalize())
        : first(reader, dir, "Taskfile.yml", "taskfile.yml", "Taskfile.yaml", "taskfile.yaml", "Taskfile.dist.yml",
            "taskfile.dist.yml", "Taskfile.dist.yaml", "taskfile.dist.yaml");
    if (s == null) {
      return List.of();
    }
    JsonNode root = tree(YAML, s.text());
    JsonNode tasks = root.path("tasks");
    Map<String, Rule> rules = new LinkedHashMap<>();
    tasks.properties().forEach(e -> {
      Rule r = new Rule(new ArrayList<>(), new ArrayList<>());
      JsonNode t = e.getValue();
      JsonNode cmds = t.isObject() ? t.path("cmds") : t; // a task may be just a command or a list of them
      if (t.isObject() && t.path("cmd").isTextual()) {
        r.commands().add(taskLine(t.path("cmd").asText()));
      }
      for (JsonNode c : cmds.isArray() ? cmds : List.of(cmds)) {
        if (c.isTextual()) {
          r.commands().add(taskLine(c.asText()));
        } else if (c.path("cmd").isTextual()) {
          r.commands().add(taskLine(c.path("cmd").asText()));
        } else if (c.path("task").isTextual()) {
          r.prerequisites().add(c.path("task").asText());
        }
      }
      for (JsonNode d : t.path("deps")) {
        if (d.isTextual()) {
          r.prerequisites().add(d.asText());
        } else if (d.path("task").isTextual()) {
          r.prerequisites().add(d.path("task").asText());
        }
      }
      rules.put(e.getKey(), r);
    });
    if (names.isEmpty()) {
      names.add("default");
    }
    // dynamic variables ({@code X: {sh: cmd}}) run while task resolves variables: judged for every task
    List<Line> out = new ArrayList<>();
    for (JsonNode sh : root.findValues("sh")) {
      if (sh.isTextual()) {
        out.add(new Line(s.path(), "sh: (a dynamic variable)", taskLine(sh.asText())));
      }
    }
    out.addAll(follow(s.path(), rules, names));
    return out;
  }

  /** A Taskfile command: Go template expressions ({@code {{.CLI_ARGS}}}) are unknown. */
  private static String taskLine(String command) {
    return command.replaceAll("\\{\\{.*?}}", Matcher.quoteReplacement(UNKNOWN));
  }

  // ---------------------------------------------------------------- shared

  /** The parsed file; a malformed one is an unchecked error, so the command is judged by its name. */
  private static JsonNode tree(ObjectMapper mapper, String text) {
    try {
      return mapper.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first of {@code names} in {@code dir} that the reader reads. */
  private static ScriptFiles.Script first(Function<Path, ScriptFiles.Script> reader, Path dir, String... names) {
    for (String n : names) {
      ScriptFiles.Script s = reader.apply(dir.resolve(n));
      if (s != null) {
        return s;
      }
    }
    return null;
  }

  /** The command lines of {@code targets} and what they depend on, dependencies first, each target once. */
  private static List<Line> follow(Path file, Map<String, Rule> rules, List<String> targets) {
    List<Line> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Deque<String[]> todo = new ArrayDeque<>();
    for (String t : targets) {
      todo.add(new String[] {t, "0"});
    }
    while (!todo.isEmpty() && out.size() < MAX_LINES) {
      String[] t = todo.poll();
      Rule r = rules.get(t[0]);
      int depth = Integer.parseInt(t[1]);
      if (r == null || !seen.add(t[0])) {
        continue;
      }
      if (depth < MAX_DEPTH) {
        for (String p : r.prerequisites()) {
          todo.add(new String[] {p, String.valueOf(depth + 1)});
        }
      }
      for (String c : r.commands()) {
        if (!c.isBlank()) {
          out.add(new Line(file, t[0], c));
        }
      }
    }
    return out.size() > MAX_LINES ? out.subList(0, MAX_LINES) : out;
  }
}
