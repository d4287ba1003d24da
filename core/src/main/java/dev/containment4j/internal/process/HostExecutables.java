/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the host programs the library starts outside any sandbox ({@code bwrap}, {@code runsc}): only a program no
 * one else can swap is run. A {@code PATH} entry that is relative (".", "", "bin") names a directory of whatever the
 * current directory is, often the project the agent works in, and is skipped, as Go's {@code exec.LookPath} refuses;
 * so is a program that another user, or anything running as another user, could replace: the file or a directory
 * above it writable by group or others, or owned by neither root nor this user (the rule of OpenSSH's
 * {@code StrictModes} and sudo's {@code secure_path}). A {@code PATH} entry inside the current directory counts as
 * relative (it is the default workdir), and a backend refuses a binary inside any writable root of its policy
 * ({@link #whyUnsafe}). Thread-safe.
 */
public final class HostExecutables {
  private static final Set<PosixFilePermission> SHARED_WRITE = Set.of(PosixFilePermission.GROUP_WRITE,
      PosixFilePermission.OTHERS_WRITE);

  private HostExecutables() {}

  /**
   * The first executable {@code name} in an absolute, trusted directory of {@code path} (a {@code PATH} value), as a
   * real path.
   */
  public static Optional<Path> onPath(String name, String path) {
    if (path == null) {
      return Optional.empty();
    }
    Path cwd = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    for (String dir : path.split(":")) {
      // inside the current directory counts as relative: it is the default workdir, which every call may rewrite
      if (dir.isEmpty() || !dir.startsWith("/") || Path.of(dir).normalize().startsWith(cwd)) {
        continue;
      }
      Optional<Path> found = trusted(Path.of(dir, name));
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** {@code file} as a real path, when it is an executable regular file that {@link #whyUntrusted} accepts. */
  public static Optional<Path> trusted(Path file) {
    if (!file.isAbsolute() || !Files.isRegularFile(file) || !Files.isExecutable(file)) {
      return Optional.empty();
    }
    return whyUntrusted(file).isPresent() ? Optional.empty() : real(file);
  }

  /**
   * Why {@code file} (absolute) could be replaced by someone other than root or this user, or empty when it cannot:
   * the real file and every directory above it are owned by root or this user and not writable by group or others.
   */
  public static Optional<String> whyUntrusted(Path file) {
    if (!file.isAbsolute()) {
      return Optional.of(file + " is a relative path, which names a file of whatever the current directory is");
    }
    Optional<Path> real = real(file);
    if (real.isEmpty()) {
      return Optional.of(file + " does not exist");
    }
    int me = uid();
    for (Path p = real.get(); p != null; p = p.getParent()) {
      PosixFileAttributes a;
      int owner;
      try {
        a = Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        owner = (Integer) Files.getAttribute(p, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      } catch (IOException | UnsupportedOperationException e) {
        return Optional.of("cannot read the owner and mode of " + p + ": " + e.getMessage());
      }
      if (owner != 0 && owner != me) {
        return Optional.of(p + " belongs to uid " + owner + ", neither root nor this user");
      }
      if (a.permissions().stream().anyMatch(SHARED_WRITE::contains)) {
        return Optional.of(p + " is writable by " + (a.permissions().contains(PosixFilePermission.OTHERS_WRITE)
            ? "every user" : "its group") + ", who could replace " + real.get());
      }
    }
    return Optional.empty();
  }

  /**
   * {@link #whyUntrusted}, and also when {@code file} lies inside one of {@code writableRoots} (a sandbox's workdir or
   * {@code allowWrite} entries): a call could replace it, and the next start would run the replacement on the host.
   */
  public static Optional<String> whyUnsafe(Path file, Collection<Path> writableRoots) {
    Optional<String> untrusted = whyUntrusted(file);
    if (untrusted.isPresent()) {
      return untrusted;
    }
    Path real = real(file).orElse(file);
    return writableRoots.stream().filter(real::startsWith).findFirst().map(root -> real + " lies inside " + root
        + ", which the sandbox may write: a call could replace it");
  }

  private static Optional<Path> real(Path file) {
    try {
      return Optional.of(file.toRealPath());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int uid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return -1;
    }
  }
}
