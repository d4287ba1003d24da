/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal;

import dev.containment4j.BackendUnavailableException;
import dev.containment4j.ContainmentException;
import dev.containment4j.event.AuditEvent;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.EgressGateway;
import dev.containment4j.spi.IsolationBackend;
import dev.containment4j.spi.IsolationSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The shared, resource-owning part of a {@code Containment}: the policy, the workdir, the audit log, and the backend,
 * selected and opened on first use. Thread-safe.
 */
public final class Engine implements AutoCloseable {
  private final Policy policy;
  private final Path workdir;
  private final Path home;
  private final AuditLog audit;
  private final dev.containment4j.guard.ApprovalStats approvalStats = new dev.containment4j.guard.ApprovalStats();
  private BackendSelector.Selection selection;
  private IsolationBackend backend;
  private EgressGateway egress;
  private Thread shutdownHook;
  private boolean closed;

  private Engine(Policy policy, Path workdir) {
    this.policy = policy;
    this.workdir = workdir;
    this.home = Path.of(System.getProperty("user.home")).toAbsolutePath();
    this.audit = new AuditLog(policy.audit().jsonl().orElse(null));
  }

  public static Engine create(Policy policy, Path workdir) {
    return new Engine(policy, workdir);
  }

  /** The policy's workdir ({@code ~} expanded) resolved against {@code base}, as a real path. */
  public static Path resolveWorkdir(Policy policy, Path base) {
    String w = policy.isolation().filesystem().workdir();
    Path p;
    if (w.equals("~") || w.startsWith("~/")) {
      p = Path.of(System.getProperty("user.home") + w.substring(1));
    } else {
      p = base.resolve(w);
    }
    return realWorkdir(p);
  }

  /** {@code dir} as an absolute real path; it must exist and be a directory. */
  public static Path realWorkdir(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(abs)) {
      throw new ContainmentException("workdir " + abs + " is not an existing directory; create it or point "
          + "isolation.filesystem.workdir (or --workdir) at one");
    }
    try {
      return abs.toRealPath();
    } catch (IOException e) {
      throw new ContainmentException("cannot resolve workdir " + abs + ": " + e.getMessage(), e);
    }
  }

  public Policy policy() {
    return policy;
  }

  public Path workdir() {
    return workdir;
  }

  public Path home() {
    return home;
  }

  /** How humans answered the guard's questions for this engine. */
  public dev.containment4j.guard.ApprovalStats approvalStats() {
    return approvalStats;
  }

  public AuditLog audit() {
    return audit;
  }

  /** Selects the backend if not yet done; throws {@code BackendUnavailableException} when nothing can isolate. */
  public synchronized BackendSelector.Selection selection() {
    ensureOpen();
    if (selection == null) {
      // probed for this policy: a provider must not run a binary one of its calls could have written
      BackendSelector.Selection s = BackendSelector.select(policy.isolation().backend(),
          BackendSelector.discover(Engine.class.getClassLoader()), spec());
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("backend", s.provider().id());
      fields.put("detail", s.availability().detail());
      fields.put("rejected", s.rejected());
      audit.onEvent(AuditEvent.of("backend.selected", "", fields));
      selection = s;
    }
    return selection;
  }

  /** What backends get when they open: the policy, paths, sandbox environment and audit sink (no proxy started). */
  public IsolationSpec spec() {
    return spec(false);
  }

  /** The spec; with {@code startEgress}, {@code network.mode: proxy} starts the egress gateway first. */
  private synchronized IsolationSpec spec(boolean startEgress) {
    Map<String, String> env = new LinkedHashMap<>(SandboxEnvironment.build(policy, System.getenv(), home));
    if (startEgress && policy.network().mode() == Policy.NetworkMode.PROXY && egress == null) {
      egress = Egress.open(policy, audit, Engine.class.getClassLoader());
    }
    if (egress != null) {
      env.putAll(egress.environment());
    }
    return new IsolationSpec(policy, workdir, home, env, audit, Optional.ofNullable(egress));
  }

  /** The opened backend (selecting and opening it on first use). */
  public synchronized IsolationBackend backend() {
    ensureOpen();
    if (backend == null) {
      BackendSelector.Selection s = selection();
      backend = s.provider().open(spec(true));
      shutdownHook = new Thread(this::close, "containment-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }
    return backend;
  }

  /**
   * See {@code Containment.explain()}: the opened backend's own account where it can run here (it knows what it
   * detected, such as cgroups); otherwise, for a backend named in the policy, its provider's (so a Seatbelt profile
   * can be reviewed on Linux).
   */
  public String explain() {
    Policy.Backend wanted = policy.isolation().backend();
    try {
      return backend().explain();
    } catch (BackendUnavailableException e) {
      if (wanted == Policy.Backend.AUTO) {
        throw e;
      }
    }
    for (var p : BackendSelector.discover(Engine.class.getClassLoader())) {
      if (p.id().equals(wanted.id())) {
        return "# " + wanted.id() + " cannot run here; this is what it would do\n" + p.explain(spec());
      }
    }
    throw new ContainmentException("backend " + wanted.id() + " is not on the class path; add the dependency "
        + "dev.containment4j:containment4j-isolation-" + wanted.id());
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("this Containment is closed");
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (backend != null) {
      backend.close();
    }
    if (egress != null) {
      egress.close();
    }
    audit.close();
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException ignored) {
        // already shutting down
      }
    }
  }
}
