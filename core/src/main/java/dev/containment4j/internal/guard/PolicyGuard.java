/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import dev.containment4j.Layer;
import dev.containment4j.PolicyException;
import dev.containment4j.ToolCall;
import dev.containment4j.Verdict;
import dev.containment4j.guard.GuardContext;
import dev.containment4j.guard.ModelGuard;
import dev.containment4j.policy.Policy;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The guard a policy configures: its rules (deny, then ask, then allow; first match wins), then, for what no rule
 * decides, {@code guard.mode} — the built-in {@link Classifier} ({@code auto}), a human ({@code ask}) or a denial
 * ({@code deny}). Shell strings are parsed and every command in them is judged: a Bash allow rule allows a compound
 * command only when every command in it is allowed, a deny or ask rule on any command decides for the whole string,
 * and input that cannot be parsed is never allowed. In a tainted session, calls that send anything out are escalated.
 * Immutable and thread-safe.
 */
public final class PolicyGuard implements ModelGuard {
  private static final Layer L = Layer.GUARD;
  private final Policy policy;
  private final RuleSet rules;
  private final String auditName;
  private final Map<Path, Map<Path, Paths>> pathsCache = new ConcurrentHashMap<>();
  /** Real paths shared by this guard's decisions; cleared whenever a call that may write is let through. */
  private final RealPaths realPaths;

  private PolicyGuard(Policy policy) {
    // nothing is reused while a call that may have changed the filesystem can still be running
    this(policy, RealPaths.withQuietPeriod(policy.isolation().limits().wall()));
  }

  /** With a given resolver (tests use one whose clock makes a fresh directory count as settled). */
  PolicyGuard(Policy policy, RealPaths realPaths) {
    this.policy = policy;
    this.rules = RuleSet.of(policy.guard());
    this.realPaths = realPaths;
    this.auditName = policy.audit().jsonl().map(p -> p.getFileName() == null ? "containment-audit.jsonl"
        : p.getFileName().toString()).orElse("containment-audit.jsonl");
  }

  /**
   * The guard configured by {@code policy}.
   *
   * @throws PolicyException when a rule is invalid (the loader normally reports this first, with its line)
   */
  public static ModelGuard of(Policy policy) {
    try {
      return new PolicyGuard(policy);
    } catch (IllegalArgumentException e) {
      throw new PolicyException(policy.source(), 0, 0, "guard", e.getMessage(), e);
    }
  }

  /** The workspace and home of the last decision and their {@link Paths}: an agent's calls share them. */
  private record LastPaths(Path workdir, Path home, Paths paths) {}

  private volatile LastPaths last;

  private Paths paths(GuardContext ctx) {
    LastPaths l = last;
    if (l != null && l.workdir().equals(ctx.workdir()) && l.home().equals(ctx.home())) {
      return l.paths();
    }
    Paths p = lookUpPaths(ctx);
    last = new LastPaths(ctx.workdir(), ctx.home(), p);
    return p;
  }

  private Paths lookUpPaths(GuardContext ctx) {
    if (pathsCache.size() > 64) {
      pathsCache.clear();
    }
    Map<Path, Paths> byHome = pathsCache.computeIfAbsent(ctx.workdir(), k -> new ConcurrentHashMap<>());
    if (byHome.size() > 64) {
      byHome.clear();
    }
    return byHome.computeIfAbsent(ctx.home(), h -> new Paths(ctx.workdir(), h, auditName, realPaths));
  }

  @Override
  public Verdict review(ToolCall call, GuardContext ctx) {
    Verdict v;
    boolean mayWrite = true;
    try {
      Paths paths = paths(ctx);
      Classifier classifier = new Classifier(paths, policy);
      Path cwd = call.cwd().map(c -> ctx.workdir().resolve(c).normalize()).orElse(ctx.cwd());
      switch (call.kind()) {
        case BASH:
        case COMMAND: {
          Units.Analysis a = call.kind() == ToolCall.Kind.BASH
              ? Units.ofShell(call.command().orElse(""), ctx.home(), cwd)
              : Units.ofArgv(call.argv(), ctx.home(), cwd);
          mayWrite = !Classifier.readOnly(a);
          v = shell(a, classifier, ctx);
          // session 22: apply_patch and git apply with the patch in the command: each file it writes, edits or
          // deletes is judged like that tool call
          for (ToolCall op : Patches.calls(a)) {
            Path opCwd = op.cwd().orElse(cwd);
            v = stronger(v, op.kind() == ToolCall.Kind.BASH
                ? shell(Units.ofShell(op.command().orElse(""), ctx.home(), opCwd), classifier, ctx)
                : file(op, paths, classifier, ctx, opCwd));
          }
          break;
        }
        case READ:
          mayWrite = false;
          v = file(call, paths, classifier, ctx, cwd);
          break;
        case WRITE:
        case EDIT:
          v = file(call, paths, classifier, ctx, cwd);
          break;
        case FETCH:
          mayWrite = false;
          v = fetch(call.url().orElse(null), classifier, ctx);
          break;
        case MCP:
          v = mcp(call, ctx);
          break;
        default:
          v = custom(call);
      }
    } catch (RuntimeException | StackOverflowError e) {
      v = Verdict.deny(L, "", "guard-error", "the guard could not analyse this call ("
          + e.getClass().getSimpleName() + "), so it was denied; simplify the call");
    }
    if (mayWrite && !(v instanceof Verdict.Deny)) {
      // this call may create the link that a later call reads through: no real path from before it is reused
      realPaths.filesystemMayChange();
    }
    return v;
  }

