/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples.bench;

import dev.containment4j.Containment;
import dev.containment4j.Layer;
import dev.containment4j.ToolCall;
import dev.containment4j.ToolResult;
import dev.containment4j.Verdict;
import dev.containment4j.guard.FilterResult;
import dev.containment4j.internal.SandboxEnvironment;
import dev.containment4j.internal.fs.FilesystemPlan;
import dev.containment4j.internal.fs.HostIdentity;
import dev.containment4j.isolation.bubblewrap.internal.BubblewrapBackend;
import dev.containment4j.isolation.bubblewrap.internal.BwrapCommandLine;
import dev.containment4j.isolation.bubblewrap.internal.BwrapProbe;
import dev.containment4j.isolation.bubblewrap.internal.Cgroups;
import dev.containment4j.isolation.bubblewrap.internal.Launcher;
import dev.containment4j.isolation.bubblewrap.internal.SeccompFilter;
import dev.containment4j.policy.Policy;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * What the pipeline costs on top of bwrap. Variants run interleaved (A B C ... A B C ...) after a warm-up, each timed
 * from spawn to exit in this JVM:
 * <ol>
 *   <li>{@code true} with a bare {@link ProcessBuilder};
 *   <li>raw bwrap with the same flags and mounts the backend builds, without seccomp;
 *   <li>the same with the backend's seccomp program, handed to {@code bwrap --seccomp 0} as standard input (a JVM
 *       cannot give a child descriptor 3; the backend's launcher does that): the fair peer of the pipeline, which
 *       always installs the filter;
 *   <li>the same through the {@code /bin/sh} launcher with the seccomp program on fd 3 (what the backend starts without
 *       a prepared launcher, minus cgroups);
 *   <li>the same, the launcher joining a memory and a pids cgroup (pooled, as the backend does; only with a writable
 *       cgroup tree);
 *   <li>{@code Containment.run(ToolCall.command("true"))} with an allow-all guard and a pass-through filter: backend
 *       (plan, cgroups, prepared launcher, bwrap, cleanup) and pipeline; in the same workdir as the raw variants, where
 *       the protected names exist (the empty files bwrap left there), so no placeholder is created or removed;
 *   <li>the same in a workdir where no protected name exists, so every call has bwrap create a dozen placeholder
 *       files and the backend remove them (the price of "no placeholders left behind");
 *   <li>raw bwrap running {@code /bin/bash -c true}, with and without seccomp;
 *   <li>{@code Containment.run(ToolCall.bash("true"))} with the policy's own guard and content filter: the whole
 *       pipeline as an agent host uses it.
 * </ol>
 * Besides wall time it reports the calling thread's CPU time per call (median), and, in a second phase of consecutive
 * blocks per variant, the CPU time per call of this JVM (all threads) and of its children (bwrap, launchers), so that
 * the comparison holds on a loaded machine. It ends with the two headline comparisons: pipeline minus raw bwrap
 * (medians, same run) and their ratio.
 * Run: {@code java -cp "examples/target/classes:examples/target/cli/lib/*"
 * dev.containment4j.examples.bench.BubblewrapBench [reps]}.
 */
public final class BubblewrapBench {

  private BubblewrapBench() {}

