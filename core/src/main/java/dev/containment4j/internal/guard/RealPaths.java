/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Resolves the real path of what a call names (symlinks followed through every existing component, and a dangling
 * link followed to where a write would land), and remembers answers across decisions of one guard for a short time.
 *
 * <p>What the cache may answer: a real path is a snapshot of the filesystem, and a link created after it was taken
 * must not let a later call through. So an answer is reused only while (1) it is younger than {@code ttl}, (2) no
 * call that can change the filesystem was let through (allowed or sent to a human) since it was computed — the
 * agent's own {@code ln -s} clears the cache before it can run — and (3) no such call was let through within the
 * last {@code quiet} (the longest a call may run, {@code isolation.limits.wall}): while one may still be running,
 * nothing is stored. A change the guard does not see (another process, a call approved much later) can go unseen
 * for at most {@code ttl}, the same order as the gap between a review and the run that exists anyway. One kind of
 * answer has no window because it is exact: a name missing in a directory whose (device, inode, ctime) is unchanged
 * (see {@link #missing}). Thread-safe.
 */
final class RealPaths {
  private static final int MAX_LINKS = 40;
  private static final int MAX_ENTRIES = 16_384;
  private static final int MAX_NAMES = 4_096;

  private record Entry(Path real, long at, long epoch) {}

  private volatile ConcurrentHashMap<Path, Entry> cache = new ConcurrentHashMap<>();
  /**
   * Facts about names in directories this user cannot write (/, /home, /usr ...): the agent's calls cannot change
   * them, only root can, so they are kept for {@link #STABLE_NANOS} whatever calls were let through.
   */
  private final ConcurrentHashMap<Path, Stable> stable = new ConcurrentHashMap<>();
  private static final long STABLE_NANOS = Duration.ofSeconds(5).toNanos();

  private record Stable(Snapshot.Node node, long at) {}

  /**
   * Directories found writable by this user, with when: kept for {@link #STABLE_NANOS}. Only the answer "writable"
   * is kept, the one that makes the guard look at every name below the directory again; "not writable" is asked
   * anew, so keeping an answer never lets a name be trusted longer than before (a root process on an agent's host
   * answers writable for every directory, and asking it again cost one system call per named path).
   */
  private final ConcurrentHashMap<Path, Long> writableAt = new ConcurrentHashMap<>();

  /**
   * Names known to be missing in a directory, keyed by the directory's real path and valid only while the directory
   * has the same {@link Identity}: creating, deleting or renaming an entry (a file, a link, a dangling link) changes
   * the directory's ctime, so the answer is exact, not time-windowed. Replaces a failing {@code lstat} per name (an
   * exception each in NIO) by one successful {@code stat} of the directory per decision. Null when disabled.
   */
  private final ConcurrentHashMap<Path, Missing> missing;
  private final LongSupplier wallMillis;
  /**
   * A directory's identity is trusted only once its ctime is this much older than the clock: the kernel stamps
   * times with a coarse clock (one tick, up to 10 ms; 1-2 s on some filesystems), so a change in the same tick as
   * the one before it would leave ctime unchanged (git's "racily clean" problem, handled the same way).
   */
  static final long SETTLED_MILLIS = 2_000;

  /**
   * Device, inode and status-change time of a directory; a change to any entry changes the ctime. Primitive fields:
   * the per-decision comparison of boxed ones was a seventieth of a decision on the existing workspace.
   */
  record Identity(long dev, long ino, long ctimeNanos) {}

  /**
   * Names of a directory: {@code proven} missing while it has {@code id} (null: none proven yet), and {@code seen}
   * missing at least once (whose next lookup takes the directory's identity first, so it can be proven).
   */
  private record Missing(Identity id, Set<String> proven, Set<String> seen) {}

  /** Names looked up with a system call on the name itself ({@code lstat}), for tests and benchmarks. */
  private final java.util.concurrent.atomic.LongAdder nameLookups = new java.util.concurrent.atomic.LongAdder();
  /** Directory identities read with a system call of their own, for tests and benchmarks. */
  private final java.util.concurrent.atomic.LongAdder identityReads = new java.util.concurrent.atomic.LongAdder();

  private final long ttlNanos;
  private final long quietNanos;
  private final LongSupplier clock;
  private volatile long epoch;
  private volatile long quietUntil;

  RealPaths(Duration ttl, Duration quiet, LongSupplier nanoClock) {
    this(ttl, quiet, nanoClock, null);
  }

  /** {@code wallMillis} null: no directory-keyed answers (see {@link #missing}). */
  RealPaths(Duration ttl, Duration quiet, LongSupplier nanoClock, LongSupplier wallMillis) {
    this.ttlNanos = ttl.toNanos();
    this.quietNanos = quiet.toNanos();
    this.clock = nanoClock;
    this.quietUntil = nanoClock.getAsLong();
    this.wallMillis = wallMillis;
    this.missing = wallMillis == null ? null : new ConcurrentHashMap<>();
  }

  /**
   * One second of reuse; nothing stored for {@code quiet} after a call that may write; missing names remembered
   * by their directory's identity (exact, whatever calls were let through).
   */
  static RealPaths withQuietPeriod(Duration quiet) {
    return new RealPaths(Duration.ofSeconds(1), quiet, System::nanoTime, System::currentTimeMillis);
  }

  /** No reuse across decisions (each lookup asks the filesystem). */
  static RealPaths uncached() {
    return new RealPaths(Duration.ZERO, Duration.ZERO, System::nanoTime);
  }

  /** The real path of an absolute, normalised path; the path itself when it cannot be resolved. */
  Path real(Path lexical) {
    return real(lexical, snapshot());
  }

  /** A new view of the filesystem for one decision, sharing this resolver's stable facts. */
  Snapshot snapshot() {
    return new Snapshot(this);
  }

  /** Like {@link #real(Path)}, resolving through {@code snapshot}, the filesystem as one decision sees it. */
  Path real(Path lexical, Snapshot snapshot) {
    if (ttlNanos <= 0) {
      return snapshot.real(lexical);
    }
    long now = clock.getAsLong();
    long e = epoch;
    ConcurrentHashMap<Path, Entry> map = cache;
    // while a call that may write can still be running nothing is stored, so there is nothing to look up either
    boolean quiet = now - quietUntil < 0;
    Entry hit = quiet ? null : map.get(lexical);
    if (hit != null && hit.epoch == e && now - hit.at < ttlNanos) {
      return hit.real;
    }
    Path real = snapshot.real(lexical);
    if (!quiet && now - quietUntil >= 0 && epoch == e) {
      if (map.size() >= MAX_ENTRIES) {
        map.clear();
      }
      map.put(lexical, new Entry(real, now, e));
    }
    return real;
  }

  /** A call that may change the filesystem was let through: forget every answer and store none for a while. */
  void filesystemMayChange() {
    quietUntil = clock.getAsLong() + quietNanos;
    epoch++;
    // entries carry their epoch, so this is only for memory; a new map costs O(1), clear() walks the whole table
    if (!cache.isEmpty()) {
      cache = new ConcurrentHashMap<>();
    }
  }

  /** How many names were looked up with an {@code lstat} of their own so far. */
  long nameLookups() {
    return nameLookups.sum();
  }

  /** How many directory identities were read with a system call of their own so far. */
  long identityReads() {
    return identityReads.sum();
  }

  /** Resolution against the filesystem, no cache. */
  static Path resolve(Path p) {
    return new Snapshot(null).real(p);
  }

  /**
   * The filesystem as one decision sees it: what each directory resolves to is asked once, so the paths a command
   * names cost one or two system calls each and no exception unless a name is missing in a writable directory.
   * Not thread-safe (one per decision).
   */
  static final class Snapshot {
    /** What a name resolves to; stable when it sits in a directory this user cannot write. */
    record Node(Path real, boolean exists, boolean stable) {}

    private final java.util.HashMap<Path, Node> nodes = new java.util.HashMap<>();
    private final java.util.HashMap<Path, Boolean> writable = new java.util.HashMap<>();
    /** Identities of directories asked this decision (one stat each); a directory that failed maps to NO_IDENTITY. */
    private final java.util.HashMap<Path, Identity> identities = new java.util.HashMap<>();
    private static final Identity NO_IDENTITY = new Identity(-1, -1, 0);
    private final RealPaths owner;

    Snapshot(RealPaths owner) {
      this.owner = owner;
    }

    Path real(Path p) {
      try {
        return node(p, 0, null).real;
      } catch (IOException | InvalidPathException | SecurityException e) {
        return p;
      }
    }

    /**
     * What {@code p} resolves to; {@code child} is the name below {@code p} being resolved (null when {@code p} is
     * the path asked for), so that a directory whose identity that name will need is read once (see {@link
     * #lstatUnlessKnownMissing}).
     */
    private Node node(Path p, int links, Path child) throws IOException {
      Node n = nodes.get(p);
      if (n != null) {
        return n;
      }
      long now = owner == null ? 0 : owner.clock.getAsLong();
      if (owner != null) {
        Stable st = owner.stable.get(p);
        if (st != null && now - st.at < STABLE_NANOS) {
          nodes.put(p, st.node);
          return st.node;
        }
      }
      Path parent = p.getParent();
      Path name = p.getFileName();
      if (parent == null || name == null) {
        n = new Node(p, true, true);
      } else {
        Node up = node(parent, links, name);
        Path here = up.real.resolve(name);
        if (!up.exists) {
          // below a missing directory nothing exists and nothing can be a link
          n = new Node(here, false, up.stable);
        } else if (!up.stable || writable(up.real)) {
          // in a directory this user can write (or one below such a directory), a link may have been planted, also a
          // dangling one that a write would follow (ln -s ~/.ssh/authorized_keys k; echo key >> k): one lstat tells
          // whether the name exists and whether it is a link (a missing name costs an exception: JDK 17 has no
          // lstat that answers "missing" without one)
          Lstat attrs = lstatUnlessKnownMissing(up.real, here, name.toString(), child);
          n = attrs == null ? new Node(here, false, false)
              : attrs.link() ? follow(up.real, here, links) : new Node(here, true, false);
        } else {
          // a directory this user cannot write: stat first (no exception for a missing name; a dangling link here
          // was planted by someone with more rights than the agent), lstat only for a name that exists
          boolean fixed = up.stable;
          if (new File(here.toString()).exists()) {
            n = Files.isSymbolicLink(here) ? follow(up.real, here, links) : new Node(here, true, fixed);
          } else {
            n = new Node(here, false, fixed);
          }
        }
      }
      nodes.put(p, n);
      if (owner != null && n.stable) {
        if (owner.stable.size() >= MAX_ENTRIES) {
          owner.stable.clear();
        }
        owner.stable.put(p, new Stable(n, now));
      }
      return n;
    }

    private Node follow(Path dir, Path link, int links) throws IOException {
      if (links >= MAX_LINKS) {
        return new Node(link, false, false);
      }
      Path target = dir.resolve(Files.readSymbolicLink(link)).normalize();
      Node t = node(target, links + 1, null);
      // what a link points to is a fact about the link's directory too: not kept across decisions
      return new Node(t.real, t.exists, false);
    }

    /**
     * {@link #lstat} of {@code here} (named {@code name} in the real directory {@code dir}), answered without a
     * system call on the name when it is known missing and {@code dir} is unchanged since (one stat of the
     * directory per decision instead). A name is proven missing only after it was seen missing twice, the second
     * time with the directory's identity taken before the lookup, so a name created in between is never missed;
     * the directory's identity is asked only for names seen missing before, so other names cost what they did.
     * When {@code here} is itself a directory whose name {@code child} will need its identity next, the identity
     * is read by the same system call as the lookup of {@code here}: taken before the child's lookup, as that
     * proof requires, and one {@code statx} per decision fewer for every such directory ({@code /home} of a
     * workspace that does not exist yet, on nearly every decision).
     */
    private Lstat lstatUnlessKnownMissing(Path dir, Path here, String name, Path child) {
      ConcurrentHashMap<Path, Missing> known = owner == null ? null : owner.missing;
      if (known == null) {
        return lstat(here);
      }
      Missing m = known.get(dir);
      if (m == null || !m.proven.contains(name) && !m.seen.contains(name)) {
        Lstat attrs = child != null && identityNeeded(known, here, child) ? lstatWithIdentity(here) : lstat(here);
        if (attrs == null) {
          if (m == null) {
            if (known.size() >= MAX_ENTRIES) {
              known.clear();
            }
            m = known.computeIfAbsent(dir, d -> new Missing(null, ConcurrentHashMap.newKeySet(),
                ConcurrentHashMap.newKeySet()));
          }
          if (m.seen.size() < MAX_NAMES) {
            m.seen.add(name);
          }
        }
        return attrs;
      }
      Identity id = identity(dir);
      if (id != null && id.equals(m.id) && m.proven.contains(name)) {
        return null;
      }
      Lstat attrs = child != null && identityNeeded(known, here, child) ? lstatWithIdentity(here) : lstat(here);
      if (attrs == null && id != null) {
        if (!id.equals(m.id)) {
          // the directory changed since: what was proven under the old identity proves nothing now
          m = new Missing(id, ConcurrentHashMap.newKeySet(), m.seen);
          known.put(dir, m);
        }
        if (m.proven.size() < MAX_NAMES) {
          m.proven.add(name);
        }
      }
      return attrs;
    }

    /** Whether the lookup of {@code child} in the directory {@code dir} will ask for {@code dir}'s identity. */
    private static boolean identityNeeded(ConcurrentHashMap<Path, Missing> known, Path dir, Path child) {
      Missing m = known.get(dir);
      if (m == null) {
        return false;
      }
      String name = child.toString();
      return m.proven.contains(name) || m.seen.contains(name);
    }

    /**
     * The identity of a directory, asked once per decision; null when it cannot be read or its ctime is too recent
     * to prove anything ({@link #SETTLED_MILLIS}).
     */
    private Identity identity(Path dir) {
      Identity id = identities.get(dir);
      if (id == null) {
        id = NO_IDENTITY;
        owner.identityReads.increment();
        try {
          id = identityOf(Files.readAttributes(dir, "unix:dev,ino,ctime", LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
          // no unix view (not Linux/macOS) or the directory went away: nothing can be proven
        }
        identities.put(dir, id);
      }
      return id == NO_IDENTITY ? null : id;
    }

    /** The identity in a {@code unix:} attribute map, or {@link #NO_IDENTITY} when it proves nothing. */
    private Identity identityOf(Map<String, Object> a) {
      if (a.get("ctime") instanceof FileTime time && a.get("dev") instanceof Number dev
          && a.get("ino") instanceof Number ino) {
        long ctime = time.to(TimeUnit.NANOSECONDS);
        long settled = TimeUnit.MILLISECONDS.toNanos(owner.wallMillis.getAsLong() - SETTLED_MILLIS);
        if (ctime < settled) {
          return new Identity(dev.longValue(), ino.longValue(), ctime);
        }
      }
      return NO_IDENTITY;
    }

    /** What an {@code lstat} of a name says: it exists (else no value), and whether it is a symbolic link. */
    private record Lstat(boolean link) {}

    private static final Lstat LINK = new Lstat(true);
    private static final Lstat NOT_LINK = new Lstat(false);

    /** The attributes of the name itself (not following a link), or null when it does not exist. */
    private Lstat lstat(Path p) {
      if (owner != null) {
        owner.nameLookups.increment();
      }
      try {
        return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).isSymbolicLink()
            ? LINK : NOT_LINK;
      } catch (IOException e) {
        // missing, or not searchable: what stat would have said too
        return null;
      }
    }

    /**
     * {@link #lstat} of a directory whose identity is asked next, by the same system call: a directory (not a link)
     * leaves its identity for {@link #identity}.
     */
    private Lstat lstatWithIdentity(Path dir) {
      owner.nameLookups.increment();
      Map<String, Object> a;
      try {
        a = Files.readAttributes(dir, "unix:isSymbolicLink,isDirectory,dev,ino,ctime", LinkOption.NOFOLLOW_LINKS);
      } catch (UnsupportedOperationException | IllegalArgumentException e) {
        return lstat(dir); // no unix view: the plain lookup, and the identity asked on its own as before
      } catch (IOException e) {
        return null;
      }
      if (!(a.get("isSymbolicLink") instanceof Boolean link)) {
        return lstat(dir);
      }
      if (link) {
        return LINK;
      }
      if (Boolean.TRUE.equals(a.get("isDirectory")) && !identities.containsKey(dir)) {
        identities.put(dir, identityOf(a));
      }
      return NOT_LINK;
    }

    private boolean writable(Path dir) {
      Boolean known = writable.get(dir);
      if (known != null) {
        return known;
      }
      long now = owner == null ? 0 : owner.clock.getAsLong();
      Long at = owner == null ? null : owner.writableAt.get(dir);
      boolean fresh = at != null && now - at < STABLE_NANOS;
      boolean w = fresh || new File(dir.toString()).canWrite();
      if (w && !fresh && owner != null) {
        if (owner.writableAt.size() >= MAX_ENTRIES) {
          owner.writableAt.clear();
        }
        owner.writableAt.put(dir, now);
      }
      writable.put(dir, w);
      return w;
    }
  }
}
