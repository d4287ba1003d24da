/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.shell;

/**
 * A redirection of a simple command.
 *
 * @param op the operator ({@code >}, {@code >>}, {@code <}, {@code <<}, {@code <<<}, {@code >&}, {@code &>} ...)
 * @param target the file (or fd, or here-string) after expansion; for a here-doc, the delimiter
 * @param body the here-doc body or here-string, else null
 */
public record Redirect(String op, Arg target, String body) {

  /** Whether this writes to (creates or truncates or appends) the target file. */
  public boolean writesFile() {
    if (op.equals(">&") && isFd()) {
      return false;
    }
    return op.equals(">") || op.equals(">>") || op.equals(">|") || op.equals("&>") || op.equals("&>>")
        || op.equals("<>") || op.equals(">&");
  }

  /** Whether this truncates the target ({@code >}, not {@code >>}). */
  public boolean truncates() {
    return op.equals(">") || op.equals(">|") || op.equals("&>") || (op.equals(">&") && !isFd());
  }

  /** Whether this reads the target file. */
  public boolean readsFile() {
    return op.equals("<") || op.equals("<>");
  }

  /** Whether the command's stdin comes from this (here-doc or here-string). */
  public boolean feedsStdin() {
    return op.equals("<<") || op.equals("<<-") || op.equals("<<<") || op.equals("<");
  }

  private boolean isFd() {
    String t = target.text();
    return t.equals("-") || t.chars().allMatch(Character::isDigit);
  }
}
