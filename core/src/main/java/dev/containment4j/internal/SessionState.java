/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal;

/** Mutable per-session guard state; guarded by the owning session's lock. */
public final class SessionState {
  private volatile boolean tainted;
  private int consecutiveDenials;
  private int totalDenials;

  public boolean tainted() {
    return tainted;
  }

  public void taint() {
    tainted = true;
  }

  public synchronized int consecutiveDenials() {
    return consecutiveDenials;
  }

  public synchronized int totalDenials() {
    return totalDenials;
  }

  public synchronized void recordDenial() {
    consecutiveDenials++;
    totalDenials++;
  }

  public synchronized void recordAllowed() {
    consecutiveDenials = 0;
  }
}
