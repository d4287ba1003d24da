/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class IntListTest {
  /** The binary search of an ascending list and the scan of any other list answer as a scan of every value. */
  @Test
  void anyInAnswersAsAScanOfEveryValue() {
    Random r = new Random(11);
    for (int round = 0; round < 2_000; round++) {
      IntList list = new IntList();
      int[] values = new int[r.nextInt(40)];
      boolean sorted = r.nextBoolean();
      int v = r.nextInt(50);
      for (int i = 0; i < values.length; i++) {
        v = sorted ? v + r.nextInt(30) : r.nextInt(1_000);
        values[i] = v;
        list.add(v);
      }
      for (int q = 0; q < 50; q++) {
        int lo = r.nextInt(1_100) - 50;
        int hi = lo + r.nextInt(120);
        boolean expected = false;
        for (int x : values) {
          expected |= x >= lo && x < hi;
        }
        assertEquals(expected, list.anyIn(lo, hi), () -> "[" + lo + ", " + hi + ")");
      }
      list.sort();
      for (int i = 1; i < list.size(); i++) {
        assertEquals(true, list.get(i - 1) <= list.get(i));
      }
      for (int q = 0; q < 50; q++) {
        int lo = r.nextInt(1_100) - 50;
        int hi = lo + r.nextInt(120);
        boolean expected = false;
        for (int x : values) {
          expected |= x >= lo && x < hi;
        }
        assertEquals(expected, list.anyIn(lo, hi), () -> "sorted: [" + lo + ", " + hi + ")");
      }
    }
  }

  @Test
  void clearForgetsTheOrder() {
    IntList list = new IntList();
    list.add(9);
    list.add(3);
    list.clear();
    list.add(1);
    list.add(5);
    assertEquals(true, list.anyIn(5, 6));
    assertEquals(false, list.anyIn(2, 5));
  }
}
