/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One filesystem entry of the policy, resolved to absolute host paths.
 *
 * @param source where it came from, used in rule ids ({@code workdir}, {@code denyRead.0}, {@code tmp}, ...)
 * @param path the real path (a literal entry) or the real base directory (a glob entry)
 * @param glob the glob below {@code path}, if the entry is one
 * @param aliases other spellings of a literal path (the path as written when symlinks made the real one differ);
 *     deny rules cover them too
 */
public record FsTarget(String source, String path, Optional<String> glob, List<String> aliases) {
  public FsTarget {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(glob, "glob");
    aliases = List.copyOf(aliases);
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("not absolute: " + Sbpl.printable(path));
    }
  }

  public static FsTarget literal(String source, String path) {
    return new FsTarget(source, path, Optional.empty(), List.of());
  }

  public static FsTarget glob(String source, String base, String glob) {
    return new FsTarget(source, base, Optional.of(glob), List.of());
  }

  public boolean isGlob() {
    return glob.isPresent();
  }

  /** The path and its aliases (a literal entry). */
  public List<String> spellings() {
    List<String> all = new ArrayList<>();
    all.add(path);
    aliases.stream().filter(a -> !a.equals(path)).forEach(all::add);
    return all;
  }

  /** The anchored regex of a glob entry. */
  public String regex(GlobRegex.End end) {
    return GlobRegex.compile(path, glob.orElseThrow(), end, false);
  }

  /** Number of path segments, the specificity used to order literal rules. */
  public int depth() {
    return (int) path.chars().filter(c -> c == '/').count() - (path.equals("/") ? 1 : 0);
  }

  /** Whether {@code other} (a literal path) is this literal path or below it. */
  public boolean covers(String other) {
    return !isGlob() && (other.equals(path) || other.startsWith(path.endsWith("/") ? path : path + "/"));
  }
}
