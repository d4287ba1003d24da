/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.internal.process.BoundedProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child that re-parents away (as after a double fork) is no longer a descendant, so BoundedProcess's own tree kill
 * misses it; the tracker, which saw it while it was one, kills it. Runs on any POSIX system.
 *
 * <p>Deterministic: the child re-parents only after the test has seen the tracker record it (a gate file), so a
 * sampler starved by a loaded machine makes the test slower, never wrong.
 */
class ProcessTrackerTest {

  /** The orphan keeps stdout open, as a careless background job does; its parent exits once the gate file exists. */
  private static final String ESCAPER =
      "(sleep 300 & echo $! > \"$1\"; while [ ! -e \"$2\" ]; do sleep 0.02; done); echo started";
  /** The same without holding the pipes or waiting, so the untracked control run does not wait for them. */
  private static final String QUIET_ESCAPER =
      "(sleep 300 </dev/null >/dev/null 2>&1 & echo $! > \"$1\"; sleep 0.2); echo started";

  private static Optional<ProcessHandle> orphan(Path pidFile) throws IOException {
    return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()));
  }

  @Test
  void aReparentedChildOutlivesTheTreeKillButNotTheTracker(@TempDir Path tmp) throws Exception {
    Path control = tmp.resolve("control.pid");
    BoundedProcess.Outcome o = BoundedProcess.run(List.of("/bin/sh", "-c", QUIET_ESCAPER, "sh", control.toString()),
        Map.of("PATH", "/usr/bin:/bin"), null, null, 4096, Duration.ofSeconds(20));
    assertThat(o.stdoutText()).contains("started");
    Optional<ProcessHandle> survivor = orphan(control);
    try {
      assertThat(survivor).as("without tracking, the re-parented child survives the call").get()
          .satisfies(p -> assertThat(p.isAlive()).isTrue());
    } finally {
      survivor.ifPresent(ProcessHandle::destroyForcibly);
    }

    Path tracked = tmp.resolve("tracked.pid");
    Path gate = tmp.resolve("gate");
    AtomicBoolean sawIt = new AtomicBoolean();
    BoundedProcess.Outcome t;
    try (ProcessTracker tracker = new ProcessTracker()) {
      Thread opener = new Thread(() -> openGateOnceSeen(tracker, tracked, gate, sawIt), "gate");
      opener.start();
      t = BoundedProcess.run(List.of("/bin/sh", "-c", ESCAPER, "sh", tracked.toString(), gate.toString()),
          Map.of("PATH", "/usr/bin:/bin"), null, null, 4096, Duration.ofSeconds(60), tracker::watch);
      opener.join();
    }
    assertThat(sawIt).as("the tracker recorded the child while it was still a descendant").isTrue();
    assertThat(t.timedOut()).isFalse();
    assertThat(t.stdoutText()).contains("started");
    Optional<ProcessHandle> killed = orphan(tracked);
    if (killed.isPresent()) {
      killed.get().onExit().get(10, TimeUnit.SECONDS);
      assertThat(killed.get().isAlive()).as("the re-parented child, killed by the tracker").isFalse();
    }
  }

  /** Opens the gate when the tracker has seen the child; opens it anyway after 50 s so the call can end. */
  private static void openGateOnceSeen(ProcessTracker tracker, Path pidFile, Path gate, AtomicBoolean sawIt) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(50);
    try {
      while (System.nanoTime() < deadline) {
        String pid = Files.exists(pidFile) ? Files.readString(pidFile).strip() : "";
        if (pid.matches("[0-9]+") && tracker.hasSeen(Long.parseLong(pid))) {
          sawIt.set(true);
          break;
        }
        Thread.sleep(10);
      }
      Files.createFile(gate);
    } catch (IOException | InterruptedException e) {
      try {
        Files.createFile(gate);
      } catch (IOException ignored) {
        // the wall-time limit ends the call
      }
    }
  }
}
