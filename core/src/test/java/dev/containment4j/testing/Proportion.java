/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.testing;

import java.util.Locale;

/**
 * A measured rate for corpus reports: {@code k} successes in {@code n} trials, with its 95% Wilson score interval
 * (the interval to publish for block, detection and false-positive rates: it stays inside [0, 1] and is honest for
 * small {@code n} and rates near 0 or 1). Shared by the guard and content-filter corpus tests.
 *
 * <pre>
 * Proportion p = Proportion.of(181, 184);
 * p.percentWithInterval();   // "98.4% (95.3–99.4)"
 * </pre>
 *
 * @param k successes
 * @param n trials
 * @since 0.1
 */
public record Proportion(long k, long n) {
  /** The normal quantile for a two-sided 95% interval. */
  private static final double Z95 = 1.959964;

  public Proportion {
    if (n < 0 || k < 0 || k > n) {
      throw new IllegalArgumentException("need 0 <= k <= n, got k=" + k + ", n=" + n);
    }
  }

  public static Proportion of(long k, long n) {
    return new Proportion(k, n);
  }

  /** A 95% interval, as fractions in [0, 1]. */
  public record Interval(double low, double high) {}

  /** k / n, and 0 when nothing was measured. */
  public double rate() {
    return n == 0 ? 0 : (double) k / n;
  }

  /** The 95% Wilson score interval; [0, 1] when nothing was measured (no information). */
  public Interval wilson() {
    if (n == 0) {
      return new Interval(0, 1);
    }
    double p = rate();
    double z2 = Z95 * Z95;
    double den = 1 + z2 / n;
    double center = (p + z2 / (2.0 * n)) / den;
    double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / den;
    return new Interval(Math.max(0, center - half), Math.min(1, center + half));
  }

  /** {@code "98.4% (95.3–99.4)"}: the rate and its interval in percent, one decimal. */
  public String percentWithInterval() {
    Interval ci = wilson();
    return String.format(Locale.ROOT, "%.1f%% (%.1f–%.1f)", 100 * rate(), 100 * ci.low(), 100 * ci.high());
  }

  /** {@code "181/184"}. */
  public String fraction() {
    return k + "/" + n;
  }

  /** A counter that becomes a {@link Proportion}; not thread-safe. */
  public static final class Tally {
    private long k;
    private long n;

    /** Counts one trial. */
    public Tally add(boolean success) {
      n++;
      if (success) {
        k++;
      }
      return this;
    }

    public Proportion proportion() {
      return new Proportion(k, n);
    }
  }
}
