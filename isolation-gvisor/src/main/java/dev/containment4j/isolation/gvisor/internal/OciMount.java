/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import java.util.List;
import java.util.Objects;

/**
 * One entry of the OCI {@code mounts} list.
 *
 * @param destination absolute path inside the sandbox
 * @param type {@code bind}, {@code tmpfs}, {@code proc}, {@code sysfs}
 * @param source host path for binds, the type name otherwise
 * @param options mount options ({@code rbind}, {@code ro}, {@code rw}, {@code mode=0755}, ...)
 * @param why which policy entry produced it (shown by {@code explain}, not written to config.json)
 */
public record OciMount(String destination, String type, String source, List<String> options, String why) {
  public OciMount {
    Objects.requireNonNull(destination, "destination");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    options = List.copyOf(options);
    Objects.requireNonNull(why, "why");
  }

  static OciMount bind(String path, boolean writable, String why) {
    return new OciMount(path, "bind", path, List.of("rbind", writable ? "rw" : "ro"), why);
  }

  static OciMount bindFrom(String source, String destination, String why) {
    return new OciMount(destination, "bind", source, List.of("rbind", "ro"), why);
  }

  static OciMount tmpfs(String path, boolean writable, String mode, String why) {
    return new OciMount(path, "tmpfs", "tmpfs",
        List.of("nosuid", "nodev", writable ? "rw" : "ro", "mode=" + mode), why);
  }

  /** Number of path components: parents are mounted before their children. */
  int depth() {
    return destination.equals("/") ? 0 : destination.split("/").length - 1;
  }
}