  /** The more restrictive of two verdicts (deny over ask over allow); the first on a tie. */
  private static Verdict stronger(Verdict a, Verdict b) {
    return rank(b) > rank(a) ? b : a;
  }

  // ------------------------------------------------------------------------------------------------ shell

  private Verdict shell(Units.Analysis a, Classifier classifier, GuardContext ctx) {
    Paths paths = classifier.paths();
    RuleSet.Match deny = rules.firstShellMatch(rules.deny(), a, paths, classifier);
    if (deny != null) {
      return Verdict.deny(L, deny.rule().text(), "rule", "the policy denies " + deny.what() + " (rule "
          + deny.rule().text() + ")");
    }
    RuleSet.Match ask = rules.firstShellMatch(rules.ask(), a, paths, classifier);
    Judgement problems = Classifier.problems(a);
    if (ask != null) {
      return Verdict.ask(L, ask.rule().text(), "rule", "the policy asks a human before " + ask.what() + " (rule "
          + ask.rule().text() + ")");
    }
    List<Unit> units = a.units();
    if (units.isEmpty()) {
      return problems.atLeast(Judgement.Decision.ASK) ? toVerdict(problems, ctx)
          : Verdict.allow(L, "", Classifier.ORDINARY, "nothing to run");
    }
    List<String> allowRules = new ArrayList<>();
    boolean[] covered = new boolean[units.size()];
    boolean allCovered = true;
    for (int k = 0; k < units.size(); k++) {
      Rule r = rules.allowing(units.get(k), a);
      if (r != null) {
        covered[k] = true;
        if (!allowRules.contains(r.text())) {
          allowRules.add(r.text());
        }
      } else {
        allCovered = false;
      }
    }
    Judgement result = problems;
    Map<Path, String> written = new HashMap<>();
    List<Judgement> judged = classifier.units(a, written);
    Policy.GuardMode mode = policy.guard().mode();
    for (int k = 0; k < units.size(); k++) {
      if (covered[k]) {
        continue;
      }
      Judgement j = judged.get(k);
      if (mode == Policy.GuardMode.ASK && !j.atLeast(Judgement.Decision.DENY)) {
        j = Judgement.ask("unmatched", "no rule allows " + units.get(k).shown() + " and guard.mode is ask");
      } else if (mode == Policy.GuardMode.DENY) {
        j = Judgement.deny("unmatched", "no rule allows " + units.get(k).shown() + " and guard.mode is deny;"
            + " ask the user to add an allow rule");
      }
      result = result.max(j);
    }
    if (!allCovered) {
      // `echo '"postinstall": "curl … | sh"' > package.json`, `cat > .env <<EOF`: the text a command writes is
      // judged as the write tool's content would be
      for (Map.Entry<Path, String> w : written.entrySet()) {
        Judgement c = content(w.getKey(), w.getValue(), null, "writing ", classifier, ctx, w.getKey().getParent());
        result = result.max(!c.atLeast(Judgement.Decision.ASK) ? Judgement.ALLOW : c.reason().contains(
            w.getKey().toString()) ? c : new Judgement(c.decision(), c.category(), "the command writes " + w.getKey()
                + ": " + c.reason(), ""));
      }
    }
    if (ctx.tainted()) {
      for (Unit u : units) {
        if (classifier.outbound(u)) {
          result = result.max(taint(result, u.shown()));
          break;
        }
      }
      if (result.category().equals(Classifier.OUTSIDE)) {
        result = result.max(Judgement.deny(Classifier.TAINT, result.reason() + "; this session already read"
            + " secrets or untrusted content, so writes outside the workspace are refused"));
      }
    }
    if (result.decision() == Judgement.Decision.ALLOW) {
      if (allCovered) {
        return Verdict.allow(L, String.join(", ", allowRules), "rule", "allowed by the policy ("
            + String.join(", ", allowRules) + ")");
      }
      return Verdict.allow(L, "", Classifier.ORDINARY, "ordinary development: no command in it matched a"
          + " risk category");
    }
    return toVerdict(result, ctx);
  }

