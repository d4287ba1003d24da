/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code c4j-pgrp}, the small static program (source: {@code src/main/c/c4j-pgrp.c}) the launcher execs in place of
 * bwrap, which then execs bwrap: it puts the sandbox in a process group of its own ({@code setpgid(0, 0)}) and drops
 * the caller's controlling terminal ({@code ioctl(TIOCNOTTY)}), checks both in {@code /proc/self/stat}, and only then
 * execs bwrap. With it, bwrap runs without {@code --new-session}: the sandbox stays in the JVM's session, and so in
 * its scheduler autogroup, while what the new session protected is protected another way (the process group:
 * {@code kill(0)} from inside reaches no host process; the terminal: {@code /dev/tty} inside fails with ENXIO;
 * {@code TIOCSTI}/{@code TIOCLINUX} stay refused by seccomp).
 *
 * <p>Without a usable helper (no binary for this CPU, or the private directory does not allow executing it) every
 * sandbox keeps {@code --new-session}: never one without either protection.
 */
final class ProcessGroupHelper {
  /** How the helper starts its message when it refuses to run the call (it then exits 125 and runs nothing). */
  static final String FAILED = "c4j-pgrp:";
  static final String FILE_NAME = "c4j-pgrp";

  private ProcessGroupHelper() {}

  /** The bundled binary for a JVM {@code os.arch} value, if there is one. */
  static Optional<String> resourceFor(String osArch) {
    return switch (osArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> Optional.of("c4j-pgrp-x86_64");
      case "aarch64", "arm64" -> Optional.of("c4j-pgrp-aarch64");
      default -> Optional.empty();
    };
  }

  /**
   * Copies the helper for this CPU into {@code dir} (owner read and execute only) and runs it once ({@code c4j-pgrp
   * /bin/true}); empty when none is bundled for this CPU or it does not run there (a {@code noexec} mount).
   *
   * @throws IOException when the copy fails
   */
  static Optional<Path> install(Path dir) throws IOException {
    Optional<String> name = resourceFor(System.getProperty("os.arch", ""));
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Path target = dir.resolve(FILE_NAME);
    try (InputStream in = ProcessGroupHelper.class.getResourceAsStream(name.get())) {
      if (in == null) {
        return Optional.empty();
      }
      Files.copy(in, target);
    }
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r-x------"));
    return works(target) ? Optional.of(target) : Optional.empty();
  }

  private static boolean works(Path helper) {
    try {
      ProcessBuilder pb = new ProcessBuilder(helper.toString(), "/bin/true").redirectErrorStream(true);
      pb.environment().clear();
      Process p = pb.start();
      p.getInputStream().readAllBytes();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** {@code argv} (bwrap first) run through the helper. */
  static List<String> wrap(Path helper, List<String> argv) {
    List<String> a = new ArrayList<>(argv.size() + 1);
    a.add(helper.toString());
    a.addAll(argv);
    return a;
  }

  /** Whether a call's outcome is the helper refusing to run it. */
  static boolean refused(int exit, String stderr) {
    return exit == Launcher.LAUNCHER_FAILED && stderr.startsWith(FAILED);
  }

}
