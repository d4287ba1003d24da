/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches a process tree while it runs and kills everything it saw when the call ends. Seatbelt has no PID namespace:
 * a child that double-forks is re-parented to launchd and drops out of {@link ProcessHandle#descendants()}, so the
 * tree is sampled every {@link #INTERVAL_MS} ms. A process that forks and re-parents faster than that is missed (it
 * stays confined by the profile); {@link ProcessHandle} compares start times, so a reused PID is never killed.
 */
public final class ProcessTracker implements AutoCloseable {
  static final long INTERVAL_MS = 20;

  private final Map<ProcessHandle, Boolean> seen = new ConcurrentHashMap<>();
  private volatile ProcessHandle root;
  private final Thread sampler;
  private volatile boolean running = true;

  public ProcessTracker() {
    sampler = new Thread(this::sample, "containment-seatbelt-tracker");
    sampler.setDaemon(true);
  }

  /**
   * Starts watching {@code process} and its descendants. When it exits, everything seen is killed at once, so a
   * background child holding the output pipes open cannot keep the call waiting.
   */
  public void watch(ProcessHandle process) {
    root = process;
    seen.put(process, Boolean.TRUE);
    sampler.start();
    process.onExit().thenRun(this::killSeen);
  }

  private void sample() {
    while (running) {
      ProcessHandle r = root;
      if (r != null) {
        // one process-table snapshot per tick for the tree; another only for each process seen earlier that has
        // left it (re-parented), to follow its own children
        java.util.Set<ProcessHandle> tree = new java.util.HashSet<>();
        r.descendants().forEach(tree::add);
        tree.forEach(p -> seen.put(p, Boolean.TRUE));
        for (ProcessHandle p : seen.keySet()) {
          if (!p.equals(r) && !tree.contains(p) && p.isAlive()) {
            p.descendants().forEach(d -> seen.put(d, Boolean.TRUE));
          }
        }
      }
      try {
        Thread.sleep(INTERVAL_MS);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Whether the process with this pid was seen (for tests that must wait for the sampler, not guess its timing). */
  boolean hasSeen(long pid) {
    return seen.keySet().stream().anyMatch(p -> p.pid() == pid);
  }

  /** Number of processes seen so far (the root included). */
  public int seenCount() {
    return seen.size();
  }

  /** Stops watching and kills every process seen that is still alive, with its current descendants. */
  @Override
  public void close() {
    running = false;
    sampler.interrupt();
    try {
      sampler.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    killSeen();
  }

  private void killSeen() {
    for (ProcessHandle p : seen.keySet()) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }
}