  private static Judgement taint(Judgement current, String what) {
    String reason = "this session already read secrets or untrusted content, and " + what + " sends data out;"
        + " a human must confirm nothing private leaves";
    if (current.atLeast(Judgement.Decision.ASK) && (current.category().equals(Classifier.EXFIL)
        || current.category().equals(Classifier.NETWORK))) {
      return Judgement.deny(Classifier.TAINT, reason + " (" + current.reason() + ")");
    }
    return Judgement.ask(Classifier.TAINT, reason);
  }


  private static Verdict toVerdict(Judgement j, GuardContext ctx) {
    switch (j.decision()) {
      case DENY:
        return Verdict.deny(L, j.rule(), j.category(), j.reason());
      case ASK:
        return Verdict.ask(L, j.rule(), j.category(), j.reason());
      default:
        return Verdict.allow(L, j.rule(), j.category().isEmpty() ? Classifier.ORDINARY : j.category(),
            j.reason().isEmpty() ? "ordinary development" : j.reason());
    }
  }

  // ------------------------------------------------------------------------------------------------ files

  private Verdict file(ToolCall call, Paths paths, Classifier classifier, GuardContext ctx, Path cwd) {
    Path given = call.path().orElse(null);
    if (given == null) {
      return Verdict.deny(L, "", "invalid-call", "the " + call.name() + " call names no file");
    }
    Path lexical = paths.resolve(given.toString(), cwd);
    if (lexical == null) {
      return Verdict.deny(L, "", "invalid-call", "the path " + given + " cannot be resolved");
    }
    Path real = classifier.real(lexical);
    Rule.Tool tool = call.kind() == ToolCall.Kind.READ ? Rule.Tool.READ
        : call.kind() == ToolCall.Kind.WRITE ? Rule.Tool.WRITE : Rule.Tool.EDIT;
    String verb = tool == Rule.Tool.READ ? "reading " : tool == Rule.Tool.WRITE ? "writing " : "editing ";
    Rule d = rules.firstPathMatch(rules.deny(), tool, lexical, real, paths, false);
    if (d != null) {
      return Verdict.deny(L, d.text(), "rule", "the policy denies " + verb + lexical + " (rule " + d.text() + ")");
    }
    Rule q = rules.firstPathMatch(rules.ask(), tool, lexical, real, paths, false);
    if (q != null) {
      return Verdict.ask(L, q.text(), "rule", "the policy asks a human before " + verb + lexical + " (rule "
          + q.text() + ")");
    }
    Rule al = rules.firstPathMatch(rules.allow(), tool, lexical, real, paths, true);
    Judgement j;
    if (al != null) {
      j = Judgement.allow("rule", "allowed by the policy (" + al.text() + ")").withRule(al.text());
    } else {
      switch (policy.guard().mode()) {
        case ASK:
          j = classifierFile(call, classifier, lexical, verb, ctx).max(Judgement.ask("unmatched", "no rule allows "
              + verb + lexical + " and guard.mode is ask"));
          if (j.atLeast(Judgement.Decision.DENY)) {
            break;
          }
          break;
        case DENY:
          j = Judgement.deny("unmatched", "no rule allows " + verb + lexical + " and guard.mode is deny");
          break;
        default:
          j = classifierFile(call, classifier, lexical, verb, ctx);
      }
    }
    if (tool != Rule.Tool.READ && call.content().isPresent() && al == null) {
      j = j.max(content(lexical, call.content().get(), call.oldText().orElse(null), verb, classifier, ctx, cwd));
    }
    if (ctx.tainted() && tool != Rule.Tool.READ
        && !classifier.placesOf(lexical).contains(Paths.Place.INSIDE_WORKSPACE)
        && !classifier.placesOf(lexical).contains(Paths.Place.TMP)) {
      j = j.max(Judgement.deny(Classifier.TAINT, "this session already read secrets or untrusted content, so "
          + verb + lexical + " outside the workspace is refused"));
    }
    if (j.decision() == Judgement.Decision.ALLOW) {
      return Verdict.allow(L, j.rule(), j.category().isEmpty() ? Classifier.ORDINARY : j.category(),
          j.reason().isEmpty() ? verb + lexical : j.reason());
    }
    return toVerdict(j, ctx);
  }

