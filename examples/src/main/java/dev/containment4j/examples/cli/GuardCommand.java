/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containment4j.Verdict;
import dev.containment4j.guard.GuardContext;
import dev.containment4j.guard.ModelGuard;
import dev.containment4j.internal.JsonLines;
import dev.containment4j.internal.guard.PolicyGuard;
import dev.containment4j.internal.guard.ToolCallJson;
import dev.containment4j.policy.Policy;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code containment guard [-p POLICY] [--session]}: reads tool calls as JSON lines on stdin and writes one decision
 * line per input line, in the same order:
 *
 * <pre>
 * {"tool":"bash","input":{"command":"rm -rf ~"},"context":{"cwd":"/p","workspace":"/p"}}
 * → {"decision":"deny","rule":"","category":"destructive-delete","reason":"..."}
 * </pre>
 *
 * <p>Tool names and fields are those of {@link ToolCallJson} (Claude-style {@code Bash}, {@code Read},
 * {@code Write}, {@code Edit}, {@code MultiEdit}, {@code WebFetch}, {@code file_path} ... are accepted). Without a
 * {@code context} the current directory is both cwd and workspace. A malformed line (not JSON, unknown tool, missing
 * field) is answered with {@code {"decision":"deny","rule":"","category":"invalid-input","reason":...,
 * "error":...}} and the command goes on: it never stops on bad input. Blank lines are malformed too, so answers stay
 * aligned with input lines.
 *
 * <p>Each line is judged on its own. With {@code --session}, lines form one session: the denial counters of the
 * circuit breaker ({@code guard.maxConsecutiveDenials}, {@code guard.maxTotalDenials}) carry over, and a line with
 * {@code "context":{"tainted":true}} taints the rest of the session.
 *
 * <p>Exit status: 0 after the input ends; 125 when the policy cannot be loaded.
 */
@Command(name = "guard", mixinStandardHelpOptions = true,
    description = "Judges tool calls read as JSON lines on stdin: one decision line per input line.")
public final class GuardCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = JsonLines.mapper();

  @Option(names = {"-p", "--policy"}, paramLabel = "FILE", description = "policy YAML (default: the embedded"
      + " default policy)")
  Path policy;

  @Option(names = "--session", description = "judge the lines as one session (circuit breaker, taint)")
  boolean session;

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final Path dir;

  public GuardCommand() {
    this(System.in, System.out, System.err, Path.of("").toAbsolutePath());
  }

  GuardCommand(InputStream in, OutputStream out, OutputStream err, Path dir) {
    this.in = in;
    this.out = new PrintStream(out, false, StandardCharsets.UTF_8);
    this.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    this.dir = dir;
  }

  @Override
  public Integer call() throws Exception {
    Policy p;
    ModelGuard guard;
    try {
      p = policy == null ? Policy.defaults() : Policy.fromYaml(policy);
      guard = PolicyGuard.of(p);
    } catch (RuntimeException e) {
      err.println("containment: cannot load the policy " + (policy == null ? "<embedded default>" : policy) + ": "
          + e.getMessage());
      return 125;
    }
    Path home = Path.of(System.getProperty("user.home"));
    int consecutive = 0;
    int total = 0;
    boolean tainted = false;
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    while ((line = r.readLine()) != null) {
      ObjectNode answer;
      try {
        JsonNode node = JSON.readTree(line);
        ToolCallJson.Parsed parsed = ToolCallJson.parse(node, dir);
        tainted = session ? tainted || parsed.tainted() : parsed.tainted();
        Verdict v;
        Policy.Guard g = p.guard();
        if (session && g.maxConsecutiveDenials() > 0 && consecutive >= g.maxConsecutiveDenials()) {
          v = Verdict.deny(dev.containment4j.Layer.GUARD, "guard.maxConsecutiveDenials", "circuit-breaker",
              consecutive + " calls in a row were denied; this session is stopped until a human reviews it");
        } else if (session && g.maxTotalDenials() > 0 && total >= g.maxTotalDenials()) {
          v = Verdict.deny(dev.containment4j.Layer.GUARD, "guard.maxTotalDenials", "circuit-breaker",
              total + " calls were denied in this session; it is stopped until a human reviews it");
        } else {
          GuardContext ctx = new GuardContext(parsed.workspace(), parsed.cwd(), parsed.homeOr(home), tainted,
              session ? consecutive : 0, session ? total : 0);
          v = guard.review(parsed.call(), ctx);
        }
        if (v instanceof Verdict.Allow) {
          consecutive = 0;
        } else if (v instanceof Verdict.Deny) {
          consecutive++;
          total++;
        }
        answer = JSON.createObjectNode();
        answer.put("decision", v.decision());
        answer.put("rule", v.rule());
        answer.put("category", v.category());
        answer.put("reason", v.reason());
      } catch (Exception | StackOverflowError e) {
        String why = line.isBlank() ? "empty line" : e.getMessage() == null ? e.getClass().getSimpleName()
            : e.getMessage().lines().findFirst().orElse("");
        answer = JSON.createObjectNode();
        answer.put("decision", "deny");
        answer.put("rule", "");
        answer.put("category", "invalid-input");
        answer.put("reason", "the tool call could not be read, so it was denied: " + why);
        answer.put("error", why);
      }
      out.println(JSON.writeValueAsString(answer));
      out.flush();
    }
    return 0;
  }
}
