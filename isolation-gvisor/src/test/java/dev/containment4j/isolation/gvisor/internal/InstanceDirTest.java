/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceDirTest {
  @TempDir
  Path state;

  /**
   * A placeholder's path is whatever a writable root and the repository's git configuration name (a
   * {@code core.hooksPath} of {@code "x\nd /home/u/dir"}): it is read back as one path, never as a second record the
   * reaper would remove.
   */
  @Test
  void aPlaceholderWithLineBreaksInItsPathIsReadBackAsOne() {
    InstanceDir inst = InstanceDir.create(state.resolve("s"));
    SandboxPlan.Placeholder hostile = new SandboxPlan.Placeholder("/work/x\nd /home/u/dir\nf /etc/f", false);
    SandboxPlan.Placeholder plain = new SandboxPlan.Placeholder("/work/.mcp.json", true);
    inst.recordPlaceholder(hostile);
    inst.recordPlaceholder(plain);
    assertThat(inst.placeholders()).containsExactly(hostile, plain);
  }
}