  /**
   * What the new text of a file does (the write and edit tools' content, or what a shell command writes with
   * {@code echo}, {@code printf} or a here-doc): commands that run later, dependency sources, settings that run
   * commands or repoint clients, secrets, weakened code and disabled checks. {@code oldText} is the replaced text of
   * an edit, null for a whole file.
   */
  private Judgement content(Path lexical, String content, String oldText, String verb, Classifier classifier,
      GuardContext ctx, Path cwd) {
    Judgement j = writtenCode(lexical, content, verb, classifier, ctx, cwd)
        .max(SharedStateActions.lockfileWrite(lexical));
    j = j.max(DependencySources.manifest(lexical, content, oldText));
    j = j.max(CommandSettings.written(lexical, content));
    j = j.max(EndpointSettings.written(lexical, content, oldText));
    if (oldText == null) {
      j = j.max(QualityGates.writtenScript("this write", lexical.toString(), content))
          .max(QualityGates.writtenRunnerConfig(lexical.toString(), content));
    }
    j = j.max(WeakenedCode.edit(lexical.toString(), oldText == null ? "" : oldText, content));
    j = j.max(WrittenSecrets.judge(lexical, content, oldText,
        classifier.placesOf(lexical).contains(Paths.Place.INSIDE_WORKSPACE)));
    if (oldText != null) {
      j = j.max(QualityGates.edit(lexical.toString(), oldText, content))
          .max(DisabledTests.edit(lexical.toString(), oldText, content));
    }
    return j;
  }

  /**
   * The commands the written file will run later, judged as if typed now: {@code "postinstall": "curl … | sh"}
   * written today runs at the next {@code npm install}, which looks ordinary on its own.
   */
  private Judgement writtenCode(Path file, String content, String verb, Classifier classifier, GuardContext ctx,
      Path cwd) {
    Judgement worst = Judgement.ALLOW;
    for (String command : WrittenCode.commands(file, content)) {
      Verdict v = shell(Units.ofShell(command, ctx.home(), cwd), classifier, ctx);
      if (v instanceof Verdict.Allow) {
        continue;
      }
      String reason = verb + file + " puts a command in it that runs later: " + v.reason();
      Judgement j = v instanceof Verdict.Deny ? Judgement.deny(v.category(), reason)
          : Judgement.ask(v.category(), reason);
      worst = worst.max(j);
    }
    for (String command : WrittenCode.laterCommands(file, content)) {
      Verdict v = shell(Units.ofShell(command, ctx.home(), cwd), classifier, ctx);
      if (!(v instanceof Verdict.Deny)) {
        continue;
      }
      // an image build's installer step (RUN curl … | sh) is common and runs inside the build: a human decides
      // it; taking secrets, sending data out, deleting outside the project or planting code is refused
      if (v.category().equals(Classifier.DOWNLOAD_EXEC) || v.category().equals("rule") && v.rule().contains("| sh")) {
        worst = worst.max(Judgement.ask(Classifier.DOWNLOAD_EXEC, verb + file + " puts a command in it that runs"
            + " when someone builds or runs its targets: " + v.reason() + "; a human must confirm the download"));
      } else {
        worst = worst.max(Judgement.deny(v.category(), verb + file + " puts a command in it that runs when someone"
            + " builds or runs its targets: " + v.reason()));
      }
    }
    String agent = WrittenCode.jvmCodeOption(file, content);
    if (agent != null) {
      worst = worst.max(Judgement.ask(Classifier.PERSIST, verb + file + " adds " + agent + " to the options of every"
          + " build's JVM, which loads that code into the build; a human must confirm it"));
    }
    String escape = WrittenCode.composeEscape(file, content);
    if (escape != null) {
      worst = worst.max(Judgement.ask(Classifier.TAMPER, verb + file + " gives a container a way out of it (`" + escape
          + "`), used by the next `docker compose up`; a human must confirm it"));
    }
    Judgement program = classifier.writtenProgram(file, content);
    // an installer script that downloads and runs code is the usual shape of an installer; running it is judged
    // when it runs (scripts run by path are read). Deleting, reading keys or sending data out is not an installer's.
    boolean runsByItself = WrittenCode.runsByItself(file);
    if (program.atLeast(Judgement.Decision.DENY) && (runsByItself
        || !program.category().equals(Classifier.DOWNLOAD_EXEC))) {
      String reason = verb + file + " puts a program there that " + (runsByItself
          ? "runs by itself on an ordinary build, install or test" : "someone will run") + ", and "
          + program.reason() + (runsByItself ? "" : "; a human must confirm it is wanted");
      worst = worst.max(runsByItself ? Judgement.deny(program.category(), reason)
          : Judgement.ask(program.category(), reason));
    }
    return worst;
  }

  /** Whether every task of a tasks.json is a command the guard would let run here (see EditorSettings.taskCommands). */
  private boolean ordinaryTasks(String content, Classifier classifier, GuardContext ctx, Path workspace) {
    List<String> commands = EditorSettings.taskCommands(content);
    if (commands == null) {
      return false;
    }
    for (String command : commands) {
      if (!(shell(Units.ofShell(command, ctx.home(), workspace), classifier, ctx) instanceof Verdict.Allow)) {
        return false;
      }
    }
    return true;
  }

