/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.fs;

import dev.containment4j.PolicyException;
import dev.containment4j.policy.Policy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The policy's {@code isolation.filesystem} section resolved against the host, as absolute real paths a backend can
 * mount or put into a profile. Made at wrap time (for every call), so globs see the files that exist then.
 *
 * <p>Rules it applies (the backends only translate them):
 * <ul>
 *   <li>the workdir and existing {@code allowWrite} entries are writable roots; a workdir-relative {@code allowWrite}
 *       entry whose real path leaves the workdir (a planted symlink) is refused, and no writable root may be one of
 *       the {@link HostCriticalPaths} ({@code /}, the home directory or above, a system tree, above the JVM);
 *   <li>{@code denyRead} entries that exist are hidden (files read as nothing, directories as empty), except the
 *       workdir itself and the home when {@code hideHome} already hides it; the workdir and writable roots below
 *       a hidden directory stay visible;
 *   <li>{@code allowRead} entries count only inside a hidden path (a {@code denyRead} directory or the hidden home),
 *       and one written inside a writable root only while it resolves inside that root;
 *   <li>{@code denyWrite} entries count only inside a writable root;
 *   <li>{@link ProtectedNames} inside every writable directory are write-protected whether they exist or not.
 * </ul>
 *
 * @param workdir the workdir (real path)
 * @param writable writable roots, the workdir first
 * @param denyRead hidden paths that exist (files or directories)
 * @param allowRead read-only carve-outs inside hidden paths
 * @param denyWrite read-only carve-outs inside writable roots
 * @param protectedPaths files that configure code execution, inside writable roots
 * @param hiddenHome the home directory when it is hidden
 * @param notes what was dropped and why, for {@code explain} and the isolation report
 */
