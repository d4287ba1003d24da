/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Turns policy path entries ({@code ~/.ssh}, {@code ./secret}, {@code **}{@code /*.pem}, absolute paths) into
 * {@link FsTarget}s with real host paths, because Seatbelt matches the kernel's resolved path ({@code /tmp} is
 * {@code /private/tmp} there).
 *
 * <p>Expansion ({@code ~}, {@code $HOME}, relative to the workdir, {@code ..}) and glob detection are core's
 * ({@link dev.containment4j.internal.fs.PathResolver}), so every backend reads an entry the same way; symlinks in the
 * longest existing prefix are resolved with core's {@code real()}, the rest is kept as written (protection does not
 * depend on a path existing yet). Unlike bubblewrap, which expands a glob against the files that exist now, a glob
 * here becomes a regex in the profile, so it also covers files created later. Not covered: a dangling symlink's
 * target, {@code ~user}.
 */
public final class PathResolver {
  private final dev.containment4j.internal.fs.PathResolver expansion;
  private final Path workdir;
  private final Path home;
  private final UnaryOperator<Path> realPath;

  /**
   * @param workdir absolute workdir
   * @param home absolute home directory
   * @param realPath resolves symlinks of an absolute, normalised path (tests pass a fake)
   */
  public PathResolver(Path workdir, Path home, UnaryOperator<Path> realPath) {
    this.expansion = new dev.containment4j.internal.fs.PathResolver(workdir, home);
    this.workdir = workdir.toAbsolutePath().normalize();
    this.home = home.toAbsolutePath().normalize();
    this.realPath = realPath;
  }

  /** A resolver that looks at the host filesystem. */
  public static PathResolver onHost(Path workdir, Path home) {
    return new PathResolver(workdir, home, PathResolver::realOfExistingPrefix);
  }

  /** Resolves a directory the backend itself chose (workdir, private tmp, home). */
  public FsTarget directory(String source, Path dir) {
    Path lexical = dir.toAbsolutePath().normalize();
    Path real = realPath.apply(lexical);
    return new FsTarget(source, text(real), Optional.empty(), List.of(text(lexical)));
  }

  /**
   * Resolves one policy entry.
   *
   * @throws IllegalArgumentException naming the entry when it cannot be used
   */
  public FsTarget resolve(String source, String entry) {
    if (entry.isBlank()) {
      throw new IllegalArgumentException(source + ": empty path");
    }
    String stripped = entry.strip();
    if (stripped.startsWith("~") && !stripped.equals("~") && !stripped.startsWith("~/")) {
      throw new IllegalArgumentException(source + ": '~user' paths are not supported: " + Sbpl.printable(entry)
          + "; write the absolute path");
    }
    Path absolute;
    try {
      absolute = expansion.absolute(entry);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(source + ": not a usable path: " + Sbpl.printable(entry), e);
    }
    if (!GlobRegex.isGlob(stripped)) {
      Path real = realPath.apply(absolute);
      return new FsTarget(source, text(real), Optional.empty(), List.of(text(absolute)));
    }
    // A glob: split the entry AS WRITTEN, never the expanded path, so that glob syntax inside the home or workdir
    // path itself (a workdir named "a[1]") stays data.
    Path anchor = workdir;
    String rest = stripped;
    for (String h : List.of("~/", "$HOME/", "${HOME}/")) {
      if (stripped.startsWith(h)) {
        anchor = home;
        rest = stripped.substring(h.length());
      }
    }
    if (rest.startsWith("/")) {
      anchor = Path.of("/");
    }
    List<String> prefix = new ArrayList<>();
    List<String> pattern = new ArrayList<>();
    for (String seg : rest.split("/", -1)) {
      if (pattern.isEmpty() && !GlobRegex.isGlob(seg)) {
        if (!seg.isEmpty()) {
          prefix.add(seg);
        }
      } else if (!seg.isEmpty() && !seg.equals(".")) {
        pattern.add(seg);
      }
    }
    Path base = anchor;
    for (String seg : prefix) {
      base = base.resolve(seg);
    }
    return FsTarget.glob(source, text(realPath.apply(base.normalize())), String.join("/", pattern));
  }

  private static String text(Path p) {
    return p.toString();
  }

  /** The real path of the longest existing prefix of {@code abs}, with the missing rest appended as written. */
  public static Path realOfExistingPrefix(Path abs) {
    return dev.containment4j.internal.fs.PathResolver.real(abs);
  }
}
