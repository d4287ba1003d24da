/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Turns policy path entries ({@code ~/.ssh}, {@code ./secret}, {@code **}{@code /*.pem}, absolute paths) into
 * {@link FsTarget}s with real host paths, because Seatbelt matches the kernel's resolved path ({@code /tmp} is
 * {@code /private/tmp} there).
 *
 * <p>A minimal resolver kept in this module until the backend-neutral one in core ({@code dev.containment4j.internal.fs})
 * lands: {@code ~}, {@code ~/}, {@code $HOME}, {@code $HOME/} expand to the home directory; relative entries are
 * relative to the workdir; {@code .} and {@code ..} are normalised lexically; symlinks in the longest existing prefix
 * are resolved (the rest is kept as written, so protection does not depend on a path existing yet). Not covered: a
 * dangling symlink's target, {@code ~user}.
 */
public final class PathResolver {
  private final Path workdir;
  private final Path home;
  private final UnaryOperator<Path> realPath;

  /**
   * @param workdir absolute workdir
   * @param home absolute home directory
   * @param realPath resolves symlinks of an absolute, normalised path (tests pass the identity)
   */
  public PathResolver(Path workdir, Path home, UnaryOperator<Path> realPath) {
    this.workdir = workdir;
    this.home = home;
    this.realPath = realPath;
  }

  /** A resolver that looks at the host filesystem. */
  public static PathResolver onHost(Path workdir, Path home) {
    return new PathResolver(workdir, home, PathResolver::realOfExistingPrefix);
  }

  /** Resolves a directory the backend itself chose (workdir, private tmp). */
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
    if (entry.isEmpty()) {
      throw new IllegalArgumentException(source + ": empty path");
    }
    String expanded = expandHome(source, entry);
    if (!GlobRegex.isGlob(expanded)) {
      Path lexical = absolute(source, expanded);
      Path real = realPath.apply(lexical);
      return new FsTarget(source, text(real), Optional.empty(), List.of(text(lexical)));
    }
    List<String> prefix = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    for (String seg : expanded.split("/", -1)) {
      if (rest.isEmpty() && !GlobRegex.isGlob(seg)) {
        prefix.add(seg);
      } else if (!seg.isEmpty() && !seg.equals(".")) {
        if (seg.equals("..")) {
          throw new IllegalArgumentException(source + ": '..' after a wildcard is not supported: "
              + Sbpl.printable(entry));
        }
        rest.add(seg);
      }
    }
    String prefixText = String.join("/", prefix);
    Path base = absolute(source, prefixText.isEmpty() ? (expanded.startsWith("/") ? "/" : ".") : prefixText);
    return FsTarget.glob(source, text(realPath.apply(base)), String.join("/", rest));
  }

  private String expandHome(String source, String entry) {
    for (String h : new String[] {"~", "$HOME"}) {
      if (entry.equals(h)) {
        return home.toString();
      }
      if (entry.startsWith(h + "/")) {
        return home + entry.substring(h.length());
      }
    }
    if (entry.startsWith("~")) {
      throw new IllegalArgumentException(source + ": '~user' paths are not supported: " + Sbpl.printable(entry)
          + "; write the absolute path");
    }
    return entry;
  }

  private Path absolute(String source, String text) {
    try {
      Path p = Path.of(text);
      return (p.isAbsolute() ? p : workdir.resolve(p)).normalize();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(source + ": not a usable path: " + Sbpl.printable(text), e);
    }
  }

  private static String text(Path p) {
    return p.toString();
  }

  /** The real path of the longest existing prefix of {@code abs}, with the missing rest appended as written. */
  public static Path realOfExistingPrefix(Path abs) {
    Deque<Path> missing = new ArrayDeque<>();
    Path p = abs;
    while (p != null) {
      try {
        Path real = p.toRealPath();
        for (Path name : missing) {
          real = real.resolve(name);
        }
        return real;
      } catch (IOException | SecurityException e) {
        if (p.getFileName() == null) {
          return abs;
        }
        missing.push(p.getFileName());
        p = p.getParent();
      }
    }
    return abs;
  }
}
