/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a host process (the backend's launcher: bwrap, runsc, sandbox-exec) with a clean environment, capped capture of
 * both streams, a wall-time limit and a whole-tree kill. Shared by the backends so every one of them drains, caps and
 * kills the same way.
 *
 * <p>Capture is bounded: at most {@code cap} bytes per stream are kept, the rest is read and dropped, so a tool that
 * prints gigabytes neither blocks nor fills the heap.
 */
public final class BoundedProcess {

  /** Exit status reported when the wall-time limit ended the process (as {@code timeout(1)} does). */
  public static final int TIMEOUT_EXIT = 124;

  private BoundedProcess() {}

  /**
   * Result of one run.
   *
   * @param exitCode the process's status, 128+signal when signalled, {@link #TIMEOUT_EXIT} on time-out
   * @param stdout captured bytes (at most the cap)
   * @param stderr captured bytes (at most the cap)
   * @param stdoutDropped bytes read beyond the cap and dropped
   * @param stderrDropped bytes read beyond the cap and dropped
   * @param timedOut whether the wall-time limit hit
   * @param duration wall time
   */
  public record Outcome(int exitCode, byte[] stdout, byte[] stderr, long stdoutDropped, long stderrDropped,
      boolean timedOut, Duration duration) {

    public String stdoutText() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    public String stderrText() {
      return new String(stderr, StandardCharsets.UTF_8);
    }

    public boolean truncated() {
      return stdoutDropped > 0 || stderrDropped > 0;
    }
  }

  /**
   * Starts {@code argv} with exactly {@code env} as its environment (nothing inherited) and waits for it.
   *
   * @param stdin bytes for standard input, or null for none
   * @param cap bytes kept per stream
   * @param wall wall-time limit; the whole process tree is killed when it passes
   * @throws UncheckedIOException when the program cannot be started
   */
  public static Outcome run(List<String> argv, Map<String, String> env, java.nio.file.Path dir, byte[] stdin,
      long cap, Duration wall) {
    return run(argv, env, dir, stdin, cap, wall, false, started -> { }, () -> { });
  }

  /**
   * As {@link #run(List, Map, java.nio.file.Path, byte[], long, Duration)}, and calls {@code onTimeout} right after
   * the launcher's tree was killed on time-out, before the streams are drained to their end: for launchers whose
   * tool lives outside their process tree (runsc exec hands its pipes to a sandbox that must be told to kill it).
   */
  public static Outcome run(List<String> argv, Map<String, String> env, java.nio.file.Path dir, byte[] stdin,
      long cap, Duration wall, Runnable onTimeout) {
    return run(argv, env, dir, stdin, cap, wall, false, started -> { }, onTimeout);
  }

  /**
   * As {@link #run(List, Map, java.nio.file.Path, byte[], long, Duration)}, for launchers whose own boundary already
   * ends the whole tree when the main process exits (bwrap: a pid namespace whose init is the main process's child,
   * plus {@code --die-with-parent}). Then a normal exit skips the descendant scan, which reads every process's
   * {@code /proc} entry and costs milliseconds on a busy host; a time-out still kills the whole tree.
   *
   * @param treeDiesWithMain whether the caller guarantees that nothing outlives the main process
   */
  public static Outcome run(List<String> argv, Map<String, String> env, java.nio.file.Path dir, byte[] stdin,
      long cap, Duration wall, boolean treeDiesWithMain) {
    return run(argv, env, dir, stdin, cap, wall, treeDiesWithMain, started -> { }, () -> { });
  }

  /**
   * Both of the above: no descendant scan after a normal exit, and {@code onTimeout} after a time-out (runsc exec,
   * which starts no host children of its own; what runs inside the sandbox is the backend's to kill).
   */
  public static Outcome run(List<String> argv, Map<String, String> env, java.nio.file.Path dir, byte[] stdin,
      long cap, Duration wall, boolean treeDiesWithMain, Runnable onTimeout) {
    return run(argv, env, dir, stdin, cap, wall, treeDiesWithMain, started -> { }, onTimeout);
  }

  /**
   * As {@link #run(List, Map, java.nio.file.Path, byte[], long, Duration)}, and hands the started process to
   * {@code onStart} (before waiting), so a backend can watch its tree while it runs (Seatbelt has no PID namespace:
   * children that re-parent away are found only by watching).
   */
  public static Outcome run(List<String> argv, Map<String, String> env, java.nio.file.Path dir, byte[] stdin,
      long cap, Duration wall, java.util.function.Consumer<ProcessHandle> onStart) {
    return run(argv, env, dir, stdin, cap, wall, false, onStart, () -> { });
  }

  /**
   * As {@link #run(List, Map, java.nio.file.Path, byte[], long, Duration, boolean)}, and hands the started process to
   * {@code onStart} before its streams are drained or its input fed (the bubblewrap egress bridge takes a socket from
   * the sandbox then, while the tool waits). {@code onStart} must not throw; if it kills the process, the outcome
   * reports what the process printed until then.
   */
  public static Outcome run(List<String> argv, Map<String, String> env, java.nio.file.Path dir, byte[] stdin,
      long cap, Duration wall, boolean treeDiesWithMain, java.util.function.Consumer<ProcessHandle> onStart) {
    return run(argv, env, dir, stdin, cap, wall, treeDiesWithMain, onStart, () -> { });
  }

  private static Outcome run(List<String> argv, Map<String, String> env, java.nio.file.Path dir, byte[] stdin,
      long cap, Duration wall, boolean treeDiesWithMain, java.util.function.Consumer<ProcessHandle> onStart,
      Runnable onTimeout) {
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().clear();
    pb.environment().putAll(env);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    if (stdin == null) {
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    }
    long start = System.nanoTime();
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + argv.get(0) + ": " + e.getMessage(), e);
    }
    onStart.accept(p.toHandle());
    return supervise(p, argv.get(0), start, stdin, cap, wall, treeDiesWithMain, onTimeout);
  }

  /**
   * Supervises a process that was started earlier with piped streams (a launcher prepared ahead of the call, that
   * waits for a signal on its standard input; the caller has just written it): feeds {@code stdin} and closes it
   * (closes it at once when null), caps capture, enforces {@code wall} from now, kills the tree as
   * {@link #run(List, Map, java.nio.file.Path, byte[], long, Duration, boolean)} does.
   *
   * @param started a process whose standard streams are pipes
   * @param name what to call it in errors
   */
  public static Outcome supervise(Process started, String name, byte[] stdin, long cap, Duration wall,
      boolean treeDiesWithMain) {
    long start = System.nanoTime();
    if (stdin == null) {
      try {
        started.getOutputStream().close();
      } catch (IOException ignored) {
        // it exited already; its status tells
      }
    }
    return supervise(started, name, start, stdin, cap, wall, treeDiesWithMain, () -> { });
  }

  private static Outcome supervise(Process p, String name, long start, byte[] stdin, long cap, Duration wall,
      boolean treeDiesWithMain, Runnable onTimeout) {
    Drain out = new Drain(p.getInputStream(), cap);
    Drain err = new Drain(p.getErrorStream(), cap);
    IO_THREADS.execute(out);
    IO_THREADS.execute(err);
    if (stdin != null) {
      IO_THREADS.execute(() -> feed(p.getOutputStream(), stdin));
    }
    boolean timedOut = false;
    int exit;
    try {
      if (!p.waitFor(wall.toNanos(), TimeUnit.NANOSECONDS)) {
        timedOut = true;
        killTree(p.toHandle());
        p.waitFor();
        onTimeout.run();
      }
      exit = p.exitValue();
      // The main process is gone: whatever it left behind dies now (backends also kill inside their own boundary).
      if (!treeDiesWithMain) {
        killTree(p.toHandle());
      }
      out.join(TimeUnit.SECONDS.toMillis(5));
      err.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      killTree(p.toHandle());
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + name, e);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    return new Outcome(timedOut ? TIMEOUT_EXIT : exit, out.bytes(), err.bytes(), out.dropped(), err.dropped(),
        timedOut, took);
  }

  /** Kills {@code root} and every descendant, children first so none is re-parented away. */
  public static void killTree(ProcessHandle root) {
    root.descendants().forEach(ProcessHandle::destroyForcibly);
    root.destroyForcibly();
  }

  private static void feed(OutputStream os, byte[] input) {
    try (os) {
      os.write(input);
    } catch (IOException ignored) {
      // the process closed its stdin early; that is its business
    }
  }

  /**
   * Threads that drain and feed the streams, kept between calls: starting two or three threads per call cost a
   * measurable part of a sandboxed {@code true} on a busy host. Daemon threads; idle ones end after a minute.
   */
  private static final java.util.concurrent.ExecutorService IO_THREADS = java.util.concurrent.Executors
      .newCachedThreadPool(r -> {
        Thread t = new Thread(r, "containment-process-io");
        t.setDaemon(true);
        return t;
      });

  /** Reads one stream to its end, keeping at most {@code cap} bytes. */
  private static final class Drain implements Runnable {
    private final InputStream in;
    private final long cap;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    private volatile long dropped;

    Drain(InputStream in, long cap) {
      this.in = in;
      this.cap = cap;
    }

    /** Waits up to {@code millis} for the end of the stream. */
    void join(long millis) throws InterruptedException {
      done.await(millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void run() {
      byte[] buf = new byte[16384];
      try (in) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          long room = cap - kept.size();
          int keep = (int) Math.max(0, Math.min(room, n));
          if (keep > 0) {
            kept.write(buf, 0, keep);
          }
          dropped += n - keep;
        }
      } catch (IOException ignored) {
        // the stream closed under us when the tree was killed
      } finally {
        done.countDown();
      }
    }

    byte[] bytes() {
      synchronized (kept) {
        return kept.toByteArray();
      }
    }

    long dropped() {
      return dropped;
    }
  }
}
