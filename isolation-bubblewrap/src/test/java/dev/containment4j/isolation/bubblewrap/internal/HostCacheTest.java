/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostCacheTest {
  @TempDir
  Path base;

  private Path cacheDir() throws IOException {
    try (Stream<Path> s = Files.list(base)) {
      return s.filter(p -> p.getFileName().toString().startsWith("containment4j-cache-")).findFirst().orElseThrow();
    }
  }

  @Test
  void aValueComesBackOnlyForTheSameKeyFromAPrivateDirectory() throws IOException {
    HostCache cache = HostCache.under(base);
    cache.put("probe", "key one", "value".getBytes(StandardCharsets.UTF_8));
    assertThat(cache.get("probe", "key one")).hasValueSatisfying(v ->
        assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("value"));
    assertThat(cache.get("probe", "key two")).isEmpty();
    assertThat(cache.get("seccomp", "key one")).isEmpty();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheDir()))).isEqualTo("rwx------");
    try (Stream<Path> s = Files.list(cacheDir())) {
      assertThat(s.toList()).singleElement().satisfies(f -> assertThat(PosixFilePermissions.toString(
          Files.getPosixFilePermissions(f))).isEqualTo("rw-------"));
    }
  }

  @Test
  void anEntryWhoseFileHoldsAnotherKeyIsAMiss() throws IOException {
    HostCache cache = HostCache.under(base);
    cache.put("probe", "real key", "yes".getBytes(StandardCharsets.UTF_8));
    Path file = cacheDir().resolve("probe-" + HostCache.hash("real key"));
    Files.move(file, cacheDir().resolve("probe-" + HostCache.hash("other key")));
    assertThat(cache.get("probe", "other key")).isEmpty();
  }

  @Test
  void aDirectoryOthersCanWriteOrASymlinkIsNotUsed() throws IOException {
    HostCache.under(base).put("probe", "k", "v".getBytes(StandardCharsets.UTF_8));
    Path dir = cacheDir();
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThat(HostCache.under(base).get("probe", "k")).isEmpty();

    Path elsewhere = Files.createDirectory(base.resolve("elsewhere"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    Files.move(dir, elsewhere.resolve("moved"));
    Files.createSymbolicLink(dir, elsewhere.resolve("moved"));
    assertThat(HostCache.under(base).get("probe", "k")).isEmpty();
  }
}
