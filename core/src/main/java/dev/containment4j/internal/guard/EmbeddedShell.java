/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shell commands hidden in another program's options ({@code vim -c '!rm -rf ~'},
 * {@code tar --checkpoint-action=exec=CMD}, {@code rsync -e CMD}, GNU sed's {@code e} command, {@code script -c},
 * an editor's {@code --eval}, a makefile read from stdin): the programs that run a command for their user, as
 * GTFOBins lists them. Each command found is judged like one the agent typed; a command the text computes at run
 * time ({@code sed 's/x/y/e'}) cannot be read and is reported as {@link #OPAQUE}.
 */
final class EmbeddedShell {
  /** Stands for a command the program builds at run time: the guard cannot say what it runs. */
  static final String OPAQUE = "";
  /** Ends the wrapper label of a command run in a new container ({@code docker run IMAGE CMD}). */
  static final String FRESH_CONTAINER = " run IMAGE";

  private static final Set<String> VIM = Set.of("vim", "vi", "nvim", "ex", "view", "vimdiff", "gvim", "rvim", "evim",
      "nex", "nview");
  private static final Set<String> EMACS = Set.of("emacs", "emacsclient", "emacs-nox");
  private static final Set<String> TAR = Set.of("tar", "gtar", "bsdtar");
  private static final Set<String> SED = Set.of("sed", "gsed");
  private static final Set<String> MAKE = Set.of("make", "gmake");
  private static final Set<String> CONTAINER_ENGINES = Set.of("docker", "podman", "nerdctl", "finch");
  private static final Pattern EXPECT_SPAWN = Pattern.compile("\\b(?:spawn|exec|system)\\s+([^;\\n\\]]+)");
  /** An ex command that runs the shell: {@code !cmd}, {@code :silent !cmd}, {@code r !cmd}, {@code w !cmd}. */
  private static final Pattern EX_BANG =
      Pattern.compile("^[:\\s]*(?:(?:sil(?:ent)?!?|exe(?:cute)?|r(?:ead)?|w(?:rite)?|[0-9,.$%]+)\\s*)*!(.*)$",
          Pattern.DOTALL);
  private static final Pattern EX_SYSTEM = Pattern.compile("\\b(?:system|systemlist|jobstart|termopen)\\s*\\(");
  private static final Pattern LISP_SHELL = Pattern.compile(
      "\\((?:async-)?shell-command(?:-to-string)?\\s+\"((?:[^\"\\\\]|\\\\.)*)\"|\\(call-process-shell-command\\s+"
          + "\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern LISP_DELETE =
      Pattern.compile("\\(delete-(directory|file)\\s+\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern LISP_EXEC = Pattern.compile("\\((?:call-process|start-process|make-process)\\b");
  /** GNU sed's {@code e} command ({@code 1e cmd}, {@code /re/e cmd}) or the {@code e} flag of {@code s///}. */
  private static final Pattern SED_E_COMMAND = Pattern.compile("(?:^|[;\\n{}])\\s*(?:[0-9$]+|/[^/]*/)?,?"
      + "(?:[0-9$]+|/[^/]*/)?\\s*e\\s+([^;\\n}]+)");
  private static final Pattern SED_E_FLAG = Pattern.compile("(?:^|[;\\n{])\\s*[0-9$,]*s([^\\s\\\\;])[^;\\n]*?\\1[^;\\n]*?\\1[gpiIm0-9]*e(?:$|[;\\n}\\s])");

  /** Programs that run the rest of their command line, with their options that take a separate value. */
  private static final java.util.Map<String, Set<String>> WRAPPER_VALUE_OPTIONS = java.util.Map.of(
      "unshare", Set.of("-S", "--setuid", "-G", "--setgid", "-R", "--root", "-w", "--wd", "--map-user",
          "--map-group", "--propagation"),
      "nsenter", Set.of("-t", "--target", "-S", "--setuid", "-G", "--setgid", "-r", "-w"),
      "setpriv", Set.of("--reuid", "--regid", "--groups", "--inh-caps", "--ambient-caps", "--bounding-set",
          "--securebits", "--selinux-label", "--apparmor-profile", "--landlock-access", "--landlock-rule"),
      "prlimit", Set.of("-p", "--pid", "-o", "--output"),
      "chroot", Set.of("--userspec", "--groups"),
      "systemd-run", Set.of("-u", "--unit", "-p", "--property", "-E", "--setenv", "--description", "--slice",
          "--on-active", "--on-boot", "--on-startup", "--on-unit-active", "--on-unit-inactive", "--on-calendar",
          "--timer-property", "--uid", "--gid", "--nice", "-M", "--machine", "-H", "--host", "--working-directory",
          "--path-property", "--socket-property"),
      "firejail", Set.of(),
      "systemd-nspawn", Set.of("-D", "--directory", "-M", "--machine", "-u", "--user", "--bind", "--bind-ro"));
  private static final Set<String> CONTAINER_EXEC_VALUE_OPTIONS = Set.of("-e", "--env", "-u", "--user", "-w",
      "--workdir", "--env-file", "--detach-keys", "--index");
  /** The container engines' global options that take a separate value ({@code docker --context prod …}). */
  private static final Set<String> ENGINE_VALUE_OPTIONS = Set.of("-c", "--context", "-H", "--host", "-l",
      "--log-level", "--config", "--tlscacert", "--tlscert", "--tlskey", "--connection", "--url", "--namespace",
      "-n", "--address", "-a");
  /** Well-known images whose entrypoint is a program, so that {@code docker run IMAGE ARGS} runs it with ARGS. */
  private static final java.util.Map<String, String> ENTRYPOINTS = java.util.Map.ofEntries(
      java.util.Map.entry("alpine/git", "git"),
      java.util.Map.entry("hashicorp/terraform", "terraform"), java.util.Map.entry("amazon/aws-cli", "aws"),
      java.util.Map.entry("public.ecr.aws/aws-cli/aws-cli", "aws"), java.util.Map.entry("bitnami/kubectl", "kubectl"),
      java.util.Map.entry("rancher/kubectl", "kubectl"), java.util.Map.entry("curlimages/curl", "curl"),
      java.util.Map.entry("minio/mc", "mc"), java.util.Map.entry("alpine/helm", "helm"),
      java.util.Map.entry("ghcr.io/opentofu/opentofu", "tofu"),
      java.util.Map.entry("hashicorp/packer", "packer"), java.util.Map.entry("rclone/rclone", "rclone"),
      java.util.Map.entry("restic/restic", "restic"));
  /** {@code docker compose}'s own options that take a separate value. */
  private static final Set<String> COMPOSE_VALUE_OPTIONS = Set.of("-f", "--file", "-p", "--project-name",
      "--profile", "--env-file", "--project-directory", "--ansi", "--parallel", "--progress");
  /** adb's global options that take a separate value ({@code adb -s emulator-5554 shell …}). */
  private static final Set<String> ADB_VALUE_OPTIONS = Set.of("-s", "-t", "-H", "-P", "-L");

  /** Every program {@link #commands} reads; for any other name it returns nothing. */
  private static final Set<String> PROGRAMS = union(VIM, EMACS, TAR, SED, MAKE, CONTAINER_ENGINES,
      WRAPPER_VALUE_OPTIONS.keySet(), Set.of("rsync", "script", "expect", "git", "adb", "gh"));

  private EmbeddedShell() {}

  /**
   * Whether {@code name} is a program that may run commands of its options, so that callers build its words and
   * stdin only then (this is asked for every command the guard judges).
   */
  static boolean runsCommands(String name) {
    return PROGRAMS.contains(name);
  }

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    java.util.HashSet<String> all = new java.util.HashSet<>();
    for (Set<String> s : sets) {
      all.addAll(s);
    }
    return Set.copyOf(all);
  }

  /**
   * The shell commands {@code name} would run for the given words (its arguments, without the name) and what it
   * reads on stdin when known; empty when it runs none.
   */
  static List<String> commands(String name, List<String> words, String stdin) {
    List<String> out = new ArrayList<>();
    if (VIM.contains(name)) {
      for (int i = 0; i < words.size(); i++) {
        String w = words.get(i);
        String ex = null;
        if ((w.equals("-c") || w.equals("--cmd")) && i + 1 < words.size()) {
          ex = words.get(++i);
        } else if (w.startsWith("+") && w.length() > 1) {
          ex = w.substring(1);
        } else if (w.startsWith("-c") && w.length() > 2) {
          ex = w.substring(2);
        } else if (Regexes.matches(w, "-[a-zA-Z]+c") && i + 1 < words.size()) {
          ex = words.get(++i); // ex -sc '!cmd'
        }
        if (ex != null) {
          exCommand(ex, out);
        }
      }
      if (stdin != null && (words.contains("-s") || words.contains("-es") || words.contains("-Es"))) {
        for (String line : stdin.split("\n")) {
          exCommand(line, out);
        }
      }
    } else if (EMACS.contains(name)) {
      for (int i = 0; i < words.size(); i++) {
        String w = words.get(i);
        if ((w.equals("--eval") || w.equals("-eval") || w.equals("-l") || w.equals("--load")) && i + 1 < words.size()) {
          lisp(words.get(++i), out);
        } else if (w.startsWith("--eval=")) {
          lisp(w.substring("--eval=".length()), out);
        }
      }
    } else if (TAR.contains(name)) {
      for (int i = 0; i < words.size(); i++) {
        String w = words.get(i);
        if (w.startsWith("--checkpoint-action=exec=")) {
          out.add(w.substring("--checkpoint-action=exec=".length()));
        } else if (w.startsWith("--to-command=") || w.startsWith("--use-compress-program=")
            || w.startsWith("--info-script=") || w.startsWith("--new-volume-script=")) {
          out.add(w.substring(w.indexOf('=') + 1));
        } else if ((w.equals("--to-command") || w.equals("-I") || w.equals("--use-compress-program")
            || w.equals("-F") || w.equals("--info-script") || w.equals("--new-volume-script"))
            && i + 1 < words.size()) {
          out.add(words.get(++i));
        }
      }
    } else if (name.equals("rsync")) {
      for (int i = 0; i < words.size(); i++) {
        String w = words.get(i);
        if (w.startsWith("--rsh=") || w.startsWith("--rsync-path=")) {
          out.add(w.substring(w.indexOf('=') + 1));
        } else if ((w.equals("-e") || w.equals("--rsh") || w.equals("--rsync-path")) && i + 1 < words.size()) {
          out.add(words.get(++i));
        }
      }
    } else if (SED.contains(name)) {
      sed(words, out);
    } else if (name.equals("script")) {
      for (int i = 0; i < words.size(); i++) {
        String w = words.get(i);
        if (w.startsWith("--command=")) {
          out.add(w.substring("--command=".length()));
        } else if ((w.equals("--command") || Regexes.matches(w, "-[a-zA-Z]*c")) && i + 1 < words.size()) {
          out.add(words.get(++i));
        }
      }
    } else if (MAKE.contains(name) && stdin != null) {
      for (int i = 0; i + 1 < words.size(); i++) {
        String f = words.get(i + 1);
        if ((words.get(i).equals("-f") || words.get(i).equals("--file") || words.get(i).equals("--makefile"))
            && (f.equals("-") || f.equals("/dev/stdin"))) {
          for (String line : stdin.split("\n")) {
            if (line.startsWith("\t")) {
              out.add(line.substring(1).replaceFirst("^[@+-]+", ""));
            }
          }
        }
      }
    } else if (WRAPPER_VALUE_OPTIONS.containsKey(name)) {
      String inner = wrapped(words, WRAPPER_VALUE_OPTIONS.get(name), name.equals("chroot") ? 1 : 0);
      if (inner != null) {
        out.add(inner);
      }
    } else if (CONTAINER_ENGINES.contains(name)) {
      // the command runs in a container: judged as if typed there (DROP TABLE is as final there as here, and code
      // fetched from the internet runs with the network and the mounts the container has)
      String inner = containerCommand(words);
      if (inner != null) {
        out.add(inner);
      }
    } else if (name.equals("gh") && words.size() > 3 && words.get(0).equals("alias") && words.get(1).equals("set")
        && words.contains("--shell")) {
      // session 21: gh alias set --shell NAME 'CMD': the command runs through sh whenever the alias is used
      List<String> rest = words.subList(2, words.size()).stream().filter(w -> !w.startsWith("-")).toList();
      if (rest.size() > 1) {
        out.add(rest.get(rest.size() - 1));
      }
    } else if (name.equals("adb")) {
      String inner = deviceCommand(words);
      if (inner != null) {
        out.add(inner);
      }
    } else if (name.equals("git")) {
      git(words, out);
    } else if (name.equals("expect")) {
      for (int i = 0; i + 1 < words.size(); i++) {
        if (words.get(i).equals("-c")) {
          Matcher m = EXPECT_SPAWN.matcher(words.get(i + 1));
          while (m.find()) {
            out.add(m.group(1).trim());
          }
        }
      }
    }
    return out;
  }

  /**
   * How a command this program runs is labelled among a unit's wrappers: {@code docker run} starts a new container
   * from an image, whose files are the image's, not this machine's ({@link #FRESH_CONTAINER}).
   */
  static String how(String name, List<String> words) {
    if (CONTAINER_ENGINES.contains(name)) {
      List<String> ops = words.stream().filter(w -> !w.startsWith("-")).limit(2).toList();
      if (ops.contains("run") && !ops.contains("exec")) {
        return name + FRESH_CONTAINER;
      }
    }
    return name + " runs";
  }

  /**
   * The command a container engine runs in a container: {@code exec CONTAINER CMD}, {@code run [options] IMAGE CMD}
   * (after {@code --entrypoint PROGRAM} when one is given), {@code container exec|run …} and {@code compose
   * exec|run SERVICE CMD}; null for any other subcommand or when no command follows.
   */
  private static String containerCommand(List<String> words) {
    List<String> run = containerRun(words);
    if (run != null) {
      return runCommand(run);
    }
    int k = subcommand(words);
    return k < words.size() && words.get(k).equals("exec")
        ? wrapped(words.subList(k + 1, words.size()), CONTAINER_EXEC_VALUE_OPTIONS, 1) : null;
  }

  /**
   * The words after a container engine's {@code run} ({@code docker run}, {@code container run}, {@code compose
   * run}): its options, the image or service, then the command; null for any other subcommand.
   */
  static List<String> containerRun(List<String> words) {
    int k = subcommand(words);
    return k < words.size() && words.get(k).equals("run") ? words.subList(k + 1, words.size()) : null;
  }

  /** Where a container engine's subcommand is, past its global options and {@code container}/{@code compose}. */
  private static int subcommand(List<String> words) {
    int k = 0;
    while (k < words.size() && words.get(k).startsWith("-")) {
      k += ENGINE_VALUE_OPTIONS.contains(words.get(k)) ? 2 : 1; // docker --context prod exec …
    }
    boolean compose = k < words.size() && words.get(k).equals("compose");
    if (k < words.size() && (words.get(k).equals("container") || compose)) {
      k++;
    }
    while (compose && k < words.size() && words.get(k).startsWith("-")) {
      k += COMPOSE_VALUE_OPTIONS.contains(words.get(k)) ? 2 : 1; // docker compose -f ci.yml exec …
    }
    return k;
  }

  /**
   * The command of {@code run [options] IMAGE CMD}, after {@code --entrypoint PROGRAM} when one is given or the
   * image is a well-known one whose entrypoint is a program ({@code alpine/git -C /repo push}).
   */
  private static String runCommand(List<String> rest) {
    String inner = wrapped(rest, ContainerAccess.WITH_VALUE, 1);
    String[] program = {null};
    int image = ContainerAccess.options(rest, 0, (opt, val) -> {
      if (opt.equals("--entrypoint")) {
        program[0] = val;
      }
    });
    if (program[0] == null && image < rest.size()) {
      program[0] = ENTRYPOINTS.get(rest.get(image).replaceFirst("^(docker\\.io/|index\\.docker\\.io/)", "")
          .replaceFirst("[:@].*$", ""));
    }
    return withProgram(program[0], inner);
  }

  private static String withProgram(String program, String inner) {
    if (program == null || program.isEmpty()) {
      return inner;
    }
    return inner == null ? Units.quote(program) : Units.quote(program) + " " + inner;
  }

  /**
   * {@code adb [-s SERIAL] shell CMD…}: the command runs on the connected Android device, whose shell reads the
   * words joined by spaces (adb does not quote them), so they are joined the same way here.
   */
  private static String deviceCommand(List<String> words) {
    int k = 0;
    while (k < words.size() && words.get(k).startsWith("-")) {
      k += ADB_VALUE_OPTIONS.contains(words.get(k)) ? 2 : 1;
    }
    if (k >= words.size() || !words.get(k).equals("shell")) {
      return null;
    }
    k++;
    while (k < words.size() && Regexes.matches(words.get(k), "-[nTtx]+")) {
      k++;
    }
    return k < words.size() ? String.join(" ", words.subList(k, words.size())) : null;
  }

  /** git's global options that take a separate value. */
  private static final Set<String> GIT_VALUE_OPTIONS = Set.of("-c", "-C", "--git-dir", "--work-tree", "--namespace",
      "--exec-path", "--config-env");
  /** Options of git subcommands whose value is a shell command git runs ({@code rebase --exec}, filters). */
  private static final Set<String> GIT_COMMAND_OPTIONS = Set.of("--exec", "-x", "--extcmd", "--tree-filter",
      "--index-filter", "--msg-filter", "--env-filter", "--commit-filter", "--parent-filter", "--tag-name-filter",
      "--upload-pack", "-u", "--receive-pack", "--open-files-in-pager", "-O");

  /**
   * Session 18: the commands git runs for its user: {@code rebase --exec CMD} after each commit, {@code submodule
   * foreach CMD} in each submodule, {@code bisect run CMD ARGS} per step, {@code difftool --extcmd CMD}, the filters
   * of {@code filter-branch}, a local {@code --upload-pack} program, {@code grep -O} as pager.
   */
  private static void git(List<String> words, List<String> out) {
    int k = 0;
    while (k < words.size() && words.get(k).startsWith("-")) {
      k += GIT_VALUE_OPTIONS.contains(words.get(k)) ? 2 : 1;
    }
    if (k >= words.size()) {
      return;
    }
    String sub = words.get(k);
    List<String> rest = words.subList(k + 1, words.size());
    if (sub.equals("submodule") || sub.equals("bisect")) {
      int verb = 0;
      while (verb < rest.size() && rest.get(verb).startsWith("-")) {
        verb++;
      }
      if (verb < rest.size() && (sub.equals("submodule") && rest.get(verb).equals("foreach")
          || sub.equals("bisect") && rest.get(verb).equals("run"))) {
        List<String> cmd = rest.subList(verb + 1, rest.size());
        int skip = 0;
        while (sub.equals("submodule") && skip < cmd.size() && cmd.get(skip).startsWith("--")) {
          skip++; // --recursive
        }
        cmd = cmd.subList(skip, cmd.size());
        if (!cmd.isEmpty()) {
          // foreach hands its words to the shell as one command; bisect run executes them as a command line
          out.add(sub.equals("submodule") ? String.join(" ", cmd)
              : String.join(" ", cmd.stream().map(Units::quote).toList()));
        }
      }
      return;
    }
    // -u, -O and -x are other options in most subcommands (fetch -u is --update-head-ok): only where they name a
    // program
    boolean uploadPack = sub.equals("clone") || sub.equals("ls-remote");
    for (int i = 0; i < rest.size(); i++) {
      String w = rest.get(i);
      int eq = w.indexOf('=');
      String opt = w.startsWith("--") && eq > 0 ? w.substring(0, eq) : w;
      if (!GIT_COMMAND_OPTIONS.contains(opt) || opt.equals("-u") && !uploadPack
          || opt.equals("-O") && !sub.equals("grep") || opt.equals("-x") && !sub.equals("rebase")
          && !sub.equals("difftool")) {
        continue;
      }
      if (w.startsWith("--") && eq > 0) {
        out.add(w.substring(eq + 1));
      } else if (i + 1 < rest.size()) {
        out.add(rest.get(++i));
      }
    }
  }

  /**
   * The command line after a wrapper's options and {@code positional} leading operands (chroot's directory, the
   * container of {@code docker exec}), quoted for the shell; null when there is none.
   */
  private static String wrapped(List<String> words, Set<String> valueOptions, int positional) {
    int k = 0;
    while (k < words.size() && words.get(k).startsWith("-") && words.get(k).length() > 1) {
      String w = words.get(k);
      k += w.equals("--") ? 1 : valueOptions.contains(w) ? 2 : 1;
      if (w.equals("--")) {
        break;
      }
    }
    k += positional;
    if (k >= words.size()) {
      return null;
    }
    return String.join(" ", words.subList(k, words.size()).stream().map(Units::quote).toList());
  }

  private static void exCommand(String ex, List<String> out) {
    Matcher bang = EX_BANG.matcher(ex);
    if (bang.matches()) {
      out.add(bang.group(1));
    } else if (EX_SYSTEM.matcher(ex).find()) {
      List<String> literals = CodeScan.literals(ex);
      out.add(literals.isEmpty() ? OPAQUE : literals.get(0));
    }
  }

  private static void lisp(String code, List<String> out) {
    Matcher m = LISP_SHELL.matcher(code);
    while (m.find()) {
      out.add(unescape(m.group(1) != null ? m.group(1) : m.group(2)));
    }
    Matcher d = LISP_DELETE.matcher(code);
    while (d.find()) {
      String target = unescape(d.group(2));
      out.add((d.group(1).equals("directory") ? "rm -rf " : "rm -f ") + homeQuoted(target));
    }
    if (out.isEmpty() && LISP_EXEC.matcher(code).find()) {
      out.add(OPAQUE);
    }
  }

  private static void sed(List<String> words, List<String> out) {
    List<String> scripts = new ArrayList<>();
    boolean explicit = false;
    for (int i = 0; i < words.size(); i++) {
      String w = words.get(i);
      if ((w.equals("-e") || w.equals("--expression")) && i + 1 < words.size()) {
        scripts.add(words.get(++i));
        explicit = true;
      } else if (w.startsWith("--expression=")) {
        scripts.add(w.substring("--expression=".length()));
        explicit = true;
      } else if (w.equals("-f") || w.equals("--file") || w.equals("-l") || w.equals("--line-length")) {
        i++;
      } else if (!w.startsWith("-") && !explicit) {
        scripts.add(w);
        break;
      }
    }
    for (String s : scripts) {
      Matcher m = SED_E_COMMAND.matcher(s);
      while (m.find()) {
        out.add(m.group(1).trim());
      }
      if (SED_E_FLAG.matcher(s).find()) {
        out.add(OPAQUE);
      }
    }
  }

  /** Quoted for the shell, a leading {@code ~} left outside the quotes so the guard resolves it as the home. */
  private static String homeQuoted(String path) {
    if (path.equals("~") || path.startsWith("~/")) {
      return path.length() == 1 ? "~" : "~/" + Units.quote(path.substring(2));
    }
    return Units.quote(path);
  }

  private static String unescape(String s) {
    return s.replace("\\\"", "\"").replace("\\\\", "\\");
  }
}
