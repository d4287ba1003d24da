/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.containment4j.spi.Availability;
import dev.containment4j.testing.PrivateTestDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class BwrapProbeTest {

  @Test
  void ubuntuAppArmorUserNamespaceRestrictionNamesTheSysctl() {
    for (String err : new String[] {"bwrap: setting up uid map: Permission denied",
        "bwrap: loopback: Failed RTM_NEWADDR: Operation not permitted"}) {
      Availability a = BwrapProbe.classify("bubblewrap 0.9.0", 1, err);
      assertThat(a.available()).isFalse();
      assertThat(a.detail()).contains("AppArmor");
      assertThat(a.fix()).contains("kernel.apparmor_restrict_unprivileged_userns=0").contains("AppArmor profile");
    }
  }

  @Test
  void oldBwrapAndDisabledNamespacesAreTold() {
    assertThat(BwrapProbe.classify("bubblewrap 0.4.1", 1, "bwrap: Unknown option --disable-userns").detail())
        .contains("too old");
    assertThat(BwrapProbe.classify("bubblewrap 0.8.0", 1, "bwrap: No permission to create new namespace, likely"
        + " because the kernel does not allow non-privileged user namespaces").fix())
        .contains("unprivileged_userns_clone");
    Availability other = BwrapProbe.classify("bubblewrap 0.8.0", 1, "bwrap: something else");
    assertThat(other.describe()).contains("something else", "exited 1");
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void missingBwrapSaysHowToInstallIt() {
    Availability a = BwrapProbe.probe(Optional.empty());
    assertThat(a.available()).isFalse();
    assertThat(a.detail()).isEqualTo("bwrap not on PATH");
    assertThat(a.fix()).contains("apt-get install bubblewrap");
    assertThat(BwrapProbe.findOnPath("/nonexistent:/also/not")).isEmpty();
  }

  /**
   * bwrap runs outside any sandbox, as the JVM's user: a {@code bwrap} in a relative {@code PATH} entry (resolved
   * against the current directory, often the project the agent writes), an absolute one inside the current directory
   * (the default workdir), in a directory every user can write, or one that is itself group-writable is never the one
   * chosen; the installed one is.
   */
  @Test
  @EnabledOnOs(OS.LINUX)
  void aPlantedBwrapIsNeverChosen() throws IOException {
    Optional<Path> installed = BwrapProbe.findOnPath("/usr/bin:/bin");
    assumeThat(installed).as("bwrap installed in /usr/bin or /bin").isPresent();
    // outside the current directory (the module's), whose entries count as relative
    Path dir = PrivateTestDirs.create("bin");
    Path planted = Files.writeString(dir.resolve("bwrap"), "#!/bin/sh\ntouch \"$0.ran\"\n");
    Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxr-xr-x"));
    assertThat(BwrapProbe.findOnPath(dir + ":/usr/bin:/bin")).as("positive control").hasValue(planted);

    Path relative = Path.of("").toAbsolutePath().relativize(dir);
    assertThat(BwrapProbe.findOnPath(relative + ":/usr/bin:/bin")).as("relative entry %s", relative)
        .isEqualTo(installed);
    Path inCwd = Files.createTempDirectory(Files.createDirectories(Path.of("target", "planted")).toAbsolutePath(),
        "bin").toRealPath();
    Files.setPosixFilePermissions(Files.copy(planted, inCwd.resolve("bwrap")), PosixFilePermissions.fromString(
        "rwxr-xr-x"));
    assertThat(BwrapProbe.findOnPath(inCwd + ":/usr/bin:/bin")).as("inside the current directory").isEqualTo(installed);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThat(BwrapProbe.findOnPath(dir + ":/usr/bin:/bin")).as("world-writable directory").isEqualTo(installed);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxrwxr-x"));
    assertThat(BwrapProbe.findOnPath(dir + ":/usr/bin:/bin")).as("group-writable file").isEqualTo(installed);
  }
}