public record FilesystemPlan(
    Path workdir,
    List<Path> writable,
    List<HostPath> denyRead,
    List<Path> allowRead,
    List<Path> denyWrite,
    List<ProtectedPath> protectedPaths,
    Optional<Path> hiddenHome,
    List<String> notes) {

  public FilesystemPlan {
    Objects.requireNonNull(workdir, "workdir");
    writable = List.copyOf(writable);
    denyRead = List.copyOf(denyRead);
    allowRead = List.copyOf(allowRead);
    denyWrite = List.copyOf(denyWrite);
    protectedPaths = List.copyOf(protectedPaths);
    Objects.requireNonNull(hiddenHome, "hiddenHome");
    notes = List.copyOf(notes);
  }

  /**
   * A protected path and how to protect it.
   *
   * @param path absolute path inside a writable root
   * @param protection what the backend must do there
   */
  public record ProtectedPath(Path path, Protection protection) {
    public ProtectedPath {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(protection, "protection");
    }
  }

  /** How a protected path is protected. */
  public enum Protection {
    /** It exists: make it read-only in place. */
    READ_ONLY,
    /**
     * It does not exist: occupy the name so nothing can be created there (bwrap leaves an empty placeholder on the
     * host, which the backend removes afterwards).
     */
    OCCUPY,
    /** A directory that stays writable but must not be renamed away and replaced ({@code .git}): pin it in place. */
    PIN
  }

  /**
   * The writable root that holds {@code path} (by its real path), if any: a place a call may have written, so nothing
   * the host later runs or trusts (a host program, the backend's private files) may live there.
   */
  public Optional<Path> writableRootHolding(Path path) {
    Path real = PathResolver.real(path);
    return writable.stream().filter(real::startsWith).findFirst();
  }

  /**
   * Resolves {@code fs} for one call.
   *
   * @param policy the policy (for its source name in errors and its workspace config name)
   * @param workdir absolute real path of the workdir
   * @param home the user's home directory on the host
   * @throws PolicyException when an entry cannot be honoured safely (a symlink leading out of the workdir, a glob that
   *     is too broad, a writable {@code /})
   */
  public static FilesystemPlan resolve(Policy policy, Path workdir, Path home) {
    return resolve(policy, workdir, home, HostCode.entries());
  }

  /** {@link #resolve(Policy, Path, Path)} with {@code hostCode} as the host JVM's class path and module path. */
  static FilesystemPlan resolve(Policy policy, Path workdir, Path home, List<Path> hostCode) {
    Policy.Filesystem fs = policy.isolation().filesystem();
    PathResolver resolver = new PathResolver(workdir, home);
    List<String> notes = new ArrayList<>();
    Path realHome = PathResolver.real(home);

    Set<Path> writable = new LinkedHashSet<>();
    Optional<String> unsafeWorkdir = HostCriticalPaths.whyNotWritable(workdir, realHome);
    if (unsafeWorkdir.isPresent()) {
      throw new PolicyException(policy.source(), 0, 0, "isolation.filesystem.workdir", "the workdir "
          + unsafeWorkdir.get() + "; make a project directory the workdir (or pass another with --workdir)");
    }
    writable.add(workdir);
    for (int i = 0; i < fs.allowWrite().size(); i++) {
      String entry = fs.allowWrite().get(i);
      for (Path p : expand(policy, resolver, entry, "isolation.filesystem.allowWrite[" + i + "]")) {
        if (p.getParent() == null) {
          throw new PolicyException(policy.source(), 0, 0, "isolation.filesystem.allowWrite[" + i + "]",
              "\"" + entry + "\" makes / writable, which leaves nothing protected; name the directories instead");
        }
        // written inside the workdir (relative, or an absolute path below it): a call may have swapped a directory
        // on the way for a symlink, so it must still resolve inside
        if ((resolver.isWorkdirRelative(entry) || resolver.absolute(entry).startsWith(workdir))
            && !p.startsWith(workdir)) {
          throw new PolicyException(policy.source(), 0, 0, "isolation.filesystem.allowWrite[" + i + "]",
              "\"" + entry + "\" is inside the workdir but resolves to " + p + " outside it (a symlink); remove the"
                  + " symlink or write the real path in the policy");
        }
        if (!HostPath.of(p).exists()) {
          notes.add("allowWrite " + entry + ": " + p + " does not exist, skipped");
          continue;
        }
        Optional<String> unsafe = HostCriticalPaths.whyNotWritable(p, realHome);
        if (unsafe.isPresent()) {
          throw new PolicyException(policy.source(), 0, 0, "isolation.filesystem.allowWrite[" + i + "]",
              "\"" + entry + "\" cannot be writable: " + unsafe.get() + "; name a directory of its own instead");
        }
        writable.add(p);
      }
    }

    Optional<Path> hiddenHome = Optional.empty();
    if (fs.hideHome()) {
      if (realHome.getParent() == null || workdir.equals(realHome) || realHome.startsWith(workdir)) {
        notes.add("hideHome: the workdir " + workdir + " contains the home directory, so the home stays visible");
      } else if (HostPath.of(realHome).isDirectory()) {
        hiddenHome = Optional.of(realHome);
      }
    }

    List<HostPath> denyRead = new ArrayList<>();
    Set<Path> seen = new LinkedHashSet<>();
    for (int i = 0; i < fs.denyRead().size(); i++) {
      for (Path p : expand(policy, resolver, fs.denyRead().get(i), "isolation.filesystem.denyRead[" + i + "]")) {
        HostPath hp = HostPath.of(p);
        if (!hp.exists() || !seen.add(p)) {
          continue;
        }
        if (p.equals(workdir)) {
          // hiding the workdir itself would leave the call nothing to work on; what is inside can still be denied
          notes.add("denyRead " + fs.denyRead().get(i) + ": " + p + " is the workdir, not hidden");
          continue;
        }
        if (hiddenHome.map(p::equals).orElse(false)) {
          continue; // already hidden, as a writable scratch home (a hidden directory would be read-only)
        }
        denyRead.add(hp);
      }
    }

    List<Path> allowRead = new ArrayList<>();
    for (int i = 0; i < fs.allowRead().size(); i++) {
      String entry = fs.allowRead().get(i);
      // written inside a writable root: a call may have planted a symlink on the way, into a hidden directory
      Optional<Path> plantable = writable.stream().filter(resolver.absolute(entry)::startsWith).findFirst();
      for (Path p : expand(policy, resolver, entry, "isolation.filesystem.allowRead[" + i + "]")) {
        if (plantable.isPresent() && !p.startsWith(plantable.get())) {
          notes.add("allowRead " + entry + ": resolves to " + p + ", outside the writable " + plantable.get() + " it is"
              + " written in (a symlink a call may have planted); nothing carved out");
          continue;
        }
        boolean insideHidden = hiddenHome.map(p::startsWith).orElse(false)
            || denyRead.stream().anyMatch(d -> d.isDirectory() && p.startsWith(d.path()) && !p.equals(d.path()));
        if (!HostPath.of(p).exists()) {
          continue;
        }
        if (insideHidden) {
          allowRead.add(p);
        } else {
          notes.add("allowRead " + entry + ": " + p + " is not inside a hidden path, nothing to carve out");
        }
      }
    }

    List<Path> denyWrite = new ArrayList<>();
    for (int i = 0; i < fs.denyWrite().size(); i++) {
      String entry = fs.denyWrite().get(i);
      for (Path p : expand(policy, resolver, entry, "isolation.filesystem.denyWrite[" + i + "]")) {
        if (!HostPath.of(p).exists()) {
          continue;
        }
        if (writable.stream().anyMatch(p::startsWith)) {
          denyWrite.add(p);
        }
      }
    }

    List<ProtectedPath> protectedPaths = new ArrayList<>();
    for (Path root : writable) {
      if (HostPath.of(root).isDirectory()) {
        List<String> names = new ArrayList<>(ProtectedNames.forPolicy(policy));
        names.addAll(ProtectedNames.TOP_LEVEL);
        protectIn(root, names, protectedPaths);
      }
    }
    for (Path root : writable) {
      HostPath git = HostPath.of(root.resolve(ProtectedNames.GIT));
      if (git.isDirectory()) {
        for (Path target : GitRedirects.targets(git.path(), realHome)) {
          protectRedirect(target, List.copyOf(writable), protectedPaths);
        }
      }
    }
    // A mount moves with its parent directory: a hidden or read-only path below a writable root stays masked only
    // while nothing above it can be renamed away (the next call would plan the old name and find nothing there).
    List<Path> hiddenDirectories = denyRead.stream().filter(HostPath::isDirectory).map(HostPath::path).toList();
    for (HostPath d : denyRead) {
      pinDirectoriesAbove(d.path(), List.copyOf(writable), hiddenDirectories, protectedPaths);
    }
    for (Path d : denyWrite) {
      pinDirectoriesAbove(d, List.copyOf(writable), hiddenDirectories, protectedPaths);
    }
    // the host appends to the audit file after every call: the tool must not swap in a symlink or a FIFO
    Optional<Path> audit = policy.audit().jsonl().map(FilesystemPlan::auditPath);
    if (audit.isPresent() && writable.stream().anyMatch(audit.get()::startsWith)) {
      protectRedirect(audit.get(), List.copyOf(writable), protectedPaths);
    }
    protectHostCode(policy, hostCode, List.copyOf(writable), protectedPaths);
    return new FilesystemPlan(workdir, List.copyOf(writable), denyRead, allowRead, denyWrite, protectedPaths,
        hiddenHome, notes);
  }

  /**
   * The host JVM's own code inside a writable root is read-only, its directories pinned (the host would run what a
   * call left there on its next start); a writable root inside a class path directory (where a call could add
   * classes or {@code META-INF/services} files the host loads) is refused.
   */
  private static void protectHostCode(Policy policy, List<Path> hostCode, List<Path> writable,
      List<ProtectedPath> out) {
    for (Path code : hostCode) {
      for (Path root : writable) {
        if (root.startsWith(code)) {
          throw new PolicyException(policy.source(), 0, 0, "isolation.filesystem", "the writable directory " + root
              + " is on, or inside, the host JVM's class path (" + code + "): a call could change the code the host"
              + " runs next; run the host from outside the project, or make another directory the workdir");
        }
      }
      if (HostPath.of(code).exists()) {
        protectRedirect(code, writable, out);
      }
    }
  }

  private static void protectIn(Path root, List<String> names, List<ProtectedPath> out) {
    HostPath git = HostPath.of(root.resolve(ProtectedNames.GIT));
    switch (git.kind()) {
      case DIRECTORY -> out.add(new ProtectedPath(git.path(), Protection.PIN));
      case MISSING -> out.add(new ProtectedPath(git.path(), Protection.OCCUPY));
      case SYMLINK -> throw symlink(git.path());
      default -> out.add(new ProtectedPath(git.path(), Protection.READ_ONLY)); // a worktree's "gitdir:" file
    }
    if (git.isDirectory()) {
      // a commondir that is there already stays as it is (GitTraps removes one a call creates: it cannot be occupied)
      HostPath commondir = HostPath.of(git.path().resolve(GitTraps.COMMONDIR));
      switch (commondir.kind()) {
        case MISSING -> { }
        case SYMLINK -> throw symlink(commondir.path());
        default -> out.add(new ProtectedPath(commondir.path(), Protection.READ_ONLY));
      }
    }
    for (String name : names) {
      Path p = root.resolve(name);
      if (name.startsWith(ProtectedNames.GIT + "/") && !git.isDirectory()) {
        continue; // covered by the .git entry above
      }
      HostPath hp = HostPath.of(p);
      switch (hp.kind()) {
        case MISSING -> out.add(new ProtectedPath(p, Protection.OCCUPY));
        case SYMLINK -> throw symlink(p);
        default -> out.add(new ProtectedPath(p, Protection.READ_ONLY));
      }
    }
  }

  /**
   * Protects a file git reads or runs because the repository's configuration names it ({@link GitRedirects}) when it
   * lies in a writable root: read-only when it exists, occupied when it does not, and every directory between the
   * root and it pinned, so that none can be renamed away and replaced (a mount moves with its parent directory).
   * The first missing directory on the way is occupied, which leaves nothing below it to create.
   */
  private static void protectRedirect(Path target, List<Path> writable, List<ProtectedPath> out) {
    Path root = null;
    for (Path w : writable) {
      if (target.startsWith(w) && (root == null || w.getNameCount() > root.getNameCount())) {
        root = w;
      }
    }
    if (root == null) {
      return; // outside every writable root: read-only like the rest of the host
    }
    if (target.equals(root) || target.equals(root.resolve(ProtectedNames.GIT))) {
      // the whole root, or .git itself (it must stay writable for git to work inside)
      throw new dev.containment4j.ContainmentException("the git repository in " + root + " reads hooks or"
          + " configuration from " + target + " itself (core.hooksPath or include.path), which cannot be"
          + " write-protected while it stays writable. Point them at a subdirectory. Nothing was run.");
    }
    java.util.Map<Path, Protection> known = new java.util.HashMap<>();
    for (ProtectedPath p : out) {
      known.put(p.path(), p.protection());
    }
    Path rel = root.relativize(target);
    Path cur = root;
    for (int i = 0; i < rel.getNameCount(); i++) {
      cur = cur.resolve(rel.getName(i));
      boolean last = i == rel.getNameCount() - 1;
      Protection already = known.get(cur);
      if (already != null) {
        if (already != Protection.PIN || last) {
          if (already == Protection.PIN) {
            out.remove(new ProtectedPath(cur, Protection.PIN));
            out.add(new ProtectedPath(cur, Protection.READ_ONLY));
          }
          return; // read-only or occupied covers everything below it
        }
        continue;
      }
      HostPath hp = HostPath.of(cur);
      switch (hp.kind()) {
        case MISSING -> {
          out.add(new ProtectedPath(cur, Protection.OCCUPY));
          return;
        }
        case SYMLINK -> throw symlink(cur);
        case DIRECTORY -> out.add(new ProtectedPath(cur, last ? Protection.READ_ONLY : Protection.PIN));
        default -> {
          out.add(new ProtectedPath(cur, Protection.READ_ONLY));
          return; // a file: nothing below it
        }
      }
    }
  }

  /**
   * Pins every directory between the writable root that holds {@code target} and {@code target} (a mounted mask or a
   * read-only bind), so none of them can be renamed away with the mount inside it. Stops at a hidden directory on the
   * way (itself a mount point, and a bind below it would show what it hides) and at a path already protected in place.
   */
  private static void pinDirectoriesAbove(Path target, List<Path> writable, List<Path> hiddenDirectories,
      List<ProtectedPath> out) {
    Path root = deepestRoot(target, writable);
    if (root == null || target.equals(root)) {
      return;
    }
    java.util.Map<Path, Protection> known = new java.util.HashMap<>();
    for (ProtectedPath p : out) {
      known.put(p.path(), p.protection());
    }
    Path rel = root.relativize(target);
    Path cur = root;
    for (int i = 0; i < rel.getNameCount() - 1; i++) {
      cur = cur.resolve(rel.getName(i));
      if (hiddenDirectories.contains(cur) || writable.contains(cur)) {
        return; // a mount point of its own: cannot be renamed, and what is below is handled with it
      }
      Protection already = known.get(cur);
      if (already == Protection.PIN) {
        continue;
      }
      if (already != null) {
        return; // read-only or occupied: nothing below it can be moved
      }
      HostPath hp = HostPath.of(cur);
      switch (hp.kind()) {
        case DIRECTORY -> out.add(new ProtectedPath(cur, Protection.PIN));
        case SYMLINK -> throw symlink(cur);
        default -> {
          return; // changed since the entry was resolved: the mount of the target fails or lands as planned
        }
      }
    }
  }

  private static Path deepestRoot(Path target, List<Path> writable) {
    Path root = null;
    for (Path w : writable) {
      if (target.startsWith(w) && (root == null || w.getNameCount() > root.getNameCount())) {
        root = w;
      }
    }
    return root;
  }

  /** The audit file as the host opens it: relative to the JVM's working directory, its directory's real path. */
  public static Path auditPath(Path jsonl) {
    Path abs = jsonl.toAbsolutePath().normalize();
    Path parent = abs.getParent();
    if (parent == null || abs.getFileName() == null) {
      return abs;
    }
    return PathResolver.real(parent).resolve(abs.getFileName().toString());
  }

  private static RuntimeException symlink(Path p) {
    // A mount follows the link, so the link itself would stay replaceable: refuse rather than protect the wrong file.
    return new dev.containment4j.ContainmentException("cannot write-protect " + p + ": it is a symlink, and a"
        + " symlink in a writable directory can be replaced by the sandboxed tool. Replace it with the real file, or"
        + " use a workdir that does not contain it. Nothing was run.");
  }

  private static List<Path> expand(Policy policy, PathResolver resolver, String entry, String where) {
    try {
      return resolver.expand(entry);
    } catch (PathResolver.GlobTooBroadException e) {
      throw new PolicyException(policy.source(), 0, 0, where, e.getMessage(), e);
    }
  }
}