  public static void main(String[] args) throws Exception {
    Path quiet = Files.createTempFile("bench-logback", ".xml");
    Files.writeString(quiet, "<configuration><root level=\"WARN\"/></configuration>");
    System.setProperty("logback.configurationFile", quiet.toString());
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int warmup = Math.max(20, reps / 10);

    Path bwrap = BwrapProbe.findOnPath(System.getenv("PATH")).orElseThrow(() -> new IllegalStateException(
        "bwrap not on PATH"));
    Path work = Files.createTempDirectory(Path.of(System.getProperty("user.dir")), "bench-work").toRealPath();
    Path fresh = Files.createTempDirectory(Path.of(System.getProperty("user.dir")), "bench-fresh").toRealPath();
    Path home = Path.of(System.getProperty("user.home"));
    Policy d = Policy.defaults();
    Policy.Isolation i = d.isolation();
    Policy policy = new Policy("bench", new Policy.Isolation(Policy.Backend.BUBBLEWRAP, i.filesystem(), i.limits(),
        i.env(), i.backends()), d.network(), d.guard(), d.content(), d.trust(), d.audit());

    Path priv = Files.createTempDirectory("bench-bwrap");
    Path denied = Files.createFile(priv.resolve("denied"));
    // the proc masks and the generated identity files, bound as the backend binds them (session 19)
    HostIdentity.write(priv);
    List<HostIdentity.Replacement> identity = BubblewrapBackend.identityOf(denied);
    Path bpf = Files.createFile(priv.resolve("seccomp.bpf"));
    SeccompFilter.compileTo(bpf);
    Map<String, String> env = new TreeMap<>(SandboxEnvironment.build(policy, System.getenv(), home));
    env.put("TMPDIR", "/tmp");
    FilesystemPlan plan = FilesystemPlan.resolve(policy, work, home);
    BwrapCommandLine.Invocation trueCall = BwrapCommandLine.builder(bwrap).plan(plan).environment(env)
        .deniedFile(denied).procMasks(BwrapCommandLine.hostProcMasks()).identity(identity).seccompFd(3).tmpSource(Optional.empty()).cwd(work).command(List.of("true")).build();
    List<String> withSeccomp = trueCall.argv();
    // the launcher hands bwrap its options on a descriptor, as the backend does
    Path options = Files.write(priv.resolve("launch.opts"), BwrapCommandLine.nulTerminated(trueCall.options()));
    List<String> launchedTrue = trueCall.viaArgsFd(Launcher.ARGS_FD);
    List<String> raw = withoutSeccomp(withSeccomp);
    List<String> rawSeccomp = onStdin(withSeccomp);
    List<String> bashSeccomp = BwrapCommandLine.builder(bwrap).plan(plan).environment(env).deniedFile(denied)
        .procMasks(BwrapCommandLine.hostProcMasks()).identity(identity)
        .seccompFd(3).tmpSource(Optional.empty()).cwd(work).command(List.of("/bin/bash", "-c", "true")).build()
        .argv();
    List<String> rawBash = withoutSeccomp(bashSeccomp);
    List<String> rawBashSeccomp = onStdin(bashSeccomp);
    List<String> launcher = Launcher.argv(bpf, options, List.of(), java.util.OptionalLong.empty(),
        java.util.OptionalInt.empty(), launchedTrue);

    Map<String, Callable<Integer>> variants = new LinkedHashMap<>();
    variants.put(BARE, () -> spawn(List.of("true"), null));
    variants.put(RAW, () -> spawn(raw, null));
    variants.put(RAW_SECCOMP, () -> spawn(rawSeccomp, bpf));
    variants.put("sh launcher + bwrap + seccomp", () -> spawn(launcher, null));
    Optional<Cgroups> cgroups = Cgroups.detect(Path.of("/sys/fs/cgroup"));
    cgroups.ifPresent(cg -> variants.put("  + joining memory and pids cgroups", () -> {
      Cgroups.CallCgroup call = cg.acquire(i.limits().memoryMb() << 20, i.limits().pids());
      try {
        return spawn(Launcher.argv(bpf, options, call.procsFiles(), java.util.OptionalLong.empty(),
            java.util.OptionalInt.empty(), launchedTrue), null);
      } finally {
        cg.release(call);
      }
    }));
    try (Containment c = Containment.with(policy).withWorkdir(work)
        .withGuard((call, ctx) -> Verdict.allow(Layer.GUARD, "", "", "bench"))
        .withFilter((text, ctx) -> FilterResult.pass(text));
        Containment f = Containment.with(policy).withWorkdir(fresh)
            .withGuard((call, ctx) -> Verdict.allow(Layer.GUARD, "", "", "bench"))
            .withFilter((text, ctx) -> FilterResult.pass(text));
        Containment whole = Containment.with(policy).withWorkdir(work)) {
      variants.put(PIPELINE, () -> {
        ToolResult r = c.run(ToolCall.command("true"));
        return r.exitCode().orElse(-1);
      });
      variants.put("Containment.run, placeholder churn", () -> {
        ToolResult r = f.run(ToolCall.command("true"));
        return r.exitCode().orElse(-1);
      });
      variants.put(RAW_BASH, () -> spawn(rawBash, null));
      variants.put(RAW_BASH_SECCOMP, () -> spawn(rawBashSeccomp, bpf));
      variants.put(WHOLE, () -> {
        ToolResult r = whole.run(ToolCall.bash("true"));
        return r.exitCode().orElse(-1);
      });
      Map<String, long[]> times = new LinkedHashMap<>();
      Map<String, long[]> cpu = new LinkedHashMap<>();
      variants.keySet().forEach(k -> {
        times.put(k, new long[reps]);
        cpu.put(k, new long[reps]);
      });
      for (int w = 0; w < warmup; w++) {
        for (Callable<Integer> v : variants.values()) {
          check(v.call());
        }
      }
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      for (int r = 0; r < reps; r++) {
        for (Map.Entry<String, Callable<Integer>> v : variants.entrySet()) {
          long c0 = threads.getCurrentThreadCpuTime();
          long t0 = System.nanoTime();
          check(v.getValue().call());
          times.get(v.getKey())[r] = System.nanoTime() - t0;
          cpu.get(v.getKey())[r] = threads.getCurrentThreadCpuTime() - c0;
        }
      }
      String loadAfterWall = Files.readString(Path.of("/proc/loadavg")).strip();
      // CPU per call in consecutive blocks: work a variant leaves to other threads (the next launcher) is counted
      // with it, not with whichever variant runs next
      int block = Math.max(20, reps / 2);
      Map<String, double[]> blockCpu = new LinkedHashMap<>();
      for (Map.Entry<String, Callable<Integer>> v : variants.entrySet()) {
        long jvm0 = processCpu();
        long kids0 = childrenCpu();
        for (int k = 0; k < block; k++) {
          check(v.getValue().call());
        }
        blockCpu.put(v.getKey(), new double[] {(processCpu() - jvm0) / (double) block,
            (childrenCpu() - kids0) / (double) block});
      }
      double bare = median(times.get(BARE));
      double rawBwrap = median(times.get(RAW));
      System.out.printf("BubblewrapBench: %d interleaved reps after %d warm-up rounds, then blocks of %d for CPU;"
          + " load average %s (after the timed reps: %s)%n", reps, warmup, block,
          Files.readString(Path.of("/proc/loadavg")).strip(), loadAfterWall);
      System.out.printf("%-48s %9s %9s %9s %7s %7s | %10s | %9s %9s%n", "variant", "median", "p10", "p90", "x bare",
          "x raw", "thread CPU", "JVM CPU", "child CPU");
      for (Map.Entry<String, long[]> e : times.entrySet()) {
        double m = median(e.getValue());
        double[] b = blockCpu.get(e.getKey());
        System.out.printf("%-48s %6.2f ms %6.2f ms %6.2f ms %6.2fx %6.2fx | %7.3f ms | %6.2f ms %6.2f ms%n",
            e.getKey(), m / 1e6, pct(e.getValue(), 10) / 1e6, pct(e.getValue(), 90) / 1e6, m / bare, m / rawBwrap,
            median(cpu.get(e.getKey())) / 1e6, b[0] / 1e6, b[1] / 1e6);
      }
      System.out.println("(thread CPU: median CPU time of the calling thread per call; JVM and child CPU: per call,"
          + " averaged over a block of consecutive calls, all threads of this JVM / its reaped children)");
      headline("command true", times, blockCpu, PIPELINE, RAW, RAW_SECCOMP);
      headline("bash -c true, default guard + filter", times, blockCpu, WHOLE, RAW_BASH, RAW_BASH_SECCOMP);
    } finally {
      cgroups.ifPresent(Cgroups::close);
      deleteQuietly(priv);
      deleteQuietly(work);
      deleteQuietly(fresh);
      Files.deleteIfExists(quiet);
    }
  }

