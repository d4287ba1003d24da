/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.shell;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One simple command as it would run.
 *
 * @param args the fields, after expansion (the first is the program)
 * @param assignments prefix assignments ({@code NAME=value cmd}), or the assignments of a bare assignment command
 * @param redirects its redirections, in order
 * @param pipeline the members of its pipeline (itself included), in order; size 1 when not piped
 * @param cwd the directory it runs in as far as {@code cd} could be followed; null when unknown
 * @param origin how it was reached: empty at top level, else {@code $(...)}, {@code <(...)}, {@code bash -c},
 *     {@code eval}, {@code alias}, ...
 * @param exported whether the assignments are exported (bare {@code export}) rather than prefix or shell-local
 * @param argv the argument values, derived from {@code args} (whatever is passed is replaced); the guard reads
 *     them many times per command, so they are computed once
 */
public record SimpleCommand(
    List<Arg> args, Map<String, String> assignments, List<Redirect> redirects, Pipeline pipeline,
    Path cwd, String origin, boolean exported, List<String> argv) {

  public SimpleCommand {
    String[] words = new String[args.size()];
    for (int k = 0; k < words.length; k++) {
      words[k] = args.get(k).text();
    }
    argv = Collections.unmodifiableList(Arrays.asList(words));
  }

  public SimpleCommand(List<Arg> args, Map<String, String> assignments, List<Redirect> redirects,
      Pipeline pipeline, Path cwd, String origin, boolean exported) {
    this(args, assignments, redirects, pipeline, cwd, origin, exported, null);
  }

  /** Position in its pipeline (0 = first). */
  public int pipelineIndex() {
    return pipeline.indexOf(this);
  }

  @Override
  public String toString() {
    return String.join(" ", argv());
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
