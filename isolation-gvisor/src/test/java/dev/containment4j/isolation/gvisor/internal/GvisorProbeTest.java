/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.testing.PrivateTestDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class GvisorProbeTest {

  /**
   * runsc runs outside any sandbox (as root, usually): {@code isolation.gvisor.runsc} as a relative path (resolved
   * against the current directory, often the project the agent writes) or in a directory every user can write is
   * never run; the same binary in a private directory is.
   */
  @Test
  @EnabledOnOs(OS.LINUX)
  void aPlantedRunscIsNeverRun() throws IOException {
    Path dir = PrivateTestDirs.create("bin");
    Path planted = Files.writeString(dir.resolve("runsc"), "#!/bin/sh\ntouch \"$0.ran\"\n");
    Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(GvisorProbe.resolve(planted.toString())).as("positive control").hasValue(planted);

    Path relative = Path.of("").toAbsolutePath().relativize(planted);
    assertThat(GvisorProbe.resolve(relative.toString())).as("relative path %s", relative).isEmpty();
    assertThat(GvisorProbe.resolve("./" + relative)).as("relative path ./%s", relative).isEmpty();
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThat(GvisorProbe.resolve(planted.toString())).as("world-writable directory").isEmpty();
  }
}
