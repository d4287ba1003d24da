/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Files of a read-only view of the host's root that name the machine rather than the call: its host name
 * ({@code /etc/hostname}), the machine id systemd and D-Bus hand to applications as the machine's stable identifier
 * ({@code /etc/machine-id}, {@code /var/lib/dbus/machine-id}), and, where the sandbox shares the host kernel's
 * {@code /proc/sys}, the boot id. A tool reading them can tell which machine it runs on and correlate runs across
 * sandboxes; every sandbox sees generated values instead: the sandbox's host name, and ids drawn at random once per
 * backend (stable across its calls, as a machine's are, and unrelated to the host's). Where the sandbox shares the host
 * kernel's {@code /proc} files, the kernel's command line too (session 20: a VM's shows its control agent's flags and
 * ports, a cloud image's its metadata source), replaced by a neutral one as gVisor's own {@code /proc} shows.
 * Thread-safe.
 */
public final class HostIdentity {
  /** The host name inside every sandbox (bwrap's {@code --hostname}, the OCI {@code hostname}). */
  public static final String SANDBOX_HOSTNAME = "containment";

  /** Where the kernel shows its boot id, under a {@code /proc/sys} shared with the host. */
  public static final String BOOT_ID = "/proc/sys/kernel/random/boot_id";

  /** Where the kernel shows the command line it was booted with. */
  public static final String CMDLINE = "/proc/cmdline";

  /** What a sandbox reads there: a plain boot line that names no machine. */
  static final String NEUTRAL_CMDLINE = "BOOT_IMAGE=/vmlinuz ro quiet";

  private static final List<String> HOSTNAME_FILES = List.of("/etc/hostname");
  private static final List<String> MACHINE_ID_FILES = List.of("/etc/machine-id", "/var/lib/dbus/machine-id");

  /**
   * Which of them are regular files on this host: a bind needs an existing mount point and the root is read-only; a
   * link (such as {@code /var/lib/dbus/machine-id} to {@code /etc/machine-id}) is covered through its target. Looked
   * up once: these files come with the system's installation.
   */
  private static final List<String> PRESENT = Stream.concat(HOSTNAME_FILES.stream(), MACHINE_ID_FILES.stream())
      .filter(t -> Files.isRegularFile(Path.of(t), LinkOption.NOFOLLOW_LINKS)).toList();

  /**
   * One file to bind read-only over a host file.
   *
   * @param source the generated file on the host
   * @param target the path inside the sandbox
   */
  public record Replacement(Path source, String target) {}

  private final Path hostname;
  private final Path machineId;
  private final Path bootId;
  private final Path cmdline;

  private HostIdentity(Path dir) {
    this.hostname = dir.resolve("hostname");
    this.machineId = dir.resolve("machine-id");
    this.bootId = dir.resolve("boot_id");
    this.cmdline = dir.resolve("cmdline");
  }

  /** The files a backend writes in {@code dir} (also what an explanation names before any is written). */
  public static HostIdentity in(Path dir) {
    return new HostIdentity(dir);
  }

  /** Writes the generated files into {@code dir}, a private directory of the backend; each readable, not writable. */
  public static HostIdentity write(Path dir) throws IOException {
    HostIdentity id = new HostIdentity(dir);
    SecureRandom random = new SecureRandom();
    byte[] machine = new byte[16];
    random.nextBytes(machine);
    writeReadOnly(id.hostname, SANDBOX_HOSTNAME + "\n");
    writeReadOnly(id.machineId, HexFormat.of().formatHex(machine) + "\n");
    writeReadOnly(id.bootId, UUID.randomUUID() + "\n");
    writeReadOnly(id.cmdline, NEUTRAL_CMDLINE + "\n");
    return id;
  }

  private static void writeReadOnly(Path file, String content) throws IOException {
    Files.writeString(file, content, StandardCharsets.US_ASCII);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
  }

  /** The replacements under the host's root that apply on this host (files it has). */
  public List<Replacement> inRoot() {
    return PRESENT.stream().map(t -> new Replacement(HOSTNAME_FILES.contains(t) ? hostname : machineId, t)).toList();
  }

  /** The boot id's and the kernel command line's replacements, for a sandbox whose /proc files are the host's. */
  public List<Replacement> inProc() {
    return List.of(new Replacement(bootId, BOOT_ID), new Replacement(cmdline, CMDLINE));
  }
}
