/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import dev.containment4j.ExecResult;
import dev.containment4j.IsolationReport;
import dev.containment4j.SandboxSetupException;
import dev.containment4j.event.AuditListener;
import dev.containment4j.internal.fs.GitTraps;
import dev.containment4j.internal.process.BoundedProcess;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.EgressGateway;
import dev.containment4j.spi.ExecRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One running gVisor sandbox (created and started, its init asleep), into which calls are {@code runsc exec}'d.
 * Not thread-safe: a session serialises its calls.
 */
public final class RunscSandbox {

  /** How runsc itself (not the tool) reports failures on stderr. */
  static final Pattern RUNSC_ERROR = Pattern.compile("(executing processes for container|waiting on pid"
      + "|urpc method|cannot execute in container|loading container|running container|creating container"
      + "|starting container|FATAL ERROR)");

  private final String id;
  private final Runsc runsc;
  private final InstanceDir inst;
  private final SandboxPlan plan;
  private final Policy.Limits limits;
  /** {@code network.mode: proxy}: the sandbox's network namespace with the proxy's listener. */
  private final Optional<ProxyNetns> netns;
  private volatile boolean dead;

  private RunscSandbox(String id, Runsc runsc, InstanceDir inst, SandboxPlan plan, Policy.Limits limits,
      Optional<ProxyNetns> netns) {
    this.id = id;
    this.runsc = runsc;
    this.inst = inst;
    this.plan = plan;
    this.limits = limits;
    this.netns = netns;
  }

  /** Creates and starts a sandbox whose init is {@code init}; about 150-200 ms on ptrace. */
  public static RunscSandbox start(Runsc runsc, InstanceDir inst, SandboxPlan plan, List<String> init,
      Policy.Limits limits) {
    return start(runsc, inst, plan, init, limits, Optional.empty());
  }

  /**
   * As {@link #start(Runsc, InstanceDir, SandboxPlan, List, Policy.Limits)}, joining {@code netns} when present
   * ({@code network.mode: proxy}); the sandbox owns it from here on and closes it when destroyed.
   */
  static RunscSandbox start(Runsc runsc, InstanceDir inst, SandboxPlan plan, List<String> init,
      Policy.Limits limits, Optional<ProxyNetns> netns) {
    String id = SandboxIds.container();
    RunscSandbox s = new RunscSandbox(id, runsc, inst, plan, limits, netns);
    SandboxPlan bundlePlan = netns.map(n -> plan.withNetworkNamespace(n.path())).orElse(plan);
    // the init gets PATH only: its spec is kept in runsc's state for the sandbox's lifetime
    Path bundle;
    try {
      bundle = writeBundle(inst, id, bundlePlan.withProcess(new ProcessSpec(init,
          Map.of("PATH", plan.process().env().getOrDefault("PATH", "/usr/bin:/bin")), plan.process().cwd(),
          plan.process().rlimits())));
    } catch (RuntimeException e) {
      netns.ifPresent(ProxyNetns::close);
      throw e;
    }
    try {
      runsc.createDetached(runsc.args().create(bundle, id, bundle.resolve("pid")), bundle.resolve("log"));
      runsc.require(runsc.args().start(id), "runsc start");
    } catch (RuntimeException e) {
      s.destroy();
      throw e;
    }
    return s;
  }

