/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A strict reader for the SBPL subset the builder emits, written from the TinyScheme reader's rules: comments from
 * {@code ;} to the end of the line, lists, symbols, integers, and string literals whose only escapes are {@code \\\\},
 * {@code \\"}, {@code \\n}, {@code \\t} and {@code \\r}. Anything else is an error, so a profile that reads here has
 * exactly the structure the builder meant.
 */
final class SbplReader {

  /** A node of the profile. */
  sealed interface Node permits Sym, Str, Lst {}

  record Sym(String name) implements Node {
    @Override
    public String toString() {
      return name;
    }
  }

  record Str(String value) implements Node {
    @Override
    public String toString() {
      return "\"" + value + "\"";
    }
  }

  record Lst(List<Node> items) implements Node {
    Sym head() {
      return items.isEmpty() || !(items.get(0) instanceof Sym s) ? null : s;
    }

    List<Node> tail() {
      return items.subList(1, items.size());
    }

    @Override
    public String toString() {
      return items.stream().map(Object::toString).collect(Collectors.joining(" ", "(", ")"));
    }
  }

  /** The reader rejected the text. */
  static final class SyntaxError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SyntaxError(String message, int at) {
      super(message + " at offset " + at);
    }
  }

  private final String text;
  private int pos;

  private SbplReader(String text) {
    this.text = text;
  }

  /** Reads every top-level form. */
  static List<Lst> read(String profile) {
    SbplReader r = new SbplReader(profile);
    List<Lst> forms = new ArrayList<>();
    while (true) {
      r.skipBlank();
      if (r.pos >= r.text.length()) {
        return forms;
      }
      Node n = r.node();
      if (!(n instanceof Lst l)) {
        throw new SyntaxError("top-level atom " + n, r.pos);
      }
      forms.add(l);
    }
  }

  private void skipBlank() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == ';') {
        while (pos < text.length() && text.charAt(pos) != '\n') {
          pos++;
        }
      } else if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
        pos++;
      } else {
        return;
      }
    }
  }

  private Node node() {
    skipBlank();
    if (pos >= text.length()) {
      throw new SyntaxError("unexpected end", pos);
    }
    char c = text.charAt(pos);
    if (c == '(') {
      pos++;
      List<Node> items = new ArrayList<>();
      while (true) {
        skipBlank();
        if (pos >= text.length()) {
          throw new SyntaxError("unbalanced '('", pos);
        }
        if (text.charAt(pos) == ')') {
          pos++;
          return new Lst(items);
        }
        items.add(node());
      }
    }
    if (c == ')') {
      throw new SyntaxError("unbalanced ')'", pos);
    }
    if (c == '"') {
      return string();
    }
    int start = pos;
    while (pos < text.length() && "() \n\t\r;\"".indexOf(text.charAt(pos)) < 0) {
      pos++;
    }
    String atom = text.substring(start, pos);
    if (!atom.matches("[a-z*][a-z0-9*-]*|[A-Z][A-Z_-]*|[0-9]+")) {
      throw new SyntaxError("unexpected atom '" + atom + "'", start);
    }
    return new Sym(atom);
  }

  private Str string() {
    int start = pos++;
    StringBuilder b = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw new SyntaxError("unterminated string", start);
      }
      char c = text.charAt(pos++);
      if (c == '"') {
        return new Str(b.toString());
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw new SyntaxError("unterminated escape", pos);
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '\\' -> b.append('\\');
        case '"' -> b.append('"');
        case 'n' -> b.append('\n');
        case 't' -> b.append('\t');
        case 'r' -> b.append('\r');
        default -> throw new SyntaxError("non-portable escape \\" + e, pos - 2);
      }
    }
  }
}
