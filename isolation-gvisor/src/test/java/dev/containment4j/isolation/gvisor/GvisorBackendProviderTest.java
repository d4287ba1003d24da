/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containment4j.SandboxSetupException;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.Availability;
import dev.containment4j.spi.IsolationSpec;
import dev.containment4j.testing.PrivateTestDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Provider behaviour that needs no runsc: id, priority, explain on any OS, invalid settings. */
class GvisorBackendProviderTest {

  static IsolationSpec spec(Map<String, Map<String, String>> backends) {
    Policy d = Policy.defaults();
    Policy.Isolation i = d.isolation();
    Policy p = new Policy(d.source(), new Policy.Isolation(Policy.Backend.GVISOR, i.filesystem(), i.limits(),
        i.env(), backends), d.network(), d.guard(), d.content(), d.trust(), d.audit());
    return new IsolationSpec(p, Path.of("/nonexistent/work"), Path.of("/nonexistent/home"), Map.of("PATH", "/bin"),
        e -> { });
  }

  @Test
  void idAndPriorityPutItBelowBubblewrap() {
    GvisorBackendProvider p = new GvisorBackendProvider();
    assertThat(p.id()).isEqualTo("gvisor");
    assertThat(p.priority()).isEqualTo(50).isLessThan(100);
  }

  @Test
  void explainNeedsNoRunscAndShowsFlagsMountsLimitsAndConfig() {
    String text = new GvisorBackendProvider().explain(spec(Map.of("gvisor", Map.of("platform", "systrap"))));
    assertThat(text).contains("--network=none", "--overlay2=root:memory", "--platform=systrap",
        "/nonexistent/work  bind [rbind, rw]  <- workdir", "RLIMIT_NPROC", "\"ociVersion\" : \"1.0.2\"",
        "pids = 256");
    for (String line : List.of("memoryMb", "wallSeconds", "outputBytes")) {
      assertThat(text).contains(line);
    }
  }

  @Test
  void invalidSettingsFailWithTheKey() {
    assertThatThrownBy(() -> new GvisorBackendProvider().explain(spec(Map.of("gvisor", Map.of("poolSize", "x")))))
        .isInstanceOf(SandboxSetupException.class).hasMessageContaining("isolation.gvisor.poolSize");
  }

  /**
   * A runsc the policy names inside its own workdir (a call could have written it) is refused by the probe that
   * {@code backend: auto} runs, before anything is isolated: it never runs on the host.
   */
  @Test
  @EnabledOnOs(OS.LINUX)
  void theProbeNeverRunsARunscACallCouldHaveWritten() throws Exception {
    Path work = PrivateTestDirs.create("work");
    Path marker = work.resolve("planted-runsc-ran");
    Path planted = Files.writeString(work.resolve("runsc"), "#!/bin/sh\ntouch '" + marker + "'\n");
    Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rwxr-xr-x"));
    Policy d = Policy.defaults();
    Policy.Isolation i = d.isolation();
    Policy p = new Policy(d.source(), new Policy.Isolation(Policy.Backend.GVISOR, i.filesystem(), i.limits(),
        i.env(), Map.of("gvisor", Map.of("runsc", planted.toString()))), d.network(), d.guard(), d.content(),
        d.trust(), d.audit());
    Availability a = new GvisorBackendProvider().probe(new IsolationSpec(p, work,
        Path.of(System.getProperty("user.home")), Map.of(), e -> { }));
    assertThat(a.available()).isFalse();
    assertThat(a.describe()).contains("lies inside " + work, "nothing was run");
    assertThat(marker).as("the planted runsc ran on the host").doesNotExist();
  }
}