  /** Writes {@code b/ID/config.json} (0600). The bundle directory doubles as the reaper's record of the id. */
  static Path writeBundle(InstanceDir inst, String id, SandboxPlan plan) {
    Path bundle = inst.bundle(id);
    try {
      Files.createDirectory(bundle, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
          "rwx------")));
      writePrivate(bundle.resolve("config.json"), OciConfig.render(plan));
    } catch (IOException e) {
      throw new SandboxSetupException("gvisor", -1, "", "cannot write the OCI bundle " + bundle + ": "
          + e.getMessage(), e);
    }
    return bundle;
  }

  static void writePrivate(Path file, String text) throws IOException {
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, text);
  }

  public String id() {
    return id;
  }

  SandboxPlan plan() {
    return plan;
  }

  public boolean dead() {
    return dead;
  }

  /**
   * Runs one call: {@code runsc exec --process} with the call's argv wrapped so that whatever it leaves behind is
   * killed, the policy's environment plus the call's, stdin and output through pipes, the wall-time limit.
   */
  public ExecResult exec(ExecRequest req, String mode) {
    return exec(req, mode, null);
  }

  /**
   * As {@link #exec(ExecRequest, String)}; under {@code network.mode: proxy} the proxy accepts on the sandbox's
   * listener for the length of this call, its events carrying the call's id and going to {@code egressEvents}.
   */
  ExecResult exec(ExecRequest req, String mode, AuditListener egressEvents) {
    if (dead) {
      throw new SandboxSetupException("gvisor", -1, "", "the gVisor sandbox " + id + " has stopped (a limit killed"
          + " it, or it was killed from outside); open a new session");
    }
    Map<String, String> env = new LinkedHashMap<>(plan.process().env());
    env.putAll(req.env());
    ProcessSpec p = new ProcessSpec(ExecHelper.wrap(req.argv()), env, req.cwd().toString(),
        plan.process().rlimits());
    Path json = inst.processDir().resolve(SandboxIds.hex(8) + ".json");
    try {
      writePrivate(json, OciConfig.renderProcess(p));
    } catch (IOException e) {
      throw new SandboxSetupException("gvisor", -1, "", "cannot write " + json + ": " + e.getMessage(), e);
    }
    BoundedProcess.Outcome o;
    EgressGateway.ServedSocket served = null;
    GitTraps gitTraps = GitTraps.before(plan.writableRoots());
    List<String> gitNotes;
    try {
      if (netns.isPresent()) {
        served = serve(netns.get(), req.callId(), egressEvents);
      }
      o = BoundedProcess.run(runsc.args().exec(json, id), runsc.env(), null, req.stdin().orElse(null),
          limits.outputBytes(), limits.wall(), true, this::killCalls);
    } catch (UncheckedIOException e) {
      throw new SandboxSetupException("gvisor", -1, "", "cannot start " + runsc.binary() + ": " + e.getMessage(), e);
    } finally {
      // c4j-exec killed what the call left running (or killCalls did, after a time-out)
      gitNotes = gitTraps.removeNew();
      if (served != null) {
        served.close();
      }
      try {
        Files.deleteIfExists(json);
      } catch (IOException ignored) {
        // the instance directory goes at close
      }
    }
    return result(o, mode, gitNotes);
  }

  /** Serves {@code netns}'s listener for one call, or fails closed (the call is not run). */
  static EgressGateway.ServedSocket serve(ProxyNetns netns, String callId, AuditListener events) {
    try {
      return netns.serve(callId, events);
    } catch (RuntimeException e) {
      throw new SandboxSetupException("gvisor", -1, "", "the egress proxy cannot accept on the sandbox's listener: "
          + e.getMessage() + "; the call was not run", e);
    }
  }

  private ExecResult result(BoundedProcess.Outcome o, String mode, List<String> gitNotes) {
    List<String> notes = new ArrayList<>();
    notes.add("gVisor sandbox " + id + " (" + mode + ")");
    notes.addAll(plan.notes());
    notes.addAll(gitNotes);
    netns.ifPresent(n -> notes.add(ProxyNetwork.NOTE));
    String stderr = o.stderrText();
    int exit = o.exitCode();
    if (!o.timedOut() && ExecHelper.filterFailed(exit, stderr)) {
      dead = true; // fail closed: never run a call without the filter
      throw new SandboxSetupException("gvisor", exit, Runsc.tail(stderr), "the c4j-exec helper could not install"
          + " the seccomp filter (no nested user namespaces) in sandbox " + id + ", so the call was not run; the"
          + " runsc in use may not implement seccomp(2) for its applications: install a current gVisor");
    }
    if (!o.timedOut() && exit == 128 && RUNSC_ERROR.matcher(stderr).find()) {
      if (!running()) {
        dead = true;
        notes.add("the sandbox stopped during the call: most likely it exceeded the memory limit");
        stderr = stderr + (stderr.endsWith("\n") || stderr.isEmpty() ? "" : "\n")
            + "containment: the gVisor sandbox stopped during the call (memory limit?)\n";
        exit = 137;
      } else {
        throw new SandboxSetupException("gvisor", exit, Runsc.tail(stderr), "runsc exec failed in sandbox " + id);
      }
    }
    return new ExecResult(exit, o.stdoutText(), stderr, o.timedOut(), o.truncated(), o.duration(),
        new IsolationReport("gvisor", plan.limits(), notes));
  }


  /** After a time-out: the runsc exec process is dead but the tool lives on inside; kill all but the init. */
  void killCalls() {
    try {
      BoundedProcess.Outcome o = runsc.control(runsc.args().execArgv(id, RunscArgs.KILL_ALL), Duration.ofSeconds(10));
      if (o.exitCode() != 0) {
        dead = true; // cannot vouch for what still runs: the session must not be reused
      }
    } catch (RuntimeException e) {
      dead = true;
    }
  }

  boolean running() {
    try {
      BoundedProcess.Outcome o = runsc.control(runsc.args().state(id), Duration.ofSeconds(5));
      return o.exitCode() == 0 && o.stdoutText().contains("\"running\"");
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Deletes the sandbox (1-2 s when it is running: call it off the request path) and its bundle. */
  public void destroy() {
    dead = true;
    try {
      runsc.control(runsc.args().deleteForce(id), Runsc.CONTROL_TIMEOUT);
    } catch (RuntimeException e) {
      // the reaper finds what is left by the --root marker
    }
    Reaper.removeCgroups(id);
    Reaper.deleteTree(inst.bundle(id));
    netns.ifPresent(ProxyNetns::close);
  }
}
