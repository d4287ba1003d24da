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

  void add(int v) {
    if (n == a.length) {
      a = Arrays.copyOf(a, n * 2);
    }
    a[n++] = v;
  }

  int get(int i) {
    return a[i];
  }

  int size() {
    return n;
  }

  void clear() {
    n = 0;
  }
}
