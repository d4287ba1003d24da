/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.fs;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Host directories a writable root (the workdir, an {@code allowWrite} entry) must not be: a sandbox that can write
 * them changes what the host itself runs next, outside any sandbox. {@code /}; the home directory and every directory
 * above it (shell start-up files, {@code ~/.gitconfig}, {@code ~/.config/autostart}, {@code ~/.local/bin}); the
 * directories above the running JVM; and the system trees, inside or above ({@code /etc}, {@code /usr}, the
 * {@code /bin}, {@code /sbin} and {@code /lib} trees, {@code /boot}, and the kernel's {@code /proc}, {@code /sys},
 * {@code /dev}, {@code /run}); and {@code /home}, {@code /var}, {@code /opt} and their like themselves (a project inside
 * them is fine). Thread-safe.
 */
public final class HostCriticalPaths {
  /** System trees: no writable root inside them or above them. Compared as real paths (merged /usr links). */
  private static final List<Path> SYSTEM = List.of("/etc", "/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64",
      "/libx32", "/boot", "/proc", "/sys", "/dev", "/run").stream().map(p -> PathResolver.real(Path.of(p))).distinct()
      .toList();

  /**
   * Directories that hold what the host runs or other users own: no writable root may be one of them or above them,
   * though a project inside them is fine ({@code /home/dev/project}, {@code /var/lib/ci/workspace}); the cron spool
   * not even inside.
   */
  private static final List<Path> SHARED = List.of("/home", "/root", "/var", "/var/lib", "/var/spool", "/opt", "/srv",
      "/mnt", "/media").stream().map(p -> PathResolver.real(Path.of(p))).distinct().toList();
  private static final Path CRON = PathResolver.real(Path.of("/var/spool/cron"));
  /** The running Java runtime (it does not move while the JVM runs). */
  private static final Path JAVA_HOME = PathResolver.real(Path.of(System.getProperty("java.home")));

  private HostCriticalPaths() {}

  /**
   * Why {@code root} must not be writable, or empty when it may be.
   *
   * @param root a real, absolute path
   * @param realHome the home directory, as a real path
   */
  public static Optional<String> whyNotWritable(Path root, Path realHome) {
    if (root.getParent() == null) {
      return Optional.of(root + " is the root directory: the whole host would be writable");
    }
    if (realHome.startsWith(root)) {
      return Optional.of(root + (root.equals(realHome) ? " is" : " holds") + " the home directory " + realHome
          + ": its shell start-up files, ~/.gitconfig, ~/.config and ~/.local/bin decide what the host runs next");
    }
    if (JAVA_HOME.startsWith(root)) {
      return Optional.of(root + " holds the Java runtime running this library (" + JAVA_HOME + ")");
    }
    for (Path system : SYSTEM) {
      if (root.startsWith(system) || system.startsWith(root)) {
        return Optional.of(root + (root.startsWith(system) ? " is inside" : " holds") + " the system directory "
            + system + ", which the host runs and trusts");
      }
    }
    for (Path shared : SHARED) {
      if (shared.startsWith(root)) {
        return Optional.of(root + (root.equals(shared) ? " is " : " holds ") + shared + ", which holds other users'"
            + " homes or what the host runs; name a project directory inside it");
      }
    }
    if (root.startsWith(CRON) || CRON.startsWith(root)) {
      return Optional.of(root + " is or holds the cron spool " + CRON + ": a crontab there runs on the host");
    }
    return Optional.empty();
  }
}