  private static final String BARE = "bare true (ProcessBuilder)";
  private static final String RAW = "raw bwrap, same flags (no seccomp)";
  private static final String RAW_SECCOMP = "raw bwrap + seccomp (--seccomp 0)";
  private static final String PIPELINE = "Containment.run(command true)";
  private static final String RAW_BASH = "raw bwrap bash -c true (no seccomp)";
  private static final String RAW_BASH_SECCOMP = "raw bwrap bash -c true + seccomp";
  private static final String WHOLE = "Containment.run(bash true), default guard+filter";

  /** The lines the lead compares across runs: median raw, median pipeline, their difference and ratio. */
  private static void headline(String what, Map<String, long[]> times, Map<String, double[]> blockCpu,
      String pipeline, String raw, String rawSeccomp) {
    double p = median(times.get(pipeline));
    double r = median(times.get(raw));
    double rs = median(times.get(rawSeccomp));
    double jvmOver = (blockCpu.get(pipeline)[0] - blockCpu.get(rawSeccomp)[0]) / 1e6;
    System.out.printf("%s: median raw bwrap %.2f ms, median pipeline %.2f ms, difference %+.2f ms, ratio %.2f"
        + " (target: difference <= 3 ms)%n", what, r / 1e6, p / 1e6, (p - r) / 1e6, p / r);
    System.out.printf("%s: against raw bwrap with the same seccomp filter %.2f ms: difference %+.2f ms, ratio %.2f;"
        + " JVM CPU per call %+.2f ms over it%n", what, rs / 1e6, (p - rs) / 1e6, p / rs, jvmOver);
  }

