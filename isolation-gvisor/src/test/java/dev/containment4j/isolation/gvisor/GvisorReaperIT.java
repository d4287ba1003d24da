/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.isolation.gvisor.internal.GvisorBackend;
import dev.containment4j.isolation.gvisor.internal.Reaper;
import dev.containment4j.spi.IsolationSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import dev.containment4j.testing.EnabledIfGvisor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Nothing survives: a closed backend leaves nothing; a killed JVM's sandboxes are reaped by the next backend. */
@Tag("integration")
@EnabledIfGvisor
class GvisorReaperIT {

  @Test
  void closeLeavesNoProcessStateOrPlaceholder() throws IOException {
    GvisorFixture fx = GvisorFixture.create();
    try {
      GvisorBackend backend = (GvisorBackend) new GvisorBackendProvider().open(fx.spec(fx.policy(2)));
      Path inst = backend.instanceDir().dir();
      assertThat(fx.workdir.resolve(".vscode")).as("placeholder while open").isDirectory();
      IsolationSession s = backend.openSession();
      s.exec(fx.sh("true"));
      // the session is left open on purpose: the backend's close must take it down too
      backend.close();
      assertThat(Reaper.processesWith("--root=" + inst.resolve("state"))).isEmpty();
      assertThat(inst).doesNotExist();
      assertThat(fx.workdir.resolve(".vscode")).doesNotExist();
      assertThat(fx.workdir.resolve(".mcp.json")).doesNotExist();
      assertThat(fx.workdir.resolve(".git/config")).exists();
    } finally {
      fx.delete();
    }
  }

  @Test
  void killedJvmLeftoversAreReapedByTheNextBackend() throws Exception {
    GvisorFixture fx = GvisorFixture.create();
    Process child = null;
    try {
      String java = ProcessHandle.current().info().command().orElse("java");
      ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          ReaperChild.class.getName(), fx.root.toString());
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      child = pb.start();
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line;
      Path inst = null;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("READY ")) {
          inst = Path.of(line.substring(6));
          break;
        }
      }
      assertThat(inst).as("child JVM opened a backend").isNotNull();
      String marker = "--root=" + inst.resolve("state");
      List<ProcessHandle> before = Reaper.processesWith(marker);
      assertThat(before).as("sandbox and gofer processes of the session and the pool").hasSizeGreaterThanOrEqualTo(4);

      child.destroyForcibly();
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(Reaper.processesWith(marker)).as("orphans outlive the JVM").isNotEmpty();
      assertThat(fx.workdir.resolve(".vscode")).isDirectory();

      GvisorFixture other = GvisorFixture.create();
      try (GvisorBackend next = (GvisorBackend) new GvisorBackendProvider().open(other.spec(
          other.policy(0, fx.stateDir)))) {
        assertThat(Reaper.processesWith(marker)).isEmpty();
        assertThat(before).noneMatch(ProcessHandle::isAlive);
        assertThat(inst).doesNotExist();
        assertThat(fx.workdir.resolve(".vscode")).doesNotExist();
        assertThat(Files.list(fx.stateDir).toList()).containsExactly(next.instanceDir().dir());
      } finally {
        other.delete();
      }
    } finally {
      if (child != null) {
        child.destroyForcibly();
      }
      fx.delete();
    }
  }
}
