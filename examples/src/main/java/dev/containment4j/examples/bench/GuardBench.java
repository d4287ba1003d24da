/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containment4j.ToolCall;
import dev.containment4j.guard.GuardContext;
import dev.containment4j.guard.ModelGuard;
import dev.containment4j.internal.guard.PolicyGuard;
import dev.containment4j.internal.guard.ToolCallJson;
import dev.containment4j.internal.shell.ShellEnv;
import dev.containment4j.internal.shell.ShellParser;
import dev.containment4j.policy.Policy;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Decisions per second and latency of the model guard (default policy: rules + classifier) on one thread, over the
 * labelled corpus. The peer in the same run is the shell parser alone on the same calls, so the ratio shows what
 * the classifier adds. Throughput and latency are measured in thread CPU time (so a loaded machine does not count
 * time the thread was not running) and, for comparison, in wall-clock time; each phase lasts the given seconds of
 * the thread's CPU time.
 *
 * <p>With {@code --existing-workspace}, the corpus is rebased onto a home and project created on disk from
 * {@code workspace-tree.txt} (next to the corpus), under {@code target/guard-bench-tree} (not under /tmp, which the
 * classifier treats as scratch space), so that every path a call names resolves through real directories, files and
 * links, as on an agent's host.
 *
 * <pre>
 * java -cp ... dev.containment4j.examples.bench.GuardBench [corpus.jsonl] [seconds] [--existing-workspace]
 * </pre>
 */
public final class GuardBench {
  private GuardBench() {}

  record Case(ToolCall call, GuardContext ctx) {}

  public static void main(String[] args) throws Exception {
    List<String> positional = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
    boolean existing = Arrays.asList(args).contains("--existing-workspace");
    Path corpus = Path.of(!positional.isEmpty() ? positional.get(0)
        : "core/src/test/resources/guard-corpus/corpus.jsonl");
    double seconds = positional.size() > 1 ? Double.parseDouble(positional.get(1)) : 10;
    String root = "";
    if (existing) {
      Path dir = Path.of("target/guard-bench-tree").toAbsolutePath();
      createTree(dir, corpus.resolveSibling("workspace-tree.txt"));
      root = dir.toRealPath().toString();
    }
    ObjectMapper m = new ObjectMapper();
    List<Case> cases = new ArrayList<>();
    for (String line : Files.readAllLines(corpus)) {
      if (line.isBlank()) {
        continue;
      }
      ToolCallJson.Parsed p = ToolCallJson.parse(m.readTree(line.replace("/home/dev", root + "/home/dev")),
          Path.of(root + "/home/dev/proj"));
      cases.add(new Case(p.call(), new GuardContext(p.workspace(), p.cwd(), Path.of(root + "/home/dev"), false, 0,
          0)));
    }
    ModelGuard guard = PolicyGuard.of(Policy.defaults());
    System.out.printf(Locale.ROOT, "corpus: %d calls, %s, workspace %s%n", cases.size(), corpus,
        existing ? "exists on disk under " + root : "/home/dev/proj (does not exist)");
    run("warm-up guard", cases, guard, seconds / 2, false);
    Result g = throughput("guard (rules + classifier)", cases, guard, seconds);
    run("guard (rules + classifier)", cases, guard, seconds / 2, true);
    run("warm-up parser", cases, null, seconds / 4, false);
    Result p = throughput("shell parser only (peer)", cases, null, seconds / 2);
    run("shell parser only (peer)", cases, null, seconds / 4, true);
    System.out.printf(Locale.ROOT, "guard/parser time ratio: %.2f%n", p.perSecond / g.perSecond);
  }

