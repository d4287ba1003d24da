/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import dev.containment4j.internal.shell.Arg;
import dev.containment4j.internal.shell.Redirect;
import dev.containment4j.internal.shell.Script;
import dev.containment4j.internal.shell.SimpleCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the text a shell runs as code came from, when it is only known at run time: {@code eval "$X"},
 * {@code bash -c "$X"}, {@code sh <<<"$X"}, {@code python3 -c "$(cat f)"}. Within one call it follows variables to
 * the commands and files that set them ({@code X=$(curl …)}, {@code export X=$(…)}, {@code read X < f},
 * {@code mapfile -t A < f}, {@code Y="$X"} through {@code export}), so run-time code is judged the same however it is
 * spelled: code a download produced is download-and-execute, code read from a file is that file's content, code a
 * program generates for its user ({@code eval "$(ssh-agent -s)"}) is that program's business.
 */
final class RunTimeCode {
  /**
   * What a value was made from.
   *
   * @param commands the commands whose output it is
   * @param files the files it was read from (as written; the caller resolves them)
   * @param unknown the variables it expands that this call never set (the environment's, or set out of sight)
   */
  record Source(Set<SimpleCommand> commands, Set<String> files, Set<String> unknown) {
    static Source empty() {
      return new Source(new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>());
    }

    boolean isEmpty() {
      return commands.isEmpty() && files.isEmpty() && unknown.isEmpty();
    }

    void addAll(Source o) {
      commands.addAll(o.commands);
      files.addAll(o.files);
      unknown.addAll(o.unknown);
    }
  }

  private static final Set<String> DECLARES = Set.of("export", "declare", "typeset", "local", "readonly");
  private static final Set<String> READ_VALUE_OPTIONS = Set.of("-p", "-d", "-n", "-N", "-t", "-u", "-i", "-a");

  /** Variables this call set from run-time values, with what made them. */
  private final Map<String, Source> vars = new HashMap<>();
  /** Commands of the command substitutions met since the last other command: a bare assignment's sources. */
  private final List<SimpleCommand> pendingSubstitutions = new ArrayList<>();

  static boolean substitution(SimpleCommand c) {
    String o = c.origin();
    return o != null && (o.equals("$(...)") || o.equals("`...`") || o.equals("<(...)"));
  }

  /** Records what {@code u} assigns; called for every unit of a call, in order. */
  void record(Unit u) {
    SimpleCommand c = u.command();
    if (substitution(c) && u.wrappers().size() == 1) {
      pendingSubstitutions.add(c);
      return;
    }
    if (u.args().isEmpty() && !c.assignments().isEmpty()) {
      // X=$(curl …): the parser keeps no value for it; the substitutions just before it made it
      for (Map.Entry<String, String> e : c.assignments().entrySet()) {
        if (e.getValue() == null || e.getValue().isEmpty() && !pendingSubstitutions.isEmpty()) {
          Source s = Source.empty();
          s.commands().addAll(pendingSubstitutions);
          vars.put(e.getKey(), s);
        } else {
          vars.remove(e.getKey());
        }
      }
    } else if (DECLARES.contains(u.name())) {
      for (Arg a : u.params()) {
        int eq = a.text().indexOf('=');
        if (eq <= 0 || a.text().startsWith("-")) {
          continue;
        }
        String name = a.text().substring(0, eq);
        Source s = of(a);
        if (s.isEmpty()) {
          vars.remove(name);
        } else {
          vars.put(name, s);
        }
      }
    } else if (u.name().equals("read") || u.name().equals("mapfile") || u.name().equals("readarray")) {
      Source s = Source.empty();
      for (Redirect r : c.redirects()) {
        if (r.readsFile()) {
          s.files().add(r.target().text());
        } else if (r.op().equals("<<<")) {
          s.addAll(of(r.target()));
        }
      }
      s.commands().addAll(c.pipeline().upstreamOf(c));
      List<Arg> p = u.params();
      for (int k = 0; k < p.size(); k++) {
        String t = p.get(k).text();
        if (t.startsWith("-")) {
          if (READ_VALUE_OPTIONS.contains(t) && !t.equals("-a")) {
            k++;
          }
          continue;
        }
        vars.put(t, s);
      }
    }
    pendingSubstitutions.clear();
  }