  private Judgement classifierFile(ToolCall call, Classifier classifier, Path lexical, String verb,
      GuardContext ctx) {
    if (call.kind() == ToolCall.Kind.READ) {
      return classifier.readFile(lexical);
    }
    Judgement j = classifier.writeFile(lexical, call.kind() == ToolCall.Kind.WRITE ? "writes" : "edits");
    Path workspace = classifier.paths().workspace();
    // the editor's own display settings in the workspace (not through a link): see EditorSettings
    if (j.category().equals(Classifier.TAMPER) && call.content().isPresent() && lexical.startsWith(workspace)
        && lexical.equals(classifier.real(lexical)) && EditorSettings.onlyPresentational(
            workspace.relativize(lexical).toString(), call.content().get(), call.oldText().orElse(null))) {
      return Judgement.allow(Classifier.ORDINARY, verb + lexical + " changes only how the editor shows, formats"
          + " and searches files");
    }
    // the workspace's own .vscode/tasks.json whose tasks only name ordinary commands the user runs by hand
    if (j.category().equals(Classifier.TAMPER) && call.content().isPresent() && call.oldText().isEmpty()
        && lexical.equals(workspace.resolve(".vscode").resolve("tasks.json")) && lexical.equals(classifier.real(lexical))
        && ordinaryTasks(call.content().get(), classifier, ctx, workspace)) {
      return Judgement.allow(Classifier.ORDINARY, verb + lexical + " defines editor tasks that run ordinary commands"
          + " only when the user starts them");
    }
    // the workspace's .envrc, .npmrc, .yarnrc.yml or pip.conf with only harmless settings: see ProjectSettings
    if ((j.category().equals(Classifier.PERSIST) || j.category().equals(Classifier.REDIRECT))
        && call.content().isPresent() && call.oldText().isEmpty() && lexical.startsWith(workspace)
        && lexical.getParent() != null && lexical.getParent().equals(workspace)
        && lexical.equals(classifier.real(lexical)) && ProjectSettings.onlyHarmless(
            String.valueOf(lexical.getFileName()), call.content().get())) {
      return Judgement.allow(Classifier.ORDINARY, verb + lexical + " sets only variables, layouts or formatting,"
          + " lockfile and logging options");
    }
    // line endings and binary files in the workspace's .gitattributes, naming no driver that runs a command
    if (j.category().equals(Classifier.TAMPER) && call.content().isPresent() && lexical.startsWith(workspace)
        && lexical.equals(classifier.real(lexical)) && GitAttributes.onlyBuiltIn(
            workspace.relativize(lexical).toString(), call.content().get())) {
      return Judgement.allow(Classifier.ORDINARY, verb + lexical + " sets only line endings, binary files and other"
          + " attributes that run no command");
    }
    return j;
  }

  // ------------------------------------------------------------------------------------------------ fetch

  private Verdict fetch(URI url, Classifier classifier, GuardContext ctx) {
    if (url == null) {
      return Verdict.deny(L, "", "invalid-call", "the fetch call names no URL");
    }
    String host = url.getHost();
    Rule d = rules.firstHostMatch(rules.deny(), host);
    if (d != null) {
      return Verdict.deny(L, d.text(), "rule", "the policy denies fetching from " + host + " (rule " + d.text()
          + ")");
    }
    Rule q = rules.firstHostMatch(rules.ask(), host);
    if (q != null) {
      return Verdict.ask(L, q.text(), "rule", "the policy asks a human before fetching from " + host + " (rule "
          + q.text() + ")");
    }
    Rule al = rules.firstHostMatch(rules.allow(), host);
    Judgement j;
    if (al != null) {
      j = Judgement.allow("rule", "allowed by the policy (" + al.text() + ")").withRule(al.text());
    } else if (policy.guard().mode() == Policy.GuardMode.DENY) {
      j = Judgement.deny("unmatched", "no rule allows fetching " + url + " and guard.mode is deny");
    } else if (policy.guard().mode() == Policy.GuardMode.ASK) {
      j = classifier.fetch(url).max(Judgement.ask("unmatched", "no rule allows fetching " + url
          + " and guard.mode is ask"));
    } else {
      j = classifier.fetch(url);
    }
    if (ctx.tainted() && !(host != null && Classifier.isLocal(host))) {
      j = j.max(taint(j, "fetching " + url));
    }
    if (j.decision() == Judgement.Decision.ALLOW) {
      return Verdict.allow(L, j.rule(), j.category().isEmpty() ? "read-only-network" : j.category(),
          j.reason().isEmpty() ? "fetching " + url + " only reads" : j.reason());
    }
    return toVerdict(j, ctx);
  }

  // ------------------------------------------------------------------------------------------------- mcp

