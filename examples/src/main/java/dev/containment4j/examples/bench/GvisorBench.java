/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples.bench;

import dev.containment4j.ExecResult;
import dev.containment4j.internal.SandboxEnvironment;
import dev.containment4j.isolation.gvisor.GvisorBackendProvider;
import dev.containment4j.isolation.gvisor.internal.ExecHelper;
import dev.containment4j.isolation.gvisor.internal.GvisorBackend;
import dev.containment4j.isolation.gvisor.internal.OciConfig;
import dev.containment4j.isolation.gvisor.internal.ProcessSpec;
import dev.containment4j.isolation.gvisor.internal.Reaper;
import dev.containment4j.isolation.gvisor.internal.RunscSandbox;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.ExecRequest;
import dev.containment4j.spi.IsolationSession;
import dev.containment4j.spi.IsolationSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * gVisor timings, ours against raw runsc in the same run (medians of N runs after one warm-up):
 * raw {@code runsc --network=none do true}, raw {@code runsc exec} into a running sandbox, our cold one-shot, our
 * session call, a session's first call served from the warm pool, and the memory of an idle pooled sandbox.
 *
 * <pre>
 * mvn -q -Dmaven.repo.local=... -pl examples -am package -DskipTests
 * java -cp "examples/target/classes:examples/target/cli/lib/*" dev.containment4j.examples.bench.GvisorBench [N]
 * </pre>
 */
public final class GvisorBench {
  private GvisorBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    Path base = Files.createTempDirectory(Path.of(System.getProperty("user.dir")), "gvisor-bench");
    Path work = Files.createDirectories(base.resolve("work"));
    Path state = Files.createDirectories(base.resolve("state"));
    String runsc = dev.containment4j.isolation.gvisor.internal.GvisorProbe.resolve("runsc").orElseThrow().toString();
    ExecRequest trueCall = ExecRequest.of(List.of("/bin/true"), work);

    Path doRoot = Files.createDirectories(base.resolve("do-root"));
    double rawDo = median(n, () -> time(List.of(runsc, "--root=" + doRoot, "--network=none", "do", "/bin/true")));

