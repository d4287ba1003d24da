/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples.bench;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Two builds of the model guard in one JVM, each in its own class loader with its own guard, taking turns of thread
 * CPU time on the same corpus: the machine's load falls on both alike, so their ratio holds where single runs on a
 * loaded machine move by ±30 %. Per build: decisions per CPU second over whole passes (no timer per decision),
 * bytes allocated per decision, and p50/p99 of per-decision CPU time (separate alternating passes with a timer per
 * call). Decisions of both builds are compared call by call first, so a speed-up that changes an answer shows.
 *
 * <pre>
 * java -cp "examples/target/classes:examples/target/cli/lib/*" dev.containment4j.examples.bench.GuardAbBench \
 *   --a /tmp/main-core-classes --b core/target/classes /tmp/corpus1410.jsonl [--rounds 10] [--warm-up 6] \
 *   [--turn 1.0] [--existing-workspace]
 * # system calls per decision: N whole passes of one build, nothing else (run under strace -c -f)
 * java ... GuardAbBench --b core/target/classes /tmp/corpus1410.jsonl --passes 3 [--existing-workspace]
 * </pre>
 *
 * <p>Each build's class path is its core classes plus this class path's jars except containment4j's own, so the
 * builds share no class. The order of the two turns alternates every round (the second class loader of a run was a
 * few per cent slower in session 4, whichever code it held).
 */
public final class GuardAbBench {
  private GuardAbBench() {}

  private static final com.sun.management.ThreadMXBean MX =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  /** One build: its guard and the corpus's calls and contexts made by its own classes. */
  private static final class Build {
    final String name;
    final Object guard;
    final Method review;
    final Method decision;
    final Method category;
    final Method reason;
    final List<Object[]> cases = new ArrayList<>();
    long decisions;
    long cpuNanos;
    long bytes;
    final List<Double> perTurn = new ArrayList<>();

    Build(String name, Path classes, List<String> lines, String root) throws Exception {
      this.name = name;
      List<URL> urls = new ArrayList<>();
      urls.add(classes.toUri().toURL());
      for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
        if (e.endsWith(".jar") && !e.contains("containment4j")) {
          urls.add(Path.of(e).toUri().toURL());
        }
      }
      ClassLoader l = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
      Class<?> policy = l.loadClass("dev.containment4j.policy.Policy");
      Class<?> ctxClass = l.loadClass("dev.containment4j.guard.GuardContext");
      Class<?> callClass = l.loadClass("dev.containment4j.ToolCall");
      Class<?> json = l.loadClass("dev.containment4j.internal.guard.ToolCallJson");
      Class<?> parsed = l.loadClass("dev.containment4j.internal.guard.ToolCallJson$Parsed");
      Class<?> node = l.loadClass("com.fasterxml.jackson.databind.JsonNode");
      Object mapper = l.loadClass("com.fasterxml.jackson.databind.ObjectMapper").getConstructor().newInstance();
      Method readTree = mapper.getClass().getMethod("readTree", String.class);
      Method parse = json.getMethod("parse", node, Path.class);
      Constructor<?> ctx = ctxClass.getConstructor(Path.class, Path.class, Path.class, boolean.class, int.class,
          int.class);
      guard = l.loadClass("dev.containment4j.internal.guard.PolicyGuard").getMethod("of", policy)
          .invoke(null, policy.getMethod("defaults").invoke(null));
      review = l.loadClass("dev.containment4j.guard.ModelGuard").getMethod("review", callClass, ctxClass);
      Class<?> verdict = l.loadClass("dev.containment4j.Verdict");
      decision = verdict.getMethod("decision");
      category = verdict.getMethod("category");
      reason = verdict.getMethod("reason");
      for (String line : lines) {
        Object p = parse.invoke(null, readTree.invoke(mapper, line.replace("/home/dev", root + "/home/dev")),
            Path.of(root + "/home/dev/proj"));
        cases.add(new Object[] {parsed.getMethod("call").invoke(p), ctx.newInstance(parsed.getMethod("workspace")
            .invoke(p), parsed.getMethod("cwd").invoke(p), Path.of(root + "/home/dev"), false, 0, 0)});
      }
    }

    Object review(Object[] c) throws Exception {
      return review.invoke(guard, c[0], c[1]);
    }

    String answer(Object[] c) throws Exception {
      Object v = review(c);
      return decision.invoke(v) + "\t" + category.invoke(v) + "\t" + reason.invoke(v);
    }

