/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor;

import static dev.containment4j.isolation.gvisor.GvisorFixture.out;
import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.ExecResult;
import dev.containment4j.isolation.gvisor.internal.GvisorBackend;
import dev.containment4j.spi.IsolationSession;
import java.io.IOException;
import java.time.Duration;
import dev.containment4j.testing.EnabledIfGvisor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Limits on real runsc, without a pool (so one-shots take the cold {@code runsc run} path). */
@Tag("integration")
@EnabledIfGvisor
class GvisorLimitsIT {
  static GvisorFixture fx;
  static GvisorBackend backend;

  @BeforeAll
  static void open() throws IOException {
    fx = GvisorFixture.create();
    backend = (GvisorBackend) new GvisorBackendProvider().open(fx.spec(fx.policy(Duration.ofSeconds(2), 160, 24,
        1000, 0)));
  }

  @AfterAll
  static void close() {
    if (backend != null) {
      backend.close();
    }
    fx.delete();
  }

  @Test
  void coldOneShotRunsAndPassesTheExitStatus() {
    ExecResult r = backend.exec(fx.sh("cat /proc/version; exit 3"));
    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.stdout()).contains("Linux version 4.4.0");
    assertThat(r.isolation().notes()).anyMatch(n -> n.contains("one-shot, cold"));
  }

  @Test
  void wallTimeEndsAColdOneShotWith124() {
    ExecResult r = backend.exec(fx.sh("sleep 30"));
    assertThat(r.timedOut()).isTrue();
    assertThat(r.exitCode()).isEqualTo(124);
    assertThat(r.duration()).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void wallTimeInASessionKillsTheCallButKeepsTheSession() {
    try (IsolationSession s = backend.openSession()) {
      s.exec(fx.sh("echo state > /tmp/keep"));
      ExecResult r = s.exec(fx.sh("sleep 30 & sleep 31"));
      assertThat(r.timedOut()).isTrue();
      assertThat(r.exitCode()).isEqualTo(124);
      assertThat(r.duration()).isLessThan(Duration.ofSeconds(10));
      ExecResult after = s.exec(fx.sh("cat /tmp/keep; cat /proc/[0-9]*/cmdline | tr '\\0' ' '"));
      assertThat(after.stdout()).startsWith("state\n").doesNotContain("sleep 3");
    }
  }

  @Test
  void outputIsCappedAndTheRestDrained() {
    ExecResult r = backend.exec(fx.sh("head -c 300000 /dev/zero | tr '\\0' a; echo done >&2"));
    assertThat(r.exitCode()).isZero();
    assertThat(r.stdout()).hasSize(1000);
    assertThat(r.outputTruncated()).isTrue();
    assertThat(r.stderr()).isEqualTo("done\n");
  }

  @Test
  void pidsLimitStopsAForkBomb() {
    ExecResult r = backend.exec(fx.argv("/usr/bin/python3", "-c", "import os, time\n"
        + "n = 0\n"
        + "try:\n"
        + "  for i in range(100):\n"
        + "    if os.fork() == 0:\n"
        + "      time.sleep(5); os._exit(0)\n"
        + "    n += 1\n"
        + "except OSError as e:\n"
        + "  print('fork refused after', n, e.errno)\n"));
    assertThat(r.stdout()).as(out(r)).startsWith("fork refused after");
    int forked = Integer.parseInt(r.stdout().split(" ")[3]);
    assertThat(forked).isLessThan(24);
  }

  /**
   * Runtimes size themselves from the memory they see (a JVM takes a share of it for its heap). bubblewrap shows the
   * host's and passes {@code -XX:MaxRAM}; the Sentry's {@code /proc/meminfo} already shows the call's limit (a JVM
   * under {@code memoryMb: 256} chose a 126 MB heap, measured in session 10), so gVisor needs no such hint.
   */
  @Test
  void memInfoShowsTheCallsMemoryLimit() {
    ExecResult r = backend.exec(fx.sh("grep MemTotal /proc/meminfo"));
    assertThat(r.stdout()).as(out(r)).matches("MemTotal:\\s+" + 160 * 1024 + " kB\\s*");
  }

  @Test
  void memoryLimitStopsAnAllocation() {
    ExecResult r = backend.exec(fx.argv("/usr/bin/python3", "-c", "b = []\n"
        + "for i in range(60): b.append(bytearray(10 * 1024 * 1024))\n"
        + "print('allocated 600 MiB')"));
    assertThat(r.stdout()).as(out(r)).doesNotContain("allocated");
    assertThat(r.exitCode()).isNotZero();
  }

  @Test
  void rootlessModeKeepsSessionSandboxesAndLimitsMemoryWithRlimits() throws IOException {
    org.assertj.core.api.Assumptions.assumeThat(java.nio.file.Path.of("/usr/bin/newuidmap"))
        .as("rootless sandboxes need newuidmap (package uidmap)").isExecutable();
    GvisorFixture rfx = GvisorFixture.create();
    try {
      dev.containment4j.policy.Policy p = rfx.policy(0);
      dev.containment4j.policy.Policy.Isolation i = p.isolation();
      dev.containment4j.policy.Policy rootless = new dev.containment4j.policy.Policy(p.source(),
          new dev.containment4j.policy.Policy.Isolation(i.backend(), i.filesystem(), i.limits(), i.env(),
              java.util.Map.of("gvisor", java.util.Map.of("rootless", "true", "stateDir", rfx.stateDir.toString()))),
          p.network(), p.guard(), p.content(), p.trust(), p.audit());
      try (GvisorBackend b = (GvisorBackend) new GvisorBackendProvider().open(rfx.spec(rootless))) {
        ExecResult one = b.exec(rfx.sh("cat /proc/version; echo x > out.txt"));
        assertThat(one.stdout()).as(out(one)).contains("Linux version 4.4.0");
        assertThat(rfx.workdir.resolve("out.txt")).hasContent("x");
        try (IsolationSession s = b.openSession()) {
          // a user namespace in config.json instead of runsc --rootless (which refuses create): one sandbox
          ExecResult w = s.exec(rfx.sh("echo kept > /tmp/c4j-rootless; cat /tmp/c4j-rootless"));
          assertThat(w.stdout()).as(out(w)).isEqualTo("kept\n");
          assertThat(w.isolation().notes()).noneMatch(n -> n.contains("fresh sandbox"));
          assertThat(s.exec(rfx.sh("cat /tmp/c4j-rootless; grep -c . /proc/self/uid_map")).stdout())
              .isEqualTo("kept\n1\n");
        }
        assertThat(one.isolation().limits()).anyMatch(l -> l.mechanism().contains("RLIMIT_AS"));
      }
    } finally {
      rfx.delete();
    }
  }
}
