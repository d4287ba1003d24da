/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One compiled guard rule. Syntax (see {@code docs/guard.md}):
 *
 * <ul>
 *   <li>{@code Bash}, {@code Bash(*)}: every command. {@code Bash(npm test)}: exactly that command (words compared
 *       after quote removal). {@code Bash(git push:*)} or {@code Bash(git push *)}: that command with any arguments
 *       (a word boundary: not {@code git pushx}); in the {@code :*} form the last word may also continue with
 *       {@code :} and a task name ({@code Bash(npm run test:*)} matches {@code npm run test:unit}).
 *       A word {@code *} matches any number of words; {@code *} inside a word matches within the word
 *       ({@code Bash(rm *.log)}). {@code Bash(curl * | sh)}: a pipeline whose consecutive commands match.
 *   <li>{@code Read(glob)}, {@code Write(glob)}, {@code Edit(glob)}: gitignore-like globs. {@code ~/x} is under the
 *       home, {@code /x} or {@code //x} is absolute, {@code ./x} or any pattern with a slash is relative to the
 *       workspace, a pattern without a slash matches a name at any depth. {@code **} matches any number of
 *       directories, {@code *} and {@code ?} stay inside one path segment. A pattern that matches a directory
 *       matches everything under it.
 *   <li>{@code Fetch(domain:example.com)} (also {@code WebFetch}): that host; {@code domain:*.example.com} its
 *       subdomains only.
 *   <li>{@code Mcp(server/tool)}, {@code Mcp(server)}, globs allowed in both parts.
 * </ul>
 */
final class Rule {
  enum Tool {
    BASH, READ, WRITE, EDIT, FETCH, MCP
  }

  private final String text;
  private final Tool tool;
  private final boolean any;
  private final List<List<String>> pipeline;
  private final Pattern pathRegex;
  private final String pathAnchor;
  private final String host;
  private final Pattern mcpServer;
  private final Pattern mcpTool;
  /** The literal start of a path pattern (before its first wildcard): a cheap test before the regex. */
  private final String pathLiteral;

  private Rule(String text, Tool tool, boolean any, List<List<String>> pipeline, Pattern pathRegex,
      String pathAnchor, String host, Pattern mcpServer, Pattern mcpTool) {
    this(text, tool, any, pipeline, pathRegex, pathAnchor, host, mcpServer, mcpTool, "");
  }

  private Rule(String text, Tool tool, boolean any, List<List<String>> pipeline, Pattern pathRegex,
      String pathAnchor, String host, Pattern mcpServer, Pattern mcpTool, String pathLiteral) {
    this.pathLiteral = pathLiteral;
    this.text = text;
    this.tool = tool;
    this.any = any;
    this.pipeline = pipeline;
    this.pathRegex = pathRegex;
    this.pathAnchor = pathAnchor;
    this.host = host;
    this.mcpServer = mcpServer;
    this.mcpTool = mcpTool;
  }

  String text() {
    return text;
  }

  Tool tool() {
    return tool;
  }

  /** Compiles a rule; throws {@link IllegalArgumentException} with the problem and the fix. */
  static Rule compile(String rule) {
    if (rule == null || rule.isBlank()) {
      throw new IllegalArgumentException("empty rule; write Tool(pattern), e.g. Bash(npm test) or Read(./**)");
    }
    String r = rule.strip();
    int open = r.indexOf('(');
    String name = open < 0 ? r : r.substring(0, open);
    String spec = null;
    if (open >= 0) {
      if (!r.endsWith(")")) {
        throw new IllegalArgumentException("'" + rule + "' has no closing parenthesis; write Tool(pattern)");
      }
      spec = r.substring(open + 1, r.length() - 1).strip();
    }
    Tool tool;
    switch (name) {
      case "Bash":
        tool = Tool.BASH;
        break;
      case "Read":
        tool = Tool.READ;
        break;
      case "Write":
        tool = Tool.WRITE;
        break;
      case "Edit":
        tool = Tool.EDIT;
        break;
      case "Fetch":
      case "WebFetch":
        tool = Tool.FETCH;
        break;
      case "Mcp":
        tool = Tool.MCP;
        break;
      default:
        throw new IllegalArgumentException("'" + rule + "' is not a rule; write Tool(pattern) with Tool one of Bash,"
            + " Read, Write, Edit, Fetch, Mcp, e.g. Bash(git push:*)");
    }
    if (spec == null || spec.equals("*") || spec.isEmpty() && tool != Tool.BASH) {
      if (spec != null && spec.isEmpty()) {
        throw new IllegalArgumentException("'" + rule + "' has an empty pattern; write " + name + " alone to match"
            + " every call, or " + name + "(pattern)");
      }
      return new Rule(r, tool, true, null, null, null, null, null, null);
    }
    switch (tool) {
      case BASH:
        return new Rule(r, tool, false, bash(rule, spec), null, null, null, null, null);
      case READ:
      case WRITE:
      case EDIT: {
        String[] anchored = anchor(spec);
        return new Rule(r, tool, false, null, Pattern.compile(globRegex(anchored[1])), anchored[0], null, null, null,
            literalPrefix(anchored[1]));
      }
      case FETCH: {
        if (!spec.startsWith("domain:")) {
          throw new IllegalArgumentException("'" + rule + "': write Fetch(domain:example.com) or"
              + " Fetch(domain:*.example.com)");
        }
        String h = spec.substring(7).strip().toLowerCase(Locale.ROOT);
        if (h.isEmpty() || !Regexes.matches(h, "(\\*\\.)?[a-z0-9.-]+|\\*") || h.contains("..")) {
          throw new IllegalArgumentException("'" + rule + "': '" + h + "' is not a host name; write"
              + " domain:example.com or domain:*.example.com");
        }
        return new Rule(r, tool, h.equals("*"), null, null, null, h, null, null);
      }
      default: {
        int slash = spec.indexOf('/');
        String server = slash < 0 ? spec : spec.substring(0, slash);
        String t = slash < 0 ? "*" : spec.substring(slash + 1);
        if (server.isEmpty() || t.isEmpty()) {
          throw new IllegalArgumentException("'" + rule + "': write Mcp(server/tool), Mcp(server) or"
              + " Mcp(server/*)");
        }
        return new Rule(r, tool, false, null, null, null, null, Pattern.compile(globRegex(server)),
            Pattern.compile(globRegex(t)));
      }
    }
  }

  /**
   * Marks the last word of a {@code prefix:*} rule: that word, or that word followed by {@code :} and more
   * ({@code test} or {@code test:unit}), the namespace separator of npm, yarn, composer and rake task names.
   */
  private static final char NAMESPACED = '\u0001';

  private static List<List<String>> bash(String rule, String spec) {
    String s = spec;
    // Claude Code's prefix rule: the words of the prefix, then any arguments; the prefix's last word may also name a
    // task in its namespace (Bash(npm run test:*) matches npm run test:unit), nothing else glued to it
    boolean namespaced = s.endsWith(":*") && s.length() > 2 && !Character.isWhitespace(s.charAt(s.length() - 3));
    if (s.endsWith(":*")) {
      s = s.substring(0, s.length() - 2) + " *";
    }
    List<List<String>> parts = new ArrayList<>();
    List<String> cur = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int k = 0; k < s.length(); k++) {
      char c = s.charAt(k);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
        continue;
      }
      if (c == '\'' || c == '"') {
        quote = c;
        inWord = true;
        continue;
      }
      if (c == '\\' && k + 1 < s.length()) {
        word.append(s.charAt(++k));
        inWord = true;
        continue;
      }
      if (Character.isWhitespace(c) || c == '|') {
        if (inWord) {
          cur.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
        if (c == '|') {
          if (k + 1 < s.length() && s.charAt(k + 1) == '|') {
            throw new IllegalArgumentException("'" + rule + "': a rule matches one command or one pipeline; write"
                + " one rule per command instead of ||");
          }
          if (cur.isEmpty()) {
            throw new IllegalArgumentException("'" + rule + "': empty command before '|'");
          }
          parts.add(cur);
          cur = new ArrayList<>();
        }
        continue;
      }
      if (c == ';' || c == '&' && k + 1 < s.length() && s.charAt(k + 1) == '&') {
        throw new IllegalArgumentException("'" + rule + "': a rule matches one command or one pipeline; write one"
            + " rule per command instead of joining them with ; or &&");
      }
      word.append(c);
      inWord = true;
    }
    if (quote != 0) {
      throw new IllegalArgumentException("'" + rule + "': unterminated quote");
    }
    if (inWord) {
      cur.add(word.toString());
    }
    if (cur.isEmpty()) {
      throw new IllegalArgumentException("'" + rule + "': empty command after '|'");
    }
    if (namespaced && cur.size() >= 2 && !cur.get(cur.size() - 2).equals("*")) {
      cur.set(cur.size() - 2, NAMESPACED + cur.get(cur.size() - 2));
    }
    parts.add(cur);
    return parts;
  }

  /** Splits a path pattern into its anchor (home, root, workspace, any) and the rest. */
  private static String[] anchor(String spec) {
    if (spec.startsWith("~/")) {
      return new String[] {"home", spec.substring(2)};
    }
    if (spec.equals("~")) {
      return new String[] {"home", ""};
    }
    if (spec.startsWith("$HOME/")) {
      return new String[] {"home", spec.substring(6)};
    }
    if (spec.startsWith("//")) {
      return new String[] {"root", spec.substring(2)};
    }
    if (spec.startsWith("/")) {
      return new String[] {"root", spec.substring(1)};
    }
    if (spec.startsWith("./")) {
      return new String[] {"workspace", spec.substring(2)};
    }
    String trimmed = spec.endsWith("/") ? spec.substring(0, spec.length() - 1) : spec;
    if (trimmed.contains("/")) {
      return new String[] {"workspace", spec};
    }
    return new String[] {"any", spec};
  }

  /** The characters of a glob before its first wildcard ({@code .ssh/} for {@code .ssh/**}). */
  static String literalPrefix(String glob) {
    String g = glob.endsWith("/") ? glob.substring(0, glob.length() - 1) : glob;
    for (int k = 0; k < g.length(); k++) {
      char c = g.charAt(k);
      if (c == '*' || c == '?' || c == '[') {
        return g.substring(0, k);
      }
    }
    return g;
  }

  static String globRegex(String glob) {
    StringBuilder b = new StringBuilder();
    String g = glob.endsWith("/") ? glob.substring(0, glob.length() - 1) : glob;
    for (int k = 0; k < g.length(); k++) {
      char c = g.charAt(k);
      if (c == '*') {
        if (k + 1 < g.length() && g.charAt(k + 1) == '*') {
          k++;
          if (k + 1 < g.length() && g.charAt(k + 1) == '/') {
            k++;
            b.append("(?:.*/)?");
          } else {
            b.append(".*");
          }
        } else {
          b.append("[^/]*");
        }
      } else if (c == '?') {
        b.append("[^/]");
      } else if (c == '[') {
        int close = g.indexOf(']', k + 1);
        if (close < 0) {
          b.append("\\[");
        } else {
          String cls = g.substring(k + 1, close);
          b.append('[').append(cls.startsWith("!") ? "^" + Pattern.quote(cls.substring(1)).replace("\\Q", "")
              .replace("\\E", "") : cls.replace("\\", "\\\\")).append(']');
          k = close;
        }
      } else {
        b.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return b.toString();
  }

  // ------------------------------------------------------------------------------------------------ matching

  boolean matchesEverything() {
    return any;
  }

  /** Whether a single command's words match a one-part Bash rule. */
  /** Whether the command's words match; {@code ~} and {@code $HOME} in the rule stand for {@code home}. */
  boolean matchesWords(List<String> words, Path home) {
    if (any) {
      return true;
    }
    return pipeline.size() == 1 && matchPart(pipeline.get(0), words, home);
  }

  /**
   * The program a Bash rule can only match, compared with a command's base name; null when the rule's first word is
   * a wildcard, a path, a home reference or a namespaced prefix (such rules are tried on every command).
   */
  String program() {
    if (tool != Tool.BASH || any || pipeline == null) {
      return null;
    }
    String first = pipeline.get(0).get(0);
    if (first.isEmpty() || first.charAt(0) == NAMESPACED || first.charAt(0) == '~' || first.charAt(0) == '$'
        || first.indexOf('*') >= 0 || first.indexOf('?') >= 0 || first.indexOf('/') >= 0) {
      return null;
    }
    return first;
  }

  boolean isPipeline() {
    return pipeline != null && pipeline.size() > 1;
  }

  List<List<String>> parts() {
    return pipeline;
  }

  static boolean matchPart(List<String> pattern, List<String> words, Path home) {
    if (words.isEmpty()) {
      return false;
    }
    String first = pattern.get(0);
    // the program name is compared by its base name unless the pattern names a path
    String program = first.contains("/") ? words.get(0) : Unit.baseName(words.get(0));
    String h = home == null ? null : home.toString();
    // most rules name another program: decide on the first word before walking the rest
    if (!first.equals("*") && !tokenMatches(first, program, h)) {
      return false;
    }
    return match(pattern, 0, words, program, 0, h);
  }

  /** Whether pattern words from {@code pi} match words from {@code wi}; word 0 is read as {@code program}. */
  private static boolean match(List<String> p, int pi, List<String> w, String program, int wi, String home) {
    if (pi == p.size()) {
      return wi == w.size();
    }
    String tok = p.get(pi);
    if (tok.equals("*")) {
      for (int k = wi; k <= w.size(); k++) {
        if (match(p, pi + 1, w, program, k, home)) {
          return true;
        }
      }
      return false;
    }
    if (wi == w.size()) {
      return false;
    }
    if (!tokenMatches(tok, wi == 0 ? program : w.get(wi), home)) {
      return false;
    }
    return match(p, pi + 1, w, program, wi + 1, home);
  }

  private static boolean tokenMatches(String tok, String word, String home) {
    if (!tok.isEmpty() && tok.charAt(0) == NAMESPACED) {
      String base = tok.substring(1);
      if (tokenMatches(base, word, home)) {
        return true;
      }
      // test:unit, test:unit:ci ... for the prefix test; each colon may end the prefix (test:unit:* too)
      for (int colon = word.indexOf(':'); colon > 0; colon = word.indexOf(':', colon + 1)) {
        if (tokenMatches(base, word.substring(0, colon), home)) {
          return true;
        }
      }
      return false;
    }
    return wordMatches(tok, word) || home != null && wordMatches(expandHome(tok, home), word);
  }

  /**
   * The shell expands {@code ~} and {@code $HOME} in the command before the rule sees it, so a rule word written
   * with them ({@code Bash(rm -rf ~)}) is also compared with the home spelled out.
   */
  private static String expandHome(String tok, String home) {
    if (tok.equals("~") || tok.startsWith("~/")) {
      return home + tok.substring(1);
    }
    if (tok.equals("$HOME") || tok.startsWith("$HOME/")) {
      return home + tok.substring(5);
    }
    if (tok.equals("${HOME}") || tok.startsWith("${HOME}/")) {
      return home + tok.substring(7);
    }
    return tok;
  }

  /** Compiled patterns of rule words with {@code *} or {@code ?} (a policy has few; they are compiled once). */
  private static final Map<String, Pattern> WORD_PATTERNS = new ConcurrentHashMap<>();

  private static boolean wordMatches(String tok, String word) {
    if (tok.indexOf('*') < 0 && tok.indexOf('?') < 0) {
      return tok.equals(word);
    }
    Pattern p = WORD_PATTERNS.get(tok);
    if (p == null) {
      StringBuilder b = new StringBuilder();
      for (char c : tok.toCharArray()) {
        b.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
      }
      p = Pattern.compile(b.toString());
      if (WORD_PATTERNS.size() < 4096) {
        WORD_PATTERNS.put(tok, p);
      }
    }
    return p.matcher(word).matches();
  }

  /** Whether an absolute, normalised path (or a directory above it) matches a path rule. */
  boolean matchesPath(Path path, Path workspace, Path home) {
    if (any) {
      return true;
    }
    return path != null && matchesPath(new PathView(path, workspace, home));
  }

  /**
   * A path as path rules read it: its text and its text relative to each anchor (null when it is not under it),
   * computed once per path and shared by every rule.
   */
  static final class PathView {
    final String text;
    private final Path path;
    private final Path workspace;
    private final Path home;
    /** Each relative text is computed when the first rule with that anchor asks (most policies use one anchor). */
    private String underHome;
    private String underWorkspace;
    private String underRoot;
    private byte computed;

    PathView(Path path, Path workspace, Path home) {
      this.text = path.toString();
      this.path = path;
      this.workspace = workspace;
      this.home = home;
    }

    String underHome() {
      if ((computed & 1) == 0) {
        underHome = relative(path, home, text);
        computed |= 1;
      }
      return underHome;
    }

    String underWorkspace() {
      if ((computed & 2) == 0) {
        underWorkspace = relative(path, workspace, text);
        computed |= 2;
      }
      return underWorkspace;
    }

    String underRoot() {
      if ((computed & 4) == 0) {
        Path root = path.getRoot();
        underRoot = root == null ? null : relative(path, root, text);
        computed |= 4;
      }
      return underRoot;
    }

    private static String relative(Path path, Path base, String s) {
      if (base == null || !path.startsWith(base)) {
        return null;
      }
      String b = base.toString();
      return s.length() == b.length() ? "" : s.substring(b.endsWith("/") ? b.length() : b.length() + 1);
    }
  }

  /** Like {@link #matchesPath(Path, Path, Path)}, on a path's precomputed view. */
  boolean matchesPath(PathView v) {
    if (any) {
      return true;
    }
    String rel;
    switch (pathAnchor) {
      case "home":
        rel = v.underHome();
        break;
      case "root":
        rel = v.underRoot();
        break;
      case "workspace":
        rel = v.underWorkspace();
        break;
      default:
        return matchesAtAnyDepth(v.text);
    }
    return rel != null && matchesBelow(rel);
  }

  private boolean matchesAtAnyDepth(String s) {
    // a name at any depth: each component of the path, deepest first
    Matcher m = null;
    int end = s.length();
    while (end > 0) {
      int slash = s.lastIndexOf('/', end - 1);
      int start = slash + 1;
      if (start < end && s.startsWith(pathLiteral, start)) {
        m = m == null ? pathRegex.matcher(s) : m;
        if (m.region(start, end).matches()) {
          return true;
        }
      }
      end = Math.max(slash, 0);
    }
    return false;
  }

  private boolean matchesBelow(String rel) {
    // the path matches when it or a directory above it (down to the base) matches; each of those is a prefix of
    // rel, so none can match unless rel starts with the pattern's literal start
    if (!rel.startsWith(pathLiteral)) {
      return false;
    }
    Matcher m = pathRegex.matcher(rel);
    int end = rel.length();
    while (true) {
      if (m.region(0, end).matches()) {
        return true;
      }
      if (end == 0) {
        return false;
      }
      int slash = rel.lastIndexOf('/', end - 1);
      end = Math.max(slash, 0);
      if (end < pathLiteral.length()) {
        return false;
      }
    }
  }

  boolean matchesHost(String h) {
    if (any) {
      return true;
    }
    if (h == null) {
      return false;
    }
    String x = h.toLowerCase(Locale.ROOT);
    if (x.endsWith(".")) {
      x = x.substring(0, x.length() - 1);
    }
    return host.startsWith("*.") ? x.endsWith(host.substring(1)) && x.length() > host.length() - 1 : x.equals(host);
  }

  boolean matchesMcp(String server, String toolName) {
    if (any) {
      return true;
    }
    return mcpServer.matcher(server == null ? "" : server).matches()
        && mcpTool.matcher(toolName == null ? "" : toolName).matches();
  }

  @Override
  public String toString() {
    return text;
  }
}
