/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.IsolationReport.EnforcedLimit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cgroup layouts on a fake tree (plain files): what is written where. The kernel side (limits biting) is covered
 * by the escape suite on the real v1 tree; v2 has no real tree on the CI machine, so this is its only test.
 */
class CgroupsTest {
  @TempDir
  Path root;

  @Test
  void v2WritesMemoryMaxSwapAndPidsAndEnablesControllers() throws IOException {
    Files.writeString(root.resolve("cgroup.controllers"), "cpu io memory pids\n");
    Files.writeString(root.resolve("cgroup.subtree_control"), "");
    Path parent = Files.createDirectories(root.resolve(Cgroups.PARENT));
    Files.writeString(parent.resolve("cgroup.subtree_control"), "");
    Cgroups cg = Cgroups.detect(root).orElseThrow();
    assertThat(cg.version()).isEqualTo(Cgroups.Version.V2);
    Cgroups.CallCgroup call = cg.acquire(64L << 20, 32);
    assertThat(call.procsFiles()).hasSize(1);
    Path dir = call.procsFiles().get(0).getParent();
    assertThat(dir.getParent()).isEqualTo(parent);
    assertThat(dir.getFileName().toString()).startsWith(ProcessHandle.current().pid() + "-");
    assertThat(dir.resolve("memory.max")).hasContent(Long.toString(64L << 20));
    assertThat(dir.resolve("pids.max")).hasContent("32");
    assertThat(root.resolve("cgroup.subtree_control")).hasContent("+memory +pids");
    assertThat(parent.resolve("cgroup.subtree_control")).hasContent("+memory +pids");
    assertThat(call.limits()).extracting(EnforcedLimit::mechanism).containsExactly("cgroup v2 memory.max",
        "cgroup v2 pids.max");
  }

  @Test
  void v1WritesBothHierarchiesAndSwapAccountingWhenPresent() throws IOException {
    Path mem = Files.createDirectories(root.resolve("memory"));
    Files.writeString(mem.resolve("memory.limit_in_bytes"), "");
    Path pids = Files.createDirectories(root.resolve("pids"));
    Files.writeString(pids.resolve("cgroup.procs"), "");
    Cgroups cg = Cgroups.detect(root).orElseThrow();
    assertThat(cg.version()).isEqualTo(Cgroups.Version.V1);
    Cgroups.CallCgroup call = cg.acquire(128L << 20, 64);
    assertThat(call.procsFiles()).hasSize(2);
    Path m = call.procsFiles().get(0).getParent();
    Path p = call.procsFiles().get(1).getParent();
    assertThat(m.resolve("memory.limit_in_bytes")).hasContent(Long.toString(128L << 20));
    assertThat(p.resolve("pids.max")).hasContent("64");
    // pooled: the next call with the same limits gets the same directories back
    cg.release(call);
    assertThat(cg.acquire(128L << 20, 64).procsFiles()).isEqualTo(call.procsFiles());
  }

  @Test
  void anUnusableTreeIsNotDetected() throws IOException {
    assertThat(Cgroups.detect(root)).isEmpty();
    Files.writeString(root.resolve("cgroup.controllers"), "cpu io\n");
    assertThat(Cgroups.detect(root)).as("v2 without memory and pids delegated").isEmpty();
  }
}
