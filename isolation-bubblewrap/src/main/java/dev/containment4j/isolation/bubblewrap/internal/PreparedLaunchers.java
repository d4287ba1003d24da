/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap.internal;

import dev.containment4j.IsolationReport.EnforcedLimit;
import dev.containment4j.SandboxSetupException;
import dev.containment4j.internal.process.BoundedProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Launchers started ahead of the call, so that the slow part of starting one is off the call's critical path.
 *
 * <p>Writing a pid into a {@code cgroup.procs} file waits for an RCU grace period when no other cgroup migration
 * happened just before (the kernel's {@code cgroup_threadgroup_rwsem}); on the measured host that is 5-15 ms, far more
 * than everything else the pipeline adds. So the next call's launcher is spawned and joined to its cgroups while the
 * backend is idle (the first when the backend opens, the next ones after each call from the second on), then waits,
 * blocked on a read of its standard input. A call writes bwrap's options and its short command line into two
 * private files, writes {@code go} to the launcher, and supervises it from then on; the launcher reads the command
 * line and execs bwrap with the seccomp program on descriptor 3 and the options on descriptor 4 ({@code --args}), so
 * environment values never appear in a {@code /proc/PID/cmdline}. Nothing about the call is decided ahead: the list, and with it
 * every mount, is built when the call starts; only cgroup membership and fallback rlimits are prepared.
 *
 * <p>The launcher is a constant {@code bash} script (bash, for {@code mapfile -d ''}, which reads NUL-separated
 * arguments without parsing them); paths reach it as positional parameters. Without {@code /bin/bash}, each call
 * starts the {@code /bin/sh} {@link Launcher} itself, as before. A launcher whose JVM dies reads end-of-file and exits;
 * its cgroups are swept by the next backend. Thread-safe.
 */
final class PreparedLaunchers implements AutoCloseable {
  static final Path BASH = Path.of("/bin/bash");
  private static final byte[] GO = "go\n".getBytes(StandardCharsets.US_ASCII);

  private final Path privateDir;
  private final Path seccompFile;
  private final Optional<Cgroups> cgroups;
  private final long memoryBytes;
  private final int pids;
  private final boolean prepare;
  /** {@link ProcessGroupHelper}, which then execs bwrap; empty: bwrap is exec'd directly (and keeps --new-session). */
  private final Optional<Path> pgrpHelper;
  private final AtomicReference<CompletableFuture<Launch>> pending = new AtomicReference<>();
  private final AtomicLong counter = new AtomicLong();
  private final AtomicLong released = new AtomicLong();
  private final ExecutorService refill;
  /** The backend's own preparation for the next call (plan, /tmp), run after the next launcher is started. */
  private final Runnable prepareNextCall;
  private volatile boolean closed;

  /**
   * @param prepare whether to start launchers ahead ({@code /bin/bash} present); otherwise each call starts one
   */
  PreparedLaunchers(Path privateDir, Path seccompFile, Optional<Cgroups> cgroups, long memoryBytes, int pids,
      boolean prepare) {
    this(privateDir, seccompFile, cgroups, memoryBytes, pids, prepare, Optional.empty(), () -> { });
  }

  /**
   * @param prepare whether to start launchers ahead ({@code /bin/bash} present); otherwise each call starts one
   * @param pgrpHelper {@link ProcessGroupHelper} to exec bwrap through, if bwrap runs without {@code --new-session}
   * @param prepareNextCall what else to do on the preparing thread between calls (from the second call on)
   */
  PreparedLaunchers(Path privateDir, Path seccompFile, Optional<Cgroups> cgroups, long memoryBytes, int pids,
      boolean prepare, Optional<Path> pgrpHelper, Runnable prepareNextCall) {
    this.prepareNextCall = prepareNextCall;
    this.pgrpHelper = pgrpHelper;
    this.privateDir = privateDir;
    this.seccompFile = seccompFile;
    this.cgroups = cgroups;
    this.memoryBytes = memoryBytes;
    this.pids = pids;
    this.prepare = prepare;
    this.refill = prepare ? Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "containment-bwrap-prepare");
      t.setDaemon(true);
      return t;
    }) : null;
    scheduleRefill();
  }

  /**
   * The script of a prepared launcher; {@code $1} seccomp file, {@code $2} bwrap's options file, {@code $3} the
   * argument file (bwrap's command line), then cgroup files.
   */
  static List<String> preparedArgv(Path seccomp, Path optionsFile, Path argsFile, List<Path> cgroupProcs,
      OptionalLong addressSpaceKb, OptionalInt processes) {
    StringBuilder script = new StringBuilder();
    script.append("b=$1; o=$2; a=$3; shift 3; ");
    script.append("while [ \"$1\" != -- ]; do echo $$ > \"$1\" || { echo \"containment-launcher: cannot join cgroup"
        + " $1\" >&2; exit ").append(Launcher.LAUNCHER_FAILED).append("; }; shift; done; ");
    addressSpaceKb.ifPresent(kb -> script.append("ulimit -v ").append(kb).append(" || exit ")
        .append(Launcher.LAUNCHER_FAILED).append("; "));
    processes.ifPresent(n -> script.append("ulimit -u ").append(n).append(" || exit ")
        .append(Launcher.LAUNCHER_FAILED).append("; "));
    // read stops at the newline (bash reads a pipe byte by byte), so the rest of stdin is the tool's
    script.append("IFS= read -r go && [ \"$go\" = go ] || exit ").append(Launcher.LAUNCHER_FAILED).append("; ");
    script.append("mapfile -t -d '' c < \"$a\" && [ ${#c[@]} -gt 0 ] || { echo \"containment-launcher: cannot read"
        + " $a\" >&2; exit ").append(Launcher.LAUNCHER_FAILED).append("; }; ");
    script.append("exec \"${c[@]}\" ").append(Launcher.SECCOMP_FD).append("<\"$b\" ").append(Launcher.ARGS_FD)
        .append("<\"$o\"");
    List<String> argv = new ArrayList<>();
    argv.add(BASH.toString());
    argv.add("-c");
    argv.add(script.toString());
    argv.add("containment-launcher");
    argv.add(seccomp.toString());
    argv.add(optionsFile.toString());
    argv.add(argsFile.toString());
    for (Path p : cgroupProcs) {
      argv.add(p.toString());
    }
    argv.add("--");
    return List.copyOf(argv);
  }

  /** A launcher for one call: a prepared one when ready, else one prepared now. The caller must {@link #release}. */
  Launch take() {
    if (closed) {
      throw new IllegalStateException("the bubblewrap backend is closed");
    }
    CompletableFuture<Launch> next = pending.getAndSet(null);
    Launch l = null;
    if (next != null) {
      // one being prepared started before this call did, so it is ready sooner than a new one would be
      l = next.exceptionally(e -> null).join();
    }
    if (l != null && !l.process.isAlive()) {
      discard(l);
      l = null;
    }
    return l != null ? l : newLaunch();
  }

  /**
   * Ends a call's use of a launch: its argument file goes, its cgroups are emptied and pooled; then the next call's
   * launcher is prepared. With prepared launchers this happens on the preparing thread, after the call returned: the
   * call's process tree is already gone (bwrap's pid namespace ended with it), and the cgroups are emptied before
   * any reuse either way.
   */
  void release(Launch l) {
    if (prepare && !closed) {
      try {
        refill.execute(() -> discard(l));
        // the first call's launcher was prepared when the backend opened; preparing another after it only pays off
        // when calls keep coming (a one-shot CLI process would spawn one just to kill it)
        if (released.incrementAndGet() > 1) {
          scheduleRefill();
          refill.execute(this::prepareNextCallQuietly);
        }
        return;
      } catch (java.util.concurrent.RejectedExecutionException closing) {
        // closed meanwhile: clean up here
      }
    }
    discard(l);
  }

  /**
   * Runs {@code task} on the preparing thread, after the call: false when there is none (not preparing, or closed),
   * and the caller must do it itself.
   */
  boolean whenIdle(Runnable task) {
    if (!prepare || closed) {
      return false;
    }
    try {
      refill.execute(task);
      return true;
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      return false;
    }
  }

  private void prepareNextCallQuietly() {
    if (closed) {
      return;
    }
    try {
      prepareNextCall.run();
    } catch (RuntimeException ignored) {
      // preparation only: the next call does the same work itself and reports what fails
    }
  }

  private void discard(Launch l) {
    if (l.process != null && l.process.isAlive()) {
      BoundedProcess.killTree(l.process.toHandle());
    }
    try {
      Files.deleteIfExists(l.argsFile);
      Files.deleteIfExists(l.optionsFile);
    } catch (IOException ignored) {
      // the private directory goes with the backend
    }
    l.cgroup.ifPresent(c -> cgroups.orElseThrow().release(c));
  }

  @Override
  public void close() {
    closed = true;
    if (refill != null) {
      refill.shutdown();
      try {
        refill.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    CompletableFuture<Launch> next = pending.getAndSet(null);
    if (next != null) {
      Launch l = next.exceptionally(e -> null).getNow(null);
      if (l != null) {
        discard(l);
      }
    }
  }

  private void scheduleRefill() {
    if (!prepare || closed) {
      return;
    }
    CompletableFuture<Launch> next = new CompletableFuture<>();
    if (!pending.compareAndSet(null, next)) {
      return; // one is ready or on its way
    }
    try {
      refill.execute(() -> {
        try {
          next.complete(newLaunch());
        } catch (RuntimeException e) {
          // the call that takes it starts one itself, and reports the error to its caller
          next.completeExceptionally(e);
        }
        if (closed && pending.compareAndSet(next, null)) {
          Launch l = next.getNow(null);
          if (l != null) {
            discard(l);
          }
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      pending.compareAndSet(next, null); // closed meanwhile
    }
  }

  private Launch newLaunch() {
    Optional<Cgroups.CallCgroup> cgroup = Optional.empty();
    if (cgroups.isPresent()) {
      try {
        cgroup = Optional.of(cgroups.get().acquire(memoryBytes, pids));
      } catch (IOException e) {
        throw new SandboxSetupException(BubblewrapBackend.ID, -1, "", "cannot create the call's cgroups under "
            + "/sys/fs/cgroup: " + e.getMessage() + "; nothing was run", e);
      }
    }
    long n = counter.incrementAndGet();
    Launch l = new Launch(cgroup, privateDir.resolve("launch-" + n + ".opts"),
        privateDir.resolve("launch-" + n + ".args"), limits(cgroup));
    if (!prepare) {
      return l;
    }
    try {
      l.process = start(preparedArgv(seccompFile, l.optionsFile, l.argsFile, procs(cgroup), addressSpaceKb(cgroup),
          processes(cgroup)));
    } catch (RuntimeException e) {
      release(l);
      throw e;
    }
    return l;
  }

  private static Process start(List<String> argv) {
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().clear();
    try {
      return pb.start();
    } catch (IOException e) {
      throw new SandboxSetupException(BubblewrapBackend.ID, -1, "", "cannot start " + argv.get(0) + " to launch"
          + " bwrap: " + e.getMessage() + "; nothing was run", e);
    }
  }

  private static List<Path> procs(Optional<Cgroups.CallCgroup> cgroup) {
    return cgroup.map(Cgroups.CallCgroup::procsFiles).orElse(List.of());
  }

  private OptionalLong addressSpaceKb(Optional<Cgroups.CallCgroup> cgroup) {
    return cgroup.isPresent() ? OptionalLong.empty() : OptionalLong.of(memoryBytes / 1024);
  }

  private OptionalInt processes(Optional<Cgroups.CallCgroup> cgroup) {
    return cgroup.isPresent() ? OptionalInt.empty() : OptionalInt.of(pids);
  }

  private List<EnforcedLimit> limits(Optional<Cgroups.CallCgroup> cgroup) {
    if (cgroup.isPresent()) {
      return cgroup.get().limits();
    }
    return List.of(
        new EnforcedLimit("memoryMb", memoryBytes / (1024 * 1024) + " MiB", "RLIMIT_AS (ulimit -v; no writable"
            + " cgroup tree)"),
        new EnforcedLimit("pids", Integer.toString(pids), "RLIMIT_NPROC (ulimit -u; counts every process of the"
            + " user, not enforced for root)"));
  }

  /** One call's launcher: its cgroups, its argument files, and (prepared) the waiting process. */
  final class Launch {
    private final Optional<Cgroups.CallCgroup> cgroup;
    private final Path optionsFile;
    private final Path argsFile;
    private final List<EnforcedLimit> limits;
    private Process process;

    private Launch(Optional<Cgroups.CallCgroup> cgroup, Path optionsFile, Path argsFile, List<EnforcedLimit> limits) {
      this.cgroup = cgroup;
      this.optionsFile = optionsFile;
      this.argsFile = argsFile;
      this.limits = limits;
    }

    /** How memory and pids are limited for this call. */
    List<EnforcedLimit> limits() {
      return limits;
    }

    Optional<Cgroups.CallCgroup> cgroup() {
      return cgroup;
    }

    /**
     * Starts {@code bwrap}: hands its options and command line to the waiting launcher (or starts the {@code /bin/sh}
     * launcher with them). Returns the process to supervise, with its standard input still open.
     */
    Process go(BwrapCommandLine.Invocation bwrap) {
      byte[] options = BwrapCommandLine.nulTerminated(bwrap.options());
      List<String> argv = bwrap.viaArgsFd(Launcher.ARGS_FD);
      if (pgrpHelper.isPresent()) {
        argv = ProcessGroupHelper.wrap(pgrpHelper.get(), argv);
      }
      if (!prepare) {
        writePrivate(optionsFile, options);
        process = start(Launcher.argv(seccompFile, optionsFile, procs(cgroup), addressSpaceKb(cgroup),
            processes(cgroup), argv));
        return process;
      }
      byte[] args = BwrapCommandLine.nulTerminated(argv);
      try {
        writeOrThrow(optionsFile, options);
        writeOrThrow(argsFile, args);
        OutputStream in = process.getOutputStream();
        in.write(GO);
        in.flush();
      } catch (IOException e) {
        String said = "";
        try {
          if (process.waitFor(1, java.util.concurrent.TimeUnit.SECONDS)) {
            said = new String(process.getErrorStream().readNBytes(2000), StandardCharsets.UTF_8).strip();
          }
        } catch (IOException ignored) {
          // the message below still says what was tried
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
        }
        throw new SandboxSetupException(BubblewrapBackend.ID, -1, said, "cannot hand the call to its launcher ("
            + argsFile + "): " + e.getMessage() + (said.isEmpty() ? "" : "; the launcher said: " + said)
            + "; nothing was run", e);
      }
      return process;
    }
  }

  private static void writePrivate(Path file, byte[] content) {
    try {
      writeOrThrow(file, content);
    } catch (IOException e) {
      throw new SandboxSetupException(BubblewrapBackend.ID, -1, "", "cannot write bwrap's options to " + file + ": "
          + e.getMessage() + "; nothing was run", e);
    }
  }

  /** Owner-only, and never over an existing file (the names are fresh; something else there is not ours). */
  private static void writeOrThrow(Path file, byte[] content) throws IOException {
    try (var ch = Files.newByteChannel(file, java.util.Set.of(StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
            "rw-------")))) {
      ch.write(java.nio.ByteBuffer.wrap(content));
    }
  }
}