    // The exec-path figures are taken interleaved (one sample of each per round, same sandbox load), so their ratios
    // compare like with like on a shared, noisy machine.
    double rawExec;
    double rawWrapped;
    double rawProcessJson;
    double session;
    double cold;
    try (GvisorBackend b = open(work, state, 0)) {
      RunscSandbox s = b.startSandbox();
      List<String> exec = b.runsc().args().execArgv(s.id(), List.of("/bin/true"));
      // the same exec through our per-call helper (seccomp filter, kill what the call left behind): the share of the
      // cost that is ours by design rather than overhead of the Java side
      List<String> wrapped = b.runsc().args().execArgv(s.id(), ExecHelper.wrap(List.of("/bin/true")));
      // ... and as our session call passes it: a --process JSON with the policy's environment, cwd and rlimits
      Path json = base.resolve("call.json");
      Files.writeString(json, OciConfig.renderProcess(new ProcessSpec(ExecHelper.wrap(List.of("/bin/true")),
          Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", System.getProperty("user.home"), "LANG", "C.UTF-8",
              "TMPDIR", "/tmp"), work.toString(), List.of(new ProcessSpec.Rlimit("RLIMIT_NPROC", 256),
              new ProcessSpec.Rlimit("RLIMIT_NOFILE", 4096), new ProcessSpec.Rlimit("RLIMIT_CORE", 0)))));
      List<String> viaJson = b.runsc().args().exec(json, s.id());
      try (IsolationSession sess = b.openSession()) {
        double[] m = interleaved(n, () -> time(exec), () -> time(wrapped), () -> time(viaJson),
            () -> timed(() -> sess.exec(trueCall)));
        rawExec = m[0];
        rawWrapped = m[1];
        rawProcessJson = m[2];
        session = m[3];
      }
      s.destroy();
      cold = median(n, () -> timed(() -> b.exec(trueCall)));
    }
    double warmFirst;
    try (GvisorBackend b = open(work, state, 1)) {
      warmFirst = median(n, () -> {
        b.awaitWarm(Duration.ofSeconds(30));
        long t0 = System.nanoTime();
        IsolationSession sess = b.openSession();
        sess.exec(trueCall);
        double ms = (System.nanoTime() - t0) / 1e6;
        sess.close();
        return ms;
      });
    }
    int idle = 8;
    long availBefore = memAvailableKb();
    double pssPer;
    long availPer;
    try (GvisorBackend b = open(work, state, idle)) {
      b.awaitWarm(Duration.ofSeconds(60));
      Thread.sleep(1000);
      availPer = (availBefore - memAvailableKb()) / idle;
      long pss = 0;
      for (ProcessHandle h : Reaper.processesWith("--root=" + b.instanceDir().stateRoot())) {
        pss += pssKb(h.pid());
      }
      pssPer = pss / (double) idle;
    }
    Reaper.deleteTree(base);

    System.out.printf("gVisor benchmark, %d runs each (medians), runsc %s%n", n, runsc);
    System.out.println("| measurement | median ms | ratio |");
    System.out.println("|---|---|---|");
    System.out.printf("| raw `runsc --network=none do true` | %.1f | |%n", rawDo);
    System.out.printf("| raw `runsc exec` into a running sandbox | %.1f | 1.00 (exec baseline) |%n", rawExec);
    System.out.printf("| raw `runsc exec` of `%s --kill-all /bin/true` (our helper) | %.1f | %.2fx raw exec |%n",
        ExecHelper.IN_SANDBOX, rawWrapped, rawWrapped / rawExec);
    System.out.printf("| raw `runsc exec --process call.json` (the helper, our environment, cwd, rlimits) | %.1f |"
        + " %.2fx raw exec |%n", rawProcessJson, rawProcessJson / rawExec);
    System.out.printf("| ours: one-shot, cold (`runsc run`, pool 0) | %.1f | %.2fx raw `do` |%n", cold, cold / rawDo);
    System.out.printf("| ours: session call | %.1f | %.2fx raw exec (target <= 1.3) |%n", session,
        session / rawExec);
    System.out.printf("| ours: first call of a session from the warm pool | %.1f | %.2fx cold one-shot (target <= 0.3)"
        + " |%n", warmFirst, warmFirst / cold);
    System.out.printf("| idle pooled sandbox memory (%d idle) | %d KiB MemAvailable drop, %.0f KiB PSS | per sandbox"
        + " |%n", idle, availPer, pssPer);
  }

  private static GvisorBackend open(Path work, Path state, int pool) {
    Policy d = Policy.defaults();
    Policy.Isolation i = d.isolation();
    Policy p = new Policy(d.source(), new Policy.Isolation(Policy.Backend.GVISOR, i.filesystem(), i.limits(),
        i.env(), Map.of("gvisor", Map.of("poolSize", Integer.toString(pool), "stateDir", state.toString()))),
        d.network(), d.guard(), d.content(), d.trust(), d.audit());
    Path home = Path.of(System.getProperty("user.home"));
    IsolationSpec spec = new IsolationSpec(p, work, home, SandboxEnvironment.build(p, System.getenv(), home),
        e -> { });
    return (GvisorBackend) new GvisorBackendProvider().open(spec);
  }

  static double timed(Supplier<ExecResult> call) {
    long t0 = System.nanoTime();
    ExecResult r = call.get();
    double ms = (System.nanoTime() - t0) / 1e6;
    if (r.exitCode() != 0) {
      throw new IllegalStateException("call failed: " + r.stderr());
    }
    return ms;
  }

  /** Runs a raw command with piped output (as our backend does) and returns its wall time. */
  static double time(List<String> argv) {
    try {
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectErrorStream(true).start();
      try (InputStream in = p.getInputStream()) {
        in.transferTo(java.io.OutputStream.nullOutputStream());
      }
      int exit = p.waitFor();
      double ms = (System.nanoTime() - t0) / 1e6;
      if (exit != 0) {
        throw new IllegalStateException(argv + " exited " + exit);
      }
      return ms;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  interface Sample {
    double ms() throws Exception;
  }

  /** One warm-up round, then n rounds of one sample each; the medians, in the order given. */
  static double[] interleaved(int n, Sample... samples) throws Exception {
    List<List<Double>> all = new ArrayList<>();
    for (Sample s : samples) {
      s.ms();
      all.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < samples.length; k++) {
        all.get(k).add(samples[k].ms());
      }
    }
    double[] medians = new double[samples.length];
    for (int k = 0; k < samples.length; k++) {
      medians[k] = medianOf(all.get(k));
    }
    return medians;
  }

  private static double medianOf(List<Double> all) {
    Collections.sort(all);
    int n = all.size();
    return n % 2 == 1 ? all.get(n / 2) : (all.get(n / 2 - 1) + all.get(n / 2)) / 2;
  }

  private static double median(int n, Sample s) throws Exception {
    s.ms(); // warm-up
    List<Double> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(s.ms());
    }
    Collections.sort(all);
    return n % 2 == 1 ? all.get(n / 2) : (all.get(n / 2 - 1) + all.get(n / 2)) / 2;
  }

  private static long memAvailableKb() throws IOException {
    for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
      if (l.startsWith("MemAvailable:")) {
        return Long.parseLong(l.replaceAll("[^0-9]", ""));
      }
    }
    return 0;
  }

  private static long pssKb(long pid) {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/smaps_rollup"))) {
        if (l.startsWith("Pss:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException e) {
      // exited
    }
    return 0;
  }
}
