/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.fs;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * Turns one filesystem entry of a policy into absolute host paths: {@code ~} and {@code $HOME} expand to the home
 * directory, relative entries resolve against the workdir, {@code ..} is normalised, symlinks are resolved to their
 * real targets, and globs ({@code **}{@code /*.pem}) are expanded against what exists now, within a bound so that a
 * careless pattern cannot walk the whole disk. Thread-safe.
 */
public final class PathResolver {
  /** How an entry starts when it is written relative to the home directory. */
  private static final List<String> HOME_PREFIXES = List.of("~/", "$HOME/", "${HOME}/");

  /** Entries a single glob may visit before it is refused. */
  public static final int MAX_GLOB_VISITED = 50_000;
  /** Matches a single glob may produce before it is refused. */
  public static final int MAX_GLOB_MATCHES = 1_000;

  private final Path workdir;
  private final Path home;

  /**
   * @param workdir absolute real path of the workdir
   * @param home absolute path of the user's home
   */
  public PathResolver(Path workdir, Path home) {
    this.workdir = Objects.requireNonNull(workdir, "workdir").toAbsolutePath().normalize();
    this.home = Objects.requireNonNull(home, "home").toAbsolutePath().normalize();
  }

  /** Whether {@code entry} contains glob syntax. */
  public static boolean isGlob(String entry) {
    return entry.indexOf('*') >= 0 || entry.indexOf('?') >= 0 || entry.indexOf('[') >= 0 || entry.indexOf('{') >= 0;
  }

  /** Whether {@code entry} is relative to the workdir (not absolute and not under {@code ~}). */
  public boolean isWorkdirRelative(String entry) {
    return !expandHome(entry).isAbsolute();
  }

  /** The entry as an absolute, normalised path, without resolving symlinks ({@code ~} expanded). */
  public Path absolute(String entry) {
    return workdir.resolve(expandHome(entry)).normalize();
  }

  /**
   * The entry's host paths, each resolved with {@link #real(Path)}. A plain entry gives one path, which may not exist;
   * a glob gives the paths that match now.
   *
   * @throws GlobTooBroadException when a glob visits or matches more than the bounds allow
   */
  public List<Path> expand(String entry) {
    if (!isGlob(entry)) {
      return List.of(real(absolute(entry)));
    }
    // glob syntax counts only in what the policy wrote: a workdir or home whose own name holds * ? [ { (a clone in
    // "proj[1]") must stay literal, or "**/*.pem" under it would match nothing and hide nothing
    Path written = Path.of(entry.strip());
    Path prefix = workdir;
    for (String home : HOME_PREFIXES) {
      if (entry.strip().startsWith(home)) {
        prefix = this.home;
        written = Path.of(entry.strip().substring(home.length()));
      }
    }
    if (written.isAbsolute()) {
      prefix = written.getRoot();
      written = prefix.relativize(written);
    }
    List<Path> paths = new ArrayList<>(glob(prefix, written, entry));
    // a path that exists exactly as written (a name with [ or * in it) is what the entry names, besides any match
    Path literal = absolute(entry);
    if (HostPath.of(literal).exists() && !paths.contains(real(literal))) {
      paths.add(real(literal));
    }
    return paths;
  }

  /**
   * The real path of {@code path}: symlinks resolved all the way. For a path that does not exist, the real path of its
   * deepest existing ancestor with the missing rest appended (so a symlinked parent still counts).
   */
  public static Path real(Path path) {
    Path abs = path.toAbsolutePath().normalize();
    try {
      // realpath(3) of the longest existing prefix plus the rest, as below, without an exception per missing level
      // (a plan resolves a dozen mostly missing paths per call; the exceptions cost more than the system calls)
      return Path.of(abs.toFile().getCanonicalPath());
    } catch (IOException | java.nio.file.InvalidPathException e) {
      return realByWalking(abs);
    }
  }

  private static Path realByWalking(Path abs) {
    Path existing = abs;
    List<Path> rest = new ArrayList<>();
    while (existing != null) {
      try {
        Path resolved = existing.toRealPath();
        for (int i = rest.size() - 1; i >= 0; i--) {
          resolved = resolved.resolve(rest.get(i));
        }
        return resolved.normalize();
      } catch (IOException e) {
        if (existing.getFileName() == null) {
          return abs;
        }
        rest.add(existing.getFileName());
        existing = existing.getParent();
      }
    }
    return abs;
  }

  private Path expandHome(String entry) {
    String e = entry.strip();
    if (e.equals("~") || e.equals("$HOME") || e.equals("${HOME}")) {
      return home;
    }
    for (String prefix : HOME_PREFIXES) {
      if (e.startsWith(prefix)) {
        return home.resolve(e.substring(prefix.length()));
      }
    }
    return Path.of(e);
  }

  /** Matches of {@code written} (the entry's own text, relative) below {@code prefix}, which is taken literally. */
  private static List<Path> glob(Path prefix, Path written, String entry) {
    Path base = prefix;
    int firstGlob = 0;
    for (Path part : written) {
      if (isGlob(part.toString())) {
        break;
      }
      base = base.resolve(part);
      firstGlob++;
    }
    base = base.normalize();
    Path pattern = written;
    String rest = pattern.subpath(firstGlob, pattern.getNameCount()).toString();
    List<PathMatcher> matchers = new ArrayList<>();
    matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + rest));
    if (rest.startsWith("**/")) {
      // "**/*.pem" also means a top-level "a.pem", as in git and shells with globstar
      matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + rest.substring(3)));
    }
    int maxDepth = rest.contains("**") ? Integer.MAX_VALUE : pattern.getNameCount() - firstGlob;
    List<Path> matches = new ArrayList<>();
    if (!Files.isDirectory(base)) {
      return matches;
    }
    Path walkRoot = base;
    int[] visited = {0};
    try {
      Files.walkFileTree(walkRoot, EnumSet.noneOf(java.nio.file.FileVisitOption.class), maxDepth,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              return visit(dir);
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              return visit(file);
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
              return FileVisitResult.CONTINUE;
            }

            private FileVisitResult visit(Path p) {
              if (++visited[0] > MAX_GLOB_VISITED) {
                throw new GlobTooBroadException(entry, "visits more than " + MAX_GLOB_VISITED + " entries under "
                    + walkRoot);
              }
              if (p.equals(walkRoot)) {
                return FileVisitResult.CONTINUE;
              }
              Path rel = walkRoot.relativize(p);
              for (PathMatcher m : matchers) {
                if (m.matches(rel)) {
                  if (matches.size() >= MAX_GLOB_MATCHES) {
                    throw new GlobTooBroadException(entry, "matches more than " + MAX_GLOB_MATCHES + " paths");
                  }
                  matches.add(real(p));
                  break;
                }
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new GlobTooBroadException(entry, "cannot be expanded: " + e.getMessage());
    }
    return matches;
  }

  /** A glob that would walk or match too much; the caller fails closed. */
  public static final class GlobTooBroadException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String entry;

    GlobTooBroadException(String entry, String problem) {
      super("the pattern \"" + entry + "\" " + problem + "; narrow it (for example start it with a directory)");
      this.entry = entry;
    }

    public String entry() {
      return entry;
    }
  }
}
