/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code containment} command line: a stable contract (see DESIGN.md and {@code docs/cli.md}).
 *
 * <pre>
 * containment run [-p POLICY] [--backend ID] [--workdir DIR] [--json] [--] CMD [ARG...]
 * containment run [-p POLICY] ... -c 'SHELL STRING'
 * containment guard  [-p POLICY]          &lt; tool calls as JSON lines
 * containment filter [-p POLICY] [--json] &lt; text
 * containment proxy  [-p POLICY] [--listen HOST:PORT]
 * containment policy validate FILE
 * containment explain [-p POLICY] [--backend ID]
 * containment doctor
 * containment demo
 * </pre>
 */
@Command(name = "containment", mixinStandardHelpOptions = true, version = "containment4j 0.1.0-SNAPSHOT",
    description = "Contains AI-agent tool calls: model guard, OS isolation with an egress proxy, content filter.",
    subcommands = {RunCommand.class, GuardCommand.class, FilterCommand.class, ProxyCommand.class,
        PolicyCommand.class, ExplainCommand.class, DoctorCommand.class, DemoCommand.class})
public final class ContainmentCli implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the CLI and returns its exit status (for tests and benchmarks). */
  public static int execute(String... args) {
    if (args.length > 0 && args[0].equals("run")) {
      RunCommand fast = RunCommand.parseFast(args);
      if (fast != null) {
        try {
          return fast.call();
        } catch (RuntimeException e) {
          System.err.println("containment: error: " + CliSupport.oneLine(e));
          return CliSupport.CONTAINMENT_ERROR;
        }
      }
    }
    CommandLine cl = new CommandLine(new ContainmentCli());
    cl.setExecutionExceptionHandler((ex, line, parse) -> {
      System.err.println("containment: error: " + CliSupport.oneLine(ex));
      return CliSupport.CONTAINMENT_ERROR;
    });
    cl.setParameterExceptionHandler((ex, a) -> {
      System.err.println("containment: " + ex.getMessage());
      ex.getCommandLine().usage(System.err);
      return 2;
    });
    return cl.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
