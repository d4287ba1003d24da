/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pre-started sandboxes, so that a session's first call pays a {@code runsc exec} (about 25 ms) instead of a cold
 * start (about 150-200 ms). Bounded by its size (each idle sandbox costs about 11 MiB); refilled in the background on
 * a single thread; every sandbox is handed out once and never returns.
 */
final class WarmPool {
  private static final Logger LOG = LoggerFactory.getLogger(WarmPool.class);

  private final int size;
  private final Supplier<RunscSandbox> factory;
  private final ExecutorService refill;
  private final ConcurrentLinkedDeque<RunscSandbox> ready = new ConcurrentLinkedDeque<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean closed;
  private volatile String lastFailure = "";

  private final Consumer<List<RunscSandbox>> discard;

  WarmPool(int size, Supplier<RunscSandbox> factory, ExecutorService refill, Consumer<List<RunscSandbox>> discard) {
    this.size = size;
    this.factory = factory;
    this.refill = refill;
    this.discard = discard;
  }

  /**
   * A refill waits this long after a sandbox was taken: booting one costs about 100 ms of CPU, which would otherwise
   * compete with the first call of the session that just took it.
   */
  static final long REFILL_DELAY_MS = 300;

  /** Starts as many sandboxes as are missing, in the background. */
  void fill() {
    fill(0);
  }

  private synchronized void fill(long delayMs) {
    while (!closed && ready.size() + inFlight.get() < size) {
      inFlight.incrementAndGet();
      refill.execute(() -> startOne(delayMs));
    }
  }

  private void startOne(long delayMs) {
    try {
      if (delayMs > 0) {
        Thread.sleep(delayMs);
      }
      if (closed) {
        return;
      }
      RunscSandbox s = factory.get();
      lastFailure = "";
      synchronized (this) {
        if (!closed) {
          ready.add(s);
          return;
        }
      }
      s.destroy();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      lastFailure = e.getMessage();
      LOG.warn("could not pre-start a gVisor sandbox for the pool: {}", e.getMessage());
    } finally {
      inFlight.decrementAndGet();
    }
  }

  /**
   * A fresh pre-started sandbox made for exactly {@code plan}, or null when none is ready; sandboxes made for an
   * older plan are discarded. Triggers a refill either way.
   */
  RunscSandbox take(SandboxPlan plan) {
    List<RunscSandbox> stale = new ArrayList<>();
    RunscSandbox found = null;
    RunscSandbox s;
    while (found == null && (s = ready.poll()) != null) {
      if (s.plan().equals(plan)) {
        found = s;
      } else {
        stale.add(s);
      }
    }
    if (!stale.isEmpty()) {
      discard.accept(stale);
    }
    if (lastFailure.isEmpty()) {
      fill(REFILL_DELAY_MS);
    }
    return found;
  }

  int ready() {
    return ready.size();
  }

  /** Waits until the pool is full (benchmarks and tests). */
  boolean awaitFull(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (ready.size() < size && System.nanoTime() < end) {
      if (!lastFailure.isEmpty() && inFlight.get() == 0) {
        return false;
      }
      Thread.sleep(10);
    }
    return ready.size() >= size;
  }

  /** Stops refilling and returns the idle sandboxes for destruction. */
  synchronized List<RunscSandbox> drain() {
    closed = true;
    List<RunscSandbox> all = new ArrayList<>(ready);
    ready.clear();
    return all;
  }
}
