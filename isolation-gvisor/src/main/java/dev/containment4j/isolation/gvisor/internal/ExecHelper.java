/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code c4j-exec}, the small static program (source: {@code src/main/c/c4j-exec.c}) that every session call runs
 * first. runsc 20221219 applies the OCI seccomp filter to a container's first process only, not to {@code runsc exec}
 * processes; the helper installs the same filter on itself (no {@code unshare}/{@code setns}, no io_uring, no
 * {@code clone(CLONE_NEWUSER)}, {@code clone3} reports ENOSYS) before it starts the call as its child, so the call
 * and everything it starts carry it. It then kills whatever the call left running and passes its status through.
 *
 * <p>It is copied into the backend's private instance directory and bind-mounted read-only at {@link #IN_SANDBOX}.
 */
public final class ExecHelper {

  /** Where the helper appears inside every sandbox (gVisor's own /dev tmpfs: nothing is created on the host). */
  public static final String IN_SANDBOX = "/dev/containment4j-exec";

  /** How the helper starts its message when it cannot install the filter (it then exits 125 and runs nothing). */
  static final String FILTER_FAILED = "c4j-exec: seccomp filter not installed";
  static final int FILTER_FAILED_EXIT = 125;

  private ExecHelper() {}

  /** The bundled binary for a JVM {@code os.arch} value, if there is one. */
  static Optional<String> resourceFor(String osArch) {
    return switch (osArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> Optional.of("c4j-exec-x86_64");
      case "aarch64", "arm64" -> Optional.of("c4j-exec-aarch64");
      default -> Optional.empty();
    };
  }

  /**
   * Copies the helper for this machine's architecture to {@code DIR/c4j-exec} (0555), or returns empty when none is
   * bundled for it.
   *
   * @throws IOException when the copy fails
   */
  static Optional<Path> install(InstanceDir inst) throws IOException {
    Optional<String> name = resourceFor(System.getProperty("os.arch", ""));
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Path target = inst.dir().resolve("c4j-exec");
    try (InputStream in = ExecHelper.class.getResourceAsStream(name.get())) {
      if (in == null) {
        return Optional.empty();
      }
      Files.copy(in, target);
    }
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r-xr-xr-x"));
    return Optional.of(target);
  }

  /** The argv of {@code runsc exec} for one session call. */
  public static List<String> wrap(List<String> argv) {
    List<String> a = new ArrayList<>(argv.size() + 2);
    a.add(IN_SANDBOX);
    a.add("--kill-all");
    a.addAll(argv);
    return a;
  }

  /** Whether a call's outcome is the helper refusing to run because the filter could not be installed. */
  static boolean filterFailed(int exit, String stderr) {
    return exit == FILTER_FAILED_EXIT && stderr.startsWith(FILTER_FAILED);
  }
}
