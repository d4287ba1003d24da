/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.event.AuditEvent;
import dev.containment4j.guard.Approver;
import dev.containment4j.guard.FilterResult;
import dev.containment4j.policy.Policy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixed pipeline order, guard -> isolation -> filter, on the explicit {@code backend: none} (real processes on
 * the host; the isolation backends have their own suites).
 */
class PipelineTest {
  @TempDir
  Path work;

  private Containment containment() {
    return Containment.with(Policy.defaults().withBackend(Policy.Backend.NONE)).withWorkdir(work);
  }

  @Test
  void guardDenialStopsThePipelineBeforeAnythingRuns() {
    AtomicInteger filtered = new AtomicInteger();
    try (Containment c = containment()
        .withGuard((call, ctx) -> Verdict.deny(Layer.GUARD, "Bash(touch:*)", "test", "no touching"))
        .withFilter((text, ctx) -> {
          filtered.incrementAndGet();
          return FilterResult.pass(text);
        })) {
      ToolResult r = c.run(ToolCall.bash("touch marker"));

      assertThat(r.denied()).isTrue();
      assertThat(r.exitCode()).isEmpty();
      assertThat(r.modelMessage()).contains("guard").contains("Bash(touch:*)").contains("no touching");
      assertThat(work.resolve("marker")).doesNotExist();
      assertThat(filtered).hasValue(0);
    }
  }

  @Test
  void askWithoutApproverIsADenial() {
    try (Containment c = containment()
        .withGuard((call, ctx) -> Verdict.ask(Layer.GUARD, "Bash(git push:*)", "push", "pushes need a human"))) {
      ToolResult r = c.run(ToolCall.bash("touch marker"));

      assertThat(r.denied()).isTrue();
      assertThat(r.verdict().reason()).contains("no approver");
      assertThat(work.resolve("marker")).doesNotExist();
    }
  }

  @Test
  void approverDecidesAsks() {
    try (Containment c = containment()
        .withGuard((call, ctx) -> Verdict.ask(Layer.GUARD, "r", "c", "needs a human"))
        .withApprover((call, q) -> call.command().orElse("").contains("yes")
            ? Approver.Approval.approve() : Approver.Approval.reject("not today"))) {
      assertThat(c.run(ToolCall.bash("touch yes")).denied()).isFalse();
      assertThat(work.resolve("yes")).exists();
      ToolResult no = c.run(ToolCall.bash("touch no"));
      assertThat(no.denied()).isTrue();
      assertThat(no.verdict().reason()).contains("not today");
      assertThat(work.resolve("no")).doesNotExist();
    }
  }

  @Test
  void aFailingGuardDeniesAndAFailingFilterWithholds() {
    try (Containment c = containment().withGuard((call, ctx) -> {
      throw new IllegalStateException("boom");
    })) {
      ToolResult r = c.run(ToolCall.bash("touch marker"));
      assertThat(r.denied()).isTrue();
      assertThat(r.verdict().category()).isEqualTo("guard-error");
      assertThat(work.resolve("marker")).doesNotExist();
    }
    try (Containment c = containment().withFilter((text, ctx) -> {
      throw new IllegalStateException("boom");
    })) {
      ToolResult r = c.run(ToolCall.bash("echo secret-output"));
      assertThat(r.stdout()).doesNotContain("secret-output");
      assertThat(r.filterDecision()).isEqualTo(FilterResult.Decision.BLOCK);
    }
  }

  @Test
  void theFilterSeesTheOutputBeforeTheCaller() {
    try (Containment c = containment().withFilter(
        (text, ctx) -> new FilterResult(text.replace("hunter2", "[REDACTED]"), FilterResult.Decision.REDACT,
            List.of(new Finding("secret", "test", 0, 7, 1.0))))) {
      ToolResult r = c.run(ToolCall.bash("echo hunter2; echo hunter2 >&2; exit 3"));

      assertThat(r.stdout()).isEqualTo("[REDACTED]\n");
      assertThat(r.stderr()).isEqualTo("[REDACTED]\n");
      assertThat(r.exitCode()).hasValue(3);
      assertThat(r.filterDecision()).isEqualTo(FilterResult.Decision.REDACT);
      assertThat(r.findings()).hasSize(2);
      assertThat(r.modelMessage()).contains("[exit status 3]");
    }
  }

  @Test
  void everyStepIsAnAuditEventAndListenersSeeBackendEvents() {
    List<AuditEvent> events = new CopyOnWriteArrayList<>();
    try (Containment c = containment().onEvent(events::add)) {
      c.run(ToolCall.bash("true").withId("call-1"));
    }
    assertThat(events).extracting(AuditEvent::type)
        .containsSubsequence("guard.decision", "sandbox.start", "sandbox.exit");
    assertThat(events).filteredOn(e -> e.type().equals("sandbox.exit")).singleElement()
        .satisfies(e -> assertThat(e.callId()).isEqualTo("call-1"))
        .satisfies(e -> assertThat(e.fields()).containsEntry("exitCode", 0).containsEntry("backend", "none"));
  }

  @Test
  void sessionsStopAfterTooManyDenialsInARow() {
    try (Containment c = containment().withGuard((call, ctx) -> call.command().orElse("").startsWith("bad")
        ? Verdict.deny(Layer.GUARD, "", "test", "bad") : Verdict.allow(Layer.GUARD, "", "", ""));
        ContainmentSession s = c.openSession()) {
      s.run(ToolCall.bash("bad 1"));
      s.run(ToolCall.bash("bad 2"));
      s.run(ToolCall.bash("bad 3"));
      ToolResult after = s.run(ToolCall.bash("touch marker"));

      assertThat(after.denied()).isTrue();
      assertThat(after.verdict().category()).isEqualTo("circuit-breaker");
      assertThat(work.resolve("marker")).doesNotExist();
    }
  }

  @Test
  void builtInToolsReadWriteAndEditThroughTheBackend() throws Exception {
    try (Containment c = containment()) {
      assertThat(c.run(ToolCall.write(Path.of("a.txt"), "hello world\n")).exitCode()).hasValue(0);
      assertThat(Files.readString(work.resolve("a.txt"))).isEqualTo("hello world\n");
      assertThat(c.run(ToolCall.edit(Path.of("a.txt"), "world", "there")).exitCode()).hasValue(0);
      assertThat(c.run(ToolCall.read(Path.of("a.txt"))).stdout()).isEqualTo("hello there\n");
      ToolResult missing = c.run(ToolCall.edit(Path.of("a.txt"), "absent", "x"));
      assertThat(missing.exitCode()).hasValue(1);
      assertThat(missing.stderr()).contains("not found");
    }
  }

  @Test
  void blockFormFiltersWhatTheBlockReturns() {
    try (Containment c = containment().withFilter(
        (text, ctx) -> new FilterResult(text.replace("hunter2", "[REDACTED]"), FilterResult.Decision.REDACT,
            List.of()))) {
      String text = c.run(ToolCall.of("lookup", java.util.Map.of()),
          sandbox -> sandbox.exec("echo", "pw=hunter2").stdout());
      assertThat(text).isEqualTo("pw=[REDACTED]\n");
    }
  }

  @Test
  void fetchWithoutNetworkIsRefusedWithAReasonForTheModel() {
    try (Containment c = containment()) {
      ToolResult r = c.run(ToolCall.fetch("https://example.com/"));
      assertThat(r.denied()).isTrue();
      assertThat(r.verdict().layer()).isEqualTo(Layer.POLICY);
      assertThat(r.modelMessage()).contains("network");
    }
  }
}
