/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.shell;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The commands of one pipeline ({@code a | b | c}), in order. Filled while parsing, read-only after. */
public final class Pipeline {
  private final List<SimpleCommand> members = new ArrayList<>();

  void add(SimpleCommand c) {
    members.add(c);
  }

  /**
   * The commands of a group, loop or subshell piped into the next member, put at {@code index}: their output is what
   * it reads, though each still belongs to its own inner pipeline.
   */
  void insert(int index, List<SimpleCommand> commands) {
    members.addAll(Math.min(index, members.size()), commands);
  }

  public List<SimpleCommand> members() {
    return Collections.unmodifiableList(members);
  }

  public int size() {
    return members.size();
  }

  int indexOf(SimpleCommand c) {
    for (int i = 0; i < members.size(); i++) {
      if (members.get(i) == c) {
        return i;
      }
    }
    return 0;
  }

  /** The commands before {@code c} in this pipeline (those whose output flows into it). */
  public List<SimpleCommand> upstreamOf(SimpleCommand c) {
    return Collections.unmodifiableList(members.subList(0, indexOf(c)));
  }

  /** The commands after {@code c} in this pipeline. */
  public List<SimpleCommand> downstreamOf(SimpleCommand c) {
    return Collections.unmodifiableList(members.subList(indexOf(c) + 1, members.size()));
  }
}
