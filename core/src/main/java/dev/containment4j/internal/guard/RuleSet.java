/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import dev.containment4j.internal.shell.Arg;
import dev.containment4j.internal.shell.Redirect;
import dev.containment4j.internal.shell.SimpleCommand;
import dev.containment4j.policy.Policy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The compiled deny, ask and allow rules of a policy, and how each kind of call is matched against them. */
final class RuleSet {
  private static final Set<String> WRITERS = Set.of("cp", "mv", "tee", "touch", "sed", "rm", "rmdir", "ln",
      "truncate", "fallocate", "dd", "chmod", "chown", "install", "mkdir", "rsync", "shred", "unlink", "perl", "patch");

  private final List<Rule> deny;
  private final List<Rule> ask;
  private final List<Rule> allow;

  private RuleSet(List<Rule> deny, List<Rule> ask, List<Rule> allow) {
    this.deny = deny;
    this.ask = ask;
    this.allow = allow;
  }

  static RuleSet of(Policy.Guard g) {
    return new RuleSet(compile(g.deny(), "guard.deny"), compile(g.ask(), "guard.ask"),
        compile(g.allow(), "guard.allow"));
  }

  private static List<Rule> compile(List<String> texts, String where) {
    List<Rule> out = new ArrayList<>();
    for (String t : texts) {
      try {
        out.add(Rule.compile(t));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
    }
    return List.copyOf(out);
  }

  List<Rule> deny() {
    return deny;
  }

  List<Rule> ask() {
    return ask;
  }

  List<Rule> allow() {
    return allow;
  }

  /** A rule that matched and a description of what it matched, for the reason. */
  record Match(Rule rule, String what) {}

  /**
   * The first rule (in order) that matches any part of a shell call: a Bash rule on any command (effective or as
   * written, wrappers included), a Read/Write/Edit rule on the files it names, a Fetch rule on the hosts it contacts.
   */
  Match firstShellMatch(List<Rule> rules, Units.Analysis a, Paths paths, Classifier classifier) {
    List<List<NamedFile>> readFiles = null;
    List<List<NamedFile>> writeFiles = null;
    Set<String> programs = null;
    for (Rule r : rules) {
      switch (r.tool()) {
        case BASH: {
          // a rule that names its program (Bash(git push:*)) is tried only when some command runs that program
          String program = r.program();
          if (program != null) {
            if (programs == null) {
              programs = programs(a);
            }
            if (!programs.contains(program)) {
              break;
            }
          }
          Unit u = bashMatches(r, a, false);
          if (u == null) {
            u = bashMatches(r, a, true);
          }
          if (u != null) {
            return new Match(r, "`" + u.text() + "`");
          }
          break;
        }
        case READ:
        case WRITE:
        case EDIT: {
          // the files are the same for every rule of a kind: collect them once per call
          boolean read = r.tool() == Rule.Tool.READ;
          List<List<NamedFile>> named = read ? readFiles : writeFiles;
          if (named == null) {
            named = new ArrayList<>();
            Map<Path, NamedFile> seen = new HashMap<>();
            for (Unit u : a.units()) {
              List<NamedFile> views = new ArrayList<>();
              for (Path p : files(u, classifier, r.tool())) {
                views.add(seen.computeIfAbsent(p, q -> NamedFile.of(q, classifier.real(q), paths)));
              }
              named.add(views);
            }
            if (read) {
              readFiles = named;
            } else {
              writeFiles = named;
            }
          }
          for (int k = 0; k < named.size(); k++) {
            for (NamedFile f : named.get(k)) {
              if (r.matchesPath(f.lexical()) || f.real() != null && r.matchesPath(f.real())) {
                return new Match(r, "`" + a.units().get(k).text() + "`, which touches " + f.path());
              }
            }
          }
          break;
        }
        case FETCH:
          for (Unit u : a.units()) {
            for (Arg x : u.params()) {
              String h = Classifier.remoteHost(x.text());
              if (h != null && r.matchesHost(h) && !r.matchesEverything()) {
                return new Match(r, "`" + u.text() + "`, which contacts " + h);
              }
            }
          }
          break;
        default:
          break;
      }
    }
    return null;
  }

  /**
   * The base names of every program a Bash rule could compare its first word with: each unit's effective and
   * as-written program, and each member of their pipelines, as the unit it became and as written.
   */
  static Set<String> programs(Units.Analysis a) {
    Set<String> names = new HashSet<>();
    for (Unit u : a.units()) {
      addProgram(names, u.argv());
      addProgram(names, u.full());
      List<SimpleCommand> members = u.command().pipeline().members();
      if (members.size() > 1) {
        for (SimpleCommand m : members) {
          addProgram(names, m.argv());
          Unit mu = a.byCommand().get(m);
          if (mu != null) {
            addProgram(names, mu.argv());
          }
        }
      }
    }
    return names;
  }

  private static void addProgram(Set<String> names, List<String> words) {
    if (!words.isEmpty()) {
      names.add(Unit.baseName(words.get(0)));
    }
  }

  /** A file a command names, with the views path rules read: lexical, and real when it differs (else null). */
  private record NamedFile(Path path, Rule.PathView lexical, Rule.PathView real) {
    static NamedFile of(Path p, Path real, Paths paths) {
      return new NamedFile(p, new Rule.PathView(p, paths.workspace(), paths.home()),
          real.equals(p) ? null : new Rule.PathView(real, paths.workspace(), paths.home()));
    }
  }

  /** The unit matched by a Bash rule, or null. */
  static Unit bashMatches(Rule r, Units.Analysis a, boolean full) {
    if (r.tool() != Rule.Tool.BASH) {
      return null;
    }
    if (r.isPipeline()) {
      List<List<String>> parts = r.parts();
      for (Unit u : a.units()) {
        List<SimpleCommand> members = u.command().pipeline().members();
        for (int i = 0; i + parts.size() <= members.size(); i++) {
          boolean ok = true;
          for (int k = 0; k < parts.size() && ok; k++) {
            SimpleCommand m = members.get(i + k);
            Unit mu = a.byCommand().get(m);
            List<String> words = full || mu == null ? m.argv() : mu.argv();
            ok = Rule.matchPart(parts.get(k), words, a.home());
          }
          if (ok) {
            return u;
          }
        }
      }
      return null;
    }
    for (Unit u : a.units()) {
      if (u.args().isEmpty() && !r.matchesEverything()) {
        continue;
      }
      if (r.matchesWords(full ? u.full() : u.argv(), a.home())) {
        return u;
      }
    }
    return null;
  }

  /** The allow rule that allows this unit on its own, or null. */
  Rule allowing(Unit u, Units.Analysis a) {
    for (Rule r : allow) {
      if (r.tool() != Rule.Tool.BASH) {
        continue;
      }
      if (r.isPipeline()) {
        Unit m = bashMatches(r, a, false);
        if (m != null && m.command().pipeline() == u.command().pipeline()) {
          return r;
        }
        continue;
      }
      if (u.args().isEmpty()) {
        // a bare assignment or redirection: allowed only by Bash / Bash(*)
        if (r.matchesEverything()) {
          return r;
        }
        continue;
      }
      if (r.matchesWords(u.argv(), a.home()) && (u.privileged() ? r.matchesWords(u.full(), a.home()) : true)) {
        return r;
      }
    }
    return null;
  }

  /** The files a unit names, for path rules: written ones for Write/Edit, every path-like word for Read. */
  private static List<Path> files(Unit u, Classifier classifier, Rule.Tool tool) {
    List<Path> out = new ArrayList<>();
    for (Redirect r : u.command().redirects()) {
      boolean relevant = tool == Rule.Tool.READ ? r.readsFile() : r.writesFile();
      if (relevant) {
        Path p = classifier.resolveWord(r.target().text(), u.cwd());
        if (p != null) {
          out.add(p);
        }
      }
    }
    if (tool != Rule.Tool.READ && !WRITERS.contains(u.name())) {
      return out;
    }
    List<Arg> params = u.params();
    for (int k = 0; k < params.size(); k++) {
      if (OperandGrammar.notAFile(u, k)) {
        // make clean, npm run build, git status: no file of that name is opened (see OperandGrammar)
        continue;
      }
      String t = params.get(k).text();
      for (String cand : new String[] {t, t.startsWith("@") ? t.substring(1) : null,
          t.contains("=") ? withoutAt(t.substring(t.indexOf('=') + 1)) : null}) {
        if (cand == null || cand.isEmpty() || cand.startsWith("-") && cand == t) {
          continue;
        }
        if (cand.contains("/") || cand.startsWith(".") || cand.startsWith("~") || !cand.contains(" ")) {
          Path p = classifier.resolveWord(cand, u.cwd());
          if (p != null) {
            out.add(p);
          }
        }
      }
    }
    return out;
  }

  /** {@code word} without one leading {@code @} ({@code curl -d @file}). */
  private static String withoutAt(String word) {
    return word.startsWith("@") ? word.substring(1) : word;
  }

  Rule firstPathMatch(List<Rule> rules, Rule.Tool tool, Path lexical, Path real, Paths paths, boolean allowing) {
    for (Rule r : rules) {
      boolean applies;
      if (tool == Rule.Tool.READ) {
        applies = r.tool() == Rule.Tool.READ;
      } else if (allowing) {
        applies = r.tool() == tool;
      } else {
        applies = r.tool() == Rule.Tool.WRITE || r.tool() == Rule.Tool.EDIT;
      }
      if (!applies) {
        continue;
      }
      boolean lex = r.matchesPath(lexical, paths.workspace(), paths.home());
      boolean rl = r.matchesPath(real, paths.workspace(), paths.home());
      if (allowing ? lex && rl : lex || rl) {
        return r;
      }
    }
    return null;
  }

  Rule firstHostMatch(List<Rule> rules, String host) {
    for (Rule r : rules) {
      if (r.tool() == Rule.Tool.FETCH && r.matchesHost(host)) {
        return r;
      }
    }
    return null;
  }

  Rule firstMcpMatch(List<Rule> rules, String server, String tool) {
    for (Rule r : rules) {
      if (r.tool() == Rule.Tool.MCP && r.matchesMcp(server, tool)) {
        return r;
      }
    }
    return null;
  }
}