  private static List<String> withoutSeccomp(List<String> argv) {
    List<String> out = new ArrayList<>(argv);
    int at = out.indexOf("--seccomp");
    out.remove(at);
    out.remove(at);
    return out;
  }

  /** The same list reading the seccomp program from standard input (descriptor 0). */
  private static List<String> onStdin(List<String> argv) {
    List<String> out = new ArrayList<>(argv);
    out.set(out.indexOf("--seccomp") + 1, "0");
    return out;
  }

  /** CPU time (user + system, ns) of this JVM, all threads ({@code getrusage}: the MXBean's value moves in ticks). */
  private static long processCpu() {
    return rusage(0 /* RUSAGE_SELF */);
  }

  /** CPU time (user + system, ns) of this process's terminated and waited-for children. */
  private static long childrenCpu() {
    return rusage(-1 /* RUSAGE_CHILDREN */);
  }

  private static long rusage(int who) {
    Rusage r = new Rusage();
    if (CLib.INSTANCE.getrusage(who, r) != 0) {
      throw new IllegalStateException("getrusage failed");
    }
    return (r.utimeSec + r.stimeSec) * 1_000_000_000L + (r.utimeUsec + r.stimeUsec) * 1_000L;
  }

  /** {@code getrusage(2)}. */
  interface CLib extends com.sun.jna.Library {
    CLib INSTANCE = com.sun.jna.Native.load("c", CLib.class);

    int getrusage(int who, Rusage usage);
  }

  /** {@code struct rusage} (64-bit Linux): two timevals, then fourteen longs. */
  @com.sun.jna.Structure.FieldOrder({"utimeSec", "utimeUsec", "stimeSec", "stimeUsec", "rest"})
  public static final class Rusage extends com.sun.jna.Structure {
    public long utimeSec;
    public long utimeUsec;
    public long stimeSec;
    public long stimeUsec;
    public long[] rest = new long[14];
  }

  private static int spawn(List<String> argv, Path stdin) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().clear();
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.redirectInput(ProcessBuilder.Redirect.from(stdin == null ? new java.io.File("/dev/null") : stdin.toFile()));
    return pb.start().waitFor();
  }

  private static void check(int exit) {
    if (exit != 0) {
      throw new IllegalStateException("a variant exited " + exit);
    }
  }

  private static double median(long[] values) {
    return pct(values, 50);
  }

  private static double pct(long[] values, int p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.round((sorted.length - 1) * p / 100.0))];
  }

  private static void deleteQuietly(Path root) throws IOException {
    try (var walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
