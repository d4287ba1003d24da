/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.event.AuditListener;
import dev.containment4j.isolation.bubblewrap.internal.BwrapProbe;
import dev.containment4j.isolation.bubblewrap.internal.HostCache;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.Availability;
import dev.containment4j.spi.IsolationSpec;
import dev.containment4j.testing.PrivateTestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class BubblewrapProviderTest {

  /**
   * A {@code bwrap} in an absolute {@code PATH} entry inside the workdir (a project's {@code .venv/bin} put on
   * {@code PATH} by direnv or an activated virtualenv, with the host started from elsewhere), or configured there:
   * a call may have written it, so the probe (which runs before anything opens) must not run it either. It reports the
   * backend unavailable and why, and nothing was run.
   */
  @Test
  @EnabledOnOs(OS.LINUX)
  void theProbeNeverRunsABwrapACallCouldHaveWritten() throws Exception {
    Path work = PrivateTestDirs.create("work");
    Path bin = Files.createDirectories(work.resolve(".venv/bin"));
    Path marker = work.resolve("planted-bwrap-ran");
    Path planted = Files.writeString(bin.resolve("bwrap"), "#!/bin/sh\ntouch '" + marker + "'\nexec /usr/bin/bwrap"
        + " \"$@\"\n");
    Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxr-xr-x"));
    String path = bin + ":/usr/bin:/bin";
    assertThat(BwrapProbe.findOnPath(path)).as("positive control: the plain lookup picks it").hasValue(planted);
    HostCache cache = HostCache.under(PrivateTestDirs.create("cache"));

    Availability viaPath = BubblewrapProvider.probe(spec(work, Map.of()), path, cache);
    assertThat(viaPath.available()).isFalse();
    assertThat(viaPath.describe()).contains(planted.toString(), "lies inside " + work, "nothing was run");

    Availability configured = BubblewrapProvider.probe(spec(work, Map.of("bwrap", planted.toString())),
        "/usr/bin:/bin", cache);
    assertThat(configured.available()).isFalse();
    assertThat(configured.describe()).contains("lies inside " + work);
    assertThat(marker).as("the planted bwrap ran on the host").doesNotExist();
  }

  private static IsolationSpec spec(Path work, Map<String, String> settings) {
    Policy d = Policy.defaults();
    Policy.Isolation i = d.isolation();
    Policy p = new Policy("provider-test", new Policy.Isolation(Policy.Backend.BUBBLEWRAP, i.filesystem(), i.limits(),
        i.env(), Map.of("bubblewrap", settings)), d.network(), d.guard(), d.content(), d.trust(), d.audit());
    return new IsolationSpec(p, work, Path.of(System.getProperty("user.home")), Map.of(), AuditListener.none());
  }
}
