/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.containment4j.testing.EnabledIfBubblewrap;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zero-relay egress bridge needs no privilege: a JVM running as {@code nobody} (no capabilities) takes the
 * sandbox's listening socket with {@code pidfd_getfd} and the call reaches the origin through the proxy. Runs where the
 * tests run as root (to switch users with {@code setpriv}); elsewhere the tests already run unprivileged.
 */
@EnabledIfBubblewrap
@Tag("integration")
class UnprivilegedEgressIT {
  @TempDir
  Path tmp;

  @Test
  void anUnprivilegedJvmBridgesItsSandboxToTheProxy() throws Exception {
    assumeThat(new com.sun.security.auth.module.UnixSystem().getUid()).as("runs as root, to become nobody")
        .isZero();
    assumeThat(Files.isExecutable(Path.of("/usr/bin/setpriv"))).as("setpriv (util-linux)").isTrue();
    // the class path copied where nobody can read it (the build's may sit in a root-only directory)
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path cp = Files.createDirectory(tmp.resolve("cp"));
    List<String> entries = new ArrayList<>();
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path src = Path.of(entry);
      if (!Files.exists(src)) {
        continue;
      }
      Path dst = cp.resolve((n++) + "-" + src.getFileName());
      copy(src, dst);
      entries.add(dst.toString());
    }
    Path work = Files.createDirectory(tmp.resolve("work"));
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxrwxrwx"));
    // nobody's own home (/nonexistent) does not exist; a workdir that is the home is refused (session 10)
    Path home = Files.createDirectory(tmp.resolve("home"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
    chmodReadable(cp);
    Process p = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
        "--inh-caps=-all", "--", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=/tmp", "-Duser.home=" + home, "-cp", String.join(File.pathSeparator, entries),
        UnprivilegedEgressHelper.class.getName(), work.toString())
        .redirectErrorStream(true).start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(text).as(text).contains("jvm-user=nobody", "hello unprivileged");
  }

  private static void copy(Path src, Path dst) throws IOException {
    if (Files.isDirectory(src)) {
      try (Stream<Path> s = Files.walk(src)) {
        for (Path f : s.toList()) {
          Path t = dst.resolve(src.relativize(f).toString());
          if (Files.isDirectory(f)) {
            Files.createDirectories(t);
          } else {
            Files.copy(f, t);
          }
        }
      }
    } else {
      Files.copy(src, dst);
    }
  }

  private static void chmodReadable(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path f : s.toList()) {
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(Files.isDirectory(f) ? "rwxr-xr-x"
            : "rw-r--r--"));
      }
    }
  }
}
