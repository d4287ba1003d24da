/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j;

import dev.containment4j.event.AuditListener;
import dev.containment4j.guard.Approver;
import dev.containment4j.guard.ContentFilter;
import dev.containment4j.guard.ModelGuard;
import dev.containment4j.internal.Engine;
import dev.containment4j.internal.Pipeline;
import dev.containment4j.policy.Policy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Entry point: contains tool calls under a policy. Every call passes, in this fixed order,
 * <ol>
 *   <li>the model guard (rules, then the classifier; {@code ask} goes to the {@link Approver}, none means deny),
 *   <li>OS isolation (the backend the policy selects, with network only through the egress proxy),
 *   <li>the content filter (secrets redacted, injections quarantined, size capped).
 * </ol>
 * The first denial stops the pipeline and comes back as a {@link ToolResult} with {@link ToolResult#denied()}.
 *
 * <pre>{@code
 * Containment c = Containment.fromYaml(Path.of("containment.yaml"));
 * ToolResult r = c.run(ToolCall.bash("pytest -q"));
 * if (r.denied()) return r.modelMessage();
 * String text = c.run(ToolCall.of("run_tests", args), sandbox -> sandbox.exec("mvn", "-q", "test").stdout());
 * try (ContainmentSession s = c.openSession()) { s.run(ToolCall.bash("make")); s.run(ToolCall.bash("make test")); }
 * }</pre>
 *
 * <p>Immutable and thread-safe: share one instance per policy. The {@code with...} and {@code onEvent} methods return
 * new instances that share this one's backend and audit log. The backend is selected and opened on first use;
 * {@link #close()} releases it (for all instances derived from the same root).
 *
 * @since 0.1
 */
public final class Containment implements AutoCloseable {
  private final Engine engine;
  private final Pipeline.Config config;

  private Containment(Engine engine, Pipeline.Config config) {
    this.engine = engine;
    this.config = config;
  }

  /** Loads the policy from a YAML file. */
  public static Containment fromYaml(Path policyFile) {
    return with(Policy.fromYaml(policyFile));
  }

  /** The embedded default policy, with the current directory as the workdir. */
  public static Containment withDefaults() {
    return with(Policy.defaults());
  }

  /** Contains calls under {@code policy}; the workdir is the policy's, resolved against the current directory. */
  public static Containment with(Policy policy) {
    Objects.requireNonNull(policy, "policy");
    Engine engine = Engine.create(policy, Engine.resolveWorkdir(policy, Path.of("").toAbsolutePath()));
    return new Containment(engine, Pipeline.Config.defaults(policy));
  }

  /**
   * Contains calls in a workspace (a repository folder, which becomes the workdir) under the host's policy, tightened
   * by the workspace's own configuration file ({@code trust.workspaceConfig}, by default {@code .containment.yaml})
   * if, and only if, {@code trust} holds a grant for the folder and the file is unchanged since then. The file of an
   * untrusted folder is never opened; a trusted one can only tighten (it adds denials, lowers limits, narrows the
   * network); nothing in it ever runs. Decided once, here: the returned instance keeps that policy even if the file
   * changes later (a changed file needs a new grant before the next {@code forWorkspace}).
   *
   * <pre>{@code
   * WorkspaceTrust trust = WorkspaceTrust.forPolicy(host, auditListener);
   * if (userSaysYes) trust.grant(repo);                         // validates repo/.containment.yaml now
   * try (Containment c = Containment.forWorkspace(host, repo, trust)) { c.run(ToolCall.bash("make test")); }
   * }</pre>
   *
   * <p>Guard and content filter are the effective policy's; set your own afterwards with {@link #withGuard} and
   * {@link #withFilter} if you use custom ones.
   *
   * @param host the host's policy
   * @param workspace the workspace folder; must exist
   * @param trust the host's trust store
   * @throws PolicyException when the folder is trusted, its file unchanged, and the file invalid (fails closed)
   * @since 0.1
   */
  public static Containment forWorkspace(Policy host, Path workspace, dev.containment4j.policy.WorkspaceTrust trust) {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(workspace, "workspace");
    Objects.requireNonNull(trust, "trust");
    Path workdir = Engine.realWorkdir(workspace);
    Policy effective = trust.effectivePolicy(host, workdir);
    return new Containment(Engine.create(effective, workdir), Pipeline.Config.defaults(effective));
  }

  /** A copy with another workdir (the writable workspace, and the default working directory of calls). */
  public Containment withWorkdir(Path workdir) {
    return new Containment(Engine.create(engine.policy(), Engine.realWorkdir(workdir)), config);
  }

  /** A copy that uses another model guard instead of the policy's. */
  public Containment withGuard(ModelGuard guard) {
    return new Containment(engine, config.withGuard(Objects.requireNonNull(guard, "guard")));
  }

  /** A copy that uses another content filter instead of the policy's. */
  public Containment withFilter(ContentFilter filter) {
    return new Containment(engine, config.withFilter(Objects.requireNonNull(filter, "filter")));
  }

  /** A copy that asks {@code approver} when the guard answers {@code ask} (without one, ask means deny). */
  public Containment withApprover(Approver approver) {
    return new Containment(engine, config.withApprover(Objects.requireNonNull(approver, "approver")));
  }

  /**
   * A copy that also sends audit events to {@code listener}. Listeners see events of calls made through the returned
   * instance and those derived from it.
   */
  public Containment onEvent(AuditListener listener) {
    Objects.requireNonNull(listener, "listener");
    List<AuditListener> all = new ArrayList<>(config.listeners());
    all.add(listener);
    return new Containment(engine, config.withListeners(all));
  }

  /** Runs one call through guard, isolation and filter, in a fresh sandbox. */
  public ToolResult run(ToolCall call) {
    return Pipeline.run(engine, config, null, null, call, null);
  }

  /**
   * Block form: the guard reviews {@code call}; if allowed, {@code block} runs on the host with a contained
   * {@link Sandbox} handle, and what it returns is filtered. Returns the text for the model: the filtered output or,
   * for a denial, the reason written for the model. Use {@link #runBlock} for the whole result.
   */
  public String run(ToolCall call, SandboxBlock block) {
    return runBlock(call, block).modelMessage();
  }

  /** Block form returning the whole result. */
  public ToolResult runBlock(ToolCall call, SandboxBlock block) {
    return Pipeline.run(engine, config, null, null, call, Objects.requireNonNull(block, "block"));
  }

  /** Runs {@link #run(ToolCall)} on the common pool. */
  public CompletableFuture<ToolResult> runAsync(ToolCall call) {
    return runAsync(call, ForkJoinPool.commonPool());
  }

  /** Runs {@link #run(ToolCall)} on {@code executor}. */
  public CompletableFuture<ToolResult> runAsync(ToolCall call, Executor executor) {
    return CompletableFuture.supplyAsync(() -> run(call), executor);
  }

  /**
   * Opens a session: one sandbox context kept across calls, with session state for the guard (taint after an output
   * carried secrets or untrusted content, the denial circuit breaker).
   */
  public ContainmentSession openSession() {
    return new ContainmentSession(engine, config);
  }

  /** The policy in force. */
  public Policy policy() {
    return engine.policy();
  }

  /** How humans answered the guard's questions (asked, approved, denied, time to answer, approval rate). */
  public dev.containment4j.guard.ApprovalStats approvalStats() {
    return engine.approvalStats();
  }

  /** The workdir (absolute, real path). */
  public Path workdir() {
    return engine.workdir();
  }

  /**
   * Selects the backend now instead of on first use (each candidate is probed by running it), and reports what was
   * selected and why the others were rejected. The selected backend itself opens on the first call or session.
   *
   * @throws BackendUnavailableException when nothing can isolate
   */
  public IsolationReport isolation() {
    return engine.selection().report();
  }

  /**
   * What the backend will do for a call (the bwrap argument list, OCI config or SBPL profile). A backend named in the
   * policy is explained even where it cannot run (so a Seatbelt profile can be reviewed on Linux); under
   * {@code auto}, the backend that would be selected.
   */
  public String explain() {
    return engine.explain();
  }

  /** Releases the backend, the egress proxy and the audit file. Idempotent. */
  @Override
  public void close() {
    engine.close();
  }
}
