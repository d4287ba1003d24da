/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import dev.containment4j.SandboxSetupException;
import dev.containment4j.internal.fs.HostIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The private directory of one opened backend, under the settings' state dir:
 *
 * <pre>
 * STATE_DIR/INSTANCE/owner          "PID START_MILLIS" of the JVM that owns it (the reaper checks it)
 * STATE_DIR/INSTANCE/state/         runsc --root
 * STATE_DIR/INSTANCE/b/ID/          one bundle per sandbox (config.json, pid, log): the reaper's list of ids
 * STATE_DIR/INSTANCE/p/             process.json files of running execs (0600: they hold the environment)
 * STATE_DIR/INSTANCE/placeholders   mount points created in the user's tree ("d PATH" or "f PATH", each ended by
 *                                   a NUL: a path may hold line breaks, never a NUL)
 * STATE_DIR/INSTANCE/empty          empty read-only file that masks denied files
 * STATE_DIR/INSTANCE/hostname, machine-id, boot_id   generated identity shown in place of the host's
 * </pre>
 */
public record InstanceDir(Path dir) {

  static final String OWNER = "owner";

  /** Creates a fresh instance directory owned by this JVM. */
  public static InstanceDir create(Path stateDir) {
    try {
      ensurePrivateDir(stateDir);
      Path dir = stateDir.resolve(SandboxIds.instance());
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      InstanceDir inst = new InstanceDir(dir);
      ProcessHandle me = ProcessHandle.current();
      long start = me.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
      Files.writeString(dir.resolve(OWNER), me.pid() + " " + start + "\n");
      Files.createDirectory(inst.stateRoot());
      Files.createDirectory(dir.resolve("b"));
      Files.createDirectory(dir.resolve("p"));
      Path empty = inst.emptyFile();
      Files.createFile(empty);
      Files.setPosixFilePermissions(empty, PosixFilePermissions.fromString("r--r--r--"));
      HostIdentity.write(dir);
      return inst;
    } catch (IOException e) {
      throw new SandboxSetupException("gvisor", -1, "", "cannot prepare the gVisor state directory under "
          + stateDir + ": " + e.getMessage() + "; set isolation.gvisor.stateDir to a writable private directory", e);
    }
  }

  /**
   * Creates {@code dir} 0700 if needed and refuses one that is a symlink or belongs to someone else (another user
   * could otherwise plant bundles or state for us to run).
   */
  static void ensurePrivateDir(Path dir) throws IOException {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(dir.getParent());
      try {
        Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } catch (java.nio.file.FileAlreadyExistsException raced) {
        // another backend in this JVM created it first
      }
    }
    if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(dir + " is not a plain directory");
    }
    int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    if (owner != HostUser.uid()) {
      throw new IOException(dir + " belongs to uid " + owner + ", not to this user (uid " + HostUser.uid() + ")");
    }
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
  }

  public Path stateRoot() {
    return dir.resolve("state");
  }

  public Path emptyFile() {
    return dir.resolve("empty");
  }

  public Path bundle(String id) {
    return dir.resolve("b").resolve(id);
  }

  public Path processDir() {
    return dir.resolve("p");
  }

  Path placeholderList() {
    return dir.resolve("placeholders");
  }

  /** Ids of the sandboxes this instance has created and not yet deleted. */
  public List<String> containerIds() {
    List<String> ids = new ArrayList<>();
    try (var s = Files.list(dir.resolve("b"))) {
      s.map(p -> p.getFileName().toString()).filter(SandboxIds::isContainer).forEach(ids::add);
    } catch (IOException e) {
      // nothing recorded
    }
    return ids;
  }

  /**
   * Records a placeholder before it is created, so a crash cannot leave an unrecorded one behind. Records end with a
   * NUL, the one character no path holds: a writable root's name or a target named by the repository's git
   * configuration may hold line breaks, which must not add a record for the reaper to remove.
   */
  void recordPlaceholder(SandboxPlan.Placeholder p) {
    if (p.path().indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a path with a NUL character");
    }
    try {
      Files.writeString(placeholderList(), (p.directory() ? "d " : "f ") + p.path() + "\0", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<SandboxPlan.Placeholder> placeholders() {
    List<SandboxPlan.Placeholder> list = new ArrayList<>();
    try {
      String all = Files.readString(placeholderList(), StandardCharsets.UTF_8);
      int start = 0;
      // only records ended by their NUL: a record cut short by a crash names no path the planner chose
      for (int end = all.indexOf('\0'); end >= 0; start = end + 1, end = all.indexOf('\0', start)) {
        String record = all.substring(start, end);
        if (record.length() > 2 && (record.startsWith("d ") || record.startsWith("f "))) {
          list.add(new SandboxPlan.Placeholder(record.substring(2), record.charAt(0) == 'd'));
        }
      }
    } catch (IOException e) {
      // none recorded
    }
    return list;
  }

  /** The JVM that owns this directory, when it is still alive. */
  Optional<ProcessHandle> liveOwner() {
    try {
      String[] f = Files.readString(dir.resolve(OWNER)).trim().split(" ");
      long pid = Long.parseLong(f[0]);
      long start = Long.parseLong(f[1]);
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(h -> h.info().startInstant()
          .map(i -> Math.abs(i.toEpochMilli() - start) < 2000).orElse(true));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