    /** Whole passes until {@code seconds} of this thread's CPU time are spent. */
    void turn(double seconds, boolean count) throws Exception {
      long tid = Thread.currentThread().getId();
      long b0 = MX.getThreadAllocatedBytes(tid);
      long c0 = MX.getCurrentThreadCpuTime();
      long end = c0 + (long) (seconds * 1e9);
      long n = 0;
      int sink = 0;
      do {
        for (Object[] c : cases) {
          sink += decision.invoke(review(c)).hashCode();
          n++;
        }
      } while (MX.getCurrentThreadCpuTime() < end);
      long c1 = MX.getCurrentThreadCpuTime();
      long b1 = MX.getThreadAllocatedBytes(tid);
      if (count) {
        decisions += n;
        cpuNanos += c1 - c0;
        bytes += b1 - b0;
        perTurn.add((c1 - c0) / 1e3 / n);
      }
      if (sink == 42) {
        System.out.print("");
      }
    }

    /** Per-decision CPU times of one pass, in nanoseconds. */
    long[] latencies() throws Exception {
      long[] out = new long[cases.size()];
      for (int k = 0; k < out.length; k++) {
        long c0 = MX.getCurrentThreadCpuTime();
        review(cases.get(k));
        out[k] = MX.getCurrentThreadCpuTime() - c0;
      }
      return out;
    }
  }

  public static void main(String[] args) throws Exception {
    Path a = null;
    Path b = null;
    Path corpus = Path.of("core/src/test/resources/guard-corpus/corpus.jsonl");
    int rounds = 10;
    int warmUp = 6;
    double turn = 1.0;
    int passes = 0;
    boolean existing = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--a" -> a = Path.of(args[++i]);
        case "--b" -> b = Path.of(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--warm-up" -> warmUp = Integer.parseInt(args[++i]);
        case "--turn" -> turn = Double.parseDouble(args[++i]);
        case "--passes" -> passes = Integer.parseInt(args[++i]);
        case "--existing-workspace" -> existing = true;
        default -> corpus = Path.of(args[i]);
      }
    }
    String root = "";
    if (existing) {
      Path dir = Path.of("target/guard-bench-tree").toAbsolutePath();
      GuardBench.createTree(dir, Path.of("core/src/test/resources/guard-corpus/workspace-tree.txt"));
      root = dir.toRealPath().toString();
    }
    List<String> lines = Files.readAllLines(corpus).stream().filter(l -> !l.isBlank()).toList();
    if (passes > 0) {
      Build only = new Build("b", b, lines, root);
      for (int p = 0; p < passes; p++) {
        for (Object[] c : only.cases) {
          only.review(c);
        }
      }
      System.out.printf(Locale.ROOT, "%d passes of %d calls%n", passes, only.cases.size());
      return;
    }
    Build ba = new Build("a " + a, a, lines, root);
    Build bb = new Build("b " + b, b, lines, root);
    int differ = 0;
    for (int k = 0; k < ba.cases.size(); k++) {
      String x = ba.answer(ba.cases.get(k));
      String y = bb.answer(bb.cases.get(k));
      if (!x.equals(y)) {
        if (differ++ < 10) {
          System.out.printf("differs at line %d:%n  a: %s%n  b: %s%n", k + 1, x, y);
        }
      }
    }
    System.out.printf(Locale.ROOT, "corpus %s, %d calls, workspace %s; %d decisions differ; load %s%n", corpus,
        lines.size(), existing ? "exists under " + root : "as written", differ, load());
    for (int r = 0; r < warmUp + rounds; r++) {
      boolean count = r >= warmUp;
      Build first = r % 2 == 0 ? ba : bb;
      Build second = first == ba ? bb : ba;
      first.turn(turn, count);
      second.turn(turn, count);
    }
    List<long[]> la = new ArrayList<>();
    List<long[]> lb = new ArrayList<>();
    for (int r = 0; r < 6; r++) {
      (r % 2 == 0 ? la : lb).add((r % 2 == 0 ? ba : bb).latencies());
      (r % 2 == 0 ? lb : la).add((r % 2 == 0 ? bb : ba).latencies());
    }
    System.out.printf(Locale.ROOT, "load after: %s%n", load());
    report(ba, la);
    report(bb, lb);
    System.out.printf(Locale.ROOT, "ratio a/b of CPU per decision: %.2fx%n",
        (ba.cpuNanos / (double) ba.decisions) / (bb.cpuNanos / (double) bb.decisions));
  }

  private static void report(Build x, List<long[]> lat) {
    long[] all = lat.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    double us = x.cpuNanos / 1e3 / x.decisions;
    System.out.printf(Locale.ROOT, "%s: %.1f us/decision (%,.0f/s CPU), %,d bytes/decision, p50 %.1f us, p99 %.1f us,"
        + " p99.9 %.1f us; per turn %s%n", x.name, us, 1e6 / us, x.bytes / x.decisions, all[all.length / 2] / 1e3,
        all[(int) (all.length * 0.99)] / 1e3, all[(int) (all.length * 0.999)] / 1e3,
        x.perTurn.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList());
  }

  private static String load() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "?";
    }
  }
}
