/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j;

import dev.containment4j.guard.FilterResult;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a contained tool call produced, after the content filter: the verdict, the exit status, the filtered output,
 * what the filter found, the isolation actually applied and how long it took. A denial is a value:
 * {@link #denied()} is true and {@link #modelMessage()} explains it for the model.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ToolResult {
  private final ToolCall call;
  private final Verdict verdict;
  private final Integer exitCode;
  private final String stdout;
  private final String stderr;
  private final FilterResult.Decision filterDecision;
  private final List<Finding> findings;
  private final IsolationReport isolation;
  private final Duration duration;
  private final boolean timedOut;
  private final boolean truncated;

  private ToolResult(Builder b) {
    this.call = Objects.requireNonNull(b.call, "call");
    this.verdict = Objects.requireNonNull(b.verdict, "verdict");
    this.exitCode = b.exitCode;
    this.stdout = b.stdout == null ? "" : b.stdout;
    this.stderr = b.stderr == null ? "" : b.stderr;
    this.filterDecision = b.filterDecision == null ? FilterResult.Decision.PASS : b.filterDecision;
    this.findings = List.copyOf(b.findings);
    this.isolation = b.isolation == null ? IsolationReport.notRun() : b.isolation;
    this.duration = b.duration == null ? Duration.ZERO : b.duration;
    this.timedOut = b.timedOut;
    this.truncated = b.truncated;
  }

  /** A result for a call that was refused before it ran. */
  public static ToolResult denied(ToolCall call, Verdict verdict, Duration duration) {
    return builder(call, verdict).duration(duration).build();
  }

  public static Builder builder(ToolCall call, Verdict verdict) {
    return new Builder(call, verdict);
  }

  public ToolCall call() {
    return call;
  }

  /** The decisive verdict: the denial that stopped the call, or the allow under which it ran. */
  public Verdict verdict() {
    return verdict;
  }

  /** Whether the call was refused (by the guard, a human, the policy or the trust gate). Nothing ran. */
  public boolean denied() {
    return verdict instanceof Verdict.Deny;
  }

  /** The tool's exit status; empty when it did not run. 124 means the wall-time limit ended it. */
  public OptionalInt exitCode() {
    return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
  }

  /** Filtered standard output (or the block's return value in the block form). */
  public String stdout() {
    return stdout;
  }

  /** Filtered standard error. */
  public String stderr() {
    return stderr;
  }

  /**
   * What the model should see of a call that ran: the filtered standard output, followed by the filtered standard
   * error when there is any. For a denied call, {@link #modelMessage()}.
   */
  public String output() {
    if (denied()) {
      return modelMessage();
    }
    if (stderr.isEmpty()) {
      return stdout;
    }
    if (stdout.isEmpty()) {
      return stderr;
    }
    return stdout + (stdout.endsWith("\n") ? "" : "\n") + stderr;
  }

  /**
   * A message written for the model: for a denial, which layer refused the call and why, so that it does not retry
   * the same thing another way; otherwise {@link #output()} with a note about the exit status when it was not 0.
   */
  public String modelMessage() {
    if (denied()) {
      StringBuilder sb = new StringBuilder("Denied by containment (").append(verdict.layer().id());
      if (!verdict.rule().isEmpty()) {
        sb.append(", rule ").append(verdict.rule());
      }
      if (!verdict.category().isEmpty()) {
        sb.append(", ").append(verdict.category());
      }
      sb.append("): ").append(verdict.reason());
      sb.append(" Do not try to work around this; ask the user if the action is really needed.");
      return sb.toString();
    }
    String out = output();
    if (timedOut) {
      return out + (out.isEmpty() || out.endsWith("\n") ? "" : "\n") + "[the command hit its time limit and was stopped]";
    }
    if (exitCode != null && exitCode != 0) {
      return out + (out.isEmpty() || out.endsWith("\n") ? "" : "\n") + "[exit status " + exitCode + "]";
    }
    return out;
  }

  /** The filter's strongest action on this output. */
  public FilterResult.Decision filterDecision() {
    return filterDecision;
  }

  /** What the content filter found in the output (never the secret values). */
  public List<Finding> findings() {
    return findings;
  }

  /** The isolation actually applied, with limits and how they were enforced. */
  public IsolationReport isolation() {
    return isolation;
  }

  /** Wall time of the whole pipeline for this call. */
  public Duration duration() {
    return duration;
  }

  /** Whether the wall-time limit stopped the tool. */
  public boolean timedOut() {
    return timedOut;
  }

  /** Whether output was cut (by the capture cap or by {@code content.maxOutputBytes}). */
  public boolean truncated() {
    return truncated;
  }

  /** Returns this result, or throws {@link ContainmentDeniedException} when the call was denied. */
  public ToolResult orThrow() {
    if (denied()) {
      throw new ContainmentDeniedException(verdict);
    }
    return this;
  }

  @Override
  public String toString() {
    return "ToolResult[" + verdict.decision() + (exitCode == null ? "" : ", exit " + exitCode) + ", "
        + isolation.backend() + ", " + duration.toMillis() + " ms]";
  }

  /** Builds a {@link ToolResult}; used by the pipeline and by custom backends' tests. */
  public static final class Builder {
    private final ToolCall call;
    private final Verdict verdict;
    private Integer exitCode;
    private String stdout;
    private String stderr;
    private FilterResult.Decision filterDecision;
    private List<Finding> findings = List.of();
    private IsolationReport isolation;
    private Duration duration;
    private boolean timedOut;
    private boolean truncated;

    private Builder(ToolCall call, Verdict verdict) {
      this.call = call;
      this.verdict = verdict;
    }

    public Builder exitCode(int value) {
      this.exitCode = value;
      return this;
    }

    public Builder stdout(String value) {
      this.stdout = value;
      return this;
    }

    public Builder stderr(String value) {
      this.stderr = value;
      return this;
    }

    public Builder filterDecision(FilterResult.Decision value) {
      this.filterDecision = value;
      return this;
    }

    public Builder findings(List<Finding> value) {
      this.findings = value;
      return this;
    }

    public Builder isolation(IsolationReport value) {
      this.isolation = value;
      return this;
    }

    public Builder duration(Duration value) {
      this.duration = value;
      return this;
    }

    public Builder timedOut(boolean value) {
      this.timedOut = value;
      return this;
    }

    public Builder truncated(boolean value) {
      this.truncated = value;
      return this;
    }

    public ToolResult build() {
      return new ToolResult(this);
    }
  }
}
