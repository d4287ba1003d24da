/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.testing;

import dev.containment4j.Containment;
import dev.containment4j.Layer;
import dev.containment4j.ToolCall;
import dev.containment4j.ToolResult;
import dev.containment4j.Verdict;
import dev.containment4j.guard.FilterResult;
import dev.containment4j.policy.Policy;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A host JVM for the escape attempts that would hurt the JVM running them: {@link EscapeSuite} starts it under
 * {@code script}, so that it has a real pseudo-terminal as its controlling terminal and is the leader of a session and
 * process group of its own, and it runs one script in a sandbox of the given backend. It prints {@code HOST_TTY=ok}
 * when it can open {@code /dev/tty} itself (the attack on the terminal is real), the sandbox's output between
 * {@code SANDBOX<<} and {@code >>}, whether a host process of its process group (a {@code sleep}) survived the call
 * ({@code VICTIM_ALIVE=}), and {@code HOST_JVM_ALIVE} last. A signal that leaves the sandbox kills this JVM, not the
 * test's.
 *
 * <pre>java -cp CP dev.containment4j.testing.TerminalHost BACKEND WORKDIR SCRIPT</pre>
 */
public final class TerminalHost {
  private TerminalHost() {}

  public static void main(String[] args) throws Exception {
    Policy.Backend backend = Policy.Backend.valueOf(args[0]);
    Path work = Path.of(args[1]);
    String script = args[2];
    System.out.println("HOST_TTY=" + (canOpenTty() ? "ok" : "none"));
    Process victim = new ProcessBuilder("sleep", "120").start();
    try {
      ToolResult r;
      try (Containment c = Containment.with(EscapeSuite.suitePolicy(backend)).withWorkdir(work)
          .withGuard((call, ctx) -> Verdict.allow(Layer.GUARD, "", "", "escape suite: isolation only"))
          .withFilter((text, ctx) -> FilterResult.pass(text))) {
        r = c.run(ToolCall.command("/bin/sh", "-c", script));
      }
      System.out.println("SANDBOX<<" + r.stdout() + "\n" + r.stderr() + ">> EXIT=" + r.exitCode() + " TIMED_OUT="
          + r.timedOut());
      Thread.sleep(200);
      System.out.println("VICTIM_ALIVE=" + victim.isAlive());
    } finally {
      victim.destroyForcibly();
    }
    System.out.println("HOST_JVM_ALIVE");
    System.out.flush();
  }

  private static boolean canOpenTty() {
    try {
      new FileOutputStream("/dev/tty").close();
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
