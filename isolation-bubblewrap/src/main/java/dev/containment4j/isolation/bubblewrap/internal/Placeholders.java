/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap.internal;

import dev.containment4j.internal.fs.FilesystemPlan;
import dev.containment4j.internal.fs.FilesystemPlan.ProtectedPath;
import dev.containment4j.internal.fs.FilesystemPlan.Protection;
import dev.containment4j.internal.fs.HostPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The empty files bwrap leaves in the user's tree where it occupies a protected name that did not exist
 * ({@code .mcp.json}, {@code .vscode}, ...). They are counted across concurrent calls of this JVM and removed when the
 * last call that uses one ends: removing one while another call still has it mounted would silently detach that
 * call's protection (the kernel detaches mounts whose mount point is unlinked in another namespace).
 */
final class Placeholders {
  private static final Map<Path, Integer> IN_USE = new HashMap<>();

  private Placeholders() {}

  /**
   * Decides, under the lock, how each protected path is protected now: a name that is missing, or that is a
   * placeholder of a running call, is occupied (and counted); anything else is made read-only in place.
   *
   * @return the plan with final protections; pass the same plan to {@link #release}
   */
  static synchronized FilesystemPlan acquire(FilesystemPlan plan) {
    List<ProtectedPath> out = new ArrayList<>();
    for (ProtectedPath p : plan.protectedPaths()) {
      if (p.protection() == Protection.PIN) {
        out.add(p);
        continue;
      }
      boolean ours = IN_USE.containsKey(p.path());
      if (ours || !HostPath.of(p.path()).exists()) {
        IN_USE.merge(p.path(), 1, Integer::sum);
        out.add(new ProtectedPath(p.path(), Protection.OCCUPY));
      } else {
        out.add(new ProtectedPath(p.path(), Protection.READ_ONLY));
      }
    }
    return new FilesystemPlan(plan.workdir(), plan.writable(), plan.denyRead(), plan.allowRead(), plan.denyWrite(),
        out, plan.hiddenHome(), plan.notes());
  }

  /** Ends one call's use; the last user removes the placeholder if it is still an empty file. */
  static synchronized void release(FilesystemPlan acquired) {
    for (ProtectedPath p : acquired.protectedPaths()) {
      if (p.protection() != Protection.OCCUPY) {
        continue;
      }
      int left = IN_USE.merge(p.path(), -1, Integer::sum);
      if (left <= 0) {
        IN_USE.remove(p.path());
        removeIfPlaceholder(p.path());
      }
    }
  }

  private static void removeIfPlaceholder(Path path) {
    try {
      BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (a.isRegularFile() && a.size() == 0) {
        Files.delete(path);
      }
    } catch (IOException gone) {
      // nothing was left, or it is not ours to remove
    }
  }
}
