/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap.internal;

import dev.containment4j.internal.fs.FileTrees;
import dev.containment4j.ExecResult;
import dev.containment4j.IsolationReport;
import dev.containment4j.IsolationReport.EnforcedLimit;
import dev.containment4j.SandboxSetupException;
import dev.containment4j.internal.AuditLog;
import dev.containment4j.internal.fs.FilesystemPlan;
import dev.containment4j.internal.fs.GitTraps;
import dev.containment4j.internal.fs.HostIdentity;
import dev.containment4j.internal.fs.PlanCache;
import dev.containment4j.internal.process.BoundedProcess;
import dev.containment4j.internal.process.HostExecutables;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.ExecRequest;
import dev.containment4j.spi.IsolationBackend;
import dev.containment4j.spi.IsolationSession;
import dev.containment4j.spi.IsolationSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bubblewrap backend opened for one policy. Owns a private 0700 directory (seccomp program, the empty file bound
 * over denied files, session temp directories), compiled once; every call gets fresh namespaces and its own cgroups.
 * Thread-safe.
 */
public final class BubblewrapBackend implements IsolationBackend {
  public static final String ID = "bubblewrap";
  static final String PRIVATE_PREFIX = "containment4j-bwrap-";
  private static final Logger LOG = LoggerFactory.getLogger(BubblewrapBackend.class);
  private static final Path CGROUP_ROOT = Path.of("/sys/fs/cgroup");
  private static final List<String> PROC_MASKS = BwrapCommandLine.hostProcMasks();
  /** What {@code explain()} shows as the command. */
  static final List<String> SAMPLE_COMMAND = List.of("/bin/bash", "-c", "echo hello");
  /** How long the egress bridge may wait for the sandbox's listener (perl starts in a few ms). */
  private static final java.time.Duration BRIDGE_DEADLINE = java.time.Duration.ofSeconds(10);

