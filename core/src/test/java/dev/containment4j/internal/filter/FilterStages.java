/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the time of one scan goes, stage by stage (not a test: a tool run by hand). Per file: thread CPU time of the
 * trigger pass alone, the secret scan, PII, the injection gate over the merged windows (with its per-stretch index),
 * the scorer over the windows the gate lets through, and the whole scan; windows opened and scored per MB. Reads
 * private fields of {@link Scanner} and {@link InjectionDetector} to rebuild the windows the way the scan does.
 *
 * <pre>
 * java -cp core/target/test-classes:core/target/classes:DEPS dev.containment4j.internal.filter.FilterStages FILE...
 * </pre>
 */
public final class FilterStages {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private FilterStages() {}

  public static void main(String[] args) throws Exception {
    Field triggersField = Scanner.class.getDeclaredField("TRIGGERS");
    triggersField.setAccessible(true);
    Triggers triggers = (Triggers) triggersField.get(null);
    Field anchorField = Scanner.class.getDeclaredField("INJECTION_ANCHOR");
    anchorField.setAccessible(true);
    boolean[] anchor = (boolean[]) anchorField.get(null);
    Method addWindows = InjectionDetector.class.getDeclaredMethod("addWindows", IntList.class, int.class, int.class,
        IntList.class, int.class);
    addWindows.setAccessible(true);
    Method merge = InjectionDetector.class.getDeclaredMethod("merge", IntList.class, CharSequence.class, int.class,
        int.class);
    merge.setAccessible(true);
    Method stretchEnd = InjectionDetector.class.getDeclaredMethod("stretchEnd", List.class, int.class);
    stretchEnd.setAccessible(true);
    System.out.println("| text | MB | whole MB/s | triggers MB/s | secrets MB/s | pii MB/s | gate ms | score ms |"
        + " windows/MB | windows scored/MB | windows with a span/MB | chars scored % |");
    for (String a : args) {
      String t = Files.readString(Path.of(a));
      int n = t.length();
      double mb = n / 1e6;
      for (int warm = 0; warm < 2; warm++) {
        Scanner.scan(t, 0, n, new Scanner.Scope(true, true, true));
      }
      long t0 = CPU.getCurrentThreadCpuTime();
      Scanner.scan(t, 0, n, new Scanner.Scope(true, true, true));
      long whole = CPU.getCurrentThreadCpuTime() - t0;
      IntList hot = new IntList();
      t0 = CPU.getCurrentThreadCpuTime();
      triggers.scan(t, 0, n, (id, end) -> {
        if (anchor[id]) {
          hot.add(end);
        }
      });
      long trig = CPU.getCurrentThreadCpuTime() - t0;
      t0 = CPU.getCurrentThreadCpuTime();
      Scanner.scan(t, 0, n, new Scanner.Scope(true, false, false));
      long sec = CPU.getCurrentThreadCpuTime() - t0;
      t0 = CPU.getCurrentThreadCpuTime();
      Scanner.scan(t, 0, n, new Scanner.Scope(false, false, true));
      long pii = CPU.getCurrentThreadCpuTime() - t0;
      IntList windows = new IntList();
      addWindows.invoke(null, hot, 0, n, windows, 200);
      @SuppressWarnings("unchecked")
      List<int[]> merged = (List<int[]>) merge.invoke(null, windows, t, 0, n);
      List<int[]> pass = new ArrayList<>();
      List<InjectionGate.Known> known = new ArrayList<>();
      t0 = CPU.getCurrentThreadCpuTime();
      WindowIndex index = InjectionGate.index(t); // as the scan does: one index per stretch of overlapping windows
      for (int i = 0; i < merged.size(); i++) {
        int[] w = merged.get(i);
        if (!index.covers(t, w[0], w[1])) {
          index.cover(w[0], (Integer) stretchEnd.invoke(null, merged, i));
        }
        InjectionGate.Known k = InjectionGate.judge(t, w[0], w[1], index);
        if (k != null) {
          pass.add(w);
          known.add(k);
        }
      }
      long gate = CPU.getCurrentThreadCpuTime() - t0;
      int withSpan = 0;
      long scored = 0;
      t0 = CPU.getCurrentThreadCpuTime();
      for (int i = 0; i < pass.size(); i++) {
        int[] w = pass.get(i);
        List<Span> out = new ArrayList<>();
        // as the scan does: the scorer reuses the matching the gate ran
        InjectionDetector.scoreWindow(t, w[0], w[1], out, 0, known.get(i).possible(), known.get(i).verifier());
        scored += w[1] - w[0];
        withSpan += out.isEmpty() ? 0 : 1;
      }
      long score = CPU.getCurrentThreadCpuTime() - t0;
      System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.1f | %.0f |%n",
          Path.of(a).getFileName(), mb, mb / (whole / 1e9), mb / (trig / 1e9), mb / (sec / 1e9), mb / (pii / 1e9),
          gate / 1e6, score / 1e6, merged.size() / mb, pass.size() / mb, withSpan / mb, 100.0 * scored / n);
    }
  }
}
