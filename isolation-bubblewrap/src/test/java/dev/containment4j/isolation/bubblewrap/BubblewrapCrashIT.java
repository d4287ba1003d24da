/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.Containment;
import dev.containment4j.Layer;
import dev.containment4j.ToolCall;
import dev.containment4j.Verdict;
import dev.containment4j.policy.Policy;
import dev.containment4j.testing.EnabledIfBubblewrap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A JVM killed with SIGKILL in the middle of a call leaves no sandboxed process; the next backend sweeps the rest. */
@EnabledIfBubblewrap
@Tag("integration")
class BubblewrapCrashIT {
  @TempDir
  Path work;

  @Test
  void aKilledJvmTakesItsSandboxDownAndTheNextBackendSweepsItsCgroupsAndFiles() throws Exception {
    String marker = Long.toString(600_000 + (System.nanoTime() % 90_000));
    Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), CrashHelper.class.getName(), work.toString(), marker)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long pid = jvm.pid();
    try {
      // the tool itself runs: bwrap finished setting up (a JVM killed during the few ms of setup can leave the
      // sandbox's init without its parent-death signal; the cgroup sweep below is what covers that window)
      assertThat(waitFor(() -> sandboxed(marker).stream().anyMatch(c -> c.matches("(/usr)?(/bin/)?sleep "
          + marker + "(\\.5)?")), Duration.ofSeconds(30))).as("the child JVM's call started").isTrue();
      assertThat(leftovers(pid)).as("the call's cgroups exist while it runs").isNotEmpty();
      assertThat(waitFor(() -> !launchers(pid).isEmpty(), Duration.ofSeconds(10)))
          .as("the first backend prepared a launcher for its next call").isTrue();
    } finally {
      jvm.destroyForcibly(); // SIGKILL: no shutdown hook, no finally blocks
      jvm.waitFor();
    }
    assertThat(waitFor(() -> sandboxed(marker).isEmpty(), Duration.ofSeconds(5)))
        .as("sandboxed processes after the JVM died: %s", sandboxed(marker)).isTrue();
    // the launcher it prepared for its next call reads end-of-file on its stdin and exits
    assertThat(waitFor(() -> launchers(pid).isEmpty(), Duration.ofSeconds(5)))
        .as("prepared launchers of the dead JVM: %s", launchers(pid)).isTrue();

    Policy d = Policy.defaults();
    Policy.Isolation i = d.isolation();
    Policy p = new Policy("sweep", new Policy.Isolation(Policy.Backend.BUBBLEWRAP, i.filesystem(), i.limits(),
        i.env(), i.backends()), d.network(), d.guard(), d.content(), d.trust(), d.audit());
    try (Containment c = Containment.with(p).withWorkdir(work)
        .withGuard((call, ctx) -> Verdict.allow(Layer.GUARD, "", "", "test"))) {
      assertThat(c.run(ToolCall.command("/bin/true")).exitCode()).hasValue(0);
      assertThat(leftovers(pid)).as("cgroups and private directories of the dead JVM").isEmpty();
    }
  }

  private static List<String> sandboxed(String marker) {
    return ProcessHandle.allProcesses().map(h -> h.info().commandLine().orElse(""))
        .filter(c -> c.contains("sleep " + marker)).toList();
  }

  private static List<String> launchers(long pid) {
    return ProcessHandle.allProcesses().map(h -> h.info().commandLine().orElse(""))
        .filter(c -> c.contains("containment-launcher") && c.contains("containment4j-bwrap-" + pid + "-")).toList();
  }

  private static List<Path> leftovers(long pid) throws IOException {
    List<Path> found = new ArrayList<>();
    for (String dir : List.of("/sys/fs/cgroup/memory/containment4j", "/sys/fs/cgroup/pids/containment4j", "/dev/shm",
        System.getProperty("java.io.tmpdir"))) {
      Path d = Path.of(dir);
      if (Files.isDirectory(d)) {
        try (Stream<Path> s = Files.list(d)) {
          s.filter(x -> x.getFileName().toString().startsWith(pid + "-")
              || x.getFileName().toString().startsWith("containment4j-bwrap-" + pid + "-")).forEach(found::add);
        }
      }
    }
    return found;
  }

  private interface Check {
    boolean ok() throws Exception;
  }

  private static boolean waitFor(Check check, Duration max) throws Exception {
    long deadline = System.nanoTime() + max.toNanos();
    while (System.nanoTime() < deadline) {
      if (check.ok()) {
        return true;
      }
      Thread.sleep(50);
    }
    return check.ok();
  }
}
