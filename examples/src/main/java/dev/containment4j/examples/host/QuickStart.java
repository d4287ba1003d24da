/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples.host;

import dev.containment4j.Containment;
import dev.containment4j.ContainmentSession;
import dev.containment4j.ToolCall;
import dev.containment4j.ToolResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The minute-long example of the README and {@code docs/getting-started.md}: an agent host wrapping its tool calls.
 * Run it with {@code java -cp ... dev.containment4j.examples.host.QuickStart [policy.yaml]}.
 */
public final class QuickStart {
  private QuickStart() {}

  public static void main(String[] args) {
    Path policyFile = args.length > 0 ? Path.of(args[0]) : null;
    System.out.println(toolCall(policyFile));
  }

  static String toolCall(Path policyFile) {
    // tag::one-shot[]
    Containment c = policyFile != null && Files.exists(policyFile)
        ? Containment.fromYaml(policyFile)      // your containment.yaml
        : Containment.withDefaults();           // the embedded safe default
    ToolResult r = c.run(ToolCall.bash("ls -la && cat ~/.aws/credentials"));
    if (r.denied()) {
      return r.modelMessage();                  // a denial is a value, with a reason written for the model
    }
    String forTheModel = r.output();            // already filtered: secrets redacted, injections quarantined
    // end::one-shot[]
    return forTheModel + blockForm(c) + session(c);
  }

  static String blockForm(Containment c) {
    // tag::block-form[]
    String text = c.run(ToolCall.of("count_files", Map.of("dir", ".")),
        sandbox -> sandbox.exec("find", ".", "-maxdepth", "1", "-type", "f").stdout());
    // end::block-form[]
    return text;
  }

  static String session(Containment c) {
    // tag::session[]
    try (ContainmentSession s = c.openSession()) {
      s.run(ToolCall.write(Path.of("notes.txt"), "first\n"));
      return s.run(ToolCall.bash("cat notes.txt && echo second >> notes.txt && cat notes.txt")).output();
    }
    // end::session[]
  }
}
