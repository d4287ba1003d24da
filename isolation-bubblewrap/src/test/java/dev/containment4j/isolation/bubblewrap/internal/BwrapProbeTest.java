/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.spi.Availability;
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
}