  /**
   * Creates the home and project listed in {@code tree} under {@code root} (replacing what was there): one entry a
   * line, a name ending in / a directory, "name -&gt; target" a symbolic link, anything else an empty file.
   */
  static void createTree(Path root, Path tree) throws IOException {
    if (Files.exists(root)) {
      try (var walk = Files.walk(root)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    for (String entry : Files.readAllLines(tree)) {
      if (entry.isBlank() || entry.startsWith("#")) {
        continue;
      }
      int arrow = entry.indexOf(" -> ");
      Path p = root.resolve(arrow < 0 ? entry : entry.substring(0, arrow));
      Files.createDirectories(p.getParent());
      if (arrow >= 0) {
        Files.createSymbolicLink(p, Path.of(entry.substring(arrow + 4)));
      } else if (entry.endsWith("/")) {
        Files.createDirectories(p);
      } else {
        Files.createFile(p);
      }
    }
  }

  /**
   * Decisions per CPU second over whole passes of the corpus, with no timer calls per decision. Every phase runs
   * for {@code seconds} of this thread's CPU time, not of wall time: on a loaded machine a wall-clock warm-up left
   * the JIT cold (at a load of 30 the thread got 4% of a core, two passes of the corpus).
   */
  private static Result throughput(String name, List<Case> cases, ModelGuard guard, double seconds) {
    long n = 0;
    long sink = 0;
    long start = System.nanoTime();
    long cpuStart = MX.getCurrentThreadCpuTime();
    long end = cpuStart + (long) (seconds * 1e9);
    while (MX.getCurrentThreadCpuTime() < end) {
      for (Case c : cases) {
        if (guard != null) {
          sink += guard.review(c.call(), c.ctx()).decision().length();
          n++;
        } else if (c.call().kind() == ToolCall.Kind.BASH) {
          sink += ShellParser.parse(c.call().command().orElse(""), ShellEnv.of(Path.of("/home/dev"),
              c.ctx().cwd())).commands().size();
          n++;
        }
      }
    }
    double cpu = (MX.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    double wall = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "%-28s throughput: %,10.0f decisions/s CPU, %,10.0f /s wall (CPU share %.0f%%,"
        + " n=%d, sink=%d)%n", name, n / cpu, n / wall, 100 * cpu / wall, n, sink % 10);
    return new Result(n / cpu);
  }

  record Result(double perSecond) {}

  private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

  private static Result run(String name, List<Case> cases, ModelGuard guard, double seconds, boolean print) {
    long[] lat = new long[4_000_000];
    long[] cpu = new long[4_000_000];
    int n = 0;
    long sink = 0;
    long start = System.nanoTime();
    long cpuStart = MX.getCurrentThreadCpuTime();
    long end = cpuStart + (long) (seconds * 1e9);
    outer:
    while (true) {
      for (Case c : cases) {
        if (guard == null && c.call().kind() != ToolCall.Kind.BASH) {
          continue;
        }
        long c0 = MX.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        if (guard != null) {
          sink += guard.review(c.call(), c.ctx()).decision().length();
        } else {
          sink += ShellParser.parse(c.call().command().orElse(""), ShellEnv.of(Path.of("/home/dev"),
              c.ctx().cwd())).commands().size();
        }
        long t1 = System.nanoTime();
        long c1 = MX.getCurrentThreadCpuTime();
        if (n < lat.length) {
          lat[n] = t1 - t0;
          cpu[n] = c1 - c0;
        }
        n++;
        if (c1 > end) {
          break outer;
        }
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    double cpuElapsed = (MX.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    double perCpuSecond = n / cpuElapsed;
    if (print) {
      long[] s = Arrays.copyOf(lat, Math.min(n, lat.length));
      long[] c = Arrays.copyOf(cpu, Math.min(n, cpu.length));
      Arrays.sort(s);
      Arrays.sort(c);
      System.out.printf(Locale.ROOT, "%-28s CPU:  %,10.0f decisions/s  p50 %6.1f us  p99 %6.1f us  p99.9 %7.1f us"
          + "  (n=%d, sink=%d)%n", name, perCpuSecond, c[c.length / 2] / 1e3, c[(int) (c.length * 0.99)] / 1e3,
          c[(int) (c.length * 0.999)] / 1e3, n, sink % 10);
      System.out.printf(Locale.ROOT, "%-28s wall: %,10.0f decisions/s  p50 %6.1f us  p99 %6.1f us  p99.9 %7.1f us"
          + "  (CPU share of wall time %.0f%%)%n", "", n / elapsed, s[s.length / 2] / 1e3,
          s[(int) (s.length * 0.99)] / 1e3, s[(int) (s.length * 0.999)] / 1e3, 100 * cpuElapsed / elapsed);
    }
    return new Result(perCpuSecond);
  }
}
