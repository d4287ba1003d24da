/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.guard;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a guard knows about where a call runs and what happened before it in the session.
 *
 * @param workdir the workspace directory (absolute, real path where it exists)
 * @param cwd the directory the call runs in (the workdir unless the call says otherwise)
 * @param home the user's home directory on the host
 * @param tainted whether an earlier output in this session carried secrets or untrusted content
 * @param consecutiveDenials denials in a row in this session, before this call
 * @param totalDenials denials in this session so far
 * @since 0.1
 */
public record GuardContext(
    Path workdir, Path cwd, Path home, boolean tainted, int consecutiveDenials, int totalDenials) {

  public GuardContext {
    Objects.requireNonNull(workdir, "workdir");
    Objects.requireNonNull(cwd, "cwd");
    Objects.requireNonNull(home, "home");
  }

  /** A context for a single call outside any session. */
  public static GuardContext of(Path workdir) {
    return new GuardContext(workdir, workdir, Path.of(System.getProperty("user.home")), false, 0, 0);
  }

  public GuardContext withCwd(Path dir) {
    return new GuardContext(workdir, dir, home, tainted, consecutiveDenials, totalDenials);
  }
}
