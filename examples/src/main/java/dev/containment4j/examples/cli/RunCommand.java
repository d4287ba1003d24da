/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containment4j.Containment;
import dev.containment4j.ContainmentException;
import dev.containment4j.Finding;
import dev.containment4j.IsolationReport;
import dev.containment4j.ToolCall;
import dev.containment4j.ToolResult;
import dev.containment4j.internal.JsonLines;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code containment run}: one contained command. Exit status: the command's, 126 denied, 125 error, 124 time. */
@Command(name = "run", description = "Run one command through guard, isolation and filter.")
final class RunCommand implements Callable<Integer> {

  @Option(names = {"-p", "--policy"}, paramLabel = "POLICY", description = "Policy YAML (default: embedded).")
  Path policy;

  @Option(names = "--backend", paramLabel = "ID", description = "auto, bubblewrap, gvisor, seatbelt or none.")
  String backend;

  @Option(names = "--workdir", paramLabel = "DIR", description = "Writable workspace (overrides the policy's).")
  Path workdir;

  @Option(names = "--json", description = "Print the whole result as JSON on stdout.")
  boolean json;

  @Option(names = {"-i", "--stdin"}, description = "Forward standard input (a pipe or terminal) to the command.")
  boolean stdin;

  @Option(names = "-c", paramLabel = "SHELL", description = "Run a shell string with bash -c.")
  String shell;

  @Parameters(paramLabel = "CMD", arity = "0..*", description = "Command and arguments (no shell).")
  List<String> command;

  /**
   * Parses {@code run}'s arguments without picocli, which costs ~0.2 s of start-up: {@code run} is the command agents
   * call in a loop. Returns null when the arguments need the full parser (help, unknown or malformed options).
   */
  static RunCommand parseFast(String[] args) {
    RunCommand c = new RunCommand();
    int i = 1;
    for (; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        i++;
        break;
      }
      if (!a.startsWith("-")) {
        break;
      }
      int eq = a.startsWith("--") ? a.indexOf('=') : -1;
      String name = eq > 0 ? a.substring(0, eq) : a;
      boolean takesValue = name.equals("-p") || name.equals("--policy") || name.equals("--backend")
          || name.equals("--workdir") || name.equals("-c");
      String value = null;
      if (takesValue) {
        if (eq > 0) {
          value = a.substring(eq + 1);
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          return null;
        }
      } else if (eq > 0) {
        return null;
      }
      switch (name) {
        case "-p":
        case "--policy":
          c.policy = Path.of(value);
          break;
        case "--backend":
          c.backend = value;
          break;
        case "--workdir":
          c.workdir = Path.of(value);
          break;
        case "-c":
          c.shell = value;
          break;
        case "--json":
          c.json = true;
          break;
        case "-i":
        case "--stdin":
          c.stdin = true;
          break;
        default:
          return null;
      }
    }
    if (i < args.length) {
      c.command = List.of(args).subList(i, args.length);
    }
    return c;
  }

  @Override
  public Integer call() {
    if ((shell == null) == (command == null || command.isEmpty())) {
      System.err.println("containment: run needs either -c 'SHELL STRING' or -- CMD [ARG...]");
      return 2;
    }
    ToolCall call = shell != null ? ToolCall.bash(shell) : ToolCall.command(command);
    try {
      call = StandardInput.read(System.in, stdin).map(call::stdin).orElse(call);
    } catch (IOException e) {
      System.err.println("containment: " + e.getMessage());
      return CliSupport.CONTAINMENT_ERROR;
    }
    ToolResult r;
    try (Containment c = open()) {
      r = c.run(call);
    } catch (ContainmentException e) {
      System.err.println("containment: " + CliSupport.oneLine(e));
      return CliSupport.CONTAINMENT_ERROR;
    }
    if (json) {
      System.out.println(toJson(r));
    } else {
      write(System.out, r.stdout());
      write(System.err, r.stderr());
      if (r.denied()) {
        System.err.println("containment: denied: " + r.verdict().reason());
      } else if (r.timedOut()) {
        System.err.println("containment: time limit reached (isolation.limits.wallSeconds); the command was"
            + " stopped");
      }
    }
    return status(r);
  }

  private Containment open() {
    Containment c = Containment.with(CliSupport.policy(policy, backend));
    return workdir == null ? c : c.withWorkdir(workdir);
  }

  static int status(ToolResult r) {
    if (r.denied()) {
      return CliSupport.DENIED;
    }
    if (r.timedOut()) {
      return CliSupport.TIMED_OUT;
    }
    return r.exitCode().orElse(CliSupport.CONTAINMENT_ERROR);
  }

  private static void write(PrintStream out, String text) {
    if (!text.isEmpty()) {
      out.write(text.getBytes(StandardCharsets.UTF_8), 0, text.getBytes(StandardCharsets.UTF_8).length);
      out.flush();
    }
  }

  static String toJson(ToolResult r) {
    ObjectMapper m = JsonLines.mapper();
    ObjectNode n = m.createObjectNode();
    n.put("decision", r.verdict().decision());
    n.put("layer", r.verdict().layer().id());
    n.put("rule", r.verdict().rule());
    n.put("category", r.verdict().category());
    n.put("reason", r.verdict().reason());
    if (r.exitCode().isPresent()) {
      n.put("exitCode", r.exitCode().getAsInt());
    } else {
      n.putNull("exitCode");
    }
    n.put("stdout", r.stdout());
    n.put("stderr", r.stderr());
    n.put("filter", r.filterDecision().id());
    ArrayNode fs = n.putArray("findings");
    for (Finding f : r.findings()) {
      fs.addObject().put("type", f.type()).put("rule", f.rule()).put("start", f.start()).put("end", f.end())
          .put("score", f.score());
    }
    ObjectNode iso = n.putObject("isolation");
    iso.put("backend", r.isolation().backend());
    ArrayNode limits = iso.putArray("limits");
    for (IsolationReport.EnforcedLimit l : r.isolation().limits()) {
      limits.addObject().put("name", l.name()).put("value", l.value()).put("mechanism", l.mechanism());
    }
    ArrayNode notes = iso.putArray("notes");
    r.isolation().notes().forEach(notes::add);
    n.put("timedOut", r.timedOut());
    n.put("truncated", r.truncated());
    n.put("durationMs", r.duration().toMillis());
    return n.toString();
  }
}
