/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containment4j.internal.process.BoundedProcess;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the sandbox's denials for one call from the macOS unified log ({@code /usr/bin/log show}). The kernel logs
 * {@code Sandbox: NAME(PID) deny(N) OPERATION TARGET} followed by the rule's {@code (with message ...)} text, which
 * carries the call's tag, so only this call's denials are selected. Runs only on macOS; untested on Linux CI, where
 * only {@link #parse(String, String)} is exercised (against the documented message shape).
 */
public final class ViolationLog {

  /** Where {@code log} lives; never taken from PATH. */
  static final String LOG = "/usr/bin/log";

  private static final Pattern DENIAL = Pattern.compile(
      "Sandbox: (?<process>.+?)\\((?<pid>\\d+)\\) deny\\(\\d+\\) (?<op>[A-Za-z0-9*-]+)(?: (?<target>[^\\n]*?))?\\s*$",
      Pattern.MULTILINE);
  private static final DateTimeFormatter START = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
      .withZone(ZoneId.systemDefault());
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One denial.
   *
   * @param process the process name the kernel logged
   * @param pid its PID
   * @param operation the SBPL operation ({@code file-read-data}, {@code network-outbound}, ...)
   * @param target the path or address, as logged (may be empty)
   * @param rule the id of the profile rule that denied it
   */
  public record Violation(String process, long pid, String operation, String target, String rule) {
    /** Fields of the {@code sandbox.violation} audit event. */
    public Map<String, Object> fields() {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("backend", "seatbelt");
      f.put("operation", operation);
      f.put("target", target);
      f.put("process", process);
      f.put("pid", pid);
      f.put("rule", rule);
      return f;
    }
  }

  private ViolationLog() {}

  /**
   * Queries the unified log for this call's denials since {@code since}.
   *
   * @param tag the call's tag ({@link ProfileInput#tag()}); only characters {@code [A-Za-z0-9:._-]}, so it is safe
   *     inside the predicate
   * @return the denials, in log order
   * @throws LogUnavailable when the log could not be read
   */
  public static List<Violation> read(String tag, Instant since, Duration timeout) {
    if (!ProfileInput.TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException("bad tag");
    }
    List<String> argv = List.of(LOG, "show", "--style", "ndjson", "--start", START.format(since.minusSeconds(1)),
        "--predicate", "eventMessage CONTAINS \"" + tag + ":\"");
    BoundedProcess.Outcome o;
    try {
      o = BoundedProcess.run(argv, Map.of("PATH", "/usr/bin:/bin"), null, null, 8L << 20, timeout);
    } catch (RuntimeException e) {
      throw new LogUnavailable("cannot run " + LOG + ": " + e.getMessage());
    }
    if (o.exitCode() != 0) {
      throw new LogUnavailable(LOG + " show exited " + o.exitCode() + ": " + o.stderrText().strip());
    }
    List<Violation> out = new ArrayList<>();
    for (String line : o.stdoutText().split("\n")) {
      out.addAll(parse(line, tag));
    }
    return out;
  }

  /** Denials in one ndjson line of {@code log show}; lines that are not events of this call give none. */
  public static List<Violation> parse(String ndjsonLine, String tag) {
    if (ndjsonLine.isBlank()) {
      return List.of();
    }
    JsonNode event;
    try {
      event = JSON.readTree(ndjsonLine);
    } catch (IOException e) {
      return List.of();
    }
    JsonNode message = event == null ? null : event.get("eventMessage");
    if (message == null || !message.isTextual()) {
      return List.of();
    }
    String text = message.asText();
    Matcher rule = Pattern.compile(Pattern.quote(tag + ":") + "([A-Za-z0-9._-]+)").matcher(text);
    if (!rule.find()) {
      return List.of();
    }
    String ruleId = rule.group(1);
    // the message text follows the denial, possibly on the same line: cut it off the target
    String denials = text.replace(tag + ":" + ruleId, "");
    List<Violation> out = new ArrayList<>();
    Matcher m = DENIAL.matcher(denials);
    while (m.find()) {
      String target = m.group("target") == null ? "" : m.group("target").strip();
      out.add(new Violation(m.group("process"), Long.parseLong(m.group("pid")), m.group("op"), target, ruleId));
    }
    return out;
  }

  /** The unified log could not be read. */
  public static final class LogUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LogUnavailable(String message) {
      super(message);
    }
  }
}
