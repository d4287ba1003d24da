/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.shell;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the bash subset agents send into every simple command that may run. It follows quotes and escapes
 * ({@code '..'}, {@code ".."}, {@code $'..'}, backslashes), the operators {@code && || ; & | |&}, subshells and
 * groups, redirections (with their targets), here-docs and here-strings, {@code $(...)}, backticks, {@code <(...)},
 * variables assigned earlier in the same string (with field splitting, so {@code $IFS} tricks split), aliases,
 * {@code cd} (so later relative paths resolve where they will run), brace expansion, and folds simple computed
 * words ({@code $(echo cm0= | base64 -d)}) into constants. Compound commands ({@code if}, {@code while}, {@code for},
 * functions) are flattened: every command in them is reported, whether or not it would run.
 *
 * <p>What it cannot follow is reported in {@link Script#problems()}; callers must treat such input as risky. Not
 * thread-safe; use one instance per parse (the static {@link #parse} does).
 */
public final class ShellParser {
  /** Longest input analysed; longer strings are reported as a problem. */
  public static final int MAX_LENGTH = 100_000;
  private static final int MAX_DEPTH = 12;
  private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)(\\[[^\\]]*\\])?(\\+?)=");
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  /** {@code :OFFSET} or {@code :OFFSET:LENGTH} of a substring expansion (a negative offset after a space). */
  private static final Pattern SUBSTRING = Pattern.compile(":( ?-?[0-9]{1,6})(?::( ?-?[0-9]{1,6}))?");
  private static final String TOO_DEEP = "nesting deeper than " + MAX_DEPTH + " levels";
  /**
   * How a problem starts when a function's body calls the function itself (session 21): {@code :(){ :|:& };:} is
   * the fork bomb, and no recursion in a command line can be bounded by reading it.
   */
  public static final String SELF_CALL = "a function that calls itself: ";
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  /** Variables bash expands as prompts, running their command substitutions. */
  private static final Set<String> PROMPTS = Set.of("PS0", "PS1", "PS2", "PS3", "PS4");
  /** Builtins that run an argument as code or evaluate one as a subscript or arithmetic: see builtinCode. */
  private static final Set<String> CODE_BUILTINS = Set.of("trap", "complete", "compgen", "mapfile", "readarray",
      "let", "printf", "test", "[", "declare", "typeset", "local", "export", "readonly", "read", "unset", "getopts",
      "wait");
  private static final Pattern BRACED = Pattern.compile("^([A-Za-z_][A-Za-z0-9_]*)(:?[-=+?])?(.*)$", Pattern.DOTALL);
  private static final Set<String> SKIPPED_RESERVED = Set.of("if", "then", "elif", "else", "do", "while", "until",
      "{", "}", "!", "time", "fi", "done", "esac", "coproc");
  private static final Set<String> DECLARE = Set.of("export", "declare", "local", "readonly", "typeset");

  private final String src;
  private int pos;
  private ShellEnv env;
  private final int depth;
  private final String origin;
  private final List<SimpleCommand> out = new ArrayList<>();
  private final List<String> problems;
  private final List<int[]> heredocSkips = new ArrayList<>();
  private int pendingBodyStart = -1;
  /** Where in {@link #out} each open group or loop body began ({@code {}, {@code do}). */
  private final java.util.Deque<Integer> compoundStarts = new java.util.ArrayDeque<>();
  /**
   * The commands of a group, loop or subshell that just closed, and how many members its pipeline had before it: if
   * a {@code |} follows, their output is what the next command reads ({@code { curl x; } | sh}).
   */
  private List<SimpleCommand> closedCompound;
  /** A while or until condition is open: its {@code do} belongs to the same loop. */
  private boolean loopHead;
  private int closedCompoundAt;
  /** A function was just named ({@code f()}, {@code function f}): the next group opened is its body. */
  private String pendingFunction;
  /** The functions whose bodies are open, each with the depth of {@link #compoundStarts} its body opened at. */
  private final java.util.Deque<Map.Entry<String, Integer>> openFunctions = new java.util.ArrayDeque<>();

  private ShellParser(String src, int start, ShellEnv env, int depth, String origin, List<String> problems) {
    this.src = src;
    this.pos = start;
    this.env = env;
    this.depth = depth;
    this.origin = origin;
    this.problems = problems;
  }

  /** Parses {@code text}; {@code env} is updated with the assignments, aliases and {@code cd}s it makes. */
  public static Script parse(String text, ShellEnv env) {
    return parse(text, env, "");
  }

  /** Parses {@code text} as reached through {@code origin} ({@code bash -c}, {@code eval}, ...). */
  public static Script parse(String text, ShellEnv env, String origin) {
    List<String> problems = new ArrayList<>();
    ShellParser p = new ShellParser(text, 0, env, 0, origin, problems);
    if (text.length() > MAX_LENGTH) {
      problems.add("the command is longer than " + MAX_LENGTH + " characters");
      return new Script(List.of(), problems);
    }
    p.parseList((char) 0);
    return new Script(p.out, problems);
  }

  private Script nested(String text, ShellEnv e, String how) {
    if (depth >= MAX_DEPTH) {
      problems.add(TOO_DEEP);
      return new Script(List.of(), List.of());
    }
    ShellParser p = new ShellParser(text, 0, e, depth + 1, how, problems);
    p.parseList((char) 0);
    out.addAll(p.out);
    return new Script(p.out, List.of());
  }

  // ---------------------------------------------------------------------------------------------- lists, pipelines

  private boolean eof() {
    return pos >= src.length();
  }

  private char peek() {
    return pos < src.length() ? src.charAt(pos) : 0;
  }

  private char peek(int ahead) {
    int k = pos + ahead;
    return k < src.length() ? src.charAt(k) : 0;
  }

  private boolean at(String token) {
    return src.startsWith(token, pos);
  }

  private void skipBlanks() {
    while (!eof()) {
      char c = peek();
      if (c == ' ' || c == '\t' || c == '\r') {
        pos++;
      } else if (c == '\\' && peek(1) == '\n') {
        pos += 2;
      } else {
        return;
      }
    }
  }

  /** Consumes a newline and jumps over the here-doc bodies that start after it. */
  private void newline() {
    pos++;
    for (int[] skip : heredocSkips) {
      if (skip[0] == pos) {
        pos = skip[1];
        pendingBodyStart = -1;
      }
    }
  }

  private void skipBlanksAndNewlines() {
    while (true) {
      skipBlanks();
      if (peek() == '\n') {
        newline();
      } else if (peek() == '#') {
        skipComment();
      } else {
        return;
      }
    }
  }

  private void skipComment() {
    while (!eof() && peek() != '\n') {
      pos++;
    }
  }

  private void parseList(char stop) {
    while (true) {
      skipBlanks();
      if (eof()) {
        if (stop != 0) {
          problems.add("missing '" + stop + "'");
        }
        return;
      }
      char c = peek();
      if (c == stop) {
        return;
      }
      switch (c) {
        case '#':
          skipComment();
          continue;
        case '\n':
          newline();
          continue;
        case ';':
        case '&':
          pos++;
          continue;
        case ')':
        case '|':
          problems.add("unexpected '" + c + "' at offset " + pos);
          pos++;
          continue;
        default:
          break;
      }
      int before = pos;
      parsePipeline();
      skipBlanks();
      if (at("&&") || at("||")) {
        pos += 2;
        skipBlanksAndNewlines();
      }
      if (pos == before) {
        problems.add("cannot parse at offset " + pos);
        pos++;
      }
    }
  }

  private void parsePipeline() {
    Pipeline pipeline = new Pipeline();
    while (true) {
      skipBlanks();
      if (peek() == '!' && (peek(1) == ' ' || peek(1) == '\t')) {
        pos++;
        continue;
      }
      closedCompound = null;
      parseCommand(pipeline);
      skipBlanks();
      if (peek() == '|' && peek(1) != '|') {
        if (closedCompound != null) {
          pipeline.insert(closedCompoundAt, closedCompound);
          closedCompound = null;
        }
        pos++;
        if (peek() == '&') {
          pos++;
        }
        skipBlanksAndNewlines();
        continue;
      }
      return;
    }
  }

  private void parseCommand(Pipeline pipeline) {
    skipBlanks();
    if (peek() == '(' && peek(1) == '(') {
      int start = pos;
      int known = problems.size();
      String inner = balanced("((", "))");
      if (problems.size() > known) {
        // bash reads a '((' that does not close as arithmetic as two subshells: '((cmd) )' runs cmd
        problems.subList(known, problems.size()).clear();
        pos = start + 1;
        parseSubshell(pipeline);
        return;
      }
      arithmetic(inner);
      asNestedSubshells(inner);
      parseTrailingRedirects(pipeline);
      return;
    }
    if (peek() == '(') {
      pos++;
      parseSubshell(pipeline);
      return;
    }
    parseSimple(pipeline);
  }

  /**
   * dash and other POSIX shells (Debian's {@code sh}) have no arithmetic command: {@code sh -c '((rm -rf ~))'} runs
   * {@code rm} in two nested subshells. So the text is also read as commands; when it is not a command list (most
   * arithmetic: {@code x<<2}, {@code (a+b)*c}) those shells fail on it and nothing is added, but nesting too deep to
   * read is reported, never dropped.
   */
  private void asNestedSubshells(String inner) {
    if (depth >= MAX_DEPTH) {
      problems.add(TOO_DEEP);
      return;
    }
    List<String> own = new ArrayList<>();
    ShellParser p = new ShellParser(inner, 0, env.copy(), depth + 1, origin, own);
    p.parseList((char) 0);
    if (own.contains(TOO_DEEP)) {
      problems.add(TOO_DEEP);
    } else if (own.isEmpty()) {
      for (SimpleCommand c : p.out) {
        // '(( $# > 0 ))' would make dash run a command named by a number: nothing an agent means, so not asked
        if (c.args().isEmpty() || !c.args().get(0).dynamic()) {
          out.add(c);
        }
      }
    }
  }

  /** A subshell body; {@code pos} is just after its opening parenthesis. */
  private void parseSubshell(Pipeline pipeline) {
    ShellEnv outer = env;
    env = env.copy();
    int before = pipeline.size();
    int first = out.size();
    parseList(')');
    env = outer;
    if (peek() == ')') {
      pos++;
    }
    List<SimpleCommand> inner = List.copyOf(out.subList(first, out.size()));
    parseTrailingRedirects(pipeline);
    closedCompound = inner;
    closedCompoundAt = before;
  }

  /** Redirections after a subshell or arithmetic command: reported as a command without words. */
  private void parseTrailingRedirects(Pipeline pipeline) {
    List<Redirect> reds = new ArrayList<>();
    while (true) {
      skipBlanks();
      if (!tryRedirect(reds)) {
        break;
      }
    }
    if (!reds.isEmpty()) {
      emit(new ArrayList<>(), new LinkedHashMap<>(), Map.of(), reds, pipeline, false);
    }
  }

  /** A character that stands for itself inside a word wherever it is (what readWord's default case takes). */
  private static boolean ordinary(char c) {
    switch (c) {
      case '\\':
      case '\'':
      case '"':
      case '$':
      case '`':
      case '~':
      case '*':
      case '?':
      case '[':
        return false;
      default:
        return !isMeta(c);
    }
  }

  private static boolean isMeta(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '&' || c == '|' || c == '<'
        || c == '>' || c == '(' || c == ')';
  }

  private void parseSimple(Pipeline pipeline) {
    List<Arg> args = new ArrayList<>();
    Map<String, String> assigns = new LinkedHashMap<>();
    Map<String, String> partlyKnown = new HashMap<>();
    List<Redirect> reds = new ArrayList<>();
    boolean timeKeyword = false;
    while (true) {
      skipBlanks();
      if (eof()) {
        break;
      }
      char c = peek();
      if (c == ';' || c == '\n' || c == '|' || c == ')' || (c == '&' && peek(1) != '>')) {
        break;
      }
      if (c == '#') {
        break;
      }
      if (c == '(') {
        if (args.size() == 1 && peek(1) == ')') {
          pos += 2; // function definition: name() body
          pendingFunction = args.get(0).text();
          args.clear();
          skipBlanksAndNewlines();
          continue;
        }
        if (args.isEmpty()) {
          parseCommand(pipeline);
          continue;
        }
        problems.add("unexpected '(' at offset " + pos);
        pos++;
        continue;
      }
      if (tryRedirect(reds)) {
        continue;
      }
      int start = pos;
      Word w = readWord();
      if (pos == start) {
        problems.add("cannot parse at offset " + pos);
        pos++;
        continue;
      }
      if (args.isEmpty()) {
        Matcher m = mayBeAssignment(w.raw) ? ASSIGNMENT.matcher(w.raw) : null;
        if (m != null && m.find() && !w.raw.startsWith("=")) {
          String name = m.group(1);
          String value;
          if (w.raw.endsWith("=") && peek() == '(') {
            value = balanced("(", ")");
          } else {
            String text = w.joined();
            int eq = text.indexOf('=');
            value = w.dynamic ? null : text.substring(eq + 1);
            if (w.dynamic && keptWhenPartlyKnown(name)) {
              partlyKnown.put(name, (text.substring(eq + 1) + referencedNames(w.fields, name)).strip());
            }
            if (value != null && (value.equals("~") || value.startsWith("~/"))) {
              value = env.home() + value.substring(1);
            }
          }
          if (value != null && PROMPTS.contains(name)) {
            scanSubstitutions(value); // expanded as a prompt (PS4 under bash -x): its $(...) run
          }
          assigns.put(name, value);
          continue;
        }
        boolean afterTime = timeKeyword;
        timeKeyword = false;
        if (w.plain && assigns.isEmpty()) {
          String word = w.raw;
          if (afterTime && args.isEmpty() && (word.equals("-p") || word.equals("--"))) {
            // bash's time keyword takes -p itself (time [-p] pipeline): the command is what follows
            timeKeyword = word.equals("-p");
            continue;
          }
          if (afterTime && args.isEmpty() && word.startsWith("-")) {
            // any other option is GNU time's (/usr/bin/time -o FILE CMD), which is what sh and dash run
            args.add(Arg.literal("time"));
          }
          if (SKIPPED_RESERVED.contains(word)) {
            timeKeyword = word.equals("time") && args.isEmpty();
            if (args.isEmpty() && (word.equals("while") || word.equals("until"))) {
              // the condition reads the loop's input too (while read l; do …; done < f)
              compoundStarts.push(out.size());
              loopHead = true;
            } else if (args.isEmpty() && word.equals("do") && loopHead) {
              loopHead = false;
            } else if (args.isEmpty() && (word.equals("{") || word.equals("do"))) {
              compoundStarts.push(out.size());
              if (pendingFunction != null && word.equals("{")) {
                openFunctions.push(Map.entry(pendingFunction, compoundStarts.size()));
              }
              pendingFunction = null;
            } else if (args.isEmpty() && (word.equals("}") || word.equals("done")) && !compoundStarts.isEmpty()) {
              if (!openFunctions.isEmpty() && openFunctions.peek().getValue() == compoundStarts.size()) {
                openFunctions.pop();
              }
              int first = Math.min(compoundStarts.pop(), out.size());
              closedCompound = List.copyOf(out.subList(first, out.size()));
              closedCompoundAt = pipeline.size();
            }
            continue;
          }
          if (word.equals("[[")) {
            String inner = untilDoubleBracket();
            scanSubstitutions(inner);
            args.add(Arg.literal("[["));
            continue;
          }
          if (word.equals("for") || word.equals("select")) {
            skipBlanks();
            if (word.equals("for") && at("((")) {
              // bash's arithmetic for: for ((i=0; i<n; i++)); do ...; done
              arithmetic(balanced("((", "))"));
              continue;
            }
            Word var = readWord();
            env.set(var.raw, null);
            skipToEndOfClause();
            continue;
          }
          if (word.equals("case")) {
            problems.add("case statements are not analysed");
            skipPast("esac");
            return;
          }
          if (word.equals("function")) {
            skipBlanks();
            pendingFunction = readWord().raw;
            skipBlanks();
            if (at("()")) {
              pos += 2;
            }
            skipBlanksAndNewlines();
            continue;
          }
        }
      }
      args.addAll(w.fields);
    }
    if (args.isEmpty() && assigns.isEmpty() && reds.isEmpty()) {
      return;
    }
    if (args.isEmpty() && closedCompound != null) {
      loopInput(reds);
    }
    builtinCode(args);
    emit(args, assigns, partlyKnown, reds, pipeline, false);
  }

  /**
   * A group or loop whose input is a file ({@code while read l; do …; done < .env}): every command inside reads it,
   * as if {@code cat FILE} were piped into each (the data flow a {@code read} in the body takes its values from).
   */
  private void loopInput(List<Redirect> reds) {
    for (Redirect r : reds) {
      if (!r.readsFile()) {
        continue;
      }
      for (SimpleCommand inner : closedCompound) {
        SimpleCommand cat = new SimpleCommand(List.of(Arg.literal("cat"), r.target()), Map.of(), List.of(),
            inner.pipeline(), env.cwd(), origin, false);
        inner.pipeline().insert(0, List.of(cat));
      }
    }
  }

  /** Whether {@link #ASSIGNMENT} can match: a name's first character and an {@code =} (most words have neither). */
  private static boolean mayBeAssignment(String raw) {
    if (raw.isEmpty() || raw.indexOf('=') < 0) {
      return false;
    }
    char c = raw.charAt(0);
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_';
  }

  private void skipToEndOfClause() {
    while (!eof() && peek() != ';' && peek() != '\n') {
      if (peek() == '$' || peek() == '`') {
        readWord();
      } else {
        pos++;
      }
    }
  }

  private void skipPast(String word) {
    int k = src.indexOf(word, pos);
    pos = k < 0 ? src.length() : k + word.length();
  }

  private String untilDoubleBracket() {
    int start = pos;
    char quote = 0;
    while (!eof()) {
      char c = peek();
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '\\') {
        pos++;
      } else if (at("]]")) {
        String inner = src.substring(start, pos);
        pos += 2;
        return inner;
      }
      pos++;
    }
    problems.add("missing ']]'");
    return src.substring(start);
  }

  /** Text between {@code open} and its matching {@code close}, consuming both. */
  private String balanced(String open, String close) {
    pos += open.length();
    int start = pos;
    int level = 1;
    char quote = 0;
    while (!eof()) {
      char c = peek();
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else if (c == '\\' && quote == '"') {
          pos++;
        }
        pos++;
        continue;
      }
      if (c == '\'' || c == '"') {
        quote = c;
        pos++;
        continue;
      }
      if (c == '\\') {
        pos += 2;
        continue;
      }
      if (at(close) && level == 1) {
        String inner = src.substring(start, pos);
        pos += close.length();
        return inner;
      }
      if (c == '(') {
        level++;
      } else if (c == ')') {
        level--;
      }
      pos++;
    }
    problems.add("missing '" + close + "'");
    return src.substring(start);
  }

  /** Parses the command substitutions inside text that is otherwise data (arithmetic, [[ ]], here-doc bodies). */
  private void scanSubstitutions(String text) {
    if (text.indexOf('$') < 0 && text.indexOf('`') < 0) {
      return;
    }
    ShellParser p = new ShellParser(text, 0, env.copy(), depth + 1, origin, problems);
    while (!p.eof()) {
      char c = p.peek();
      if (c == '\\') {
        p.pos += 2;
      } else if (c == '$' || c == '`') {
        p.readWord();
      } else {
        p.pos++;
      }
    }
    out.addAll(p.out);
  }

  /**
   * An arithmetic expression: its own substitutions run, and so do those in the value of every variable it names,
   * since bash evaluates a variable's value as arithmetic again and an array subscript in it runs
   * ({@code x='a[$(cmd)]'; echo $((x))} runs cmd).
   */
  private void arithmetic(String expr) {
    scanSubstitutions(expr);
    Matcher m = IDENTIFIER.matcher(expr);
    while (m.find()) {
      evaluatedValue(m.group());
    }
  }

  /** The substitutions in a variable's known value, for contexts that evaluate the value again. */
  private void evaluatedValue(String name) {
    String value = lookup(name);
    if (value != null && (value.indexOf('$') >= 0 || value.indexOf('`') >= 0)) {
      if (depth >= MAX_DEPTH) {
        problems.add(TOO_DEEP);
        return;
      }
      scanSubstitutions(value);
    }
  }

  /**
   * Builtins that run text as code: {@code trap 'cmd' EXIT}, {@code complete/compgen -C cmd},
   * {@code mapfile/readarray -C cmd}; and those that evaluate an array subscript in a name argument
   * ({@code printf -v 'a[$(cmd)]' x}, {@code read}, {@code test -v}, {@code declare}, ...) or every argument as
   * arithmetic ({@code let}).
   */
  private void builtinCode(List<Arg> args) {
    if (args.isEmpty() || !CODE_BUILTINS.contains(args.get(0).text())) {
      return;
    }
    String name = args.get(0).text();
    for (int i = 1; i < args.size(); i++) {
      String t = args.get(i).text();
      String next = i + 1 < args.size() ? args.get(i + 1).text() : null;
      switch (name) {
        case "trap":
          // trap [-lp] [ACTION] SIGNAL...: '-' and '' reset or ignore, a lone signal list prints nothing
          if (t.startsWith("-") && !t.equals("-")) {
            continue;
          }
          if (!t.equals("-") && !t.isEmpty() && i + 1 < args.size()) {
            nested(t, env.copy(), "trap");
          }
          return;
        case "complete":
        case "compgen":
        case "mapfile":
        case "readarray":
          if (t.equals("-C") && next != null) {
            nested(next, env.copy(), name + " -C");
          }
          subscript(t);
          break;
        case "let":
          arithmetic(t);
          break;
        case "printf":
        case "test":
        case "[":
          if (t.equals("-v") && next != null) {
            subscript(next);
          }
          break;
        case "declare":
        case "typeset":
        case "local":
        case "export":
        case "readonly":
          subscript(t.indexOf('=') > 0 ? t.substring(0, t.indexOf('=')) : t);
          break;
        default: // read, unset, getopts, wait: their operands are names
          subscript(t);
          break;
      }
    }
  }

  /** A variable name with a subscript ({@code a[$(cmd)]}) runs the subscript's substitutions when bash uses it. */
  private void subscript(String name) {
    int open = name.indexOf('[');
    if (open > 0 && (name.indexOf('$', open) >= 0 || name.indexOf('`', open) >= 0)) {
      scanSubstitutions(name.substring(open));
    }
  }

  // ------------------------------------------------------------------------------------------------ redirections

  private boolean tryRedirect(List<Redirect> reds) {
    int save = pos;
    if ((peek() == '<' || peek() == '>') && peek(1) == '(') {
      return false; // process substitution: a word
    }
    int k = pos;
    while (k < src.length() && Character.isDigit(src.charAt(k))) {
      k++;
    }
    if (k < src.length() && src.charAt(k) == '{' && k == pos) {
      int close = src.indexOf('}', k);
      if (close > 0 && close + 1 < src.length() && (src.charAt(close + 1) == '>' || src.charAt(close + 1) == '<')
          && NAME.matcher(src.substring(k + 1, close)).matches()) {
        k = close + 1;
      }
    }
    // every operator starts with < > or &: most words are rejected here, before any substring
    char opStart = k < src.length() ? src.charAt(k) : 0;
    if (opStart != '<' && opStart != '>' && opStart != '&') {
      pos = save;
      return false;
    }
    String op = null;
    String rest = src.substring(k, Math.min(src.length(), k + 3));
    if (k == pos && rest.startsWith("&>>")) {
      op = "&>>";
    } else if (k == pos && rest.startsWith("&>")) {
      op = "&>";
    } else {
      for (String o : new String[] {"<<<", "<<-", ">>", ">|", ">&", "<<", "<&", "<>", ">", "<"}) {
        if (rest.startsWith(o)) {
          op = o;
          break;
        }
      }
    }
    if (op == null) {
      pos = save;
      return false;
    }
    pos = k + op.length();
    skipBlanks();
    if (op.equals("<<") || op.equals("<<-")) {
      heredoc(op, reds);
      return true;
    }
    if (eof() || isMeta(peek()) && !((peek() == '<' || peek() == '>') && peek(1) == '(')) {
      problems.add("redirection '" + op + "' without a target");
      return true;
    }
    Word target = readWord();
    Arg t = target.single();
    reds.add(new Redirect(op, t, op.equals("<<<") ? t.text() : null));
    return true;
  }

  private void heredoc(String op, List<Redirect> reds) {
    int start = pos;
    Word delimWord = readWord();
    String rawDelim = src.substring(start, pos);
    boolean quoted = rawDelim.indexOf('\'') >= 0 || rawDelim.indexOf('"') >= 0 || rawDelim.indexOf('\\') >= 0;
    String delim = delimWord.joined();
    int bodyStart;
    if (pendingBodyStart >= 0) {
      bodyStart = pendingBodyStart;
    } else {
      int nl = src.indexOf('\n', pos);
      bodyStart = nl < 0 ? src.length() : nl + 1;
    }
    StringBuilder body = new StringBuilder();
    int k = bodyStart;
    int end = src.length();
    while (k < src.length()) {
      int nl = src.indexOf('\n', k);
      int lineEnd = nl < 0 ? src.length() : nl;
      String line = src.substring(k, lineEnd);
      if (op.equals("<<-")) {
        line = line.replaceFirst("^\t+", "");
      }
      int next = nl < 0 ? src.length() : nl + 1;
      if (line.equals(delim)) {
        end = next;
        break;
      }
      body.append(line).append('\n');
      k = next;
      end = next;
    }
    if (bodyStart < src.length()) {
      heredocSkips.add(new int[] {bodyStart, end});
    }
    pendingBodyStart = end;
    String text = body.toString();
    if (!quoted) {
      scanSubstitutions(text);
    }
    reds.add(new Redirect(op, Arg.literal(delim), text));
  }

  // ------------------------------------------------------------------------------------------------------- words

  /** A word while it is being read: its fields, raw source text and flags. */
  private static final class Word {
    final List<Arg> fields = new ArrayList<>();
    String raw = "";
    boolean plain;
    boolean dynamic;

    String joined() {
      StringBuilder b = new StringBuilder();
      for (Arg a : fields) {
        if (b.length() > 0) {
          b.append(' ');
        }
        b.append(a.text());
      }
      return b.toString();
    }

    Arg single() {
      if (fields.size() == 1) {
        return fields.get(0);
      }
      boolean glob = false;
      boolean computed = false;
      List<Script> subs = new ArrayList<>();
      for (Arg a : fields) {
        glob |= a.glob();
        computed |= a.computed();
        subs.addAll(a.substitutions());
      }
      return new Arg(joined(), dynamic || fields.size() != 1, glob, computed, subs);
    }
  }

  /** Builds the fields of one word (field splitting happens for unquoted expansions only). */
  private static final class FieldBuilder {
    final List<Arg> fields = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean has;
    boolean dynamic;
    boolean glob;
    boolean computed;
    List<Script> subs = new ArrayList<>();
    List<String> refs = new ArrayList<>();

    void lit(char c) {
      cur.append(c);
      has = true;
    }

    void lit(String s) {
      cur.append(s);
      has = true;
    }

    void quotedEmpty() {
      has = true;
    }

    String ifs = " \t\n";

    void splittable(String s) {
      for (int k = 0; k < s.length(); k++) {
        char c = s.charAt(k);
        if (ifs.indexOf(c) >= 0) {
          finish();
        } else {
          lit(c);
        }
      }
    }

    void finish() {
      if (has) {
        // Arg copies the lists, so they are emptied and reused (most fields have neither)
        fields.add(new Arg(cur.toString(), dynamic, glob, computed, subs.isEmpty() ? List.of() : subs,
            refs.isEmpty() ? List.of() : refs));
      }
      refs.clear();
      cur.setLength(0);
      has = false;
      dynamic = false;
      glob = false;
      computed = false;
      subs.clear();
    }
  }

  private Word readWord() {
    Word w = new Word();
    FieldBuilder f = new FieldBuilder();
    if (env.assigned("IFS") && env.var("IFS") != null) {
      f.ifs = env.var("IFS");
    }
    int start = pos;
    boolean plain = true;
    boolean first = true;
    while (!eof()) {
      char c = peek();
      if ((c == '<' || c == '>') && peek(1) == '(' && first) {
        pos += 2;
        String how = c == '<' ? "<(...)" : ">(...)";
        Script s = substitution(")", how);
        f.subs.add(s);
        f.lit("/dev/fd/63");
        plain = false;
        first = false;
        continue;
      }
      if (isMeta(c)) {
        break;
      }
      switch (c) {
        case '\\':
          if (peek(1) == '\n') {
            pos += 2;
          } else {
            if (pos + 1 < src.length()) {
              f.lit(src.charAt(pos + 1));
            }
            pos += 2;
            plain = false;
          }
          break;
        case '\'': {
          int close = src.indexOf('\'', pos + 1);
          if (close < 0) {
            problems.add("unterminated single quote");
            f.lit(src.substring(pos + 1));
            pos = src.length();
          } else {
            f.cur.append(src, pos + 1, close);
            pos = close + 1;
          }
          f.quotedEmpty();
          plain = false;
          break;
        }
        case '"':
          doubleQuoted(f);
          plain = false;
          break;
        case '$':
          dollar(f, false);
          plain = false;
          break;
        case '`':
          backtick(f, false);
          plain = false;
          break;
        case '~':
          if (first) {
            tilde(f);
          } else {
            f.lit(c);
            pos++;
          }
          break;
        case '*':
        case '?':
        case '[':
          f.glob = true;
          f.lit(c);
          pos++;
          break;
        default: {
          // a run of ordinary characters is copied at once, not one append per character
          int end = pos + 1;
          while (end < src.length() && ordinary(src.charAt(end))) {
            end++;
          }
          f.cur.append(src, pos, end);
          f.has = true;
          pos = end;
        }
      }
      first = false;
    }
    // an unterminated quote or substitution at the very end steps past it (the problem is already reported)
    pos = Math.min(pos, src.length());
    w.raw = src.substring(start, pos);
    w.plain = plain;
    boolean wordDynamic = f.dynamic;
    f.finish();
    w.fields.addAll(f.fields);
    boolean anyDynamic = wordDynamic;
    for (int k = 0; k < w.fields.size() && !anyDynamic; k++) {
      anyDynamic = w.fields.get(k).dynamic();
    }
    w.dynamic = anyDynamic;
    if (plain && w.fields.size() == 1 && w.raw.indexOf('{') >= 0 && w.raw.indexOf(',') > 0) {
      List<String> expanded = braces(w.fields.get(0).text());
      if (expanded.size() > 1) {
        Arg base = w.fields.get(0);
        w.fields.clear();
        for (String e : expanded) {
          w.fields.add(new Arg(e, base.dynamic(), base.glob(), base.computed(), base.substitutions()));
        }
      }
    }
    return w;
  }

  private void tilde(FieldBuilder f) {
    int k = pos + 1;
    while (k < src.length() && !isMeta(src.charAt(k)) && src.charAt(k) != '/' && src.charAt(k) != ':') {
      k++;
    }
    String user = src.substring(pos + 1, k);
    if (user.isEmpty()) {
      f.lit(env.home().toString());
    } else if (user.equals("+") && env.cwd() != null) {
      f.lit(env.cwd().toString());
    } else if (NAME.matcher(user).matches() || user.matches("[A-Za-z0-9._-]+")) {
      f.lit(user.equals("root") ? "/root" : "/home/" + user);
    } else {
      f.lit("~" + user);
    }
    pos = k;
  }

  private void doubleQuoted(FieldBuilder f) {
    pos++;
    f.quotedEmpty();
    while (!eof()) {
      char c = peek();
      if (c == '"') {
        pos++;
        return;
      }
      if (c == '\\') {
        char n = peek(1);
        if (n == '$' || n == '`' || n == '"' || n == '\\') {
          f.lit(n);
          pos += 2;
        } else if (n == '\n') {
          pos += 2;
        } else {
          f.lit('\\');
          pos++;
        }
      } else if (c == '$') {
        dollar(f, true);
      } else if (c == '`') {
        backtick(f, true);
      } else {
        f.lit(c);
        pos++;
      }
    }
    problems.add("unterminated double quote");
  }

  private void dollar(FieldBuilder f, boolean quoted) {
    char n = peek(1);
    if (n == '\'' && !quoted) {
      pos += 2;
      StringBuilder b = new StringBuilder();
      while (!eof() && peek() != '\'') {
        if (peek() == '\\' && pos + 1 < src.length()) {
          pos = ansiEscape(b, pos + 1);
        } else {
          b.append(peek());
          pos++;
        }
      }
      if (eof()) {
        problems.add("unterminated $'...'");
      }
      pos++;
      f.lit(b.toString());
      f.quotedEmpty();
      return;
    }
    if (n == '"' && !quoted) {
      pos++;
      doubleQuoted(f);
      return;
    }
    if (n == '(' && peek(2) == '(') {
      String inner = balanced("$((", "))");
      arithmetic(inner);
      f.dynamic = true;
      f.lit("0");
      return;
    }
    if (n == '(') {
      pos += 2;
      Script s = substitution(")", "$(...)");
      substituted(f, s, quoted);
      return;
    }
    if (n == '{') {
      String inner = balanced("${", "}");
      expandBraced(f, inner, quoted);
      return;
    }
    if (n != 0 && (Character.isLetter(n) || n == '_')) {
      int k = pos + 1;
      while (k < src.length() && (Character.isLetterOrDigit(src.charAt(k)) || src.charAt(k) == '_')) {
        k++;
      }
      String name = src.substring(pos + 1, k);
      pos = k;
      variable(f, name, quoted);
      return;
    }
    if (n != 0 && "0123456789@*#?$!-".indexOf(n) >= 0) {
      pos += 2;
      f.dynamic = true;
      f.has = true;
      return;
    }
    f.lit('$');
    pos++;
  }

  private void variable(FieldBuilder f, String name, boolean quoted) {
    String value = lookup(name);
    if (value == null) {
      f.dynamic = true;
      f.has = true;
      f.refs.add(name);
      return;
    }
    if (quoted) {
      f.lit(value);
    } else {
      f.splittable(value);
    }
  }

  /** The value of a variable, or null when it is only known at run time. */
  private String lookup(String name) {
    if (env.assigned(name)) {
      return env.var(name);
    }
    switch (name) {
      case "HOME":
        return env.home().toString();
      case "PWD":
        return env.cwd() == null ? null : env.cwd().toString();
      case "IFS":
        return " \t\n";
      default:
        return null;
    }
  }

  private void expandBraced(FieldBuilder f, String inner, boolean quoted) {
    Matcher m = BRACED.matcher(inner);
    if (!m.matches()) {
      f.dynamic = true;
      f.has = true;
      scanSubstitutions(inner);
      return;
    }
    String name = m.group(1);
    String op = m.group(2);
    String word = m.group(3);
    if (op == null && word.equals("@P")) {
      evaluatedValue(name); // prompt expansion runs the $(...) in the value
    }
    if (op == null && !word.isEmpty()) {
      Matcher sub = SUBSTRING.matcher(word);
      String known = sub.matches() ? lookup(name) : null;
      if (known != null) {
        // ${HOME:0:1} is "/": cat ${HOME:0:1}etc${HOME:0:1}shadow reads /etc/shadow
        int len = known.length();
        int from = Integer.parseInt(sub.group(1).strip());
        from = from < 0 ? Math.max(0, len + from) : Math.min(from, len);
        int to = sub.group(2) == null ? len : Integer.parseInt(sub.group(2).strip());
        to = to < 0 ? Math.max(from, len + to) : Math.min(len, from + to);
        String part = known.substring(from, Math.max(from, to));
        if (quoted) {
          f.lit(part);
        } else {
          f.splittable(part);
        }
        return;
      }
      // ${X#pat}, ${X/a/b}, ${X:1:2} of an unknown value: value unknown
      f.dynamic = true;
      f.has = true;
      return;
    }
    String value = lookup(name);
    if (value == null) {
      f.refs.add(name);
    }
    if (op != null && (op.endsWith("-") || op.endsWith("="))) {
      if (value == null || value.isEmpty() && op.startsWith(":")) {
        Word w = wordOf(word);
        f.dynamic |= value == null;
        String text = w.joined();
        if (quoted) {
          f.lit(text);
        } else {
          f.splittable(text);
        }
        return;
      }
    }
    if (op != null && op.endsWith("+")) {
      f.dynamic = true;
      f.has = true;
      return;
    }
    if (value == null) {
      f.dynamic = true;
      f.has = true;
      return;
    }
    if (quoted) {
      f.lit(value);
    } else {
      f.splittable(value);
    }
  }

  /** Reads {@code text} as one word in this parser's environment. */
  private Word wordOf(String text) {
    ShellParser p = new ShellParser(text, 0, env, depth + 1, origin, problems);
    Word w = p.readWord();
    out.addAll(p.out);
    return w;
  }

  private void backtick(FieldBuilder f, boolean quoted) {
    pos++;
    StringBuilder inner = new StringBuilder();
    while (!eof() && peek() != '`') {
      char c = peek();
      if (c == '\\' && (peek(1) == '`' || peek(1) == '\\' || peek(1) == '$')) {
        inner.append(peek(1));
        pos += 2;
      } else {
        inner.append(c);
        pos++;
      }
    }
    if (eof()) {
      problems.add("unterminated backtick");
    } else {
      pos++;
    }
    Script s = nested(inner.toString(), env.copy(), "`...`");
    substituted(f, s, quoted);
  }

  /** Parses a substitution body in place (pos is just after the opening), consuming the closing parenthesis. */
  private Script substitution(String close, String how) {
    if (depth >= MAX_DEPTH) {
      problems.add(TOO_DEEP);
      pos = src.length();
      return new Script(List.of(), List.of());
    }
    ShellParser p = new ShellParser(src, pos, env.copy(), depth + 1, how, problems);
    p.parseList(close.charAt(0));
    pos = p.pos;
    if (peek() == close.charAt(0)) {
      pos++;
    }
    out.addAll(p.out);
    return new Script(p.out, List.of());
  }

  private void substituted(FieldBuilder f, Script s, boolean quoted) {
    f.subs.add(s);
    String here = workingDirectory(s);
    if (here != null) { // -v "$(pwd)":/src: a plain value, not one decoded on the fly
      if (quoted) {
        f.lit(here);
      } else {
        f.splittable(here);
      }
      return;
    }
    String folded = fold(s);
    if (folded == null) {
      f.dynamic = true;
      f.has = true;
      return;
    }
    f.computed = true;
    String v = folded.replaceAll("\n+$", "");
    if (quoted) {
      f.lit(v);
    } else {
      f.splittable(v);
    }
  }

  /** What {@code $(pwd)} prints when the working directory is known, else null. */
  private static String workingDirectory(Script s) {
    List<SimpleCommand> cmds = s.commands();
    if (cmds.size() != 1 || !cmds.get(0).redirects().isEmpty() || cmds.get(0).cwd() == null) {
      return null;
    }
    List<String> a = cmds.get(0).argv();
    return a.get(0).equals("pwd") && (a.size() == 1 || a.size() == 2 && (a.get(1).equals("-P")
        || a.get(1).equals("-L"))) && cmds.get(0).args().stream().noneMatch(Arg::dynamic)
        ? cmds.get(0).cwd().toString() : null;
  }

  // ------------------------------------------------------------------------------------------ constant folding

  /**
   * The output of a substitution made only of echo/printf piped through base64 -d, rev, xxd -r -p or tr, or null
   * when it cannot be computed without running it.
   */
  static String fold(Script s) {
    List<SimpleCommand> cmds = s.commands();
    if (cmds.isEmpty() || cmds.get(0).pipeline().size() != cmds.size()) {
      return null;
    }
    return fold(cmds);
  }

  /**
   * The output of a chain of piped commands made only of echo/printf through base64 -d, rev, xxd -r -p or tr (the
   * commands upstream of an {@code xargs}, say), or null when it cannot be computed without running it.
   */
  public static String fold(List<SimpleCommand> cmds) {
    if (cmds.isEmpty()) {
      return null;
    }
    String data = null;
    for (SimpleCommand c : cmds) {
      if (c.args().isEmpty() || c.args().stream().anyMatch(Arg::dynamic) || !c.redirects().isEmpty()) {
        return null;
      }
      List<String> a = c.argv();
      String name = a.get(0);
      if (data == null) {
        if (name.equals("echo")) {
          data = echo(a) + "\n";
        } else if (name.equals("printf") && a.size() >= 2) {
          data = printf(a);
        } else {
          return null;
        }
        continue;
      }
      if (name.equals("base64") && a.size() == 2 && (a.get(1).equals("-d") || a.get(1).equals("--decode")
          || a.get(1).equals("-D"))) {
        try {
          data = new String(Base64.getMimeDecoder().decode(data.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return null;
        }
      } else if (name.equals("rev") && a.size() == 1) {
        StringBuilder b = new StringBuilder();
        for (String line : data.split("\n", -1)) {
          if (b.length() > 0) {
            b.append('\n');
          }
          b.append(new StringBuilder(line).reverse());
        }
        data = b.toString();
      } else if (name.equals("xxd") && a.size() >= 3 && a.contains("-r") && a.contains("-p")) {
        String hex = data.replaceAll("\\s", "");
        if (hex.length() % 2 != 0 || !hex.matches("[0-9a-fA-F]*")) {
          return null;
        }
        byte[] bytes = new byte[hex.length() / 2];
        for (int k = 0; k < bytes.length; k++) {
          bytes[k] = (byte) Integer.parseInt(hex.substring(2 * k, 2 * k + 2), 16);
        }
        data = new String(bytes, StandardCharsets.UTF_8);
      } else if (name.equals("tr") && a.size() == 3 && a.get(1).length() == a.get(2).length()) {
        StringBuilder b = new StringBuilder(data);
        for (int k = 0; k < b.length(); k++) {
          int at = a.get(1).indexOf(b.charAt(k));
          if (at >= 0) {
            b.setCharAt(k, a.get(2).charAt(at));
          }
        }
        data = b.toString();
      } else if (name.equals("cat") && a.size() == 1) {
        continue;
      } else {
        return null;
      }
    }
    return data;
  }

  private static String echo(List<String> a) {
    int k = 1;
    boolean escapes = false;
    while (k < a.size() && a.get(k).matches("-[neE]+")) {
      escapes |= a.get(k).contains("e");
      k++;
    }
    String text = String.join(" ", a.subList(k, a.size()));
    return escapes ? ansi(text) : text;
  }

  private static String printf(List<String> a) {
    String fmt = ansi(a.get(1));
    StringBuilder b = new StringBuilder();
    int arg = 2;
    for (int k = 0; k < fmt.length(); k++) {
      char c = fmt.charAt(k);
      if (c == '%' && k + 1 < fmt.length()) {
        char n = fmt.charAt(++k);
        if (n == '%') {
          b.append('%');
        } else {
          b.append(arg < a.size() ? a.get(arg++) : "");
        }
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static String ansi(String text) {
    StringBuilder b = new StringBuilder();
    int k = 0;
    while (k < text.length()) {
      if (text.charAt(k) == '\\' && k + 1 < text.length()) {
        k = ansiEscape(b, text, k + 1);
      } else {
        b.append(text.charAt(k++));
      }
    }
    return b.toString();
  }

  private int ansiEscape(StringBuilder b, int at) {
    return ansiEscape(b, src, at);
  }

  /** Decodes the escape whose letter is at {@code at}; returns the index after it. */
  private static int ansiEscape(StringBuilder b, String s, int at) {
    char e = s.charAt(at);
    switch (e) {
      case 'n':
        b.append('\n');
        return at + 1;
      case 't':
        b.append('\t');
        return at + 1;
      case 'r':
        b.append('\r');
        return at + 1;
      case 'a':
        b.append('\u0007');
        return at + 1;
      case 'e':
      case 'E':
        b.append('\u001b');
        return at + 1;
      case 'x': {
        int k = at + 1;
        while (k < s.length() && k < at + 3 && Character.digit(s.charAt(k), 16) >= 0) {
          k++;
        }
        if (k == at + 1) {
          b.append("\\x");
          return k;
        }
        b.append((char) Integer.parseInt(s.substring(at + 1, k), 16));
        return k;
      }
      case 'u':
      case 'U': {
        int max = e == 'u' ? 4 : 8;
        int k = at + 1;
        while (k < s.length() && k < at + 1 + max && Character.digit(s.charAt(k), 16) >= 0) {
          k++;
        }
        if (k == at + 1) {
          b.append('\\').append(e);
          return k;
        }
        b.appendCodePoint(Integer.parseInt(s.substring(at + 1, k), 16));
        return k;
      }
      default:
        if (e >= '0' && e <= '7') {
          int k = at;
          while (k < s.length() && k < at + 3 && s.charAt(k) >= '0' && s.charAt(k) <= '7') {
            k++;
          }
          b.append((char) Integer.parseInt(s.substring(at, k), 8));
          return k;
        }
        b.append(e);
        return at + 1;
    }
  }

  /** Simple brace expansion: {@code a{b,c}d} to {@code abd acd}, nested, no ranges. */
  static List<String> braces(String word) {
    int open = -1;
    int level = 0;
    int close = -1;
    boolean comma = false;
    for (int k = 0; k < word.length(); k++) {
      char c = word.charAt(k);
      if (c == '{') {
        if (level == 0) {
          open = k;
          comma = false;
        }
        level++;
      } else if (c == '}' && level > 0) {
        level--;
        if (level == 0 && comma) {
          close = k;
          break;
        }
      } else if (c == ',' && level == 1) {
        comma = true;
      }
    }
    if (open < 0 || close < 0) {
      return List.of(word);
    }
    List<String> parts = new ArrayList<>();
    int lvl = 0;
    int from = open + 1;
    for (int k = open + 1; k < close; k++) {
      char c = word.charAt(k);
      if (c == '{') {
        lvl++;
      } else if (c == '}') {
        lvl--;
      } else if (c == ',' && lvl == 0) {
        parts.add(word.substring(from, k));
        from = k + 1;
      }
    }
    parts.add(word.substring(from, close));
    List<String> result = new ArrayList<>();
    for (String p : parts) {
      result.addAll(braces(word.substring(0, open) + p + word.substring(close + 1)));
    }
    return result;
  }

  // ------------------------------------------------------------------------------------------------------ emit

  /**
   * @param partlyKnown assignments whose value is partly known ({@link #keptWhenPartlyKnown}): recorded with their known
   *     part in the command, while the variable stays unknown in {@link #env} for what follows
   */
  private void emit(List<Arg> args, Map<String, String> assigns, Map<String, String> partlyKnown, List<Redirect> reds,
      Pipeline pipeline, boolean exported) {
    if (!args.isEmpty() && !args.get(0).dynamic()) {
      String aliasName = args.get(0).text();
      String alias = env.alias(aliasName);
      if (alias != null && depth < MAX_DEPTH) {
        env.alias(aliasName, null); // no recursion
        Script s = nested(alias, env, "alias");
        List<SimpleCommand> cmds = s.commands();
        if (cmds.size() == 1 && cmds.get(0).redirects().isEmpty()) {
          out.remove(cmds.get(0));
          List<Arg> merged = new ArrayList<>(cmds.get(0).args());
          merged.addAll(args.subList(1, args.size()));
          args = merged;
        }
        env.alias(aliasName, alias);
      }
    }
    boolean export = exported;
    Map<String, String> partial = new HashMap<>(partlyKnown);
    if (!args.isEmpty() && DECLARE.contains(args.get(0).text())) {
      for (Arg a : args.subList(1, args.size())) {
        Matcher m = ASSIGNMENT.matcher(a.text());
        if (m.find()) {
          String value = a.text().substring(a.text().indexOf('=') + 1);
          assigns.put(m.group(1), a.dynamic() ? null : value);
          if (a.dynamic() && keptWhenPartlyKnown(m.group(1))) {
            partial.put(m.group(1), (value + referencedNames(List.of(a), m.group(1))).strip());
          }
        }
      }
      export = args.get(0).text().equals("export");
    }
    Map<String, String> recorded = nullSafe(assigns);
    recorded.putAll(partial);
    boolean statement = args.isEmpty() || DECLARE.contains(args.get(0).text());
    if (statement) {
      // upper-case names are (or become) environment variables: the commands after this one run with them
      recorded.forEach((k, v) -> {
        if (ENV_NAME.matcher(k).matches()) {
          env.setting(k, v);
        }
      });
    } else {
      env.settings().forEach(recorded::putIfAbsent);
    }
    if (!args.isEmpty() && !openFunctions.isEmpty()) {
      String name = args.get(0).text();
      if (openFunctions.stream().anyMatch(f -> f.getKey().equals(name))) {
        problems.add(SELF_CALL + "`" + name + "`");
      }
    }
    SimpleCommand c = new SimpleCommand(List.copyOf(args), recorded.isEmpty() ? Map.of() : Map.copyOf(recorded),
        List.copyOf(reds), pipeline, env.cwd(), origin, export);
    out.add(c);
    pipeline.add(c);
    effects(c, args, assigns);
  }

  /**
   * Whether an assignment to {@code name} is recorded with its known part when the rest is only known at run time:
   * {@code PATH=/tmp/x:$PATH}, whose written-out directories are what the guard judges, and (session 19) a connection
   * setting set from another variable ({@code DATABASE_URL=$PROD_DATABASE_URL}), whose name says which database. The
   * variable itself stays unknown for later expansions ({@code $PATH} after it is not the partial text); other
   * variables record null.
   */
  private static boolean keptWhenPartlyKnown(String name) {
    return name.equals("PATH") || CONNECTION_SETTING.matcher(name).matches();
  }

  /** For a connection setting, the variables its value names, as written ({@code $PROD_DATABASE_URL}); else "". */
  private static String referencedNames(List<Arg> fields, String name) {
    if (!CONNECTION_SETTING.matcher(name).matches()) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (Arg a : fields) {
      for (String ref : a.refs()) {
        b.append(" $").append(ref);
      }
    }
    return b.toString();
  }

  private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

  private static final Pattern CONNECTION_SETTING = Pattern.compile("[A-Z0-9_]*(?:DATABASE|_DB|DB_)[A-Z0-9_]*"
      + "|[A-Z0-9_]*_(?:URL|URI|DSN)|DSN|PG(?:HOST|DATABASE)|MYSQL_(?:HOST|DATABASE)|RAILS_ENV|RACK_ENV|NODE_ENV"
      + "|APP_ENV|DJANGO_SETTINGS_MODULE|FLASK_ENV|MIX_ENV|ASPNETCORE_ENVIRONMENT");

  private static Map<String, String> nullSafe(Map<String, String> m) {
    Map<String, String> r = new LinkedHashMap<>();
    m.forEach((k, v) -> r.put(k, v == null ? "" : v));
    return r;
  }

  /** What a command changes in the parser's view: variables, aliases, the current directory. */
  private void effects(SimpleCommand c, List<Arg> args, Map<String, String> assigns) {
    if (args.isEmpty() || DECLARE.contains(args.get(0).text())) {
      assigns.forEach(env::set);
      return;
    }
    String name = args.get(0).text();
    switch (name) {
      case "cd":
      case "pushd":
        cd(args);
        break;
      case "popd":
        env.cwd(null);
        break;
      case "unset":
        args.subList(1, args.size()).forEach(a -> env.unset(a.text()));
        break;
      case "read":
      case "mapfile":
      case "readarray":
        args.subList(1, args.size()).stream().filter(a -> NAME.matcher(a.text()).matches())
            .forEach(a -> env.set(a.text(), null));
        break;
      case "alias":
        for (Arg a : args.subList(1, args.size())) {
          int eq = a.text().indexOf('=');
          if (eq > 0) {
            env.alias(a.text().substring(0, eq), a.text().substring(eq + 1));
          }
        }
        break;
      default:
        break;
    }
  }

  private void cd(List<Arg> args) {
    List<Arg> rest = args.subList(1, args.size()).stream().filter(a -> !a.text().startsWith("-")
        || a.text().equals("-")).toList();
    if (rest.isEmpty()) {
      env.cwd(env.home());
      return;
    }
    Arg target = rest.get(0);
    if (target.dynamic() || target.glob() || target.text().equals("-")) {
      env.cwd(null);
      return;
    }
    Path p = Path.of(target.text());
    if (!p.isAbsolute()) {
      p = env.cwd() == null ? null : env.cwd().resolve(p);
    }
    env.cwd(p == null ? null : p.normalize());
  }
}
