/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.policy.Policy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Seatbelt protects inside the workdir besides core's names, on a real directory tree (the profile itself
 * cannot run here): the targets of the repository's configuration (core's {@code GitRedirects}, as bubblewrap and
 * gVisor protect them) and the audit file, whose parents the profile then pins.
 */
class ProfilePlanTest {
  @TempDir
  Path tmp;

  @Test
  void gitRedirectsAndTheAuditFileInsideTheWorkdirAreProtectedAndTheirParentsPinned() throws Exception {
    Path root = tmp.toRealPath();
    Path home = Files.createDirectories(root.resolve("home"));
    Path work = Files.createDirectories(home.resolve("proj"));
    Files.createDirectories(work.resolve(".git"));
    Files.writeString(work.resolve(".git/config"), "[core]\n\thooksPath = tools/hooks\n[include]\n\tpath = ../x.cfg\n");
    Files.createDirectories(work.resolve("tools/hooks"));
    Files.createDirectories(work.resolve("conf/keys"));
    Files.writeString(work.resolve("conf/keys/secret.env"), "s");
    Files.writeString(work.resolve("conf/settings.json"), "{}");
    Policy base = Fixtures.policy(Fixtures.fs(List.of(), List.of("conf/keys/secret.env", "**/*.pem"), List.of(),
        List.of("conf/settings.json"), false), Policy.NetworkMode.NONE);
    Policy p = new Policy(base.source(), base.isolation(), base.network(), base.guard(), base.content(), base.trust(),
        new Policy.Audit(Optional.of(work.resolve("logs/audit.jsonl"))));

    ProfileInput in = ProfilePlan.input(p, work, home, root.resolve("t"), NetworkAccess.none("test"), Fixtures.TAG,
        PathResolver.onHost(work, home));

    String w = work.toString().substring(1);
    assertThat(in.protectedGlobs()).contains(w + "/tools/hooks", w + "/x.cfg", w + "/logs/audit.jsonl");
    String profile = ProfileBuilder.build(in);
    assertThat(profile).as("the directories above them are pinned").contains("logs").contains("tools");
  }
}
