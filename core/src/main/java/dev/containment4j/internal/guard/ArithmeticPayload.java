/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import dev.containment4j.internal.shell.Arg;
import dev.containment4j.internal.shell.Redirect;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Text that bash runs when it evaluates a value as arithmetic: an array subscript holding a command substitution
 * ({@code 'a[$(cmd)]'}) stored in a variable runs {@code cmd} as soon as the value is used in {@code $((x))}, in
 * {@code [[ x -eq 1 ]]}, or assigned to an integer variable ({@code declare -i n; n='a[$(cmd)]'}). The value may
 * arrive by assignment, by {@code declare}/{@code local}/{@code export NAME=VALUE} or through {@code read} from a
 * here-string, and where it is used may lie in a later call, so such a value is judged where it is stored: its
 * commands are judged as if typed. Quoting it as data ({@code echo 'a[$(cmd)]' >> notes.md}) stays ordinary.
 */
final class ArithmeticPayload {
  private static final Set<String> DECLARERS = Set.of("declare", "typeset", "local", "export", "readonly", "let");
  private static final Set<String> READERS = Set.of("read", "mapfile", "readarray");

  private ArithmeticPayload() {}

  /** The commands inside subscripts of the values {@code u} stores, empty when there are none. */
  static List<String> commands(Unit u) {
    List<String> out = new ArrayList<>();
    for (String v : u.command().assignments().values()) {
      collect(v, out);
    }
    String name = u.name();
    if (DECLARERS.contains(name)) {
      for (Arg a : u.params()) {
        String t = a.text();
        int eq = t.indexOf('=');
        collect(eq > 0 ? t.substring(eq + 1) : "", out);
      }
    }
    if (READERS.contains(name)) {
      for (Redirect r : u.command().redirects()) {
        if (r.op().equals("<<<")) {
          collect(r.target().text(), out);
        }
      }
    }
    return out;
  }

  /** Adds the text of each {@code $(...)} or backtick substitution inside a {@code [...]} subscript of {@code v}. */
  private static void collect(String v, List<String> out) {
    int open = v.indexOf('[');
    while (open > 0) {
      int close = v.lastIndexOf(']');
      if (close < open) {
        return;
      }
      String inside = v.substring(open + 1, close);
      int sub = inside.indexOf("$(");
      if (sub >= 0 && inside.lastIndexOf(')') > sub + 1) {
        out.add(inside.substring(sub + 2, inside.lastIndexOf(')')));
      } else {
        int tick = inside.indexOf('`');
        if (tick >= 0 && inside.indexOf('`', tick + 1) > tick) {
          out.add(inside.substring(tick + 1, inside.indexOf('`', tick + 1)));
        }
      }
      open = v.indexOf('[', close);
    }
  }
}
