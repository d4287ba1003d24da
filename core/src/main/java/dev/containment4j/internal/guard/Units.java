/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import dev.containment4j.internal.shell.Arg;
import dev.containment4j.internal.shell.Redirect;
import dev.containment4j.internal.shell.Script;
import dev.containment4j.internal.shell.ShellEnv;
import dev.containment4j.internal.shell.ShellParser;
import dev.containment4j.internal.shell.SimpleCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns parsed commands into the units the guard judges, unwrapping wrappers and nested shells recursively. */
final class Units {
  private static final int MAX_UNITS = 2_000;
  static final Set<String> SHELLS = Set.of("bash", "sh", "zsh", "dash", "ksh", "ash", "mksh", "fish",
      "tcsh", "csh", "rbash", "yash", "busybox");
  private static final Pattern PYTHON = Pattern.compile("python[0-9.]*|pypy[0-9.]*");
  /** Modules whose {@code python -m} form is the same program as their console script. */
  private static final Set<String> PYTHON_CLI_MODULES = Set.of("pip", "pip3", "twine", "poetry", "hatch", "flit",
      "pipx", "uv", "conda");
  private static final Set<String> SIMPLE_WRAPPERS = Set.of("nohup", "builtin", "unbuffer", "chronic",
      "caffeinate", "setsid", "torsocks", "proxychains", "proxychains4", "xvfb-run", "fakeroot", "dbus-run-session",
      "catchsegv", "time", "nocache", "eatmydata", "command", "exec", "then", "do", "else", "valgrind", "rlwrap");

  /**
   * The options of each simple wrapper that take a value: the command starts after them. Every other option is a
   * flag ({@code setsid -f CMD} forks, it names no file; taking its next word as a value hid the command).
   */
  /** GNU parallel's options that take a value: its command starts after them. */
  private static final Set<String> PARALLEL_VALUE_OPTIONS = Set.of("-j", "--jobs", "-P", "--max-procs", "-S",
      "--sshlogin", "--sshloginfile", "--slf", "-a", "--arg-file", "--af", "--colsep", "-C", "-I", "--results",
      "--res", "--joblog", "--timeout", "-n", "--max-args", "-N", "--delay", "--halt", "--tmpdir", "--workdir",
      "--wd", "--env", "--basefile", "--bf", "--return", "--transferfile", "--tf", "-E", "--eof", "-d",
      "--delimiter", "--retries", "--memfree", "--load", "-l", "-L", "-s", "--tagstring", "--rpl", "--sqlmaster",
      "--sqlworker", "--limit", "--block", "--header", "--nice");

  /** An argument GNU parallel reads at run time (stdin, a file, an unknown variable). */
  private static final String PARALLEL_RUN_TIME_ARGUMENT = "$ARGUMENT_PARALLEL_READS_AT_RUN_TIME";

  /** Variables whose value is a command line a program runs (a pager, an editor, an askpass helper, a remote shell). */
  private static final Set<String> COMMAND_VARIABLES = Set.of("PAGER", "GIT_PAGER", "MANPAGER", "SYSTEMD_PAGER",
      "LESSOPEN", "LESSCLOSE", "EDITOR", "VISUAL", "GIT_EDITOR", "GIT_SEQUENCE_EDITOR", "SUDO_ASKPASS", "SSH_ASKPASS",
      "GIT_ASKPASS", "BROWSER", "GIT_SSH_COMMAND", "GIT_PROXY_COMMAND", "RSYNC_RSH");
  /** A dynamic loader run as a program: {@code /lib64/ld-linux-x86-64.so.2 /bin/sh ...} runs its first operand. */
  private static final Pattern LOADER = Pattern.compile("ld-linux.*\\.so.*|ld\\.so(\\.\\d+)?|ld-musl-.*\\.so.*");
  /** A shell escape in a database client's statements: {@code \\! CMD} (mysql, psql), {@code system CMD} (mysql),
   * {@code .shell CMD} and {@code .system CMD} (sqlite3). */
  private static final Pattern CLIENT_SHELL_ESCAPE = Pattern.compile("(?im)(?:^|;)\\s*(?:\\\\!|system\\s|\\.shell\\s|\\.system\\s)"
      + "([^\\n]*)");

  private static final Map<String, Set<String>> WRAPPER_VALUE_OPTIONS = Map.of(
      "time", Set.of("-o", "-f", "--output", "--format"),
      "xvfb-run", Set.of("-e", "-f", "-n", "-p", "-s", "-w", "--error-file", "--auth-file", "--server-num",
          "--xauth-protocol", "--server-args", "--wait"),
      "caffeinate", Set.of("-t", "-w"),
      "proxychains", Set.of("-f"),
      "proxychains4", Set.of("-f"),
      "torsocks", Set.of("-u", "-p", "-a", "-P", "--user", "--pass", "--address", "--port"),
      "fakeroot", Set.of("-l", "-f", "-s", "-i", "--lib", "--faked"),
      "dbus-run-session", Set.of("--config-file", "--dbus-daemon"),
      "rlwrap", Set.of("-f", "-H", "-l", "-P", "-S", "-t", "-w", "-z", "-e", "-g", "-q", "-s", "-C", "-D", "-m", "-O"));

  /** Options of sudo, doas, pkexec and runuser that take a value: the command starts after them. */
  private static final Set<String> PRIVILEGE_VALUE_OPTIONS = Set.of("-u", "-g", "-h", "-p", "-C", "-D", "-r",
      "-t", "-U", "-T", "-R", "--user", "--group", "--host", "--prompt", "--chdir", "--role", "--type",
      "--other-user");
  /** Options of nice, timeout, flock, strace ... that take a value. */
  private static final Set<String> LIMITER_VALUE_OPTIONS = Set.of("-n", "-c", "-s", "-k", "-o", "-i", "-e", "-p",
      "--adjustment", "--signal", "--kill-after", "-l", "-E", "--interval", "-d");
  /** Programs that delete the files xargs hands them. */
  private static final Set<String> REMOVERS = Set.of("rm", "unlink", "shred", "trash", "trash-put", "srm");
  /** Options of xargs that take a value. */
  private static final Set<String> XARGS_VALUE_OPTIONS = Set.of("-I", "-i", "-n", "-P", "-d", "-E", "-e", "-L",
      "-l", "-s", "-a", "--arg-file", "--delimiter", "--max-args", "--max-procs", "--replace", "--max-lines");

