/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

import dev.containment4j.event.AuditListener;
import dev.containment4j.internal.process.BoundedProcess;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.IsolationSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Not a test: a runner that measures the per-call cost of building a profile (resolving the policy's paths on the
 * host, then building the SBPL text) against the per-call floor measured in the same run, spawning
 * {@code /bin/true}. Run (see docs/benchmarks.md):
 * {@code java -cp <test classpath> dev.containment4j.isolation.seatbelt.internal.ProfileBuildBenchmark}.
 */
public final class ProfileBuildBenchmark {
  private ProfileBuildBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    Path tmp = Files.createTempDirectory("seatbelt-bench");
    Path work = Files.createDirectories(tmp.resolve("home/proj"));
    IsolationSpec spec = new IsolationSpec(Policy.defaults(), work, work.getParent(), Map.of(),
        AuditListener.none());
    NetworkAccess none = NetworkAccess.none("none");
    ProfileInput input = Fixtures.scenarios().get("carve-outs");
    for (int i = 0; i < n; i++) {
      ProfileBuilder.build(input);
      SeatbeltBackend.profileFor(spec, none, tmp, "containment4j:bench:c" + i);
    }
    long[] pure = new long[n];
    long[] resolved = new long[n];
    long[] spawn = new long[Math.min(n, 300)];
    int len = 0;
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      len = ProfileBuilder.build(input).length();
      long t1 = System.nanoTime();
      SeatbeltBackend.profileFor(spec, none, tmp, "containment4j:bench:c" + i);
      long t2 = System.nanoTime();
      pure[i] = t1 - t0;
      resolved[i] = t2 - t1;
    }
    for (int i = 0; i < spawn.length; i++) {
      long t0 = System.nanoTime();
      BoundedProcess.run(List.of("/bin/true"), Map.of(), null, null, 1024, Duration.ofSeconds(5));
      spawn[i] = System.nanoTime() - t0;
    }
    System.out.printf("profile text %d chars%n", len);
    System.out.printf("build (pure, carve-outs policy)        median %.1f us  p90 %.1f us%n", med(pure), p90(pure));
    System.out.printf("resolve+build (default policy, host)   median %.1f us  p90 %.1f us%n", med(resolved),
        p90(resolved));
    System.out.printf("spawn /bin/true via BoundedProcess     median %.1f us  p90 %.1f us%n", med(spawn), p90(spawn));
    System.out.printf("ratio resolve+build / spawn floor      %.3f%n", med(resolved) / med(spawn));
    SeatbeltBackend.deleteTree(tmp);
  }

  private static double med(long[] v) {
    long[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2] / 1000.0;
  }

  private static double p90(long[] v) {
    long[] s = v.clone();
    Arrays.sort(s);
    return s[(int) (s.length * 0.9)] / 1000.0;
  }
}