  private Verdict mcp(ToolCall call, GuardContext ctx) {
    String server = call.server().orElse("");
    String tool = call.name();
    String what = server + "/" + tool;
    Rule d = rules.firstMcpMatch(rules.deny(), server, tool);
    if (d != null) {
      return Verdict.deny(L, d.text(), "rule", "the policy denies the MCP tool " + what + " (rule " + d.text() + ")");
    }
    Rule q = rules.firstMcpMatch(rules.ask(), server, tool);
    if (q != null) {
      return Verdict.ask(L, q.text(), "rule", "the policy asks a human before the MCP tool " + what);
    }
    Rule al = rules.firstMcpMatch(rules.allow(), server, tool);
    Verdict byArguments = mcpArguments(call, ctx, what);
    if (byArguments instanceof Verdict.Deny || byArguments instanceof Verdict.Ask && al == null) {
      return byArguments;
    }
    boolean readOnly = readOnlyName(server, tool) || carriedByArguments(call, ctx);
    if (ctx.tainted() && !readOnly) {
      return Verdict.ask(L, al == null ? "" : al.text(), Classifier.TAINT, "this session already read secrets or"
          + " untrusted content; the MCP tool " + what + " may send data out, so a human must confirm");
    }
    if (al != null) {
      return Verdict.allow(L, al.text(), "rule", "allowed by the policy (" + al.text() + ")");
    }
    switch (policy.guard().mode()) {
      case DENY:
        return Verdict.deny(L, "", "unmatched", "no rule allows the MCP tool " + what + " and guard.mode is deny");
      case ASK:
        return Verdict.ask(L, "", "unmatched", "no rule allows the MCP tool " + what + " and guard.mode is ask");
      default:
        return readOnly
            ? Verdict.allow(L, "", "read-only-tool", "the MCP tool " + what + " reads only, by its name")
            : Verdict.ask(L, "", "mcp-tool", "the MCP tool " + what + " may change things outside the sandbox;"
                + " allow it with Mcp(" + what + ") or have a human confirm");
    }
  }

  /**
   * Whether an MCP tool's name says it only reads ({@code get_…}, {@code list_…}, {@code search_…}), also when the
   * server repeats its own name in front ({@code slack/slack_list_channels}, {@code puppeteer/puppeteer_…}).
   */
  private static boolean readOnlyName(String server, String tool) {
    String t = tool.toLowerCase(Locale.ROOT);
    String s = server.toLowerCase(Locale.ROOT);
    if (!s.isEmpty() && t.length() > s.length() + 1 && t.startsWith(s) && "_-".indexOf(t.charAt(s.length())) >= 0) {
      t = t.substring(s.length() + 1);
    }
    // the verb leads (get_issue, listPods) or ends the name (pods_list, browser_snapshot)
    if (t.equals("sequentialthinking") || t.equals("sequential_thinking") || t.equals("think")) {
      return true; // the reference thinking servers: the model's notes to itself, nothing leaves
    }
    return Regexes.matches(t, "(get|list|read|search|find|fetch|query|describe|view"
        + "|show|lookup|count|status|info)([_-].*|[A-Z].*)?")
        || Regexes.matches(t, "[a-z][a-z_-]*[_-](get|list|read|search|find|describe|view|show|lookup|count|status|info"
            + "|log|logs|snapshot|screenshot)");
  }

  /** A plain read in SQL: one SELECT (or WITH, SHOW, EXPLAIN, DESCRIBE) statement. */
  private static final Pattern READ_SQL = Pattern.compile("(?is)\\s*(select|with|show|explain|describe)\\b[^;]*;?\\s*");
  private static final Pattern WRITE_SQL = Pattern.compile("(?i)\\b(insert|update|delete|drop|alter|create|truncate"
      + "|grant|revoke|merge|replace|copy|call|into)\\b");

  /**
   * A tool whose whole action is one argument the guard judges like a direct call: a browser navigating to a URL
   * (a fetch), a shell or CLI tool running a command that only reads (the server runs it unsandboxed), a SQL tool
   * running one plain read. When every such argument is allowed as that direct call would be, the tool reads only.
   */
  private boolean carriedByArguments(ToolCall call, GuardContext ctx) {
    if (!Regexes.matches(call.name().toLowerCase(Locale.ROOT), ".*(navigate|goto|open_url|execute|exec|run|call"
        + "|command|sql|query).*")) {
      return false;
    }
    boolean carried = false;
    for (Map.Entry<String, Object> e : call.arguments().entrySet()) {
      String key = e.getKey().toLowerCase(Locale.ROOT);
      if (!COMMAND_KEYS.contains(key) && !URL_KEYS.contains(key) && !SQL_KEYS.contains(key)
          && !CARRIER_OPTIONS.contains(key) && !(e.getValue() == null || e.getValue() instanceof String b && b.isBlank())) {
        // another argument shapes the action too (a container's volumes, an image, a host): the command alone does
        // not say what the tool does (docker/run_container with volumes ["/:/host"] and `cat /host/etc/shadow`)
        return false;
      }
      if (!(e.getValue() instanceof String v) || v.isBlank()) {
        continue;
      }
      if (COMMAND_KEYS.contains(key)) {
        carried = true;
        // the MCP server runs the command on the host, outside our sandbox: only a pure read is harmless there,
        // not everything the guard would allow inside the sandbox (npm run lint runs the repository's scripts)
        if (!Classifier.readOnly(Units.ofShell(v, ctx.home(), ctx.cwd()))
            || !(review(ToolCall.bash(v), ctx) instanceof Verdict.Allow)) {
          return false;
        }
      } else if (URL_KEYS.contains(key)) {
        carried = true;
        if (!(review(ToolCall.fetch(v), ctx) instanceof Verdict.Allow)) {
          return false;
        }
      } else if (SQL_KEYS.contains(key)) {
        carried = true;
        if (!READ_SQL.matcher(v).matches() || WRITE_SQL.matcher(v).find() || DatabaseTargets.actsBeyondReading(v)) {
          return false;
        }
      }
    }
    return carried;
  }