  /** The result: every unit, the problems found, and the unit each parsed command became. */
  record Analysis(List<Unit> units, List<String> problems, Map<SimpleCommand, Unit> byCommand, Path home) {}

  private final List<Unit> units = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  /** Sized for a few commands: the default table (64 slots) was a fortieth of the bytes a decision allocated. */
  private final Map<SimpleCommand, Unit> byCommand = new IdentityHashMap<>(8);
  private final Path home;
  private int depth;

  private Units(Path home) {
    this.home = home;
  }

  static Analysis ofShell(String command, Path home, Path cwd) {
    Units u = new Units(home);
    Script s = ShellParser.parse(command, ShellEnv.of(home, cwd));
    u.problems.addAll(s.problems());
    u.addAll(s, List.of(), false, Map.of());
    return new Analysis(u.units, u.problems, u.byCommand, home);
  }

  /** A command run without a shell: its words are taken as they are, never re-parsed. */
  static Analysis ofArgv(List<String> argv, Path home, Path cwd) {
    Units u = new Units(home);
    String joined = String.join(" ", argv.stream().map(Units::quote).toList());
    Script s = ShellParser.parse(joined, ShellEnv.of(home, cwd));
    u.addAll(s, List.of(), false, Map.of());
    return new Analysis(u.units, u.problems, u.byCommand, home);
  }

