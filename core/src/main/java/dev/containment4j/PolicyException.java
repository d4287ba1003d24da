/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j;

import java.util.Optional;

/**
 * A policy could not be loaded: the message names the source, the line and column, the offending YAML path and what
 * would be valid.
 *
 * @since 0.1
 */
public class PolicyException extends ContainmentException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final int line;
  private final int column;
  private final String path;
  private final String problem;

  /**
   * @param source file name or other description of where the policy came from
   * @param line 1-based line, or 0 when unknown
   * @param column 1-based column, or 0 when unknown
   * @param path YAML path of the offending node, such as {@code isolation.limits.wallSeconds}, or empty
   * @param problem what is wrong and how to fix it
   */
  public PolicyException(String source, int line, int column, String path, String problem) {
    this(source, line, column, path, problem, null);
  }

  public PolicyException(String source, int line, int column, String path, String problem, Throwable cause) {
    super(format(source, line, column, path, problem), cause);
    this.source = source;
    this.line = line;
    this.column = column;
    this.path = path == null ? "" : path;
    this.problem = problem;
  }

  private static String format(String source, int line, int column, String path, String problem) {
    StringBuilder sb = new StringBuilder(source == null ? "<policy>" : source);
    if (line > 0) {
      sb.append(':').append(line);
      if (column > 0) {
        sb.append(':').append(column);
      }
    }
    sb.append(": ");
    if (path != null && !path.isEmpty()) {
      sb.append(path).append(": ");
    }
    return sb.append(problem).toString();
  }

  public String getSource() {
    return source;
  }

  /** 1-based line of the problem, or 0 when unknown. */
  public int getLine() {
    return line;
  }

  /** 1-based column of the problem, or 0 when unknown. */
  public int getColumn() {
    return column;
  }

  /** YAML path of the offending node, such as {@code network.allow[2]}; empty for the document itself. */
  public String getPath() {
    return path;
  }

  /** The problem and its fix, without the location prefix. */
  public String getProblem() {
    return problem;
  }

  public Optional<String> path() {
    return path.isEmpty() ? Optional.empty() : Optional.of(path);
  }
}
