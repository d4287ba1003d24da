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
import dev.containment4j.isolation.bubblewrap.internal.BwrapCommandLine;
import dev.containment4j.isolation.bubblewrap.internal.BwrapProbe;
import dev.containment4j.isolation.bubblewrap.internal.Cgroups;
import dev.containment4j.isolation.bubblewrap.internal.Launcher;
import dev.containment4j.isolation.bubblewrap.internal.SeccompFilter;
import dev.containment4j.policy.Policy;
import java.io.IOException;
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
 * What the pipeline costs on top of bwrap. Four variants, run interleaved (A B C D A B C D ...) after a warm-up, each
 * timed from spawn to exit in this JVM:
 * <ol>
 *   <li>{@code true} with a bare {@link ProcessBuilder};
 *   <li>raw bwrap with the same flags and mounts the backend builds, without the seccomp descriptor (a JVM cannot
 *       hand a child one);
 *   <li>the same through the {@code /bin/sh} launcher with the seccomp program on fd 3 (what the backend starts,
 *       minus cgroups);
 *   <li>the same, the launcher joining a memory and a pids cgroup (pooled, as the backend does; only with a writable
 *       cgroup tree);
 *   <li>{@code Containment.run(ToolCall.command("true"))}: guard, backend (plan, cgroups, launcher, bwrap, cleanup),
 *       filter, audit; in the same workdir as 2 and 3, where the protected names exist (the empty files bwrap left
 *       there for variant 2), so no placeholder is created or removed;
 *   <li>the same in a workdir where no protected name exists, so every call has bwrap create a dozen placeholder
 *       files and the backend remove them (the price of "no placeholders left behind").
 * </ol>
 * Run: {@code java -cp examples/target/classes:$(cat cp.txt) dev.containment4j.examples.bench.BubblewrapBench [reps]}.
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
    Path bpf = Files.createFile(priv.resolve("seccomp.bpf"));
    SeccompFilter.compileTo(bpf);
    Map<String, String> env = new TreeMap<>(SandboxEnvironment.build(policy, System.getenv(), home));
    env.put("TMPDIR", "/tmp");
    FilesystemPlan plan = FilesystemPlan.resolve(policy, work, home);
    List<String> withSeccomp = BwrapCommandLine.builder(bwrap).plan(plan).environment(env).deniedFile(denied)
        .seccompFd(3).tmpSource(Optional.empty()).cwd(work).command(List.of("true")).build();
    List<String> raw = new ArrayList<>(withSeccomp);
    int at = raw.indexOf("--seccomp");
    raw.remove(at);
    raw.remove(at);
    List<String> launcher = Launcher.argv(bpf, List.of(), java.util.OptionalLong.empty(),
        java.util.OptionalInt.empty(), withSeccomp);

    Map<String, Callable<Integer>> variants = new LinkedHashMap<>();
    variants.put("bare true (ProcessBuilder)", () -> spawn(List.of("true")));
    // the launcher below is the real one without cgroups
    variants.put("raw bwrap, same flags (no seccomp)", () -> spawn(raw));
    variants.put("sh launcher + bwrap + seccomp", () -> spawn(launcher));
    Optional<Cgroups> cgroups = Cgroups.detect(Path.of("/sys/fs/cgroup"));
    cgroups.ifPresent(cg -> variants.put("  + joining memory and pids cgroups", () -> {
      Cgroups.CallCgroup call = cg.acquire(i.limits().memoryMb() << 20, i.limits().pids());
      try {
        return spawn(Launcher.argv(bpf, call.procsFiles(), java.util.OptionalLong.empty(),
            java.util.OptionalInt.empty(), withSeccomp));
      } finally {
        cg.release(call);
      }
    }));
    try (Containment c = Containment.with(policy).withWorkdir(work)
        .withGuard((call, ctx) -> Verdict.allow(Layer.GUARD, "", "", "bench"))
        .withFilter((text, ctx) -> FilterResult.pass(text));
        Containment f = Containment.with(policy).withWorkdir(fresh)
            .withGuard((call, ctx) -> Verdict.allow(Layer.GUARD, "", "", "bench"))
            .withFilter((text, ctx) -> FilterResult.pass(text))) {
      variants.put("Containment.run(command true)", () -> {
        ToolResult r = c.run(ToolCall.command("true"));
        return r.exitCode().orElse(-1);
      });
      variants.put("Containment.run, placeholder churn", () -> {
        ToolResult r = f.run(ToolCall.command("true"));
        return r.exitCode().orElse(-1);
      });
      Map<String, long[]> times = new LinkedHashMap<>();
      variants.keySet().forEach(k -> times.put(k, new long[reps]));
      for (int w = 0; w < warmup; w++) {
        for (Callable<Integer> v : variants.values()) {
          check(v.call());
        }
      }
      for (int r = 0; r < reps; r++) {
        for (Map.Entry<String, Callable<Integer>> v : variants.entrySet()) {
          long t0 = System.nanoTime();
          check(v.getValue().call());
          times.get(v.getKey())[r] = System.nanoTime() - t0;
        }
      }
      double bare = median(times.get("bare true (ProcessBuilder)"));
      double rawBwrap = median(times.get("raw bwrap, same flags (no seccomp)"));
      System.out.printf("BubblewrapBench: %d interleaved reps after %d warm-up rounds; load average %s%n", reps,
          warmup, Files.readString(Path.of("/proc/loadavg")).strip());
      System.out.printf("%-38s %9s %9s %9s %8s %8s%n", "variant", "median", "p10", "p90", "x bare", "x bwrap");
      for (Map.Entry<String, long[]> e : times.entrySet()) {
        double m = median(e.getValue());
        System.out.printf("%-38s %7.2f ms %7.2f ms %7.2f ms %7.2fx %7.2fx%n", e.getKey(), m / 1e6,
            pct(e.getValue(), 10) / 1e6, pct(e.getValue(), 90) / 1e6, m / bare, m / rawBwrap);
      }
      double pipeline = median(times.get("Containment.run(command true)"));
      System.out.printf("pipeline overhead over raw bwrap: %.2f ms (target <= 3 ms)%n", (pipeline - rawBwrap) / 1e6);
    } finally {
      cgroups.ifPresent(Cgroups::close);
      deleteQuietly(priv);
      deleteQuietly(work);
      deleteQuietly(fresh);
      Files.deleteIfExists(quiet);
    }
  }

  private static int spawn(List<String> argv) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().clear();
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
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