  static String quote(String word) {
    if (Regexes.matches(word, "[A-Za-z0-9_./:=@%+,-]+")) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  private void addAll(Script s, List<String> wrappers, boolean privileged, Map<String, String> env) {
    for (SimpleCommand c : s.commands()) {
      if (units.size() >= MAX_UNITS) {
        problems.add("more than " + MAX_UNITS + " commands");
        return;
      }
      // most commands have no wrapper, origin or assignment: no copies for them
      List<String> w = wrappers;
      if (!c.origin().isEmpty()) {
        w = plus(wrappers, c.origin());
      }
      Map<String, String> e = env;
      if (!c.assignments().isEmpty()) {
        e = new LinkedHashMap<>(env);
        e.putAll(c.assignments());
        for (Map.Entry<String, String> a : c.assignments().entrySet()) {
          commandVariable(a.getKey(), a.getValue(), c, w, privileged, env);
        }
      }
      unwrap(c, c.args(), w, privileged, false, e, c.cwd(), c.argv());
    }
  }

  private void nestedShell(String text, SimpleCommand c, List<String> wrappers, boolean privileged,
      Map<String, String> env, String how) {
    if (depth > 8) {
      problems.add("shell nesting deeper than 8 levels");
      return;
    }
    depth++;
    List<String> w = new ArrayList<>(wrappers);
    w.add(how);
    Script s = ShellParser.parse(text, ShellEnv.of(home, c.cwd()), how);
    problems.addAll(s.problems());
    addAll(s, w, privileged, env);
    depth--;
  }

  /**
   * A variable whose value is a command line a program runs later ({@code PAGER='sh -c …' git log}, {@code env
   * GIT_EDITOR=… git commit}, {@code LESSOPEN='|…'}): the value is judged as if typed.
   */
  private void commandVariable(String name, String value, SimpleCommand c, List<String> wrappers, boolean privileged,
      Map<String, String> env) {
    if (COMMAND_VARIABLES.contains(name) && !value.isBlank()) {
      nestedShell(value.replaceFirst("^\\|+", ""), c, wrappers, privileged, env, name + "=");
    }
  }

  private void emit(SimpleCommand c, List<Arg> args, List<String> wrappers, boolean privileged, boolean fromStdin,
      Map<String, String> env, Path cwd, String code, String language, List<String> full) {
    emit(new Unit(c, args, wrappers, privileged, fromStdin, env, cwd, code, language, full));
  }

  private void emit(Unit u) {
    units.add(u);
    byCommand.putIfAbsent(u.command(), u);
  }

  private static boolean isOpt(Arg a) {
    return a.text().startsWith("-") && a.text().length() > 1;
  }

  private void unwrap(SimpleCommand c, List<Arg> args, List<String> wrappers, boolean privileged,
      boolean fromStdin, Map<String, String> env, Path cwd, List<String> full) {
    for (int guard = 0; guard < 32; guard++) {
      if (args.isEmpty()) {
        emit(c, args, wrappers, privileged, fromStdin, env, cwd, null, null, full);
        return;
      }
      if (args.get(0).dynamic() && !args.get(0).text().contains("/")) {
        emit(c, args, wrappers, privileged, fromStdin, env, cwd, null, null, full);
        return;
      }
      String name = Unit.baseName(args.get(0).text());
      List<Arg> rest = args.subList(1, args.size());
      int skip;
      if (name.startsWith("ld") && LOADER.matcher(name).matches()) {
        // the dynamic loader run by hand: its first operand is the program it runs
        int k = skipOptions(rest, Set.of("--library-path", "--preload", "--argv0", "--audit", "--glibc-hwcaps-mask",
            "--glibc-hwcaps-prepend"));
        if (k < rest.size()) {
          wrappers = plus(wrappers, name);
          args = rest.subList(k, rest.size());
          continue;
        }
      }
      switch (name) {
        case "sudo":
        case "doas":
        case "pkexec":
        case "runuser": {
          skip = skipOptions(rest, PRIVILEGE_VALUE_OPTIONS);
          if (skip >= rest.size()) {
            emit(c, args, wrappers, true, fromStdin, env, cwd, null, null, full);
            return;
          }
          wrappers = plus(wrappers, name);
          privileged = true;
          args = rest.subList(skip, rest.size());
          continue;
        }
        case "su": {
          int k = indexOf(rest, "-c", "--command");
          wrappers = plus(wrappers, "su");
          if (k >= 0 && k + 1 < rest.size()) {
            nestedShell(rest.get(k + 1).text(), c, wrappers, true, env, "su -c");
          } else {
            emit(c, args, wrappers, true, fromStdin, env, cwd, null, null, full);
          }
          return;
        }
        case "env": {
          int k = 0;
          env = new LinkedHashMap<>(env);
          while (k < rest.size()) {
            String t = rest.get(k).text();
            if (t.equals("-u") || t.equals("--unset")) {
              if (k + 1 < rest.size()) {
                env.put(rest.get(k + 1).text(), "");
              }
              k += 2;
            } else if (t.equals("-C") || t.equals("--chdir")) {
              k += 2;
            } else if (t.equals("-S") || t.equals("--split-string")) {
              if (k + 1 < rest.size()) {
                nestedShell(rest.get(k + 1).text() + " " + joinQuoted(rest.subList(Math.min(k + 2, rest.size()),
                    rest.size())), c, plus(wrappers, "env"), privileged, env, "env -S");
              }
              return;
            } else if (t.startsWith("-")) {
              k++;
            } else if (Regexes.matches(t, "[A-Za-z_][A-Za-z0-9_]*=.*")) {
              commandVariable(t.substring(0, t.indexOf('=')), t.substring(t.indexOf('=') + 1), c,
                  plus(wrappers, "env"), privileged, env);
              env.put(t.substring(0, t.indexOf('=')), t.substring(t.indexOf('=') + 1));
              k++;
            } else {
              break;
            }
          }
          if (k >= rest.size()) {
            emit(c, args, wrappers, privileged, fromStdin, env, cwd, null, null, full);
            return;
          }
          wrappers = plus(wrappers, "env");
          args = rest.subList(k, rest.size());
          continue;
        }
        case "nice":
        case "ionice":
        case "chrt":
        case "taskset":
        case "stdbuf":
        case "timeout":
        case "gtimeout":
        case "flock":
        case "strace":
        case "ltrace":
        case "watch":
        case "cpulimit": {
          // taskset's -c is a flag that makes its one positional a CPU list (taskset -c 0 CMD), not an option value
          int k = skipOptions(rest, name.equals("taskset") ? Set.of() : LIMITER_VALUE_OPTIONS);
          // positional arguments before the command
          if (name.endsWith("timeout") || name.equals("taskset") || name.equals("flock")) {
            k++;
          } else if (name.equals("chrt") && k < rest.size() && Regexes.matches(rest.get(k).text(), "\\d+")) {
            k++;
          }
          if (name.equals("flock") && indexOf(rest, "-c") >= 0) {
            int ci = indexOf(rest, "-c");
            if (ci + 1 < rest.size()) {
              nestedShell(rest.get(ci + 1).text(), c, plus(wrappers, name), privileged, env, "flock -c");
            }
            return;
          }
          if (k >= rest.size()) {
            emit(c, args, wrappers, privileged, fromStdin, env, cwd, null, null, full);
            return;
          }
          if (name.equals("watch")) {
            nestedShell(joinPlain(rest.subList(k, rest.size())), c, plus(wrappers, name), privileged, env, "watch");
            return;
          }
          wrappers = plus(wrappers, name);
          args = rest.subList(k, rest.size());
          continue;
        }
        case "xargs": {
          int k = skipOptions(rest, XARGS_VALUE_OPTIONS);
          int file = indexOf(rest.subList(0, k), "-a", "--arg-file");
          if (file >= 0 && file + 1 < k) {
            // xargs -a FILE reads FILE: judged as the read it is
            emit(c, List.of(Arg.literal("cat"), rest.get(file + 1)), plus(wrappers, "xargs -a"), privileged,
                fromStdin, env, cwd, null, null, full);
          }
          List<Arg> inner = new ArrayList<>(k >= rest.size() ? List.of(Arg.literal("echo")) : rest.subList(k,
              rest.size()));
          List<SimpleCommand> upstream = c.pipeline().upstreamOf(c);
          SimpleCommand feeder = upstream.isEmpty() ? null : upstream.get(upstream.size() - 1);
          if (feeder != null && !feeder.argv().isEmpty() && Unit.baseName(feeder.argv().get(0)).equals("find")
              && !inner.isEmpty() && REMOVERS.contains(Unit.baseName(inner.get(0).text()))
              && !feeder.argv().contains("-delete")) {
            // session 20: find … | xargs rm deletes what find selects, as find … -delete does: judged as that too
            List<Arg> asDelete = new ArrayList<>(feeder.args());
            asDelete.add(Arg.literal("-delete"));
            emit(feeder, asDelete, plus(wrappers, "find | xargs " + inner.get(0).text()), privileged, false, env,
                feeder.cwd(), null, null, full);
          }
          String replace = xargsReplacement(rest.subList(0, k));
          String folded = ShellParser.fold(upstream);
          if (folded != null && !folded.isBlank() && replace == null) {
            // echo L2hv… | base64 -d | xargs cat: the input is a constant, decoded now, and each word an argument
            for (String w : folded.strip().split("\\s+")) {
              inner.add(new Arg(w, false, false, true, List.of()));
            }
          } else if (replace == null) {
            inner.add(new Arg("", true, false, false, List.of()));
          } else {
            // xargs -I{} nslookup {}.x.example: each input line goes where the marker stands, nothing is appended
            for (int i = 0; i < inner.size(); i++) {
              Arg a = inner.get(i);
              if (a.text().contains(replace)) {
                // built into a larger word ({}.x.example), the line is data spliced in, like "$X.x.example"
                List<String> refs = a.text().equals(replace) ? a.refs() : List.of(XARGS_INPUT);
                inner.set(i, new Arg(a.text().replace(replace, XARGS_INPUT), true, a.glob(), a.computed(),
                    a.substitutions(), refs));
              }
            }
          }
          wrappers = plus(wrappers, "xargs");
          fromStdin = true;
          args = inner;
          continue;
        }
        case "parallel":
          parallel(c, args, wrappers, privileged, fromStdin, env, cwd, full);
          return;
        case "exec":
        case "command": {
          int k = 0;
          while (k < rest.size() && isOpt(rest.get(k))) {
            String t = rest.get(k).text();
            if (name.equals("command") && (t.equals("-v") || t.equals("-V"))) {
              emit(c, args, wrappers, privileged, fromStdin, env, cwd, null, null, full);
              return;
            }
            k += t.equals("-a") ? 2 : 1;
          }
          if (k >= rest.size()) {
            emit(c, args, wrappers, privileged, fromStdin, env, cwd, null, null, full);
            return;
          }
          wrappers = plus(wrappers, name);
          args = rest.subList(k, rest.size());
          continue;
        }
        case "eval": {
          // eval "$X", eval "set -- $(…)": the code is only partly known; the classifier asks where it came from
          if (rest.stream().anyMatch(Arg::dynamic)) {
            emit(c, args, wrappers, privileged, fromStdin, env, cwd, null, null, full);
          }
          nestedShell(joinPlain(rest), c, wrappers, privileged, env, "eval");
          return;
        }
        case "setarch":
        case "logsave": {
          // setarch ARCH [options] CMD, logsave [-asv] LOGFILE CMD: one operand before the command
          int k = name.equals("setarch") ? 1 : skipOptions(rest, Set.of()) + 1;
          if (name.equals("setarch")) {
            while (k < rest.size() && isOpt(rest.get(k))) {
              k++;
            }
          }
          if (k >= rest.size()) {
            emit(c, args, wrappers, privileged, fromStdin, env, cwd, null, null, full);
            return;
          }
          wrappers = plus(wrappers, name);
          args = rest.subList(k, rest.size());
          continue;
        }
        case "capsh": {
          // capsh [options] -- ARGS runs bash with ARGS (capsh -- -c CMD is bash -c CMD)
          int k = indexOf(rest, "--");
          if (k < 0) {
            emit(c, args, wrappers, privileged, fromStdin, env, cwd, null, null, full);
            return;
          }
          List<Arg> bash = new ArrayList<>();
          bash.add(Arg.literal("bash"));
          bash.addAll(rest.subList(k + 1, rest.size()));
          wrappers = plus(wrappers, name);
          args = bash;
          continue;
        }
        case "start-stop-daemon": {
          // start-stop-daemon -S -x PROGRAM [-- ARGS]: PROGRAM runs with ARGS, detached when -b
          int x = indexOf(rest, "-x", "--exec", "-a", "--startas");
          if (x < 0 || x + 1 >= rest.size()) {
            emit(c, args, wrappers, privileged, fromStdin, env, cwd, null, null, full);
            return;
          }
          List<Arg> run = new ArrayList<>();
          run.add(rest.get(x + 1));
          int dd = indexOf(rest, "--");
          if (dd >= 0) {
            run.addAll(rest.subList(dd + 1, rest.size()));
          }
          wrappers = plus(wrappers, name);
          args = run;
          continue;
        }
        case "nix-shell":
          // nix-shell --run CMD / --command CMD: CMD runs through the shell inside the environment
          for (String value : optionValues(rest, Set.of("--run", "--command"), List.of())) {
            nestedShell(value, c, plus(wrappers, name), privileged, env, "nix-shell --run");
          }
          break;
        case "gdb":
        case "cgdb": {
          // gdb -ex 'shell CMD', -ex '!CMD': gdb runs CMD through the shell
          for (String value : optionValues(rest, Set.of("-ex", "--ex", "-eval-command", "--eval-command", "-iex",
              "--init-eval-command"), List.of())) {
            String cmd = value.strip();
            if (cmd.startsWith("!") || cmd.startsWith("shell ")) {
              nestedShell(cmd.substring(cmd.startsWith("!") ? 1 : 6), c, plus(wrappers, name), privileged, env,
                  "gdb shell");
            }
          }
          break;
        }
        case "mysql":
        case "mariadb":
        case "psql":
        case "sqlite3": {
          // a shell escape in the statements: \! CMD, system CMD, .shell CMD, .system CMD
          for (Arg a : rest) {
            String t = a.text();
            if (t.indexOf('!') < 0 && t.indexOf('.') < 0 && !containsIgnoreCase(t, "system")) {
              continue; // no escape can be in it: most arguments are options, names and plain statements
            }
            Matcher m = CLIENT_SHELL_ESCAPE.matcher(t);
            while (m.find()) {
              nestedShell(m.group(1), c, plus(wrappers, name), privileged, env, name + " shell escape");
            }
          }
          break;
        }
        case "make":
        case "gmake": {
          // make --eval=TEXT: TEXT is makefile syntax, its recipe lines (after a tab) run through the shell
          for (String text : optionValues(rest, Set.of("--eval", "-E"), List.of("--eval="))) {
            for (String line : text.split("\n")) {
              if (line.startsWith("\t")) {
                nestedShell(line.substring(1).replaceFirst("^[@+-]+", ""), c, plus(wrappers, name), privileged, env,
                    "make --eval");
              }
            }
          }
          break;
        }
        case "wget": {
          // wget --use-askpass=CMD runs CMD for the password
          for (String cmd : optionValues(rest, Set.of("--use-askpass"), List.of("--use-askpass="))) {
            nestedShell(cmd, c, plus(wrappers, name), privileged, env, "wget askpass");
          }
          break;
        }
        case "screen": {
          // screen -dmS NAME CMD ARGS runs CMD detached (it outlives the call); screen -X stuff TEXT types TEXT into
          // a running session's shell
          int k = skipLetterOptions(rest, 0, "ScehpstT", "-X");
          if (k < rest.size() && rest.get(k).text().equals("-X")) {
            int s = indexOf(rest.subList(k + 1, rest.size()), "stuff");
            if (s >= 0 && k + 2 + s < rest.size()) {
              nestedShell(rest.get(k + 2 + s).text().replace("^M", "\n"), c, plus(wrappers, name), privileged, env,
                  "screen -X stuff");
            }
            emit(c, args, wrappers, privileged, fromStdin, env, cwd, null, null, full);
            return;
          }
          if (k >= rest.size()) {
            emit(c, args, wrappers, privileged, fromStdin, env, cwd, null, null, full);
            return;
          }
          wrappers = plus(wrappers, name);
          args = rest.subList(k, rest.size());
          continue;
        }
        case "tmux":
          tmux(c, args, wrappers, privileged, fromStdin, env, cwd, full);
          return;
        case "zip": {
          // zip -T -TT CMD tests the archive by running CMD through the shell
          for (String cmd : optionValues(rest, Set.of("-TT", "--unzip-command"), List.of("--unzip-command="))) {
            nestedShell(cmd, c, plus(wrappers, name), privileged, env, "zip -TT");
          }
          break;
        }
        case "less": {
          // less +!CMD runs CMD through the shell when it starts
          for (Arg a : rest) {
            if (a.text().startsWith("+") && a.text().indexOf('!') > 0) {
              nestedShell(a.text().substring(a.text().indexOf('!') + 1), c, plus(wrappers, name), privileged, env,
                  "less +!");
            }
          }
          break;
        }
        case "man": {
          // man -P PAGER, --pager=PAGER: the pager is a command line run through the shell (MANPAGER=… and PAGER=…
          // are command variables, read where they are set)
          for (String pager : optionValues(rest, Set.of("-P", "--pager"), List.of("--pager=", "-P"))) {
            nestedShell(pager, c, plus(wrappers, name), privileged, env, "man -P");
          }
          break;
        }
        case "find":
          findExec(c, args, wrappers, privileged, env, cwd, full);
          return;
        case "fd":
        case "fdfind":
          if (fdExec(c, args, wrappers, privileged, env, cwd, full)) {
            return;
          }
          break;
        default:
          break;
      }
      // poetry run CMD, bundle exec CMD, op run -- CMD …: the tools and their run forms are ProjectRunners' table
      List<Arg> run = ProjectRunners.command(name, rest);
      if (run != null) {
        if (run.isEmpty()) {
          emit(c, args, wrappers, privileged, fromStdin, env, cwd, null, null, full);
          return;
        }
        wrappers = plus(wrappers, name + " " + rest.get(0).text());
        args = run;
        continue;
      }
      if (name.startsWith("python") && Regexes.matches(name, "python[0-9.]*")) {
        // python -m pip / twine / poetry ...: the module's own command line, judged as that command
        int k = 0;
        while (k < rest.size() && Regexes.matches(rest.get(k).text(), "-[BEIOsSuvq]+")) {
          k++;
        }
        if (k + 1 < rest.size() && rest.get(k).text().equals("-m")
            && PYTHON_CLI_MODULES.contains(rest.get(k + 1).text())) {
          wrappers = plus(wrappers, name + " -m");
          args = rest.subList(k + 1, rest.size());
          continue;
        }
      }
      if (SIMPLE_WRAPPERS.contains(name)) {
        int k = skipOptions(rest, WRAPPER_VALUE_OPTIONS.getOrDefault(name, Set.of()));
        if (k >= rest.size()) {
          emit(c, args, wrappers, privileged, fromStdin, env, cwd, null, null, full);
          return;
        }
        wrappers = plus(wrappers, name);
        args = rest.subList(k, rest.size());
        continue;
      }
      if (SHELLS.contains(name)) {
        List<Arg> shellArgs = rest;
        if (name.equals("busybox")) {
          if (rest.isEmpty()) {
            emit(c, args, wrappers, privileged, fromStdin, env, cwd, null, null, full);
            return;
          }
          if (!SHELLS.contains(rest.get(0).text()) || rest.get(0).text().equals("busybox")) {
            args = rest;
            continue;
          }
          shellArgs = rest.subList(1, rest.size());
        }
        Arg cmdString = shellCommandString(shellArgs);
        if (cmdString != null) {
          if (cmdString.dynamic()) {
            // the code argument found here (after any options, past busybox) is the one RunTimeCode traces
            emit(new Unit(c, args, wrappers, privileged, fromStdin, env, cwd, null, "shell", full, cmdString));
          }
          nestedShell(cmdString.text(), c, wrappers, privileged, env, name + " -c");
          return;
        }
        String stdin = stdinText(c);
        if (stdin != null && firstOperand(shellArgs) == null) {
          if (c.redirects().stream().anyMatch(r -> r.op().equals("<<<") && r.target().dynamic())) {
            // sh <<<"$X": the code is only known at run time; the classifier asks where it came from
            emit(c, args, wrappers, privileged, fromStdin, env, cwd, null, "shell", full);
          }
          nestedShell(stdin, c, wrappers, privileged, env, name + " <<here-doc");
          return;
        }
        emit(c, args, wrappers, privileged, fromStdin, env, cwd, null, "shell", full);
        return;
      }
      String lang = language(name);
      if (lang != null) {
        String code = inlineCode(lang, rest);
        if (code == null && firstOperand(rest) == null || code == null && "-".equals(firstOperand(rest))) {
          code = stdinText(c);
        }
        emit(c, args, wrappers, privileged, fromStdin, env, cwd, code, lang, full);
        if (code != null) {
          for (String sh : CodeScan.shellCommands(code, lang)) {
            nestedShell(sh, c, plus(wrappers, name), privileged, env, name + " code");
          }
          if (lang.equals("awk") && AWK_RUNS_INPUT.matcher(code).find()) {
            // awk '{system($0)}' <<< 'rm -rf ~': the input lines are the commands
            String in = stdinText(c);
            nestedShell(in != null ? in : "$COMMAND_AWK_BUILDS_AT_RUN_TIME", c, plus(wrappers, name), privileged,
                env, name + " runs its input");
          }
        }
        return;
      }
      emit(c, args, wrappers, privileged, fromStdin, env, cwd, null, null, full);
      if (!EmbeddedShell.runsCommands(name)) {
        return;
      }
      List<String> words = rest.stream().map(Arg::text).toList();
      String how = EmbeddedShell.how(name, words);
      ContainerMounts mounts = how.endsWith(EmbeddedShell.FRESH_CONTAINER)
          ? ContainerMounts.of(name, words, cwd, home) : null;
      for (String embedded : EmbeddedShell.commands(name, words, stdinText(c))) {
        // a command the program computes at run time stands as a program name nobody can read
        nestedShell(embedded.equals(EmbeddedShell.OPAQUE)
            ? "$COMMAND_" + name.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_BUILDS_AT_RUN_TIME"
            : mounts == null ? embedded : mounts.map(embedded), c,
            plus(wrappers, name), privileged, env, mounts == null ? how : mounts.label(how));
      }
      return;
    }
    problems.add("too many nested wrappers");
  }

  /** What the command reads on stdin when it is known: a here-doc or here-string, or a literal echo piped in. */
  private static String stdinText(SimpleCommand c) {
    for (Redirect r : c.redirects()) {
      if (r.op().equals("<<<") && r.target().dynamic()) {
        return null; // built at run time ("$(curl ...)"): the classifier judges where it comes from
      }
      if ((r.op().startsWith("<<")) && r.body() != null) {
        return r.body();
      }
    }
    // echo "import os; os.system('...')" | python3
    List<SimpleCommand> up = c.pipeline().upstreamOf(c);
    if (up.size() == 1) {
      List<String> av = up.get(0).argv();
      // not when the text is spelled in escapes (printf '\x72\x6d'): the classifier denies that as obfuscation
      if (!av.isEmpty() && (av.get(0).equals("echo") || av.get(0).equals("printf"))
          && av.stream().noneMatch(w -> w.indexOf('\\') >= 0)) {
        List<String> words = av.subList(1, av.size()).stream().filter(w -> !Regexes.matches(w, "-[neE]+"))
            .toList();
        if (av.get(0).equals("printf") && !words.isEmpty() && words.get(0).indexOf('%') >= 0) {
          return printf(words.get(0), words.subList(1, words.size())); // printf %s 'rm -rf ~' | sh
        }
        return words.isEmpty() ? null : String.join(" ", words);
      }
    }
    return null;
  }

  /** awk code that runs what it reads: system() of a field, a field piped to getline, output piped to a shell. */
  private static final Pattern AWK_RUNS_INPUT = Pattern.compile(
      "system\\s*\\(\\s*\\$|\\$[0-9A-Za-z_]*\\s*\\|\\s*getline|\\|\\s*\"(?:/bin/|/usr/bin/)?(?:ba|da|z|k)?sh\\b");

  private static final Pattern CONVERSION =
      Pattern.compile("%[-+ #0]*[0-9]*(?:\\.[0-9]*)?([a-zA-Z%])");

  /** What printf prints for plain conversions; the format is reused while arguments remain, as printf(1) does. */
  static String printf(String format, List<String> args) {
    StringBuilder out = new StringBuilder();
    int next = 0;
    do {
      Matcher m = CONVERSION.matcher(format);
      int last = 0;
      boolean consumed = false;
      while (m.find()) {
        out.append(format, last, m.start());
        if (m.group(1).equals("%")) {
          out.append('%');
        } else {
          out.append(next < args.size() ? args.get(next++) : "");
          consumed = true;
        }
        last = m.end();
      }
      out.append(format.substring(last));
      if (!consumed) {
        break;
      }
    } while (next < args.size());
    return out.toString();
  }

  /** The string after {@code -c} in a shell's options, or null. */
  private static Arg shellCommandString(List<Arg> args) {
    boolean dashC = false;
    for (int k = 0; k < args.size(); k++) {
      String t = args.get(k).text();
      if (t.equals("--")) {
        continue;
      }
      if (t.equals("-o") || t.equals("+o") || t.equals("--rcfile") || t.equals("--init-file")) {
        k++;
        continue;
      }
      if (t.startsWith("--")) {
        continue;
      }
      if ((t.startsWith("-") || t.startsWith("+")) && t.length() > 1) {
        if (t.startsWith("-") && t.indexOf('c') > 0) {
          dashC = true;
        }
        continue;
      }
      return dashC ? args.get(k) : null;
    }
    return null;
  }

  static String firstOperand(List<Arg> args) {
    for (Arg a : args) {
      if (!a.text().startsWith("-") || a.text().equals("-")) {
        return a.text();
      }
    }
    return null;
  }

  static String language(String name) {
    if ((name.startsWith("python") || name.startsWith("pypy")) && PYTHON.matcher(name).matches()) {
      return "python";
    }
    switch (name) {
      case "node":
      case "nodejs":
      case "deno":
      case "bun":
        return "node";
      case "perl":
        return "perl";
      case "ruby":
        return "ruby";
      case "php":
        return "php";
      case "lua":
        return "lua";
      case "elixir":
      case "iex":
        return "elixir";
      case "osascript":
        return "applescript";
      case "awk":
      case "gawk":
      case "mawk":
      case "nawk":
        return "awk";
      case "pwsh":
      case "powershell":
        return "powershell";
      case "Rscript":
      case "R":
        return "r";
      case "julia":
        return "julia";
      default:
        return null;
    }
  }

  /** The options after which each language's one-liner code follows ({@code python -c CODE}). */
  private static final Map<String, Set<String>> INLINE_CODE_FLAGS = Map.of(
      "python", Set.of("-c"),
      "node", Set.of("-e", "--eval", "-p", "--print", "eval"),
      "perl", Set.of("-e", "-E"),
      "ruby", Set.of("-e"),
      "lua", Set.of("-e"),
      "elixir", Set.of("-e", "--eval"),
      "applescript", Set.of("-e"),
      "php", Set.of("-r"),
      "r", Set.of("-e"),
      "julia", Set.of("-e", "--eval"));
  private static final Set<String> DEFAULT_CODE_FLAGS = Set.of("-c", "-Command", "-command");

  private static String inlineCode(String lang, List<Arg> rest) {
    Set<String> flags = INLINE_CODE_FLAGS.getOrDefault(lang, DEFAULT_CODE_FLAGS);
    if (lang.equals("awk")) {
      // the program is the first operand (or -f FILE)
      for (int k = 0; k < rest.size(); k++) {
        String t = rest.get(k).text();
        if (t.equals("-F") || t.equals("-v") || t.equals("-f")) {
          k++;
        } else if (!t.startsWith("-")) {
          return t;
        }
      }
      return null;
    }
    for (int k = 0; k < rest.size(); k++) {
      String t = rest.get(k).text();
      if (flags.contains(t) && k + 1 < rest.size()) {
        return rest.get(k + 1).text();
      }
      // clustered flags such as perl -ne / python -Bc
      if (t.startsWith("-") && !t.startsWith("--") && t.length() > 2 && k + 1 < rest.size()
          && !(lang.equals("perl") && "MmIxF0lCdDi".indexOf(t.charAt(1)) >= 0)) {
        // (perl -MFile::Path=remove_tree and -Mdate carry a module, not a cluster ending in -e)
        char last = t.charAt(t.length() - 1);
        if (flags.contains("-" + last)) {
          return rest.get(k + 1).text();
        }
      }
    }
    return null;
  }

  private void findExec(SimpleCommand c, List<Arg> args, List<String> wrappers, boolean privileged,
      Map<String, String> env, Path cwd, List<String> full) {
    List<Arg> rest = args.subList(1, args.size());
    List<String> roots = new ArrayList<>();
    int k = 0;
    while (k < rest.size() && (rest.get(k).text().equals("-H") || rest.get(k).text().equals("-L")
        || rest.get(k).text().equals("-P"))) {
      k++;
    }
    while (k < rest.size() && !rest.get(k).text().startsWith("-") && !rest.get(k).text().equals("(")
        && !rest.get(k).text().equals("!")) {
      roots.add(rest.get(k).text());
      k++;
    }
    if (roots.isEmpty()) {
      roots.add(".");
    }
    boolean selective = selective(rest);
    List<Arg> own = new ArrayList<>();
    own.add(args.get(0));
    for (int i = 0; i < rest.size(); i++) {
      String t = rest.get(i).text();
      if (t.equals("-exec") || t.equals("-execdir") || t.equals("-ok") || t.equals("-okdir")) {
        List<Arg> inner = new ArrayList<>();
        int j = i + 1;
        while (j < rest.size() && !rest.get(j).text().equals(";") && !rest.get(j).text().equals("+")) {
          String w = rest.get(j).text();
          if (w.contains("{}")) {
            String root = roots.get(0).endsWith("/") ? roots.get(0) : roots.get(0) + "/";
            inner.add(new Arg(w.replace("{}", root + (selective ? "found-by-find" : "*")), false, !selective,
                false, List.of()));
          } else {
            inner.add(rest.get(j));
          }
          j++;
        }
        own.add(rest.get(i));
        if (!inner.isEmpty()) {
          unwrap(c, inner, plus(wrappers, "find " + t), privileged, false, env, cwd, full);
        }
        i = j;
      } else {
        own.add(rest.get(i));
      }
    }
    emit(c, own, wrappers, privileged, false, env, cwd, null, null, full);
  }

  /**
   * {@code fd PATTERN DIR -X rm -rf}: fd runs the command after {@code -x}/{@code -X} ({@code --exec},
   * {@code --exec-batch}) on what it finds under DIR, as find's {@code -exec} does; the command is judged on DIR's
   * contents ({@code DIR/*}, or {@code DIR/found-by-fd} when a pattern selects some files). False when there is no
   * command to run.
   */
  private boolean fdExec(SimpleCommand c, List<Arg> args, List<String> wrappers, boolean privileged,
      Map<String, String> env, Path cwd, List<String> full) {
    int x = -1;
    List<String> positional = new ArrayList<>();
    for (int i = 1; i < args.size(); i++) {
      String t = args.get(i).text();
      if (t.equals("-x") || t.equals("-X") || t.equals("--exec") || t.equals("--exec-batch")) {
        x = i;
        break;
      }
      if (!t.startsWith("-")) {
        positional.add(t);
      } else if (Regexes.matches(t, "-[edtEcjS]|--(extension|type|exclude|max-depth|min-depth|size|changed-within"
          + "|changed-before|owner|threads|color|search-path|base-directory)")) {
        i++; // the option's value is no pattern or directory
      }
    }
    if (x < 0 || x + 1 >= args.size()) {
      return false;
    }
    String root = positional.size() > 1 ? positional.get(1) : ".";
    boolean selective = !positional.isEmpty() && !positional.get(0).equals(".") && !positional.get(0).equals("^")
        || args.stream().anyMatch(a -> Regexes.matches(a.text(), "-[et]|--(extension|type|size|changed-.*)"));
    String found = (root.endsWith("/") ? root : root + "/") + (selective ? "found-by-fd" : "*");
    List<Arg> inner = new ArrayList<>();
    boolean placeholder = false;
    for (int j = x + 1; j < args.size() && !args.get(j).text().equals(";"); j++) {
      String w = args.get(j).text();
      if (w.contains("{")) {
        placeholder = true;
        inner.add(new Arg(w.replaceAll("\\{[/.]*\\}|\\{//\\}|\\{/\\.\\}", found), false, !selective, false,
            List.of()));
      } else {
        inner.add(args.get(j));
      }
    }
    if (!placeholder) {
      inner.add(new Arg(found, false, !selective, false, List.of()));
    }
    emit(c, args.subList(0, x), wrappers, privileged, false, env, cwd, null, null, full);
    unwrap(c, inner, plus(wrappers, "fd " + args.get(x).text()), privileged, false, env, cwd, full);
    return true;
  }

  /** Whether a find expression selects some files (by name, path, age, size ...) rather than everything. */
  static boolean selective(List<Arg> findArgs) {
    for (Arg a : findArgs) {
      switch (a.text()) {
        case "-name":
        case "-iname":
        case "-path":
        case "-ipath":
        case "-wholename":
        case "-regex":
        case "-iregex":
        case "-newer":
        case "-mtime":
        case "-mmin":
        case "-atime":
        case "-ctime":
        case "-size":
        case "-empty":
        case "-user":
        case "-perm":
        case "-links":
          return true;
        default:
          break;
      }
    }
    return false;
  }

  /** Stands for an input line where {@code xargs -I} puts it: a word, so that {@code ~/{}} stays below the home. */
  private static final String XARGS_INPUT = "XARGS_INPUT_LINE";

  /** The marker of {@code xargs -I R}, {@code -IR}, {@code --replace[=R]} or {@code -iR}; null without one. */
  private static String xargsReplacement(List<Arg> options) {
    for (int i = 0; i < options.size(); i++) {
      String t = options.get(i).text();
      if (t.equals("-I") && i + 1 < options.size()) {
        return options.get(i + 1).text().isEmpty() ? null : options.get(i + 1).text();
      }
      if (t.startsWith("-I") && t.length() > 2 || t.startsWith("-i") && t.length() > 2 && !t.startsWith("-i-")) {
        return t.substring(2);
      }
      if (t.equals("--replace")) {
        return "{}";
      }
      if (t.startsWith("--replace=") && t.length() > "--replace=".length()) {
        return t.substring("--replace=".length());
      }
    }
    return null;
  }

  /**
   * GNU parallel runs its command through a shell once per argument ({@code parallel rm -rf ::: ~}, {@code {}} marks
   * where the argument goes); with no command each argument is a command line of its own
   * ({@code parallel ::: 'rm -rf ~'}). Arguments read from stdin or a file ({@code -a F}, {@code :::: F}) are only
   * known at run time, like xargs'.
   */
  private void parallel(SimpleCommand c, List<Arg> args, List<String> wrappers, boolean privileged,
      boolean fromStdin, Map<String, String> env, Path cwd, List<String> full) {
    emit(c, args, wrappers, privileged, fromStdin, env, cwd, null, null, full);
    List<Arg> rest = args.subList(1, args.size());
    int k = skipOptions(rest, PARALLEL_VALUE_OPTIONS);
    int sep = k;
    while (sep < rest.size() && !rest.get(sep).text().startsWith(":::")) {
      sep++;
    }
    List<String> readFiles = new ArrayList<>();
    for (int i = 0; i + 1 < k; i++) {
      if (List.of("-a", "--arg-file", "--af").contains(rest.get(i).text())) {
        readFiles.add(rest.get(i + 1).text());
      }
    }
    List<Arg> inputs = new ArrayList<>();
    for (int i = sep; i < rest.size(); i++) {
      boolean files = rest.get(i).text().startsWith("::::");
      for (i++; i < rest.size() && !rest.get(i).text().startsWith(":::"); i++) {
        if (files) {
          readFiles.add(rest.get(i).text());
        } else if (inputs.size() < 8) {
          inputs.add(rest.get(i));
        }
      }
      i--;
    }
    List<String> pw = plus(wrappers, "parallel");
    for (String file : readFiles) {
      emit(c, List.of(Arg.literal("cat"), Arg.literal(file)), plus(wrappers, "parallel -a"), privileged, fromStdin,
          env, cwd, null, null, full);
    }
    if (inputs.isEmpty() || !readFiles.isEmpty()) {
      inputs.add(new Arg("", true, false, false, List.of()));
    }
    String command = joinPlain(rest.subList(Math.min(k, sep), sep));
    for (Arg input : inputs) {
      String line;
      if (command.isBlank()) {
        line = input.dynamic() ? "$COMMAND_PARALLEL_BUILDS_AT_RUN_TIME" : input.text();
      } else {
        String word = input.dynamic() ? PARALLEL_RUN_TIME_ARGUMENT
            : input.glob() || Regexes.matches(input.text(), "~[A-Za-z0-9_./-]*") ? input.text() : quote(input.text());
        line = command.contains("{}") ? command.replace("{}", word) : command + " " + word;
      }
      nestedShell(line, c, pw, privileged, env, "parallel");
    }
  }

  /** tmux's commands that run a shell command, with the letters of their options that take a value. */
  private static final Map<String, String> TMUX_RUNNERS = Map.ofEntries(Map.entry("new", "cefFnstxy"),
      Map.entry("new-session", "cefFnstxy"), Map.entry("neww", "ceFnt"), Map.entry("new-window", "ceFnt"),
      Map.entry("splitw", "celptF"), Map.entry("split-window", "celptF"), Map.entry("respawnp", "cet"),
      Map.entry("respawn-pane", "cet"), Map.entry("respawnw", "cet"), Map.entry("respawn-window", "cet"),
      Map.entry("run", "cdt"), Map.entry("run-shell", "cdt"), Map.entry("popup", "bcdehsStTwxy"),
      Map.entry("display-popup", "bcdehsStTwxy"), Map.entry("send", "cNt"), Map.entry("send-keys", "cNt"));
  /** Key names {@code tmux send-keys} presses rather than types. */
  private static final Pattern TMUX_KEY = Pattern.compile("(?i)enter|kpenter|escape|tab|space|bspace|up|down|left"
      + "|right|home|end|[cmsCMS]-.+");

  /**
   * {@code tmux new -d 'CMD'}, {@code tmux run-shell CMD}, {@code tmux send-keys -t s 'CMD' Enter}, {@code tmux -c
   * CMD}: the shell command runs (or is typed into a shell) in a session that outlives the call; judged as typed
   * here. The tmux command itself is judged too (killing servers, sessions).
   */
  private void tmux(SimpleCommand c, List<Arg> args, List<String> wrappers, boolean privileged, boolean fromStdin,
      Map<String, String> env, Path cwd, List<String> full) {
    List<Arg> rest = args.subList(1, args.size());
    List<String> w = plus(wrappers, "tmux");
    int k = 0;
    while (k < rest.size() && isOpt(rest.get(k))) {
      String t = rest.get(k).text();
      if (t.equals("-c") && k + 1 < rest.size()) {
        nestedShell(rest.get(k + 1).text(), c, w, privileged, env, "tmux -c");
        break;
      }
      k += t.equals("-L") || t.equals("-S") || t.equals("-f") || t.equals("-T") ? 2 : 1;
    }
    if (k < rest.size() && TMUX_RUNNERS.containsKey(rest.get(k).text())) {
      String sub = rest.get(k).text();
      String values = TMUX_RUNNERS.get(sub);
      List<Arg> after = rest.subList(k + 1, rest.size());
      List<Arg> words = after.subList(Math.min(skipLetterOptions(after, 0, values, null), after.size()), after.size());
      if (sub.startsWith("send")) {
        words = words.stream().filter(a -> !TMUX_KEY.matcher(a.text()).matches()).toList();
      }
      if (!words.isEmpty()) {
        nestedShell(joinPlain(words), c, w, privileged, env, "tmux " + sub);
      }
    }
    emit(c, args, wrappers, privileged, fromStdin, env, cwd, null, null, full);
  }

  /**
   * The index of the first word after the leading options of a program whose short options taking a value are the
   * letters in {@code valueLetters} (combined flags end with that letter: {@code -dmS NAME}), or of {@code stop}
   * when that option comes first.
   */
  private static int skipLetterOptions(List<Arg> rest, int from, String valueLetters, String stop) {
    int k = from;
    while (k < rest.size() && isOpt(rest.get(k))) {
      String t = rest.get(k).text();
      if (t.equals(stop)) {
        return k;
      }
      k += !t.startsWith("--") && valueLetters.indexOf(t.charAt(t.length() - 1)) >= 0 ? 2 : 1;
    }
    return k;
  }

  /**
   * The values of an option given as two words ({@code NAME VALUE}, a name in {@code separate}) or as one
   * ({@code PREFIXVALUE}, a prefix in {@code joined}: {@code --pager=less}, {@code -Pless}).
   */
  private static List<String> optionValues(List<Arg> rest, Set<String> separate, List<String> joined) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < rest.size(); k++) {
      String t = rest.get(k).text();
      if (separate.contains(t)) {
        if (k + 1 < rest.size()) {
          out.add(rest.get(k + 1).text());
        }
        continue;
      }
      for (String prefix : joined) {
        if (t.startsWith(prefix) && t.length() > prefix.length()) {
          out.add(t.substring(prefix.length()));
          break;
        }
      }
    }
    return out;
  }

  private static int skipOptions(List<Arg> rest, Set<String> withValue) {
    int k = 0;
    while (k < rest.size()) {
      String t = rest.get(k).text();
      if (t.equals("--")) {
        return k + 1;
      }
      if (!t.startsWith("-") || t.length() < 2) {
        return k;
      }
      if (withValue.contains(t)) {
        k += 2;
      } else {
        k++;
      }
    }
    return k;
  }

  private static int indexOf(List<Arg> args, String... names) {
    for (int k = 0; k < args.size(); k++) {
      for (String n : names) {
        if (args.get(k).text().equals(n)) {
          return k;
        }
      }
    }
    return -1;
  }

  private static List<String> plus(List<String> list, String item) {
    List<String> l = new ArrayList<>(list);
    l.add(item);
    return l;
  }

  private static boolean containsIgnoreCase(String text, String lowerWord) {
    for (int k = 0; k + lowerWord.length() <= text.length(); k++) {
      if (text.regionMatches(true, k, lowerWord, 0, lowerWord.length())) {
        return true;
      }
    }
    return false;
  }

  private static String joinPlain(List<Arg> args) {
    return String.join(" ", args.stream().map(Arg::text).toList());
  }

  private static String joinQuoted(List<Arg> args) {
    return String.join(" ", args.stream().map(a -> quote(a.text())).toList());
  }
}
