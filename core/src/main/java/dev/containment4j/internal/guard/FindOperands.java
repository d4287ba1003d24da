/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.util.ArrayList;
import java.util.List;

/**
 * What a {@code find} command line selects: its name patterns ({@code -name}, {@code -iname}) and the places it looks
 * (the starting points, and {@code -path}/{@code -ipath}/{@code -wholename}/{@code -regex} patterns, which say where
 * like a starting point). A pattern after {@code !} or {@code -not} is excluded, so it says what survives.
 *
 * @param names the name patterns of what is selected
 * @param places the starting points and path patterns
 */
record FindOperands(List<String> names, List<String> places) {

  FindOperands {
    names = List.copyOf(names);
    places = List.copyOf(places);
  }

  /** Reads {@code argv} ({@code find} first). */
  static FindOperands of(List<String> argv) {
    List<String> names = new ArrayList<>();
    List<String> places = new ArrayList<>();
    boolean inOptions = false;
    for (int k = 1; k < argv.size(); k++) {
      String x = argv.get(k);
      if (x.startsWith("-") || x.equals("(") || x.equals("!")) {
        inOptions = true;
        if ((x.equals("-name") || x.equals("-iname")) && k + 1 < argv.size()) {
          names.add(argv.get(++k));
        } else if ((x.equals("-path") || x.equals("-ipath") || x.equals("-wholename") || x.equals("-regex"))
            && k + 1 < argv.size()) {
          places.add(argv.get(++k));
        } else if (x.equals("-not") || x.equals("!")) {
          k = skipNegated(argv, k);
        }
      } else if (!inOptions) {
        places.add(x);
      }
    }
    return new FindOperands(names, places);
  }

  /** Skips a negated test and its pattern ({@code ! -name '*.py'}); returns the index of the last word skipped. */
  private static int skipNegated(List<String> argv, int k) {
    if (k + 1 < argv.size() && argv.get(k + 1).startsWith("-") && !argv.get(k + 1).startsWith("-exec")) {
      return Math.min(k + 2, argv.size() - 1);
    }
    return k;
  }
}
