/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.util.ArrayList;
import java.util.List;

/**
 * The shell commands an awk program runs: {@code system(EXPR)}, {@code EXPR | getline}, {@code print … | EXPR} and
 * {@code |& EXPR}. Awk joins strings by writing them side by side, so {@code system("rm -rf " ENVIRON["HOME"])} is
 * {@code rm -rf $HOME}: each expression is evaluated as far as the text allows — string literals as they are,
 * {@code ENVIRON["NAME"]} as the shell's {@code $NAME}, anything else (a variable, a field) as a value only known when
 * the program runs ({@code $COMPUTED_BY_CODE}), which the classifier judges as such.
 */
final class AwkCommands {

  private static final String COMPUTED = "$COMPUTED_BY_CODE";

  private AwkCommands() {}

  /** A token of the program: a string literal's text, an environment variable, another value, or punctuation. */
  private record Token(Kind kind, String text) {
    boolean value() {
      return kind == Kind.STRING || kind == Kind.ENV || kind == Kind.OTHER_VALUE;
    }
  }

  private enum Kind { STRING, ENV, OTHER_VALUE, WORD, PIPE, OPEN, CLOSE, PUNCT }

  static List<String> of(String program) {
    List<Token> t = tokens(program);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < t.size(); i++) {
      Token k = t.get(i);
      if (k.kind() == Kind.WORD && k.text().equals("system") && i + 1 < t.size() && t.get(i + 1).kind() == Kind.OPEN) {
        int depth = 0;
        List<Token> expr = new ArrayList<>();
        int j = i + 1;
        for (; j < t.size(); j++) {
          Kind kj = t.get(j).kind();
          depth += kj == Kind.OPEN ? 1 : kj == Kind.CLOSE ? -1 : 0;
          if (depth == 0) {
            break;
          }
          if (j > i + 1) {
            expr.add(t.get(j));
          }
        }
        out.add(evaluate(expr));
        i = j;
      } else if (k.kind() == Kind.PIPE) {
        if (i + 1 < t.size() && t.get(i + 1).kind() == Kind.WORD && t.get(i + 1).text().equals("getline")) {
          int from = i;
          while (from > 0 && t.get(from - 1).value()) {
            from--;
          }
          out.add(evaluate(t.subList(from, i)));
        } else {
          int to = i + 1;
          while (to < t.size() && t.get(to).value()) {
            to++;
          }
          String target = evaluate(t.subList(i + 1, to));
          out.add(target);
          if (target.matches("(?:/\\S*/)?(?:ba|da|z|k|mk)?sh(?:\\s.*)?")) {
            // print "rm -rf " ENVIRON["HOME"] | "sh": what is printed is the shell's script
            int from = i;
            while (from > 0 && !(t.get(from - 1).kind() == Kind.WORD && t.get(from - 1).text().startsWith("print"))) {
              from--;
            }
            out.add(evaluate(t.subList(from, i).stream().filter(Token::value).toList()));
          }
        }
      }
    }
    return out;
  }

  private static String evaluate(List<Token> expr) {
    StringBuilder s = new StringBuilder();
    for (Token k : expr) {
      switch (k.kind()) {
        case STRING -> s.append(k.text());
        case ENV -> s.append("${").append(k.text()).append('}');
        default -> {
          if (s.length() == 0 || !s.toString().endsWith(COMPUTED)) {
            s.append(COMPUTED);
          }
        }
      }
    }
    return s.length() == 0 ? COMPUTED : s.toString();
  }

  private static List<Token> tokens(String p) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = p.length();
    while (i < n) {
      char c = p.charAt(i);
      if (c == '"') {
        StringBuilder lit = new StringBuilder();
        i++;
        while (i < n && p.charAt(i) != '"') {
          char d = p.charAt(i);
          if (d == '\\' && i + 1 < n) {
            char e = p.charAt(++i);
            lit.append(e == 'n' ? '\n' : e == 't' ? '\t' : e);
          } else {
            lit.append(d);
          }
          i++;
        }
        i++;
        out.add(new Token(Kind.STRING, lit.toString()));
      } else if (Character.isLetter(c) || c == '_') {
        int s = i;
        while (i < n && (Character.isLetterOrDigit(p.charAt(i)) || p.charAt(i) == '_')) {
          i++;
        }
        String word = p.substring(s, i);
        if (word.equals("ENVIRON") && i < n && p.charAt(i) == '[') {
          int close = p.indexOf(']', i);
          String key = (close < 0 ? p.substring(i + 1) : p.substring(i + 1, close)).replace("\"", "").trim();
          i = close < 0 ? n : close + 1;
          out.add(key.matches("[A-Za-z_][A-Za-z0-9_]*") ? new Token(Kind.ENV, key) : new Token(Kind.OTHER_VALUE, key));
        } else if (isKeyword(word)) {
          out.add(new Token(Kind.WORD, word));
        } else {
          out.add(new Token(Kind.OTHER_VALUE, word));
        }
      } else if (c == '$' || Character.isDigit(c)) {
        int s = i++;
        while (i < n && (Character.isLetterOrDigit(p.charAt(i)) || p.charAt(i) == '_' || p.charAt(i) == '.')) {
          i++;
        }
        out.add(new Token(Kind.OTHER_VALUE, p.substring(s, i)));
      } else if (c == '/' && (out.isEmpty() || !out.get(out.size() - 1).value()
          && out.get(out.size() - 1).kind() != Kind.CLOSE)) {
        // a regular expression (/a|b/), not a division: its | is not a pipe
        i++;
        boolean bracket = false;
        while (i < n && (p.charAt(i) != '/' || bracket)) {
          char d = p.charAt(i);
          bracket = d == '[' || bracket && d != ']';
          i += d == '\\' ? 2 : 1;
        }
        i++;
        out.add(new Token(Kind.PUNCT, "/regex/"));
      } else if (c == '|') {
        i += i + 1 < n && p.charAt(i + 1) == '&' ? 2 : 1;
        if (i < n && p.charAt(i) == '|') {
          i++; // || is "or", not a pipe
          out.add(new Token(Kind.PUNCT, "||"));
        } else {
          out.add(new Token(Kind.PIPE, "|"));
        }
      } else if (c == '(') {
        out.add(new Token(Kind.OPEN, "("));
        i++;
      } else if (c == ')') {
        out.add(new Token(Kind.CLOSE, ")"));
        i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else {
        out.add(new Token(Kind.PUNCT, String.valueOf(c)));
        i++;
      }
    }
    return out;
  }

  /** Words that end a concatenation rather than take part in it. */
  private static boolean isKeyword(String w) {
    return switch (w) {
      case "system", "getline", "print", "printf", "if", "else", "while", "for", "do", "in", "BEGIN", "END",
          "function", "return", "next", "exit", "delete", "close", "fflush" -> true;
      default -> false;
    };
  }
}
