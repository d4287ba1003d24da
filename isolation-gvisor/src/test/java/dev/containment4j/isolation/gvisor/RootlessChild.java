/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor;

import dev.containment4j.ExecResult;
import dev.containment4j.isolation.gvisor.internal.GvisorBackend;
import dev.containment4j.spi.IsolationSession;
import java.nio.file.Path;
import java.time.Duration;

/** Run by {@link GvisorRootlessIT} as an unprivileged user: a pooled session and a one-shot, results on stdout. */
public final class RootlessChild {
  private RootlessChild() {}

  public static void main(String[] args) throws Exception {
    GvisorFixture fx = new GvisorFixture(Path.of(args[0]));
    try (GvisorBackend backend = (GvisorBackend) new GvisorBackendProvider().open(fx.spec(fx.policy(1)))) {
      System.out.println("WARM " + backend.awaitWarm(Duration.ofSeconds(60)));
      ExecResult one = backend.exec(fx.sh("echo ONESHOT $(id -u)"));
      System.out.println(one.stdout().trim() + " exit=" + one.exitCode());
      try (IsolationSession s = backend.openSession()) {
        ExecResult a = s.exec(fx.sh("echo kept > /tmp/session-file; echo host > from-sandbox"));
        System.out.println("FIRST exit=" + a.exitCode() + " " + a.stderr().trim());
        ExecResult b = s.exec(fx.sh("echo SECOND $(cat /tmp/session-file); grep '^Seccomp:' /proc/self/status;"
            + " unshare -Ur true && echo NESTED; cat /proc/version"));
        System.out.println(b.stdout().trim() + " exit=" + b.exitCode());
      }
    }
    System.out.println("DONE");
  }
}
