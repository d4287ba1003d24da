/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.fs;

import dev.containment4j.policy.Policy;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link FilesystemPlan} kept across calls for one policy, workdir and home, and handed out only while every
 * directory that decided it is unchanged.
 *
 * <p>Resolving a plan costs a few dozen system calls (most entries of a default policy do not exist, and NIO throws an
 * exception for each missing path), about 0.5-0.9 ms per call on a busy host. What a plan says depends only on which
 * names exist, and what they are, in a known set of directories: the directories in which each entry's path was looked
 * up (every component, every symlink hop, as {@code realpath} walks them), the directories a glob walked, the writable
 * roots and their {@code .git} (protected names). Creating, removing or renaming an entry in a directory, or replacing
 * a symlink, changes that directory's ctime, which no process can set back ({@code utimes} sets only atime and mtime);
 * replacing or mounting over a directory changes the device or inode its path leads to. So the cache records
 * (device, inode, ctime) of each of those directories when it resolves, and before handing the plan out again
 * {@code lstat}s them: one system call per directory (about a dozen for the default policy), no exceptions. Any
 * difference, or any directory gone, resolves afresh.
 *
 * <p>Timestamps: file systems stamp ctime with a coarse clock (a jiffy) unless the kernel has multigrain timestamps
 * (Linux 6.13+). A change in the same tick as the recorded stat could then keep the same ctime, so a plan is cached only
 * when every recorded ctime is older than {@link #SETTLE} at the time of recording; otherwise it is used for its call
 * and resolved again for the next one. File systems whose timestamps are not kept by this kernel (network and FUSE file
 * systems, whose server reports them) are never cached: only the types in {@link #TRUSTED_TYPES}.
 *
 * <p>Thread-safe; concurrent callers may resolve at the same time, the last one wins.
 */
public final class PlanCache {
  /** Minimum age of every recorded ctime for a plan to be kept (far above any timestamp granularity). */
  static final java.time.Duration SETTLE = java.time.Duration.ofMillis(100);
  /** Local file systems whose directory ctimes this kernel maintains. */
  static final Set<String> TRUSTED_TYPES = Set.of("ext2", "ext3", "ext4", "xfs", "btrfs", "tmpfs", "f2fs",
      "overlay");
  /** Symlink hops a trace follows before giving up (as the kernel's ELOOP). */
  private static final int MAX_HOPS = 40;
  private static final String IDENTITY = "unix:dev,ino,ctime";

  private final Policy policy;
  private final Path workdir;
  private final Path home;
  private final long settleNanos;
  private final AtomicReference<Entry> cached = new AtomicReference<>();
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong resolves = new AtomicLong();
  private volatile boolean lastOccupied;

  /**
   * @param policy the policy whose filesystem section is resolved
   * @param workdir absolute real path of the workdir
   * @param home the user's home directory on the host
   */
  public PlanCache(Policy policy, Path workdir, Path home) {
    this(policy, workdir, home, SETTLE);
  }

  PlanCache(Policy policy, Path workdir, Path home, java.time.Duration settle) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.workdir = Objects.requireNonNull(workdir, "workdir");
    this.home = Objects.requireNonNull(home, "home");
    this.settleNanos = settle.toNanos();
  }

  /**
   * The plan as {@link FilesystemPlan#resolve} would give it now: the cached one when every directory that decided it
   * is unchanged, else a fresh one (cached when it can be).
   *
   * @throws dev.containment4j.PolicyException as {@link FilesystemPlan#resolve}
   */
  public FilesystemPlan plan() {
    Entry e = cached.get();
    if (e != null && e.stillValid()) {
      hits.incrementAndGet();
      return e.plan;
    }
    return resolve();
  }

  /**
   * Resolves again if the cached plan went stale, so that the next {@link #plan()} finds a valid one. For a thread that
   * is idle between calls; errors are left for the next call to report. Does nothing when there is no cached plan: the
   * last one could not be kept (a directory it depends on changed moments before, as in a workdir where every call
   * creates and removes placeholders), and resolving ahead would most likely be wasted.
   */
  public void refresh() {
    Entry e = cached.get();
    if (e == null || e.stillValid()) {
      return;
    }
    try {
      resolve();
    } catch (RuntimeException ignored) {
      cached.set(null); // the call resolves itself and reports the error to its caller
    }
  }

  /** Calls answered from the cache (for tests and benchmarks). */
  public long hits() {
    return hits.get();
  }

  /** Plans resolved (for tests and benchmarks). */
  public long resolves() {
    return resolves.get();
  }

  private FilesystemPlan resolve() {
    resolves.incrementAndGet();
    cached.set(null);
    if (lastOccupied) {
      // The last plan had names to occupy: bwrap creates their placeholders in the writable root and the backend
      // removes them after the call, so the root changes on every call and a kept plan would never be valid again.
      // Resolve only, until a plan needs no placeholder.
      FilesystemPlan plan = FilesystemPlan.resolve(policy, workdir, home);
      lastOccupied = occupies(plan);
      return plan;
    }
    long recordedAt = System.currentTimeMillis();
    // the directories first, then the plan: whatever changes in between shows as a changed ctime next time
    Optional<Map<Path, Identity>> deps = dependencies(recordedAt * 1_000_000L - settleNanos);
    FilesystemPlan plan = FilesystemPlan.resolve(policy, workdir, home);
    lastOccupied = occupies(plan);
    if (!lastOccupied) {
      deps.ifPresent(d -> cached.set(new Entry(plan, d)));
    }
    return plan;
  }

  private static boolean occupies(FilesystemPlan plan) {
    for (FilesystemPlan.ProtectedPath p : plan.protectedPaths()) {
      if (p.protection() == FilesystemPlan.Protection.OCCUPY) {
        return true;
      }
    }
    return false;
  }

  /** Every directory whose entries decide the plan, with its identity now; empty when it cannot be cached. */
  private Optional<Map<Path, Identity>> dependencies(long settledBefore) {
    Policy.Filesystem fs = policy.isolation().filesystem();
    PathResolver resolver = new PathResolver(workdir, home);
    Tracer t = new Tracer(settledBefore);
    try {
      // the workdir first: it is what changes most (a call that writes there), and the trace stops at the first
      // directory that changed too recently to be kept
      t.directory(workdir);
      t.trace(home);
      List<String> entries = new ArrayList<>();
      entries.addAll(fs.allowWrite());
      entries.addAll(fs.denyRead());
      entries.addAll(fs.allowRead());
      entries.addAll(fs.denyWrite());
      List<Path> writableRoots = new ArrayList<>();
      writableRoots.add(workdir);
      for (String entry : entries) {
        Path abs = resolver.absolute(entry);
        if (PathResolver.isGlob(entry)) {
          t.glob(abs);
        } else {
          t.trace(abs);
        }
      }
      for (String entry : fs.allowWrite()) {
        for (Path p : PathResolver.isGlob(entry) ? List.<Path>of() : List.of(PathResolver.real(
            resolver.absolute(entry)))) {
          writableRoots.add(p);
        }
      }
      for (Path root : writableRoots) {
        // protected names are looked up in the root and in its .git
        t.directory(root);
        Path git = root.resolve(ProtectedNames.GIT);
        t.directory(git);
        if (Files.isDirectory(git, LinkOption.NOFOLLOW_LINKS)) {
          // what the repository's configuration names (GitRedirects): the files read, the paths it leads to
          for (Path in : GitRedirects.inputs(git)) {
            t.file(in);
          }
          for (Path target : GitRedirects.targets(git, PathResolver.real(home))) {
            t.trace(target);
          }
        }
      }
      if (t.tooMuch || t.untrusted) {
        return Optional.empty();
      }
      // allowWrite globs: their matches are writable roots too; a plan with them is resolved per call
      for (String entry : fs.allowWrite()) {
        if (PathResolver.isGlob(entry)) {
          return Optional.empty();
        }
      }
      return Optional.of(t.deps);
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // resolved per call (Unsettled, or FilesystemPlan.resolve reports the real problem)
    }
  }

  /** A directory changed too recently for its ctime to tell later changes apart: this plan is not kept. */
  private static final class Unsettled extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final Unsettled INSTANCE = new Unsettled();

    private Unsettled() {
      super("changed too recently", null, false, false);
    }
  }

  /** (device, inode, ctime) of a directory. */
  record Identity(Object dev, Object ino, long ctimeNanos) {
    static Optional<Identity> of(Path dir) {
      try {
        Map<String, Object> a = Files.readAttributes(dir, IDENTITY, LinkOption.NOFOLLOW_LINKS);
        FileTime ctime = (FileTime) a.get("ctime");
        long nanos = ctime.to(java.util.concurrent.TimeUnit.NANOSECONDS);
        return Optional.of(new Identity(a.get("dev"), a.get("ino"), nanos));
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }
  }

  /** A plan and what it depends on, the directories in the order they are checked (most likely to change first). */
  private static final class Entry {
    final FilesystemPlan plan;
    private final Path[] dirs;
    private final Identity[] ids;

    Entry(FilesystemPlan plan, Map<Path, Identity> deps) {
      this.plan = plan;
      List<Path> order = new ArrayList<>(deps.keySet());
      // the workdir, recorded after its ancestors, goes first; deeper directories before their parents
      order.sort(java.util.Comparator.comparing((Path p) -> !p.equals(plan.workdir()))
          .thenComparing(Path::getNameCount, java.util.Comparator.reverseOrder()));
      dirs = order.toArray(new Path[0]);
      ids = new Identity[dirs.length];
      for (int i = 0; i < dirs.length; i++) {
        ids[i] = deps.get(dirs[i]);
      }
    }

    boolean stillValid() {
      for (int i = 0; i < dirs.length; i++) {
        Optional<Identity> now = Identity.of(dirs[i]);
        if (now.isEmpty() || !now.get().equals(ids[i])) {
          return false;
        }
      }
      return true;
    }
  }

  /** Walks lookups as {@code realpath(3)} does and records every directory a name was looked up in. */
  private static final class Tracer {
    final Map<Path, Identity> deps = new LinkedHashMap<>();
    private final long settledBefore;
    boolean tooMuch;
    boolean untrusted;
    private final Map<Path, Boolean> isDir = new HashMap<>();
    /** Per resolution: a device number can be reused by another file system after an unmount. */
    private final Map<Object, Boolean> trustedDevices = new HashMap<>();

    Tracer(long settledBefore) {
      this.settledBefore = settledBefore;
    }

    /** Records {@code dir} itself when it is a directory (its entries decide something). */
    void directory(Path dir) throws IOException {
      Path real = trace(dir);
      if (isDirectory(real)) {
        record(real);
      }
    }

    /** Records {@code file} itself when it exists (its content decides something; a write changes its ctime). */
    void file(Path file) throws IOException {
      Path real = trace(file);
      if (Files.exists(real, LinkOption.NOFOLLOW_LINKS)) {
        record(real);
      }
    }

    /** Follows {@code abs} component by component; returns where it leads (the real path, or the missing rest). */
    Path trace(Path abs) throws IOException {
      Path root = abs.getRoot();
      Path cur = root;
      Deque<String> todo = new ArrayDeque<>();
      for (Path name : abs) {
        todo.add(name.toString());
      }
      int hops = 0;
      while (!todo.isEmpty()) {
        String name = todo.removeFirst();
        if (name.isEmpty() || name.equals(".")) {
          continue;
        }
        if (name.equals("..")) {
          cur = cur.getParent() == null ? cur : cur.getParent();
          continue;
        }
        record(cur); // the name is looked up in cur
        Path next = cur.resolve(name);
        BasicFileAttributes a;
        try {
          a = Files.readAttributes(next, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException missing) {
          // creating it changes cur's ctime; what follows it does not exist either
          next = cur.resolve(name);
          for (String rest : todo) {
            next = next.resolve(rest);
          }
          return next.normalize();
        }
        if (a.isSymbolicLink()) {
          if (++hops > MAX_HOPS) {
            tooMuch = true;
            return next;
          }
          Path target = Files.readSymbolicLink(next);
          List<String> names = new ArrayList<>();
          for (Path n : target) {
            names.add(n.toString());
          }
          for (int i = names.size() - 1; i >= 0; i--) {
            todo.addFirst(names.get(i));
          }
          if (target.isAbsolute()) {
            cur = target.getRoot();
          }
          continue;
        }
        cur = next;
        isDir.put(cur, a.isDirectory());
        if (!a.isDirectory() && !todo.isEmpty()) {
          return cur; // a file in the middle: nothing below it; its parent's ctime covers a change
        }
      }
      return cur;
    }

    /** A glob: the lookups to its base, every directory the expansion walks, and the lookups of each match. */
    void glob(Path pattern) throws IOException {
      Path base = pattern.getRoot();
      int firstGlob = 0;
      for (Path part : pattern) {
        if (PathResolver.isGlob(part.toString())) {
          break;
        }
        base = base.resolve(part);
        firstGlob++;
      }
      trace(base);
      if (!Files.isDirectory(base)) {
        return;
      }
      String rest = pattern.subpath(firstGlob, pattern.getNameCount()).toString();
      int maxDepth = rest.contains("**") ? Integer.MAX_VALUE : pattern.getNameCount() - firstGlob;
      int[] visited = {0};
      Files.walkFileTree(base, EnumSet.noneOf(java.nio.file.FileVisitOption.class), maxDepth,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
              if (++visited[0] > PathResolver.MAX_GLOB_VISITED) {
                tooMuch = true;
                return FileVisitResult.TERMINATE;
              }
              record(dir);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
              if (++visited[0] > PathResolver.MAX_GLOB_VISITED) {
                tooMuch = true;
                return FileVisitResult.TERMINATE;
              }
              if (attrs.isSymbolicLink() || attrs.isDirectory()) {
                trace(file); // a match is resolved to its real path
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
              return FileVisitResult.CONTINUE;
            }
          });
    }

    private boolean isDirectory(Path p) {
      Boolean known = isDir.get(p);
      return known != null ? known : Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
    }

    private void record(Path dir) throws IOException {
      if (deps.containsKey(dir)) {
        return;
      }
      Identity id = Identity.of(dir).orElseThrow(() -> new IOException("cannot stat " + dir));
      if (id.ctimeNanos() > settledBefore) {
        throw Unsettled.INSTANCE;
      }
      deps.put(dir, id);
      if (!trustedDevices.computeIfAbsent(id.dev(), d -> trusted(dir))) {
        untrusted = true;
      }
    }

    private boolean trusted(Path dir) {
      try {
        return TRUSTED_TYPES.contains(Files.getFileStore(dir).type());
      } catch (IOException | RuntimeException e) {
        return false;
      }
    }
  }
}
