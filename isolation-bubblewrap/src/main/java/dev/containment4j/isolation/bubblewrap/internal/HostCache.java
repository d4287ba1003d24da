/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * What one JVM learns about the host that the next one can reuse: a successful probe of a given bwrap binary, and the
 * compiled seccomp program. A short-lived process (the {@code containment} CLI) otherwise spends most of its time on
 * them: two bwrap runs and loading JNA and libseccomp.
 *
 * <p>Entries are keyed by everything they depend on (the bwrap file's identity, the kernel, the boot, the
 * user-namespace sysctls, the uid), so a changed host misses. The directory lives next to the backend's private
 * directories ({@code /dev/shm}, else {@code java.io.tmpdir}: gone at reboot, and never visible inside a sandbox,
 * which gets its own {@code /dev} and {@code /tmp}); it must be a real directory owned by this uid with mode 0700, and
 * files are written atomically with mode 0600, else the cache is not used. A stale positive probe cannot weaken
 * anything: a sandbox that cannot be set up fails closed at the call.
 */
public final class HostCache {
  private static final String DIR_PREFIX = "containment4j-cache-";
  private final Optional<Path> dir;

  private HostCache(Optional<Path> dir) {
    this.dir = dir;
  }

  /** The cache of this uid under {@code base}; unusable (every lookup misses) when it is not safe to use. */
  public static HostCache under(Path base) {
    if (Boolean.getBoolean("containment.bubblewrap.nocache")) {
      return new HostCache(Optional.empty());
    }
    try {
      int uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      Path dir = base.resolve(DIR_PREFIX + uid);
      if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        try {
          Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
              "rwx------")));
        } catch (java.nio.file.FileAlreadyExistsException raced) {
          // another JVM made it; checked below
        }
      }
      PosixFileAttributes a = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      int owner = (Integer) Files.getAttribute(dir, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      Set<PosixFilePermission> only = PosixFilePermissions.fromString("rwx------");
      if (!a.isDirectory() || owner != uid || !a.permissions().equals(only)) {
        return new HostCache(Optional.empty());
      }
      return new HostCache(Optional.of(dir));
    } catch (IOException | RuntimeException e) {
      return new HostCache(Optional.empty());
    }
  }

  /** The cached bytes for {@code key}, if any. The file holds the whole key, compared on every read. */
  Optional<byte[]> get(String kind, String key) {
    if (dir.isEmpty()) {
      return Optional.empty();
    }
    Path file = dir.get().resolve(kind + "-" + hash(key));
    try {
      PosixFileAttributes a = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!a.isRegularFile() || a.size() > 1 << 20) {
        return Optional.empty();
      }
      byte[] all = Files.readAllBytes(file);
      byte[] k = key.getBytes(StandardCharsets.UTF_8);
      ByteBuffer b = ByteBuffer.wrap(all);
      if (all.length < 4 || b.getInt() != k.length || all.length < 4 + k.length
          || !Arrays.equals(all, 4, 4 + k.length, k, 0, k.length)) {
        return Optional.empty();
      }
      return Optional.of(Arrays.copyOfRange(all, 4 + k.length, all.length));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Stores {@code value} for {@code key}, atomically; best effort. */
  void put(String kind, String key, byte[] value) {
    if (dir.isEmpty()) {
      return;
    }
    Path file = dir.get().resolve(kind + "-" + hash(key));
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    ByteBuffer content = ByteBuffer.allocate(4 + k.length + value.length).putInt(k.length).put(k).put(value);
    try {
      Path tmp = Files.createTempFile(dir.get(), kind, ".tmp", PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
      try {
        Files.write(tmp, content.array());
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException | RuntimeException ignored) {
      // a cache that cannot be written only costs the next process the work
    }
  }

  /** Where the cache goes: {@code /dev/shm} when usable, else {@code java.io.tmpdir}. */
  public static Path defaultBase() {
    Path shm = Path.of("/dev/shm");
    return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
  }

  /** Identity of the host state a probe result depends on, plus {@code extra}. */
  static String hostKey(String extra) {
    StringBuilder sb = new StringBuilder(extra);
    for (String f : new String[] {"/proc/sys/kernel/random/boot_id", "/proc/sys/kernel/osrelease",
        "/proc/sys/user/max_user_namespaces", "/proc/sys/kernel/unprivileged_userns_clone",
        "/proc/sys/kernel/apparmor_restrict_unprivileged_userns"}) {
      sb.append('\n').append(f).append('=').append(read(f));
    }
    sb.append("\narch=").append(System.getProperty("os.arch"));
    return sb.toString();
  }

  /** Identity of a file (real path, inode, size, modification time), or "missing". */
  static String fileKey(Path file) {
    try {
      Path real = file.toRealPath();
      PosixFileAttributes a = Files.readAttributes(real, PosixFileAttributes.class);
      return real + ":" + a.fileKey() + ":" + a.size() + ":" + a.lastModifiedTime().toMillis();
    } catch (IOException e) {
      return file + ":missing";
    }
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file), StandardCharsets.US_ASCII).strip();
    } catch (IOException e) {
      return "-";
    }
  }

  /** A file name for a key (64-bit FNV-1a; collisions only cost a miss, the key itself is compared). */
  static String hash(String key) {
    long h = 0xcbf29ce484222325L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return Long.toHexString(h);
  }
}