  private final IsolationSpec spec;
  private final Path bwrap;
  private final Path privateDir;
  private final Path deniedFile;
  private final Path seccompFile;
  private final SeccompFilter seccomp;
  private final Optional<Cgroups> cgroups;
  /** The zero-relay path to the egress proxy, when {@code network.mode: proxy}. */
  private final Optional<EgressBridge> egress;
  private final PreparedLaunchers launchers;
  /** {@link ProcessGroupHelper} in the private directory: bwrap then runs without {@code --new-session}. */
  private final Optional<Path> pgrpHelper;
  /** The filesystem plan, kept while the directories that decided it are unchanged (see {@link PlanCache}). */
  private final PlanCache plans;
  /** A one-shot call's private /tmp, made ahead of the call on the preparing thread. */
  private final AtomicReference<Path> spareTmp = new AtomicReference<>();
  /** What every call's isolation report says, made once. */
  private final List<EnforcedLimit> fixedLimits;
  private final List<String> fixedNotes;
  private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
  private final AtomicInteger sessionCount = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Prepares the backend: refuses what it cannot enforce, compiles the seccomp filter, finds the cgroup tree.
   *
   * @throws SandboxSetupException when anything is missing (fail closed)
   */
  public BubblewrapBackend(IsolationSpec spec, Path bwrap) {
    this.spec = spec;
    this.bwrap = bwrap;
    // the plan the first call uses (cached), resolved once here for the check
    plans = new PlanCache(spec.policy(), spec.workdir(), spec.home());
    Path base = privateBase(spec);
    refuseWhatACallCouldHaveWritten(plans.plan(), bwrap, base, HostCache.defaultBase());
    egress = spec.policy().network().mode() == Policy.NetworkMode.PROXY ? Optional.of(EgressBridge.open(spec))
        : Optional.empty();
    try {
      privateDir = FileTrees.createOwnedDirectory(base, PRIVATE_PREFIX,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      deniedFile = Files.createFile(privateDir.resolve("denied"),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("---------")));
      // the placeholder source for protected names that do not exist: readable, empty (createFile's mode is umasked)
      Files.setPosixFilePermissions(Files.createFile(emptyFileOf(deniedFile)),
          PosixFilePermissions.fromString("r--r--r--"));
      HostIdentity.write(privateDir);
      seccompFile = Files.createFile(privateDir.resolve("seccomp.bpf"),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      // without a helper that runs here, every sandbox keeps its own session (never neither protection)
      pgrpHelper = ProcessGroupHelper.install(privateDir);
    } catch (IOException e) {
      throw new SandboxSetupException(ID, -1, "", "cannot create the backend's private directory under "
          + System.getProperty("java.io.tmpdir") + ": " + e.getMessage() + "; check java.io.tmpdir", e);
    }
    try {
      seccomp = SeccompFilter.prepare(seccompFile, HostCache.under(HostCache.defaultBase()));
    } catch (RuntimeException e) {
      deleteTree(privateDir);
      throw e;
    }
    String cgroupSetting = spec.policy().isolation().backend(ID).getOrDefault("cgroups", "auto");
    if (!cgroupSetting.equals("auto") && !cgroupSetting.equals("off")) {
      deleteTree(privateDir);
      throw new SandboxSetupException(ID, -1, "", "isolation.bubblewrap.cgroups must be auto or off, not \""
          + cgroupSetting + "\"");
    }
    // "off" forces the rlimit fallback (containers without a writable cgroup tree, tests of the fallback)
    cgroups = cgroupSetting.equals("off") ? Optional.empty() : Cgroups.detect(CGROUP_ROOT);
    cgroups.ifPresent(Cgroups::sweepStale);
    String prepareSetting = spec.policy().isolation().backend(ID).getOrDefault("prepare", "auto");
    if (!prepareSetting.equals("auto") && !prepareSetting.equals("off")) {
      cgroups.ifPresent(Cgroups::close);
      deleteTree(privateDir);
      throw new SandboxSetupException(ID, -1, "", "isolation.bubblewrap.prepare must be auto or off, not \""
          + prepareSetting + "\"");
    }
    // "off": every call starts its own /bin/sh launcher (no idle launcher process between calls)
    Policy.Limits limits = spec.policy().isolation().limits();
    fixedLimits = List.of(
        new EnforcedLimit("wallSeconds", limits.wall().toSeconds() + " s",
            "host timer; process tree killed; pid namespace torn down"),
        new EnforcedLimit("outputBytes", limits.outputBytes() + " B per stream",
            "capped capture (the rest is drained and dropped)"));
    fixedNotes = List.of(
        "namespaces: user (nested ones disabled), mount, pid, ipc, uts, cgroup"
            + (spec.policy().network().mode() == Policy.NetworkMode.HOST ? "; network: host (shared)"
                : ", net (loopback only)")
            + (egress.isPresent() ? "; egress proxy at 127.0.0.1:" + EgressBridge.PORT + " inside (its listening"
                + " socket served by the proxy, no relay)" : ""),
        "capabilities: all dropped; " + (pgrpHelper.isPresent() ? "own process group in the caller's session, no"
            + " controlling terminal (c4j-pgrp)" : "new session") + "; environment cleared",
        seccomp.describe());
    launchers = new PreparedLaunchers(privateDir, seccompFile, cgroups, limits.memoryMb() * 1024 * 1024,
        limits.pids(), prepareSetting.equals("auto") && Files.isExecutable(PreparedLaunchers.BASH), pgrpHelper,
        this::prepareNextCall);
  }

  /**
   * bwrap, the private directory (the seccomp program, bwrap's options) and the probe and seccomp cache are trusted by
   * every later call: none of them may be where a call can write (a workdir holding {@code java.io.tmpdir}, a bwrap in
   * the project), or a call could switch off the next one's seccomp filter or run code on the host.
   */
  private static void refuseWhatACallCouldHaveWritten(FilesystemPlan plan, Path bwrap, Path privateBase,
      Path cacheBase) {
    Optional<String> unsafe = HostExecutables.whyUnsafe(bwrap, plan.writable());
    if (unsafe.isPresent()) {
      throw new SandboxSetupException(ID, -1, "", "will not run " + bwrap + " as bwrap: " + unsafe.get()
          + "; set isolation.bubblewrap.bwrap to an absolute path outside the workdir, owned by root (or this user)"
          + " and writable by no one else; nothing was run");
    }
    for (Path dir : List.of(privateBase, cacheBase)) {
      Optional<Path> root = plan.writableRootHolding(dir);
      if (root.isPresent()) {
        throw new SandboxSetupException(ID, -1, "", "the backend's private files would go to " + dir + ", inside "
            + root.get() + ", which the sandbox may write (a call could replace the next call's seccomp program);"
            + " point java.io.tmpdir outside the workdir and every allowWrite directory; nothing was run");
      }
    }
  }

  /**
   * Runs on the preparing thread between calls (from the second call on): re-resolves the filesystem plan if the
   * last call changed what it depends on, and makes the next one-shot call's private /tmp, so that neither is on that
   * call's path. The call still validates the plan itself.
   */
  private void prepareNextCall() {
    plans.refresh();
    if (spareTmp.get() == null && !closed.get()) {
      try {
        Path tmp = newTmp("oneshot-");
        if (!spareTmp.compareAndSet(null, tmp)) {
          deleteTree(tmp);
        }
      } catch (SandboxSetupException ignored) {
        // the call makes its own and reports the error
      }
    }
  }

  private Path newTmp(String prefix) {
    Path tmp = privateDir.resolve(prefix + sessionCount.incrementAndGet());
    try {
      Files.createDirectory(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (IOException e) {
      throw new SandboxSetupException(ID, -1, "", "cannot create the sandbox's private /tmp " + tmp + ": "
          + e.getMessage(), e);
    }
    return tmp;
  }

  /**
   * One process in a fresh sandbox with a fresh private /tmp. The sandbox is gone when this returns (its pid namespace
   * ended with bwrap); the /tmp directory, private to this backend, is deleted on the preparing thread right after.
   */
  @Override
  public ExecResult exec(ExecRequest request) {
    ensureOpen();
    Path tmp = spareTmp.getAndSet(null);
    if (tmp == null) {
      tmp = newTmp("oneshot-");
    }
    Path used = tmp;
    try {
      return run(request, tmp);
    } finally {
      if (!launchers.whenIdle(() -> deleteTree(used))) {
        deleteTree(used);
      }
    }
  }

  /**
   * Where the private directory goes: {@code /dev/shm} (tmpfs; the sandbox gets its own {@code /dev}, so it is not
   * visible inside) when usable and the memory limit is a cgroup, because session temp directories are created and
   * removed on every call and metadata operations on a busy disk cost milliseconds. What a call writes to its /tmp is
   * then memory charged to the call's cgroup. Without cgroups, {@code java.io.tmpdir} (disk), so that /tmp cannot
   * exhaust the host's memory.
   */
  static Path privateBase(IsolationSpec spec) {
    Path shm = Path.of("/dev/shm");
    boolean cgroupsPossible = !"off".equals(spec.policy().isolation().backend(ID).get("cgroups"))
        && Cgroups.detect(CGROUP_ROOT).isPresent();
    if (cgroupsPossible && Files.isDirectory(shm) && Files.isWritable(shm)) {
      return shm;
    }
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public IsolationSession openSession() {
    ensureOpen();
    Path tmp = newTmp("session-");
    Session s = new Session(tmp);
    sessions.add(s);
    return s;
  }

  @Override
  public String explain() {
    return explain(spec, bwrap, deniedFile, Optional.of(seccomp.describe()),
        cgroups.map(c -> "cgroup " + c.version()), pgrpHelper);
  }

  /**
   * The explanation without opening anything (works on any OS): with the c4j-pgrp helper when one is bundled for this
   * CPU (an opened backend that cannot run it keeps {@code --new-session}).
   */
  public static String explain(IsolationSpec spec, Path bwrap, Path deniedFile, Optional<String> seccomp,
      Optional<String> limitMechanism) {
    Optional<Path> helper = ProcessGroupHelper.resourceFor(System.getProperty("os.arch", ""))
        .map(r -> deniedFile.resolveSibling(ProcessGroupHelper.FILE_NAME));
    return explain(spec, bwrap, deniedFile, seccomp, limitMechanism, helper);
  }

  private static String explain(IsolationSpec spec, Path bwrap, Path deniedFile, Optional<String> seccomp,
      Optional<String> limitMechanism, Optional<Path> pgrpHelper) {
    FilesystemPlan plan = FilesystemPlan.resolve(spec.policy(), spec.workdir(), spec.home());
    List<String> command = SAMPLE_COMMAND;
    if (spec.policy().network().mode() == Policy.NetworkMode.PROXY) {
      command = EgressBridge.Interpreter.perl(Path.of("/usr/bin/perl")).wrap(SAMPLE_COMMAND);
    }
    List<String> argv = withHostValuesHidden(commandLine(spec, bwrap, plan, Optional.empty(), deniedFile,
        spec.workdir(), Map.of(), command, pgrpHelper.isEmpty()).argv(), spec.policy().isolation().env().pass());
    Policy.Limits l = spec.policy().isolation().limits();
    StringBuilder sb = new StringBuilder();
    sb.append("# bubblewrap backend: each call runs this (here for: ").append(String.join(" ", SAMPLE_COMMAND))
        .append(")\n");
    sb.append("# started by a launcher shell with an empty environment, prepared ahead of the call (it joins the"
        + " call's cgroups, then waits for this list) that execs bwrap with the seccomp program on fd ")
        .append(Launcher.SECCOMP_FD).append('\n');
    pgrpHelper.ifPresent(h -> sb.append("# bwrap is exec'd through ").append(h).append(" (c4j-pgrp): a process group"
        + " of its own and no controlling terminal, in place of --new-session (which would give every sandbox a"
        + " scheduling group of its own)\n"));
    sb.append("# seccomp: ").append(seccomp.orElse("compiled when the backend opens")).append('\n');
    sb.append("# limits: wall ").append(l.wall().toSeconds()).append(" s (host timer, tree kill), memory ")
        .append(l.memoryMb()).append(" MiB and pids ").append(l.pids()).append(" (")
        .append(limitMechanism.orElse("rlimits")).append("), output ").append(l.outputBytes())
        .append(" B per stream (capped capture)\n");
    if (spec.policy().network().mode() == Policy.NetworkMode.PROXY) {
      sb.append("# network: proxy, zero relays: the binder (perl, else python3) listens on 127.0.0.1:")
          .append(EgressBridge.PORT).append(" inside and stops; the JVM takes the listening socket with pidfd_getfd,"
              + " the egress proxy accepts on it, then the binder execs the command\n");
    }
    for (String note : plan.notes()) {
      sb.append("# note: ").append(note).append('\n');
    }
    sb.append(BwrapCommandLine.render(argv));
    return sb.toString();
  }

  /** An explanation may end up in a terminal log: values the policy copies from the host are named, not shown. */
  private static List<String> withHostValuesHidden(List<String> argv, List<String> passed) {
    List<String> shown = new ArrayList<>(argv);
    for (int i = 0; i + 2 < shown.size(); i++) {
      if (shown.get(i).equals("--setenv") && passed.contains(shown.get(i + 1))) {
        shown.set(i + 2, "<value of $" + shown.get(i + 1) + " on the host>");
      }
    }
    return shown;
  }

  /** The empty, readable placeholder source, next to the denied file in the backend's private directory. */
  static Path emptyFileOf(Path deniedFile) {
    return deniedFile.resolveSibling("empty");
  }

  /** The host's identity files and the generated ones next to the denied file that replace them. */
  public static List<HostIdentity.Replacement> identityOf(Path deniedFile) {
    HostIdentity id = HostIdentity.in(deniedFile.getParent());
    List<HostIdentity.Replacement> all = new ArrayList<>(id.inRoot());
    all.addAll(id.inProc());
    return all;
  }

  static BwrapCommandLine.Invocation commandLine(IsolationSpec spec, Path bwrap, FilesystemPlan plan, Optional<Path> tmp,
      Path deniedFile, Path cwd, Map<String, String> extraEnv, List<String> command, boolean newSession) {
    Map<String, String> env = new TreeMap<>(spec.environment());
    List<Path> readable = List.of();
    if (spec.policy().network().mode() == Policy.NetworkMode.PROXY && spec.egress().isPresent()) {
      env.putAll(EgressBridge.environment(Map.of(), spec.egress().get()));
      readable = EgressBridge.readablePaths(spec.egress().get());
    }
    env.putAll(extraEnv);
    env.put("TMPDIR", "/tmp");
    env.put(JavaMemory.VARIABLE, JavaMemory.options(env.get(JavaMemory.VARIABLE),
        spec.policy().isolation().limits().memoryMb()));
    return BwrapCommandLine.builder(bwrap)
        .readOnly(readable)
        .plan(plan)
        .environment(env)
        .network(spec.policy().network().mode())
        .tmpSource(tmp)
        .deniedFile(deniedFile)
        .procMasks(PROC_MASKS)
        .emptyFile(emptyFileOf(deniedFile))
        .identity(identityOf(deniedFile))
        .seccompFd(Launcher.SECCOMP_FD)
        .newSession(newSession)
        .cwd(cwd)
        .command(command)
        .build();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (Session s : List.copyOf(sessions)) {
      s.close();
    }
    launchers.close();
    if (cgroups.isPresent() && !cgroups.get().close()) {
      LOG.warn("could not remove every cgroup under {}/*/{}; the next backend sweeps them", CGROUP_ROOT,
          Cgroups.PARENT);
    }
    deleteTree(privateDir);
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the bubblewrap backend is closed");
    }
  }

  /** One session: a private /tmp kept across its calls. */
  private final class Session implements IsolationSession {
    private final Path tmp;
    private final AtomicBoolean sessionClosed = new AtomicBoolean();

    Session(Path tmp) {
      this.tmp = tmp;
    }

    @Override
    public ExecResult exec(ExecRequest request) {
      if (sessionClosed.get()) {
        throw new IllegalStateException("session is closed");
      }
      ensureOpen();
      return run(request, tmp);
    }

    @Override
    public void close() {
      if (sessionClosed.compareAndSet(false, true)) {
        sessions.remove(this);
        deleteTree(tmp);
      }
    }
  }

  private ExecResult run(ExecRequest request, Path tmp) {
    Policy.Limits limits = spec.policy().isolation().limits();
    PreparedLaunchers.Launch launch = launchers.take();
    FilesystemPlan plan = null;
    EgressBridge.Attachment bridge = null;
    GitTraps gitTraps = null;
    try {
      plan = Placeholders.acquire(plans.plan());
      gitTraps = GitTraps.before(plan.writable());
      List<EnforcedLimit> enforced = new ArrayList<>(fixedLimits);
      enforced.addAll(launch.limits());
      List<String> command = egress.map(e -> e.interpreter().wrap(request.argv())).orElse(request.argv());
      BwrapCommandLine.Invocation argv = commandLine(spec, bwrap, plan, Optional.of(tmp), deniedFile, request.cwd(),
          request.env(), command, pgrpHelper.isEmpty());
      Process started;
      try {
        started = launch.go(argv);
      } catch (IllegalArgumentException e) {
        throw new SandboxSetupException(ID, -1, "", "cannot pass the call to bwrap: " + e.getMessage()
            + "; nothing was run", e);
      }
      if (egress.isPresent()) {
        // the sandbox's proxy listener, taken while the tool waits; closed when the call ends
        bridge = egress.get().attach(request.callId(), AuditLog.forCurrentCall(spec.events()),
            limits.wall().compareTo(BRIDGE_DEADLINE) < 0 ? limits.wall() : BRIDGE_DEADLINE);
        bridge.accept(started.toHandle());
      }
      // bwrap's init is pid 1 of the call's pid namespace and dies with bwrap: nothing outlives the main process
      BoundedProcess.Outcome o = BoundedProcess.supervise(started, "bwrap", request.stdin().orElse(null),
          limits.outputBytes(), limits.wall(), true);
      Cgroups.CallCgroup cgroup = launch.cgroup().orElse(null);
      List<String> gitNotes = gitTraps.removeNew(); // the call's processes are gone: bwrap's init took them along
      int exit = o.exitCode();
      String stderr = o.stderrText();
      if (bridge != null && bridge.failure().isPresent()) {
        throw new SandboxSetupException(ID, exit, tail(stderr), "the egress bridge failed: "
            + bridge.failure().get().getMessage() + "; nothing was run", bridge.failure().get());
      }
      if (!o.timedOut() && exit == Launcher.LAUNCHER_FAILED && stderr.startsWith("containment-launcher:")) {
        throw new SandboxSetupException(ID, exit, tail(stderr), "the launcher failed; nothing was run");
      }
      if (!o.timedOut() && ProcessGroupHelper.refused(exit, stderr)) {
        throw new SandboxSetupException(ID, exit, tail(stderr), "the c4j-pgrp helper could not give the sandbox its"
            + " own process group or drop the controlling terminal; nothing was run");
      }
      if (!o.timedOut() && exit == 1 && stderr.startsWith("bwrap: ")) {
        if (stderr.startsWith("bwrap: execvp ")) {
          exit = 127; // the command was not found or not executable inside, as a shell reports it
        } else {
          throw new SandboxSetupException(ID, exit, tail(stderr), "bwrap could not set up the sandbox; nothing was"
              + " run");
        }
      }
      List<String> notes = new ArrayList<>(fixedNotes);
      notes.addAll(plan.notes());
      notes.addAll(gitNotes);
      if (cgroup != null && cgroup.oomKilled()) {
        notes.add("the memory limit was hit (" + limits.memoryMb() + " MiB): the kernel killed a process");
      }
      if (o.truncated()) {
        notes.add("output capped at " + limits.outputBytes() + " bytes per stream; " + o.stdoutDropped()
            + " bytes of stdout and " + o.stderrDropped() + " bytes of stderr were dropped");
      }
      if (o.timedOut()) {
        notes.add("the wall-time limit of " + limits.wall().toSeconds() + " s ended the call");
      }
      return new ExecResult(exit, o.stdoutText(), stderr, o.timedOut(), o.truncated(), o.duration(),
          new IsolationReport(ID, enforced, notes));
    } finally {
      if (bridge != null) {
        bridge.close();
      }
      launchers.release(launch);
      if (gitTraps != null) {
        gitTraps.removeNew(); // a call that failed to set up or was interrupted; a no-op after the call above
      }
      if (plan != null) {
        Placeholders.release(plan);
      }
    }
  }

  private static String tail(String s) {
    String t = s.strip();
    return t.length() <= 2000 ? t : t.substring(t.length() - 2000);
  }

  static void deleteTree(Path root) {
    FileTrees.deleteTree(root);
  }
}
