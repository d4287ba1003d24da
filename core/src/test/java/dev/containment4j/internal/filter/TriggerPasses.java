/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * One automaton pass on its full tables against the same pass with its compact ASCII copy, interleaved in one JVM
 * (not a test: a tool run by hand). Per file and automaton (the trigger pass, the gate's literals, the keys): thread
 * CPU time, median of 9 after 3 warm-ups.
 *
 * <pre>
 * java -cp core/target/test-classes:core/target/classes:DEPS dev.containment4j.internal.filter.TriggerPasses FILE...
 * </pre>
 */
public final class TriggerPasses {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  private static long sink;

  private TriggerPasses() {}

  public static void main(String[] args) throws Exception {
    String[][] automata = {{"Scanner", "TRIGGERS"}, {"InjectionGate", "LITERALS"}, {"InjectionKeys", "KEYS"}};
    System.out.println("| text | automaton | full tables, MB/s | compact ASCII copy, MB/s | ratio |");
    for (String a : args) {
      String t = Files.readString(Path.of(a));
      for (String[] au : automata) {
        Field f = Class.forName(TriggerPasses.class.getPackageName() + "." + au[0]).getDeclaredField(au[1]);
        f.setAccessible(true);
        Triggers tr = (Triggers) f.get(null);
        Triggers.Sink s = (id, end) -> sink += end;
        long[] full = new long[9];
        long[] fast = new long[9];
        for (int r = 0; r < 12; r++) {
          long t0 = CPU.getCurrentThreadCpuTime();
          tr.scanFull(t, 0, t.length(), s);
          long t1 = CPU.getCurrentThreadCpuTime();
          tr.scan(t, 0, t.length(), s);
          long t2 = CPU.getCurrentThreadCpuTime();
          if (r >= 3) {
            full[r - 3] = t1 - t0;
            fast[r - 3] = t2 - t1;
          }
        }
        Arrays.sort(full);
        Arrays.sort(fast);
        double mb = t.length() / 1e6;
        System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.2f |%n", Path.of(a).getFileName(), au[1],
            mb / (full[4] / 1e9), mb / (fast[4] / 1e9), (double) full[4] / fast[4]);
      }
    }
  }
}
