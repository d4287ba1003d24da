/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What a non-root runsc needs to keep sandboxes: {@code runsc --rootless} refuses {@code create} ("Rootless mode not
 * supported with \"create\""), so the backend runs runsc without it, with {@code --ignore-cgroups} (a non-root runsc
 * may not make cgroups: "mkdir /sys/fs/cgroup/...: permission denied") and a user namespace in {@code config.json}
 * (without one: "unable to run a rootless container without userns"), whose id maps runsc writes with the setuid
 * helpers {@code newuidmap} and {@code newgidmap} (package uidmap; without them: "newuidmap failed: executable file
 * not found"). Mapping only one's own uid and gid needs no {@code /etc/subuid} entry.
 */
final class RootlessTools {
  static final String WHY = " (runsc writes the sandbox's user namespace id maps with them: without them a non-root"
      + " runsc cannot create a sandbox, and `runsc --rootless` refuses `create`)";
  static final String FIX = "install the uidmap package (Debian/Ubuntu: apt-get install uidmap; Fedora: shadow-utils),"
      + " or run as root";

  private RootlessTools() {}

  /** The first of newuidmap/newgidmap not found on {@code path}, if any. */
  static Optional<String> missing(String path) {
    for (String tool : List.of("newuidmap", "newgidmap")) {
      boolean found = false;
      for (String dir : (path.isEmpty() ? "/usr/bin:/bin" : path).split(":")) {
        if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
          found = true;
          break;
        }
      }
      if (!found) {
        return Optional.of(tool);
      }
    }
    return Optional.empty();
  }
}
