/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what a backend instance left behind: runsc sandbox, gofer and exec processes, runsc state, cgroups,
 * bundles and placeholders. Runs on the instance's own directory at close, and on every directory whose owner JVM is
 * dead at open and close (a crashed or killed JVM cannot clean up after itself).
 *
 * <p>Processes are found by their command line ({@code --root=INSTANCE/state} is on every runsc process of the
 * instance, including the sandbox and gofer that runsc re-executes), so they are found even when runsc's own state
 * is gone.
 */
public final class Reaper {
  private static final Logger LOG = LoggerFactory.getLogger(Reaper.class);

  private Reaper() {}

  /** Reaps every instance under {@code stateDir} whose owner is dead. Returns how many were reaped. */
  public static int reapStale(Path stateDir, String runscBinary, GvisorSettings settings) {
    if (!Files.isDirectory(stateDir, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    int n = 0;
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(stateDir)) {
      for (Path d : dirs) {
        if (!Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS) || !Files.exists(d.resolve(InstanceDir.OWNER))) {
          continue;
        }
        InstanceDir inst = new InstanceDir(d);
        if (inst.liveOwner().isEmpty()) {
          LOG.info("reaping gVisor sandboxes left by a dead JVM in {}", d);
          reap(inst, runscBinary, settings);
          n++;
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot scan {} for leftover gVisor sandboxes: {}", stateDir, e.toString());
    }
    return n;
  }

  /** Removes everything of one instance. Idempotent; never throws. */
  public static void reap(InstanceDir inst, String runscBinary, GvisorSettings settings) {
    String marker = "--root=" + inst.stateRoot();
    for (ProcessHandle h : processesWith(marker)) {
      h.destroyForcibly();
    }
    List<String> ids = inst.containerIds();
    if (!ids.isEmpty() && Files.isDirectory(inst.stateRoot())) {
      Runsc runsc = new Runsc(runscBinary, new RunscArgs(runscBinary, settings, inst.stateRoot()));
      for (String id : ids) {
        try {
          runsc.control(runsc.args().deleteForce(id), Duration.ofSeconds(10));
        } catch (RuntimeException e) {
          // the processes are dead already; the state files go with the directory below
        }
        removeCgroups(id);
      }
    }
    for (ProcessHandle h : processesWith(marker)) { // started between the scan and the deletes
      h.destroyForcibly();
    }
    for (SandboxPlan.Placeholder p : inst.placeholders()) {
      removePlaceholder(p);
    }
    deleteTree(inst.dir());
  }

  /** Every live process whose command line contains {@code marker}. */
  public static List<ProcessHandle> processesWith(String marker) {
    List<ProcessHandle> found = new ArrayList<>();
    byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p ->
        p.getFileName().toString().chars().allMatch(Character::isDigit))) {
      for (Path p : procs) {
        try {
          byte[] cmd = Files.readAllBytes(p.resolve("cmdline"));
          if (contains(cmd, needle)) {
            ProcessHandle.of(Long.parseLong(p.getFileName().toString())).ifPresent(found::add);
          }
        } catch (IOException | RuntimeException gone) {
          // exited while we looked
        }
      }
    } catch (IOException e) {
      LOG.warn("cannot scan /proc: {}", e.toString());
    }
    return found;
  }

  /** Removes a placeholder only if it is still an empty placeholder (the host may have put content there since). */
  static void removePlaceholder(SandboxPlan.Placeholder p) {
    if (isEmptyPlaceholder(p)) {
      try {
        Files.delete(Path.of(p.path()));
      } catch (IOException e) {
        LOG.warn("cannot remove placeholder {}: {}", p.path(), e.toString());
      }
    }
  }

  /** Whether {@code p} is still what we created: an empty directory or an empty regular file. */
  static boolean isEmptyPlaceholder(SandboxPlan.Placeholder p) {
    Path path = Path.of(p.path());
    try {
      if (p.directory() && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        try (Stream<Path> s = Files.list(path)) {
          return s.findAny().isEmpty();
        }
      }
      return !p.directory() && Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && Files.size(path) == 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** runsc normally removes the per-container cgroups itself; this covers a sandbox killed before it could. */
  static void removeCgroups(String id) {
    Path root = Path.of("/sys/fs/cgroup");
    try (DirectoryStream<Path> ctrls = Files.newDirectoryStream(root)) {
      for (Path c : ctrls) {
        Path g = c.resolve(id);
        if (Files.isDirectory(g, LinkOption.NOFOLLOW_LINKS)) {
          try {
            Files.delete(g);
          } catch (IOException ignored) {
            // still in use or already gone
          }
        }
      }
    } catch (IOException | RuntimeException ignored) {
      // no cgroup file system here
    }
    Path v2 = root.resolve(id);
    if (Files.isDirectory(v2, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.delete(v2);
      } catch (IOException ignored) {
        // still in use
      }
    }
  }

  /** See {@link dev.containment4j.internal.fs.FileTrees#deleteTree}. */
  public static void deleteTree(Path dir) {
    dev.containment4j.internal.fs.FileTrees.deleteTree(dir);
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      // the flag value must end here (NUL-separated argv), so /x/state does not match /x/state2
      int end = i + needle.length;
      if (end == hay.length || hay[end] == 0) {
        return true;
      }
    }
    return false;
  }
}
