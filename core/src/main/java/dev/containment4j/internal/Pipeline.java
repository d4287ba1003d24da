/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal;

import dev.containment4j.ContainmentException;
import dev.containment4j.ExecResult;
import dev.containment4j.Finding;
import dev.containment4j.IsolationReport;
import dev.containment4j.Layer;
import dev.containment4j.SandboxBlock;
import dev.containment4j.ToolCall;
import dev.containment4j.ToolResult;
import dev.containment4j.Verdict;
import dev.containment4j.event.AuditEvent;
import dev.containment4j.event.AuditListener;
import dev.containment4j.guard.Approver;
import dev.containment4j.guard.ContentFilter;
import dev.containment4j.guard.FilterContext;
import dev.containment4j.guard.FilterResult;
import dev.containment4j.guard.GuardContext;
import dev.containment4j.guard.ModelGuard;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.ExecRequest;
import dev.containment4j.spi.IsolationBackend;
import dev.containment4j.spi.IsolationSession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fixed pipeline: guard (rules, classifier, approver) → isolation → content filter. The first denial stops it.
 * Every step is an audit event.
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  private Pipeline() {}

  /** The per-instance, swappable parts of a {@code Containment}. */
  public record Config(ModelGuard guard, ContentFilter filter, Approver approver, List<AuditListener> listeners) {
    public Config {
      Objects.requireNonNull(guard, "guard");
      Objects.requireNonNull(filter, "filter");
      listeners = List.copyOf(listeners);
    }

    public static Config defaults(Policy policy) {
      return new Config(Guards.forPolicy(policy), Filters.forPolicy(policy), null, List.of());
    }

    public Config withGuard(ModelGuard g) {
      return new Config(g, filter, approver, listeners);
    }

    public Config withFilter(ContentFilter f) {
      return new Config(guard, f, approver, listeners);
    }

    public Config withApprover(Approver a) {
      return new Config(guard, filter, a, listeners);
    }

    public Config withListeners(List<AuditListener> l) {
      return new Config(guard, filter, approver, l);
    }
  }

  /**
   * Runs one call.
   *
   * @param session the session's sandbox, or null for a fresh sandbox per call
   * @param state the session's guard state, or null outside a session
   * @param block host-side tool code for the block form, or null
   */
  public static ToolResult run(Engine engine, Config config, Supplier<IsolationSession> session, SessionState state,
      ToolCall call, SandboxBlock block) {
    return AuditLog.withListeners(config.listeners(), () -> runObserved(engine, config, session, state, call, block));
  }

  private static ToolResult runObserved(Engine engine, Config config, Supplier<IsolationSession> session,
      SessionState state, ToolCall call, SandboxBlock block) {
    long start = System.nanoTime();
    String callId = call.id().orElseGet(Pipeline::newCallId);
    AuditLog audit = engine.audit();
    Path cwd = call.cwd().map(engine.workdir()::resolve).orElse(engine.workdir()).normalize();

    Verdict verdict = review(engine, config, state, call, cwd, callId);
    if (verdict instanceof Verdict.Ask) {
      verdict = ask(config.approver(), call, (Verdict.Ask) verdict, audit, callId, engine.approvalStats());
    }
    if (verdict instanceof Verdict.Deny) {
      if (state != null) {
        state.recordDenial();
      }
      return ToolResult.denied(call, verdict, since(start));
    }
    if (state != null) {
      state.recordAllowed();
    }

    Execution exec;
    try {
      exec = execute(engine, session, call, block, cwd, callId);
    } catch (ToolRefused refused) {
      audit.onEvent(AuditEvent.of("guard.decision", callId, decisionFields(call, refused.verdict)));
      return ToolResult.denied(call, refused.verdict, since(start));
    }

    List<Finding> findings = new ArrayList<>();
    FilterResult out = filter(config.filter(), exec.stdout, new FilterContext(call, exec.stdoutStream()));
    FilterResult err = filter(config.filter(), exec.stderr, new FilterContext(call, "stderr"));
    findings.addAll(out.findings());
    findings.addAll(err.findings());
    FilterResult.Decision decision = out.decision().max(err.decision());
    if (state != null && decision.compareTo(FilterResult.Decision.PASS) > 0) {
      state.taint();
    }
    if (!findings.isEmpty()) {
      Map<String, Object> f = new LinkedHashMap<>();
      f.put("decision", decision.id());
      List<Map<String, Object>> list = new ArrayList<>();
      for (Finding x : findings) {
        list.add(Map.of("type", x.type(), "rule", x.rule(), "start", x.start(), "end", x.end(), "score", x.score()));
      }
      f.put("findings", list);
      audit.onEvent(AuditEvent.of("filter.findings", callId, f));
    }
    ToolResult.Builder b = ToolResult.builder(call, verdict)
        .stdout(out.text())
        .stderr(err.text())
        .filterDecision(decision)
        .findings(findings)
        .isolation(exec.isolation)
        .timedOut(exec.timedOut)
        .truncated(exec.truncated || findings.stream().anyMatch(x -> x.type().equals("truncated")))
        .duration(since(start));
    if (exec.exitCode != null) {
      b.exitCode(exec.exitCode);
    }
    return b.build();
  }

  private static Verdict review(Engine engine, Config config, SessionState state, ToolCall call, Path cwd,
      String callId) {
    Policy.Guard g = engine.policy().guard();
    Verdict verdict;
    if (state != null && g.maxConsecutiveDenials() > 0 && state.consecutiveDenials() >= g.maxConsecutiveDenials()) {
      verdict = Verdict.deny(Layer.GUARD, "guard.maxConsecutiveDenials", "circuit-breaker",
          state.consecutiveDenials() + " calls in a row were denied; this session is stopped until a human reviews"
              + " it");
    } else if (state != null && g.maxTotalDenials() > 0 && state.totalDenials() >= g.maxTotalDenials()) {
      verdict = Verdict.deny(Layer.GUARD, "guard.maxTotalDenials", "circuit-breaker",
          state.totalDenials() + " calls were denied in this session; it is stopped until a human reviews it");
    } else {
      GuardContext ctx = new GuardContext(engine.workdir(), cwd, engine.home(), state != null && state.tainted(),
          state == null ? 0 : state.consecutiveDenials(), state == null ? 0 : state.totalDenials());
      try {
        verdict = Objects.requireNonNull(config.guard().review(call, ctx), "guard returned null");
      } catch (RuntimeException e) {
        LOG.warn("model guard failed on {}; denying (fail closed): {}",
            dev.containment4j.internal.guard.AuditText.redact(call.describe()),
            dev.containment4j.internal.guard.AuditText.redact(e.toString()));
        verdict = Verdict.deny(Layer.GUARD, "", "guard-error", "the model guard failed, so the call was denied");
      }
    }
    if (engine.audit().wanted()) {
      engine.audit().onEvent(AuditEvent.of("guard.decision", callId, decisionFields(call, verdict)));
    }
    return verdict;
  }

  private static Verdict ask(Approver approver, ToolCall call, Verdict.Ask question, AuditLog audit, String callId,
      dev.containment4j.guard.ApprovalStats stats) {
    if (approver == null) {
      stats.recordUnanswered();
      Verdict d = Verdict.deny(question.layer(), question.rule(), question.category(),
          question.reason() + " (this needs a human's approval and no approver is configured)");
      audit.onEvent(AuditEvent.of("guard.approval", callId, Map.of("approved", false, "approver", "none")));
      return d;
    }
    long t0 = System.nanoTime();
    Approver.Approval a;
    try {
      a = approver.decide(call, question);
    } catch (RuntimeException e) {
      a = Approver.Approval.reject("the approver failed: " + e.getClass().getSimpleName());
    }
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("approved", a != null && a.approved());
    Duration took = Duration.ofNanos(System.nanoTime() - t0);
    f.put("millis", took.toMillis());
    stats.recordAnswer(a != null && a.approved(), took);
    dev.containment4j.guard.ApprovalStats.Snapshot s = stats.snapshot();
    f.put("asked", s.asked());
    f.put("approvalRate", Math.round(s.approvalRate() * 1000) / 1000.0);
    f.put("rubberStamping", s.rubberStamping());
    audit.onEvent(AuditEvent.of("guard.approval", callId, f));
    if (a != null && a.approved()) {
      return Verdict.allow(Layer.GUARD, question.rule(), question.category(), "approved by a human");
    }
    return Verdict.deny(Layer.GUARD, question.rule(), question.category(),
        "a human declined: " + (a == null ? "" : a.reason()));
  }

  private static Map<String, Object> decisionFields(ToolCall call, Verdict v) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("tool", call.name());
    f.put("kind", call.kind().name().toLowerCase(java.util.Locale.ROOT));
    f.put("decision", v.decision());
    f.put("layer", v.layer().id());
    f.put("rule", v.rule());
    f.put("category", v.category());
    // reasons quote the command, and a command can carry a secret the agent typed
    f.put("reason", dev.containment4j.internal.guard.AuditText.redact(v.reason()));
    return f;
  }

  private static FilterResult filter(ContentFilter filter, String text, FilterContext ctx) {
    if (text.isEmpty()) {
      return FilterResult.pass(text);
    }
    try {
      return Objects.requireNonNull(filter.filter(text, ctx), "filter returned null");
    } catch (RuntimeException e) {
      LOG.warn("content filter failed on {}; withholding the output (fail closed): {}", ctx.stream(), e.toString());
      return new FilterResult("[output withheld: the content filter failed]", FilterResult.Decision.BLOCK,
          List.of());
    }
  }

  /** What ran: raw outputs before filtering, and the isolation applied. */
  private static final class Execution {
    String stdout = "";
    String stderr = "";
    Integer exitCode;
    boolean timedOut;
    boolean truncated;
    boolean block;
    IsolationReport isolation = IsolationReport.notRun();

    String stdoutStream() {
      return block ? "result" : "stdout";
    }

    void absorb(ExecResult r) {
      stdout = r.stdout();
      stderr = r.stderr();
      exitCode = r.exitCode();
      timedOut = r.timedOut();
      truncated = r.outputTruncated();
      isolation = r.isolation();
    }
  }

  /** A call the pipeline cannot execute as asked (for example a fetch with the network off). */
  private static final class ToolRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Verdict verdict;

    ToolRefused(Verdict verdict) {
      super(verdict.reason(), null, false, false);
      this.verdict = verdict;
    }
  }

  private static Execution execute(Engine engine, Supplier<IsolationSession> session, ToolCall call,
      SandboxBlock block, Path cwd, String callId) {
    IsolationSession s;
    boolean ownSession = session == null;
    if (!ownSession) {
      s = session.get();
    } else if (block == null && call.kind() != ToolCall.Kind.EDIT) {
      // One process: let the backend run it its cheapest one-shot way (gVisor: one `runsc run`, no session to tear
      // down) instead of opening a session for it.
      IsolationBackend backend = engine.backend();
      s = new IsolationSession() {
        @Override
        public ExecResult exec(ExecRequest request) {
          return backend.exec(request);
        }

        @Override
        public void close() {}
      };
    } else {
      s = engine.backend().openSession();
    }
    try {
      SandboxHandle sandbox = new SandboxHandle(engine, s, cwd, callId);
      Execution e = new Execution();
      if (block != null) {
        e.block = true;
        String text;
        try {
          text = block.apply(sandbox);
        } catch (ContainmentException ce) {
          throw ce;
        } catch (Exception ex) {
          throw new ContainmentException("tool code for " + call.name() + " failed: " + ex, ex);
        }
        e.stdout = text == null ? "" : text;
        e.isolation = sandbox.lastIsolation();
        return e;
      }
      switch (call.kind()) {
        case BASH:
          e.absorb(sandbox.shell(call.command().orElseThrow(), call.stdin().orElse(null)));
          break;
        case COMMAND:
          e.absorb(sandbox.exec(call.argv(), cwd, call.stdin().orElse(null)));
          break;
        case READ:
          e.absorb(sandbox.exec(List.of("cat", "--", target(engine, call).toString()), cwd, null));
          break;
        case WRITE:
          e.absorb(sandbox.writeFile(target(engine, call), call.content().orElseThrow()));
          break;
        case EDIT:
          e.absorb(edit(engine, sandbox, call, cwd));
          break;
        case FETCH:
          throw new ToolRefused(Verdict.deny(Layer.POLICY, "network.mode", "network-off",
              "fetch needs network.mode: proxy with the host in network.allow; this policy gives the sandbox no"
                  + " network"));
        default:
          throw new ToolRefused(Verdict.deny(Layer.POLICY, "", "no-executor", "the tool " + call.name()
              + " has no built-in executor; the host must run it with the block form"));
      }
      return e;
    } finally {
      if (ownSession) {
        s.close();
      }
    }
  }

  private static Path target(Engine engine, ToolCall call) {
    return engine.workdir().resolve(call.path().orElseThrow()).normalize();
  }

  private static ExecResult edit(Engine engine, SandboxHandle sandbox, ToolCall call, Path cwd) {
    Path file = target(engine, call);
    ExecResult read = sandbox.exec(List.of("cat", "--", file.toString()), cwd, null);
    if (!read.succeeded() || read.outputTruncated()) {
      return read;
    }
    String old = call.oldText().orElseThrow();
    int at = read.stdout().indexOf(old);
    if (old.isEmpty() || at < 0 || read.stdout().indexOf(old, at + 1) >= 0) {
      String why = at < 0 ? "the text to replace was not found" : "the text to replace occurs more than once";
      return new ExecResult(1, "", "edit: " + why + " in " + file + "\n", false, false, read.duration(),
          read.isolation());
    }
    String updated = read.stdout().substring(0, at) + call.content().orElseThrow()
        + read.stdout().substring(at + old.length());
    return sandbox.writeFile(file, updated);
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static String newCallId() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE).substring(0, 12);
  }
}