  /** Where {@link #scratchPaths} puts a path {@code mktemp} makes: a name in the scratch directory. */
  static final String MKTEMP_PATH = "/tmp/tmp.mktemp";

  /**
   * {@code u} with the words that are a variable set from {@code mktemp} in this call ({@code X=$(mktemp -d);
   * cp -r src "$X"}, {@code "$X/out"}) written as the scratch path it will be, so a copy into a fresh temporary
   * directory is judged as a write to {@code /tmp}, not to a path only known at run time. {@code mktemp} given a
   * directory ({@code -p}, {@code --tmpdir=}, a template with a slash) is left alone. Returns {@code u} itself when
   * nothing changes.
   */
  Unit scratchPaths(Unit u) {
    List<Arg> args = null;
    for (int k = 0; k < u.args().size(); k++) {
      Arg a = u.args().get(k);
      if (a.refs().size() != 1 || !a.substitutions().isEmpty() || !(a.text().isEmpty() || a.text().startsWith("/"))
          || !fromMktemp(vars.get(a.refs().get(0)))) {
        continue;
      }
      if (args == null) {
        args = new ArrayList<>(u.args());
      }
      args.set(k, Arg.literal(MKTEMP_PATH + a.text()));
    }
    return args == null ? u : new Unit(u.command(), args, u.wrappers(), u.privileged(), u.argsFromStdin(), u.env(),
        u.cwd(), u.code(), u.language(), u.full(), u.shellCommand());
  }

  private static boolean fromMktemp(Source s) {
    if (s == null || s.commands().size() != 1 || !s.files().isEmpty() || !s.unknown().isEmpty()) {
      return false;
    }
    List<String> av = s.commands().iterator().next().argv();
    if (av.isEmpty() || !Unit.baseName(av.get(0)).equals("mktemp")) {
      return false;
    }
    for (String x : av.subList(1, av.size())) {
      if (x.equals("-p") || x.startsWith("--tmpdir=") || x.startsWith("-p") && x.length() > 2 || x.contains("/")) {
        return false;
      }
    }
    return true;
  }

  /** What the value of {@code a} is made from at run time: its substitutions and the variables it expands. */
  Source of(Arg a) {
    Source s = Source.empty();
    for (Script sc : a.substitutions()) {
      for (SimpleCommand c : sc.commands()) {
        if (c.argv().isEmpty()) {
          // $(<file)
          for (Redirect r : c.redirects()) {
            if (r.readsFile()) {
              s.files().add(r.target().text());
            }
          }
        } else {
          s.commands().add(c);
        }
      }
    }
    for (String ref : a.refs()) {
      Source v = vars.get(ref);
      if (v == null) {
        s.unknown().add(ref);
      } else {
        s.addAll(v);
      }
    }
    return s;
  }

  /**
   * The words of {@code u} that it runs as code, when they are only known at run time: every argument of
   * {@code eval}, the string after a shell's {@code -c}, a one-liner's code after {@code -c}/{@code -e}, and a
   * here-string fed to a shell or an interpreter. Empty when the code is written out.
   */
  static List<Arg> dynamicCode(Unit u) {
    List<Arg> out = new ArrayList<>();
    String n = u.name();
    List<Arg> p = u.params();
    boolean shell = Units.SHELLS.contains(n) || "shell".equals(u.language());
    if (n.equals("eval")) {
      out.addAll(p);
    } else if (shell || u.language() != null) {
      for (int k = 0; k < p.size(); k++) {
        String t = p.get(k).text();
        if (!t.startsWith("-") || t.startsWith("--")) {
          break;
        }
        boolean takesCode = shell ? t.indexOf('c') > 0 : t.equals("-c") || t.equals("-e") || t.equals("-E")
            || t.equals("-r") || t.equals("-p");
        if (takesCode && k + 1 < p.size()) {
          out.add(p.get(k + 1));
          break;
        }
      }
    } else {
      return out;
    }
    if (u.shellCommand() != null && !out.contains(u.shellCommand())) {
      // as the unwrapping found it: past busybox, and after every option (sh -c -x "$X" runs "$X", not "-x")
      out.add(u.shellCommand());
    }
    for (Redirect r : u.command().redirects()) {
      if (r.op().equals("<<<")) {
        out.add(r.target());
      }
    }
    out.removeIf(a -> !a.dynamic() || a.substitutions().isEmpty() && a.refs().isEmpty());
    return out;
  }
}
