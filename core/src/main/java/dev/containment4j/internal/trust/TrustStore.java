/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.trust;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.containment4j.ContainmentException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The file where the host records which workspaces it trusts: JSON, keyed by the workspace's real path, holding the
 * configuration file's name and SHA-256. Read on every question (so grants by another process are seen), written
 * atomically (temp file + rename, under a lock file) with mode 0600 in a 0700 directory. A store that other users can
 * write is refused, since whoever can write it can grant trust.
 */
public final class TrustStore {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> OWNER_RW = PosixFilePermissions.fromString("rw-------");

  /** One trusted workspace: its configuration file name, SHA-256 (hex; {@code null} when it had none), when. */
  public record Entry(String config, String sha256, String granted) {}

  /** The file's content. */
  record Content(int version, Map<String, Entry> workspaces) {
    Content {
      workspaces = workspaces == null ? new TreeMap<>() : new TreeMap<>(workspaces);
    }
  }

  /**
   * One monitor per store file in this JVM: file locks are held per JVM, so two instances on the same file must not
   * both try to lock it (that throws {@code OverlappingFileLockException}); the file lock orders other processes.
   */
  private static final java.util.concurrent.ConcurrentMap<Path, Object> MONITORS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final Path file;
  private final Object monitor;

  public TrustStore(Path file) {
    this.file = file.toAbsolutePath().normalize();
    this.monitor = MONITORS.computeIfAbsent(this.file, f -> new Object());
  }

  public Path file() {
    return file;
  }

  public Optional<Entry> get(String workspace) {
    return Optional.ofNullable(read().workspaces().get(workspace));
  }

  /** Applies {@code change} to the entries and writes the result atomically. */
  public void update(UnaryOperator<Map<String, Entry>> change) {
    synchronized (monitor) {
      updateLocked(change);
    }
  }

  @SuppressWarnings("try") // the lock is held for the duration of the block, never referenced in it
  private void updateLocked(UnaryOperator<Map<String, Entry>> change) {
    try {
      Files.createDirectories(file.getParent(), directoryAttributes());
      Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
      try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
           FileLock lock = lockChannel.lock()) {
        Map<String, Entry> entries = change.apply(new TreeMap<>(read().workspaces()));
        write(new Content(1, entries));
      }
    } catch (IOException e) {
      throw new ContainmentException("cannot write the trust store " + file + ": " + e
          + "; check that the directory is writable by this user", e);
    }
  }

  private Content read() {
    try {
      if (POSIX) {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        if (perms.contains(PosixFilePermission.GROUP_WRITE) || perms.contains(PosixFilePermission.OTHERS_WRITE)) {
          throw new ContainmentException("the trust store " + file + " is writable by other users ("
              + PosixFilePermissions.toString(perms) + "), so anyone could grant trust; run chmod 600 on it");
        }
      }
      Content c = JSON.readValue(Files.readAllBytes(file), Content.class);
      if (c.version() != 1) {
        throw new ContainmentException("the trust store " + file + " has version " + c.version()
            + ", this containment4j reads version 1; remove the file to start over (trust must then be granted again)");
      }
      return c;
    } catch (NoSuchFileException e) {
      return new Content(1, Map.of());
    } catch (JacksonException e) {
      throw new ContainmentException("the trust store " + file + " is not valid JSON (" + e.getOriginalMessage()
          + "); remove it to start over (trust must then be granted again)", e);
    } catch (IOException e) {
      throw new ContainmentException("cannot read the trust store " + file + ": " + e, e);
    }
  }

  private void write(Content content) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(content);
    Path tmp = POSIX
        ? Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
            PosixFilePermissions.asFileAttribute(OWNER_RW))
        : Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static FileAttribute<?>[] directoryAttributes() {
    return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(
        PosixFilePermissions.fromString("rwx------"))} : new FileAttribute<?>[0];
  }
}