  /** Arguments beside a carried command, URL or query that do not change what it does. */
  private static final Set<String> CARRIER_OPTIONS = Set.of("timeout", "timeout_ms", "timeoutms", "timeout_seconds",
      "cwd", "working_directory", "workdir", "limit", "max_rows", "maxrows", "database", "db", "schema", "params",
      "parameters", "description", "wait_until", "waituntil", "format", "shell_type", "max_output", "raw");

  /** Argument keys whose text an MCP tool sends to its service as a message, body, comment or file content. */
  private static final Set<String> TEXT_KEYS = Set.of("text", "message", "body", "content", "contents", "comment",
      "description", "title", "blocks", "files", "value", "data", "payload", "note", "summary");
  private static final Set<String> SEARCH_DIR_KEYS = Set.of("path", "directory", "dir", "root", "cwd");
  private static final Set<String> SEARCH_PATTERN_KEYS = Set.of("pattern", "query", "name", "regex", "glob");

  private static final Set<String> COMMAND_KEYS = Set.of("command", "cmd", "script", "shell_command", "commandline",
      "command_line", "bash", "shell", "cli_command");
  private static final Set<String> PATH_KEYS = Set.of("path", "paths", "file", "files", "file_path", "filepath",
      "filename", "source", "destination", "target", "dir", "directory", "src", "dest");
  private static final Set<String> URL_KEYS = Set.of("url", "uri", "href", "endpoint", "urls");
  private static final Set<String> SQL_KEYS = Set.of("sql", "query", "statement", "sql_query");
  private static final Pattern DESTRUCTIVE_SQL = Pattern.compile(
      "(?i)\\b(?:drop\\s+(?:table|database|schema|keyspace|columnfamily|index|view|user)|truncate\\s"
          + "|delete\\s+from|alter\\s+(?:table|user)|update\\s+\\S+\\s+set|grant\\s|revoke\\s)");

  /**
   * An MCP tool's arguments judged like the built-in tools they resemble: a {@code command} like a bash call, a
   * {@code path} like a read (a write when the tool's name says it changes things), a {@code url} like a fetch, and
   * SQL that destroys or changes data asks. The strictest verdict; null when no argument is refused or asked about.
   */
  private Verdict mcpArguments(ToolCall call, GuardContext ctx, String what) {
    boolean writes = Regexes.matches(call.name().toLowerCase(Locale.ROOT),
        ".*(write|create|edit|move|delete|remove|update|append|put|save|upload|mkdir|rename|copy|patch|set).*");
    List<Verdict> found = new ArrayList<>();
    collectArguments(call.arguments(), ctx, writes, found, 0);
    searchArguments(call, ctx, found);
    if (!readOnlyName(call.server().orElse(""), call.name())) {
      sentSecrets(call.arguments(), found, 0);
    }
    Verdict worst = null;
    for (Verdict v : found) {
      if (worst == null || rank(v) > rank(worst)) {
        worst = v;
      }
    }
    if (worst == null || worst instanceof Verdict.Allow) {
      return null;
    }
    String reason = "the MCP tool " + what + " is asked to do what a direct call would be refused: " + worst.reason();
    return worst instanceof Verdict.Deny ? Verdict.deny(L, worst.rule(), worst.category(), reason)
        : Verdict.ask(L, worst.rule(), worst.category(), reason);
  }

