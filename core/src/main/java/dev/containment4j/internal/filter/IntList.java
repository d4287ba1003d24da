/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import java.util.Arrays;

/** A growable list of ints without boxing (the scan runs per character). */
final class IntList {
  private int[] a = new int[16];
  private int n;
  /** Whether every value added so far is at least the one before it (key positions nearly always are). */
  private boolean ascending = true;

  void add(int v) {
    if (n == a.length) {
      a = Arrays.copyOf(a, n * 2);
    }
    ascending &= n == 0 || a[n - 1] <= v;
    a[n++] = v;
  }

  /**
   * Whether a value lies in {@code [lo, hi)}: a binary search while the list is ascending, otherwise every value is
   * looked at (the gate and the scorer ask this per sentence, of lists that can hold thousands of positions).
   */
  boolean anyIn(int lo, int hi) {
    if (!ascending) {
      for (int i = 0; i < n; i++) {
        if (a[i] >= lo && a[i] < hi) {
          return true;
        }
      }
      return false;
    }
    int l = 0;
    int u = n;
    while (l < u) {
      int mid = (l + u) >>> 1;
      if (a[mid] < lo) {
        l = mid + 1;
      } else {
        u = mid;
      }
    }
    return l < n && a[l] < hi;
  }

  int get(int i) {
    return a[i];
  }

  int size() {
    return n;
  }

  /** Sorts the values ascending (for lists whose order means nothing, so that {@link #anyIn} can search them). */
  void sort() {
    if (!ascending) {
      Arrays.sort(a, 0, n);
      ascending = true;
    }
  }

  void clear() {
    n = 0;
    ascending = true;
  }
}
