/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap.internal;

import dev.containment4j.IsolationReport.EnforcedLimit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Per-call cgroups for the memory and pids limits: v1 (one hierarchy per controller, as on this CI machine) or v2
 * (unified), under a {@code containment4j} parent. Needs write access to the cgroup tree (root, or a delegated tree);
 * otherwise {@link #detect} finds nothing and the launcher falls back to rlimits.
 *
 * <p>The launcher joins the cgroups before it execs bwrap, so every process of the call is accounted from the start.
 * Directory names start with the JVM's pid, so that a later JVM can remove what a crashed one left behind.
 *
 * <p>Creating and removing a memory cgroup costs several milliseconds on a busy host, so a call's cgroups are pooled:
 * after the call they are emptied (every process killed), their failure counters reset, and handed to the next call
 * with the same limits. {@link #close()} removes them.
 */
public final class Cgroups {
  static final String PARENT = "containment4j";

  /** Which cgroup layout is usable. */
  public enum Version {
    V1, V2
  }

  private final Version version;
  private final Path root;
  private final java.util.concurrent.ConcurrentLinkedDeque<CallCgroup> idle =
      new java.util.concurrent.ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  private Cgroups(Version version, Path root) {
    this.version = version;
    this.root = root;
  }

  public Version version() {
    return version;
  }

  /** The usable layout under {@code root} ({@code /sys/fs/cgroup}), if this process may create cgroups there. */
  public static Optional<Cgroups> detect(Path root) {
    if (Files.isRegularFile(root.resolve("cgroup.controllers"))) {
      String controllers = read(root.resolve("cgroup.controllers"));
      if (controllers.contains("memory") && controllers.contains("pids") && Files.isWritable(root)) {
        return Optional.of(new Cgroups(Version.V2, root));
      }
      return Optional.empty();
    }
    Path mem = root.resolve("memory");
    Path pids = root.resolve("pids");
    if (Files.isRegularFile(mem.resolve("memory.limit_in_bytes")) && Files.isRegularFile(pids.resolve("cgroup.procs"))
        && Files.isWritable(mem) && Files.isWritable(pids)) {
      return Optional.of(new Cgroups(Version.V1, root));
    }
    return Optional.empty();
  }

  /**
   * The cgroups for one call with these limits: a pooled, emptied one, or new ones.
   *
   * @throws IOException when the tree refuses (the caller fails closed)
   */
  public CallCgroup acquire(long memoryBytes, int pids) throws IOException {
    for (CallCgroup c; (c = idle.pollFirst()) != null; ) {
      if (c.memoryBytes == memoryBytes && c.pids == pids) {
        return c;
      }
      c.destroy();
    }
    return create(memoryBytes, pids);
  }

  /** Returns a call's cgroups: emptied and pooled, or removed when they cannot be emptied or the pool is closed. */
  public void release(CallCgroup c) {
    if (!closed && c.empty()) {
      idle.addFirst(c);
      if (closed && idle.remove(c)) {
        c.destroy();
      }
    } else {
      c.destroy();
    }
  }

  /** Removes the pooled cgroups. Returns whether all are gone. */
  public boolean close() {
    closed = true;
    boolean gone = true;
    for (CallCgroup c; (c = idle.pollFirst()) != null; ) {
      gone &= c.destroy();
    }
    return gone;
  }

  private CallCgroup create(long memoryBytes, int pids) throws IOException {
    String id = ProcessHandle.current().pid() + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    List<Path> dirs = new ArrayList<>();
    List<EnforcedLimit> limits = new ArrayList<>();
    try {
      if (version == Version.V1) {
        Path mem = mkdirs(root.resolve("memory").resolve(PARENT)).resolve(id);
        Files.createDirectory(mem);
        dirs.add(mem);
        write(mem.resolve("memory.limit_in_bytes"), Long.toString(memoryBytes));
        Path memsw = mem.resolve("memory.memsw.limit_in_bytes");
        if (Files.exists(memsw)) {
          write(memsw, Long.toString(memoryBytes)); // no escape into swap
        }
        Path pid = mkdirs(root.resolve("pids").resolve(PARENT)).resolve(id);
        Files.createDirectory(pid);
        dirs.add(pid);
        write(pid.resolve("pids.max"), Integer.toString(pids));
        limits.add(new EnforcedLimit("memoryMb", memoryBytes / (1024 * 1024) + " MiB",
            "cgroup v1 memory.limit_in_bytes" + (Files.exists(memsw) ? " + memory.memsw.limit_in_bytes" : "")));
        limits.add(new EnforcedLimit("pids", Integer.toString(pids), "cgroup v1 pids.max"));
      } else {
        Path parent = mkdirs(root.resolve(PARENT));
        enableControllers(root);
        enableControllers(parent);
        Path dir = parent.resolve(id);
        Files.createDirectory(dir);
        dirs.add(dir);
        write(dir.resolve("memory.max"), Long.toString(memoryBytes));
        if (Files.exists(dir.resolve("memory.swap.max"))) {
          write(dir.resolve("memory.swap.max"), "0");
        }
        write(dir.resolve("pids.max"), Integer.toString(pids));
        limits.add(new EnforcedLimit("memoryMb", memoryBytes / (1024 * 1024) + " MiB", "cgroup v2 memory.max"));
        limits.add(new EnforcedLimit("pids", Integer.toString(pids), "cgroup v2 pids.max"));
      }
    } catch (IOException | RuntimeException e) {
      new CallCgroup(dirs, limits, memoryBytes, pids).destroy();
      throw e;
    }
    return new CallCgroup(dirs, limits, memoryBytes, pids);
  }

  /** Removes cgroups left behind by JVMs that are gone. */
  public void sweepStale() {
    List<Path> parents = version == Version.V1
        ? List.of(root.resolve("memory").resolve(PARENT), root.resolve("pids").resolve(PARENT))
        : List.of(root.resolve(PARENT));
    for (Path parent : parents) {
      if (!Files.isDirectory(parent)) {
        continue;
      }
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, "[0-9]*-*")) {
        for (Path dir : ds) {
          String name = dir.getFileName().toString();
          long owner = Long.parseLong(name.substring(0, name.indexOf('-')));
          if (ProcessHandle.of(owner).isEmpty()) {
            new CallCgroup(List.of(dir), List.of(), 0, 0).destroy();
          }
        }
      } catch (IOException | RuntimeException ignored) {
        // best effort: a stale cgroup costs nothing but a directory
      }
    }
  }

  private static void enableControllers(Path dir) throws IOException {
    String enabled = read(dir.resolve("cgroup.subtree_control"));
    if (!enabled.contains("memory") || !enabled.contains("pids")) {
      write(dir.resolve("cgroup.subtree_control"), "+memory +pids");
    }
  }

  private static Path mkdirs(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      try {
        Files.createDirectory(dir);
      } catch (java.nio.file.FileAlreadyExistsException raced) {
        // another call created it
      }
    }
    return dir;
  }

  static void write(Path file, String value) throws IOException {
    Files.writeString(file, value, StandardCharsets.US_ASCII);
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      return "";
    }
  }

  /** The cgroups of one call. */
  public static final class CallCgroup {
    private final List<Path> dirs;
    private final List<EnforcedLimit> limits;
    private final long memoryBytes;
    private final int pids;
    private long oomBaseline;
    private volatile List<Path> oomFiles;

    CallCgroup(List<Path> dirs, List<EnforcedLimit> limits, long memoryBytes, int pids) {
      this.dirs = List.copyOf(dirs);
      this.limits = List.copyOf(limits);
      this.memoryBytes = memoryBytes;
      this.pids = pids;
    }

    /** The {@code cgroup.procs} files the launcher writes its pid to. */
    public List<Path> procsFiles() {
      return dirs.stream().map(d -> d.resolve("cgroup.procs")).toList();
    }

    public List<EnforcedLimit> limits() {
      return limits;
    }

    /** Whether the memory limit was hit during this use (v1 failcnt, v2 oom_kill events since acquired). */
    public boolean oomKilled() {
      return oomCount() > oomBaseline;
    }

    private long oomCount() {
      long n = 0;
      for (Path f : oomFiles()) {
        String text = read(f);
        if (f.getFileName().toString().equals("memory.events")) {
          for (String line : text.split("\n")) {
            if (line.startsWith("oom_kill ")) {
              n += Long.parseLong(line.substring("oom_kill ".length()).strip());
            }
          }
        } else if (!text.isBlank()) {
          n += Long.parseLong(text.strip());
        }
      }
      return n;
    }

    /**
     * The counter files this cgroup has (v2 {@code memory.events}, v1 {@code memory.failcnt}), looked up once: reading
     * the ones a version lacks costs an exception each, on every call.
     */
    private List<Path> oomFiles() {
      List<Path> files = oomFiles;
      if (files == null) {
        List<Path> found = new java.util.ArrayList<>();
        for (Path d : dirs) {
          for (String name : List.of("memory.events", "memory.failcnt")) {
            if (d.resolve(name).toFile().isFile()) {
              found.add(d.resolve(name));
            }
          }
        }
        files = List.copyOf(found);
        oomFiles = files;
      }
      return files;
    }

    /**
     * Kills what is left and checks that nothing remains; resets the counters for the next use. False also when the
     * memory cgroup still holds a large charge (files a session keeps in its tmpfs-backed /tmp): the next call must
     * get its whole limit, so such a cgroup is removed (the charge moves to the parent) instead of pooled.
     */
    boolean empty() {
      for (Path d : dirs) {
        if (!killAll(d)) {
          return false;
        }
        for (String usage : List.of("memory.usage_in_bytes", "memory.current")) {
          String v = read(d.resolve(usage)).strip();
          if (!v.isEmpty() && Long.parseLong(v) > memoryBytes / 8) {
            return false;
          }
        }
        Path failcnt = d.resolve("memory.failcnt");
        if (Files.exists(failcnt)) {
          try {
            write(failcnt, "0");
          } catch (IOException e) {
            return false;
          }
        }
      }
      oomBaseline = oomCount();
      return true;
    }

    private static boolean killAll(Path dir) {
      for (int attempt = 0; attempt < 100; attempt++) {
        String procs = read(dir.resolve("cgroup.procs")).strip();
        if (procs.isEmpty()) {
          return true;
        }
        for (String pid : procs.split("\\s+")) {
          ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
        }
        try {
          Thread.sleep(attempt < 10 ? 1 : 10);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return false;
    }

    /** Kills whatever is still inside and removes the directories. Returns whether all are gone. */
    public boolean destroy() {
      boolean gone = true;
      for (Path d : dirs) {
        gone &= killAndRemove(d);
      }
      return gone;
    }

    private static boolean killAndRemove(Path dir) {
      for (int attempt = 0; attempt < 100; attempt++) {
        String procs = read(dir.resolve("cgroup.procs")).strip();
        if (!procs.isEmpty()) {
          for (String pid : procs.split("\\s+")) {
            ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
          }
        }
        try {
          Files.deleteIfExists(dir);
          return true;
        } catch (IOException busy) {
          try {
            Thread.sleep(attempt < 10 ? 1 : 10);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
          }
        }
      }
      return false;
    }
  }
}
