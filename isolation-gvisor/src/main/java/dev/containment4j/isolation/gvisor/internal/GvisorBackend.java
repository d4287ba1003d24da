/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import dev.containment4j.ExecResult;
import dev.containment4j.IsolationReport;
import dev.containment4j.SandboxSetupException;
import dev.containment4j.event.AuditEvent;
import dev.containment4j.event.AuditListener;
import dev.containment4j.internal.AuditLog;
import dev.containment4j.internal.fs.FilesystemPlan;
import dev.containment4j.internal.fs.GitTraps;
import dev.containment4j.internal.fs.HostIdentity;
import dev.containment4j.internal.process.BoundedProcess;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.EgressGateway;
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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
  /** Placeholders this backend created in the user's tree (removed at close, also by the reaper). */
  private final Set<SandboxPlan.Placeholder> created = ConcurrentHashMap.newKeySet();
  private final List<String> init;
  private final String version;
  /** The c4j-exec binary in the instance directory; empty when none is bundled for this CPU. */
  private final Optional<Path> execHelper;
  private final WarmPool pool;
  private final ExecutorService refill;
  private final ExecutorService deleter;
  /** {@code network.mode: proxy} (as root): each sandbox gets a network namespace with the proxy's listener. */
  private final Optional<ProxyNetwork> network;
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
    boolean proxy = ProxyNetwork.applies(spec, settings);
    this.inst = InstanceDir.create(settings.stateDir());
    this.runsc = new Runsc(runscPath, new RunscArgs(runscPath, settings, inst.stateRoot(), proxy));
    try {
      this.network = proxy ? Optional.of(ProxyNetwork.open(spec)) : Optional.empty();
      this.execHelper = ExecHelper.install(inst);
      currentPlan(); // fail at open, not at the first call, when the policy cannot be honoured here
    } catch (IOException e) {
      Reaper.reap(inst, runscPath, settings);
      throw new SandboxSetupException(ID, -1, "", "cannot copy the c4j-exec helper into " + inst.dir() + ": "
          + e.getMessage() + "; set isolation.gvisor.stateDir to a writable private directory", e);
    } catch (RuntimeException e) {
      Reaper.reap(inst, runscPath, settings);
      throw e;
    }
    this.init = InitCommand.choose();
    this.refill = Executors.newSingleThreadExecutor(daemon("containment-gvisor-pool"));
    this.deleter = Executors.newFixedThreadPool(4, daemon("containment-gvisor-delete"));
    // without the helper, sessions use fresh sandboxes: no pool
    this.pool = new WarmPool(longLivedSandboxes() ? settings.poolSize() : 0, this::startSandbox, refill,
        this::discard);
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

  /**
   * The sandbox plan for the file system as it is now (globs expanded, protected files looked up), with the
   * placeholders it needs created. Our own placeholders count as missing, so they do not change the plan.
   */
  SandboxPlan currentPlan() {
    FilesystemPlan fs = FilesystemPlan.resolve(spec.policy(), spec.workdir(), spec.home());
    List<FilesystemPlan.ProtectedPath> prot = new ArrayList<>();
    List<Path> occupied = new ArrayList<>();
    for (FilesystemPlan.ProtectedPath p : fs.protectedPaths()) {
      if (occupied.stream().anyMatch(o -> p.path().startsWith(o))) {
        continue; // inside one of our placeholders (.git/hooks under an occupied .git)
      }
      boolean ours = created.stream()
          .anyMatch(c -> c.path().equals(p.path().toString()) && Reaper.isEmptyPlaceholder(c));
      if (ours) {
        occupied.add(p.path());
      }
      prot.add(ours ? new FilesystemPlan.ProtectedPath(p.path(), FilesystemPlan.Protection.OCCUPY) : p);
    }
    fs = new FilesystemPlan(fs.workdir(), fs.writable(), fs.denyRead(), fs.allowRead(), fs.denyWrite(), prot,
        fs.hiddenHome(), fs.notes());
    SandboxPlan plan = SandboxPlanner.plan(spec, settings, inst.emptyFile(), execHelper,
        HostIdentity.in(inst.dir()).inRoot(), fs);
    if (settings.rootless()) {
      plan = plan.withUserNamespace(HostUser.uid(), HostUser.gid());
    }
    createPlaceholders(plan);
    return plan;
  }

  private synchronized void createPlaceholders(SandboxPlan plan) {
    for (SandboxPlan.Placeholder p : plan.placeholders()) {
      Path path = Path.of(p.path());
      if (Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      inst.recordPlaceholder(p); // recorded first: a crash right after still leaves it to the reaper
      created.add(p);
      try {
        if (p.directory()) {
          Files.createDirectory(path);
        } else {
          Files.createFile(path);
        }
      } catch (IOException e) {
        throw new SandboxSetupException(ID, -1, "", "cannot create the mount point " + p.path()
            + " that keeps it write-protected: " + e.getMessage(), e);
      }
    }
  }

  /** Creates and starts a sandbox of this backend (also for benchmarks that measure raw runsc exec). */
  public RunscSandbox startSandbox() {
    return startSandbox(currentPlan());
  }

  RunscSandbox startSandbox(SandboxPlan plan) {
    if (closed) {
      throw new IllegalStateException("the gVisor backend is closed");
    }
    RunscSandbox s = RunscSandbox.start(runsc, inst, plan, init, spec.policy().isolation().limits(),
        network.map(ProxyNetwork::create));
    spec.events().onEvent(AuditEvent.of("sandbox.start", "-", Map.of("backend", ID, "sandbox", s.id())));
    return s;
  }

  @Override
  public String id() {
    return ID;
  }

  /**
   * A fresh sandbox per call: {@code runsc run} with the tool as the container's first process. One runsc
   * invocation (faster than create + start + exec), no 1-2 s delete of a running sandbox afterwards, and the only
   * path on which runsc 20221219 applies the OCI seccomp filter (no nested user namespaces). The warm pool serves
   * sessions.
   */
  @Override
  public ExecResult exec(ExecRequest request) {
    ensureOpen();
    return coldRun(request, currentPlan());
  }

  private ExecResult coldRun(ExecRequest req, SandboxPlan plan) {
    String id = SandboxIds.container();
    Map<String, String> env = new java.util.TreeMap<>(plan.process().env());
    env.putAll(req.env());
    Optional<ProxyNetns> netns = network.map(ProxyNetwork::create);
    EgressGateway.ServedSocket served = null;
    Path bundle = null;
    Policy.Limits limits = spec.policy().isolation().limits();
    BoundedProcess.Outcome o;
    GitTraps gitTraps = GitTraps.before(plan.writableRoots());
    List<String> gitNotes;
    try {
      if (netns.isPresent()) {
        served = RunscSandbox.serve(netns.get(), req.callId(), AuditLog.forCurrentCall(spec.events()));
        plan = plan.withNetworkNamespace(netns.get().path());
      }
      bundle = RunscSandbox.writeBundle(inst, id, plan.withProcess(new ProcessSpec(req.argv(), env,
          req.cwd().toString(), plan.process().rlimits())));
      // runsc run's sandbox and gofer are its children: a time-out kills the whole tree, the tool with it
      o = BoundedProcess.run(runsc.args().run(bundle, id), runsc.env(), null, req.stdin().orElse(null),
          limits.outputBytes(), limits.wall());
    } catch (UncheckedIOException e) {
      throw new SandboxSetupException(ID, -1, "", "cannot start " + runsc.binary() + ": " + e.getMessage(), e);
    } finally {
      // runsc run returned (or was killed with its sandbox): nothing of the call runs any more
      gitNotes = gitTraps.removeNew();
      if (served != null) {
        served.close();
      }
      netns.ifPresent(ProxyNetns::close);
      if (bundle != null) {
        Reaper.deleteTree(bundle);
      }
    }
    deleter.execute(() -> {
      // the bundle holds the environment: remove it at once; runsc's state only if the run did not finish cleanly
      if (o.timedOut() || o.exitCode() != 0) {
        runsc.control(runsc.args().deleteForce(id), Runsc.CONTROL_TIMEOUT);
        Reaper.removeCgroups(id);
      }
    });
    if (!o.timedOut() && o.exitCode() == 128 && RunscSandbox.RUNSC_ERROR.matcher(o.stderrText()).find()) {
      throw new SandboxSetupException(ID, 128, Runsc.tail(o.stderrText()), "runsc run failed");
    }
    List<String> notes = new ArrayList<>();
    notes.add("gVisor sandbox " + id + " (one-shot, cold)");
    notes.addAll(plan.notes());
    notes.addAll(gitNotes);
    network.ifPresent(n -> notes.add(ProxyNetwork.NOTE));
    return new ExecResult(o.exitCode(), o.stdoutText(), o.stderrText(), o.timedOut(), o.truncated(), o.duration(),
        new IsolationReport(ID, plan.limits(), notes));
  }

  /**
   * Whether sessions keep one sandbox: not without the c4j-exec helper (a {@code runsc exec} call would then run
   * without the seccomp filter).
   */
  private boolean longLivedSandboxes() {
    return execHelper.isPresent();
  }

  /**
   * One sandbox for the whole session. When sandboxes cannot be kept ({@link #longLivedSandboxes()}), each call of a
   * session runs in a fresh sandbox, and its results say so.
   */
  @Override
  public IsolationSession openSession() {
    ensureOpen();
    if (!longLivedSandboxes()) {
      String why = "no c4j-exec helper is bundled for this CPU (" + System.getProperty("os.arch") + "), and"
          + " `runsc exec` calls would run without the seccomp filter";
      return new IsolationSession() {
        @Override
        public ExecResult exec(ExecRequest request) {
          ensureOpen();
          ExecResult r = coldRun(request, currentPlan());
          List<String> notes = new ArrayList<>(r.isolation().notes());
          notes.add(why + ": each call of this session ran in a fresh sandbox; files outside the workdir do not"
              + " persist between calls");
          return new ExecResult(r.exitCode(), r.stdout(), r.stderr(), r.timedOut(), r.outputTruncated(),
              r.duration(), new IsolationReport(ID, r.isolation().limits(), notes));
        }

        @Override
        public void close() {}
      };
    }
    SandboxPlan plan = currentPlan();
    RunscSandbox s = pool.take(plan);
    String mode = "session, pre-started";
    if (s == null) {
      s = startSandbox(plan);
      mode = "session";
    }
    return new GvisorSession(this, s, mode);
  }

  /** Where a session call's egress events go: the backend's listener, with the current call's listeners. */
  AuditListener egressEvents() {
    return AuditLog.forCurrentCall(spec.events());
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
    return Explain.text(currentPlan(), runsc.args(), init, settings, version);
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

  /** Destroys pooled sandboxes whose plan went stale (the file system changed under a glob or a protected name). */
  void discard(List<RunscSandbox> stale) {
    stale.forEach(this::destroyLater);
  }
}