  private void collectArguments(Object value, GuardContext ctx, boolean writes, List<Verdict> out, int depth) {
    if (depth > 4 || !(value instanceof Map<?, ?> map)) {
      return;
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey()).toLowerCase(Locale.ROOT);
      Object v = e.getValue();
      List<String> texts = new ArrayList<>();
      if (v instanceof String str) {
        texts.add(str);
      } else if (v instanceof List<?> list) {
        list.stream().filter(String.class::isInstance).limit(32).forEach(x -> texts.add((String) x));
      } else {
        collectArguments(v, ctx, writes, out, depth + 1);
        continue;
      }
      for (String t : texts) {
        if (t.isBlank()) {
          continue;
        }
        if (COMMAND_KEYS.contains(key)) {
          out.add(review(ToolCall.bash(t), ctx));
        } else if (PATH_KEYS.contains(key)) {
          Path p;
          try {
            p = Path.of(t);
          } catch (java.nio.file.InvalidPathException ex) {
            out.add(Verdict.deny(L, "", "invalid-call", "the path " + t + " cannot be resolved"));
            continue;
          }
          out.add(review(writes ? ToolCall.write(p, "") : ToolCall.read(p), ctx));
        } else if (URL_KEYS.contains(key)) {
          out.add(review(ToolCall.fetch(t), ctx));
        } else if (SQL_KEYS.contains(key) && DESTRUCTIVE_SQL.matcher(t).find()) {
          out.add(Verdict.ask(L, "", "destructive-delete", "its SQL changes or destroys data (`"
              + (t.length() > 80 ? t.substring(0, 77) + "..." : t) + "`); a human must confirm"));
        } else if (SQL_KEYS.contains(key) && DatabaseTargets.actsBeyondReading(t)) {
          // session 16: a tool named for queries still runs what it is given: COPY … TO PROGRAM runs a command on the
          // database server, pg_read_file reads its files
          out.add(Verdict.ask(L, "", "exfiltration", "its SQL reaches the database server's files, programs or other"
              + " servers (`" + (t.length() > 80 ? t.substring(0, 77) + "..." : t) + "`); a human must confirm"));
        }
      }
    }
  }

  /**
   * A search tool ({@code filesystem/search_files {path, pattern}}) is judged as the {@code find} and {@code grep}
   * it amounts to, so a hunt for key names or secret words outside the workspace meets the same rules.
   */
  private void searchArguments(ToolCall call, GuardContext ctx, List<Verdict> out) {
    if (!Regexes.matches(call.name().toLowerCase(Locale.ROOT), ".*(search|find|grep|glob).*")) {
      return;
    }
    String dir = null;
    String pattern = null;
    for (Map.Entry<String, Object> e : call.arguments().entrySet()) {
      String key = e.getKey().toLowerCase(Locale.ROOT);
      if (e.getValue() instanceof String v && !v.isBlank()) {
        if (SEARCH_DIR_KEYS.contains(key)) {
          dir = v;
        } else if (SEARCH_PATTERN_KEYS.contains(key)) {
          pattern = v;
        }
      }
    }
    if (dir == null || pattern == null) {
      return;
    }
    String where = dir.equals("~") ? "~" : dir.startsWith("~/") ? "~/" + Units.quote(dir.substring(2))
        : Units.quote(dir);
    out.add(review(ToolCall.bash("find " + where + " -name " + Units.quote(pattern)), ctx));
    out.add(review(ToolCall.bash("grep -rn -e " + Units.quote(pattern) + " -- " + where), ctx));
  }

  /**
   * A credential in the text an MCP tool sends to its service (a chat message, an issue comment, a gist's file): the
   * content filter's secret rules find it, and sending it is exfiltration whoever reads the service.
   */
  private static void sentSecrets(Object value, List<Verdict> out, int depth) {
    if (depth > 5) {
      return;
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey()).toLowerCase(Locale.ROOT);
        if (TEXT_KEYS.contains(key) || e.getValue() instanceof Map || e.getValue() instanceof List) {
          sentSecrets(e.getValue(), out, depth + 1);
        }
      }
    } else if (value instanceof List<?> list) {
      list.stream().limit(64).forEach(x -> sentSecrets(x, out, depth + 1));
    } else if (value instanceof String text && !text.isBlank() && text.length() <= 262144
        && !AuditText.redact(text).equals(text)) {
      out.add(Verdict.deny(L, "", Classifier.EXFIL, "its text carries a credential (the content filter's secret"
          + " rules find one), and the tool sends it to its service, where others can read it; never send"
          + " secrets, reference them by name"));
    }
  }

  private static int rank(Verdict v) {
    return v instanceof Verdict.Deny ? 2 : v instanceof Verdict.Ask ? 1 : 0;
  }

  private Verdict custom(ToolCall call) {
    switch (policy.guard().mode()) {
      case DENY:
        return Verdict.deny(L, "", "unmatched", "guard.mode is deny and the host-defined tool " + call.name()
            + " has no rule");
      case ASK:
        return Verdict.ask(L, "", "unmatched", "guard.mode is ask and the host-defined tool " + call.name()
            + " has no rule");
      default:
        return Verdict.allow(L, "", "host-tool", "host-defined tool " + call.name() + "; its code runs with the"
            + " contained sandbox handle");
    }
  }
}
