/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import dev.containment4j.ExecResult;
import dev.containment4j.IsolationReport;
import dev.containment4j.SandboxSetupException;
import dev.containment4j.event.AuditEvent;
import dev.containment4j.internal.process.BoundedProcess;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.ExecRequest;
import dev.containment4j.spi.IsolationBackend;
import dev.containment4j.spi.IsolationSession;
import dev.containment4j.spi.IsolationSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gVisor backend opened for one policy. Thread-safe. Owns a private instance directory (runsc {@code --root},
 * bundles), a warm pool, and background threads that delete sandboxes off the request path.
 */
public final class GvisorBackend implements IsolationBackend {
  private static final Logger LOG = LoggerFactory.getLogger(GvisorBackend.class);
  static final String ID = "gvisor";

  private final IsolationSpec spec;
  private final GvisorSettings settings;
  private final Runsc runsc;
  private final InstanceDir inst;
  private final SandboxPlan plan;
  private final List<String> init;
  private final String version;
  private final WarmPool pool;
  private final ExecutorService refill;
  private final ExecutorService deleter;
  private volatile boolean closed;

  /**
   * @param runscPath the resolved runsc binary
   * @param version what {@code runsc --version} said (for reports)
   */
  public GvisorBackend(IsolationSpec spec, GvisorSettings settings, String runscPath, String version) {
    this.spec = spec;
    this.settings = settings;
    this.version = version;
    Reaper.reapStale(settings.stateDir(), runscPath, settings);
    this.inst = InstanceDir.create(settings.stateDir());
    this.runsc = new Runsc(runscPath, new RunscArgs(runscPath, settings, inst.stateRoot()));
    try {
      this.plan = SandboxPlanner.plan(spec, settings, inst.emptyFile(), FileProbe.host());
    } catch (IllegalArgumentException e) {
      Reaper.reap(inst, runscPath, settings);
      throw new SandboxSetupException(ID, -1, "", e.getMessage(), e);
    }
    createPlaceholders();
    this.init = InitCommand.choose();
    this.refill = Executors.newSingleThreadExecutor(daemon("containment-gvisor-pool"));
    this.deleter = Executors.newFixedThreadPool(4, daemon("containment-gvisor-delete"));
    this.pool = new WarmPool(settings.poolSize(), this::startSandbox, refill);
    pool.fill();
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private void createPlaceholders() {
    for (SandboxPlan.Placeholder p : plan.placeholders()) {
      inst.recordPlaceholder(p);
      try {
        Path path = Path.of(p.path());
        if (p.directory()) {
          Files.createDirectories(path);
        } else {
          Files.createDirectories(path.getParent());
          Files.createFile(path);
        }
      } catch (IOException | UncheckedIOException e) {
        Reaper.reap(inst, runsc.binary(), settings);
        throw new SandboxSetupException(ID, -1, "", "cannot create the mount point " + p.path()
            + " that protects it read-only: " + e.getMessage(), e);
      }
    }
  }

  /** Creates and starts a sandbox of this backend (also for benchmarks that measure raw runsc exec). */
  public RunscSandbox startSandbox() {
    if (closed) {
      throw new IllegalStateException("the gVisor backend is closed");
    }
    RunscSandbox s = RunscSandbox.start(runsc, inst, plan, init, spec.policy().isolation().limits());
    spec.events().onEvent(AuditEvent.of("sandbox.start", "-", Map.of("backend", ID, "sandbox", s.id())));
    return s;
  }

  @Override
  public String id() {
    return ID;
  }

  /**
   * A fresh sandbox per call: a never-used one from the warm pool when ready, else a cold {@code runsc run}
   * (one runsc invocation, faster than create + start + exec).
   */
  @Override
  public ExecResult exec(ExecRequest request) {
    ensureOpen();
    RunscSandbox pooled = pool.take();
    if (pooled != null) {
      try {
        return pooled.exec(request, "one-shot, pre-started");
      } finally {
        destroyLater(pooled);
      }
    }
    return coldRun(request);
  }

  private ExecResult coldRun(ExecRequest req) {
    String id = SandboxIds.container();
    Map<String, String> env = new java.util.TreeMap<>(plan.process().env());
    env.putAll(req.env());
    Path bundle = RunscSandbox.writeBundle(inst, id, plan.withProcess(new ProcessSpec(req.argv(), env,
        req.cwd().toString(), plan.process().rlimits())));
    Policy.Limits limits = spec.policy().isolation().limits();
    BoundedProcess.Outcome o;
    try {
      // runsc run's sandbox and gofer are its children: a time-out kills the whole tree, the tool with it
      o = BoundedProcess.run(runsc.args().run(bundle, id), runsc.env(), null, req.stdin().orElse(null),
          limits.outputBytes(), limits.wall());
    } catch (UncheckedIOException e) {
      Reaper.deleteTree(bundle);
      throw new SandboxSetupException(ID, -1, "", "cannot start " + runsc.binary() + ": " + e.getMessage(), e);
    }
    deleter.execute(() -> {
      // the bundle holds the environment: remove it at once; runsc's state only if the run did not finish cleanly
      if (o.timedOut() || o.exitCode() != 0) {
        runsc.control(runsc.args().deleteForce(id), Runsc.CONTROL_TIMEOUT);
        Reaper.removeCgroups(id);
      }
    });
    Reaper.deleteTree(bundle);
    if (!o.timedOut() && o.exitCode() == 128 && RunscSandbox.RUNSC_ERROR.matcher(o.stderrText()).find()) {
      throw new SandboxSetupException(ID, 128, Runsc.tail(o.stderrText()), "runsc run failed");
    }
    List<String> notes = new ArrayList<>();
    notes.add("gVisor sandbox " + id + " (one-shot, cold)");
    notes.addAll(plan.notes());
    return new ExecResult(o.exitCode(), o.stdoutText(), o.stderrText(), o.timedOut(), o.truncated(), o.duration(),
        new IsolationReport(ID, plan.limits(), notes));
  }

  @Override
  public IsolationSession openSession() {
    ensureOpen();
    RunscSandbox s = pool.take();
    String mode = "session, pre-started";
    if (s == null) {
      s = startSandbox();
      mode = "session";
    }
    return new GvisorSession(this, s, mode);
  }

  void destroyLater(RunscSandbox s) {
    try {
      deleter.execute(s::destroy);
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      s.destroy();
    }
  }

  /** Waits until the warm pool is full; false when it cannot be filled (benchmarks, tests). */
  public boolean awaitWarm(Duration timeout) {
    try {
      return pool.awaitFull(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public InstanceDir instanceDir() {
    return inst;
  }

  public Runsc runsc() {
    return runsc;
  }

  @Override
  public String explain() {
    return Explain.text(plan, runsc.args(), init, settings, version);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("the gVisor backend is closed");
    }
  }

  /** Drains the pool, waits for pending deletes, then reaps whatever is left (and other dead JVMs' leftovers). */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    for (RunscSandbox s : pool.drain()) {
      destroyLater(s);
    }
    refill.shutdown();
    deleter.shutdown();
    try {
      refill.awaitTermination(30, TimeUnit.SECONDS);
      if (!deleter.awaitTermination(30, TimeUnit.SECONDS)) {
        LOG.warn("gVisor sandboxes still deleting after 30 s; reaping them by force");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Reaper.reap(inst, runsc.binary(), settings);
    Reaper.reapStale(settings.stateDir(), runsc.binary(), settings);
  }
}
