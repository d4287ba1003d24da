/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor;

import dev.containment4j.isolation.gvisor.internal.GvisorBackend;
import dev.containment4j.spi.IsolationSession;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A JVM that opens a gVisor backend with a warm pool and a session, prints {@code READY INSTANCE_DIR}, then waits to
 * be killed: what it leaves behind is what the reaper must remove.
 */
public final class ReaperChild {
  private ReaperChild() {}

  public static void main(String[] args) throws Exception {
    GvisorFixture fx = new GvisorFixture(Path.of(args[0]));
    GvisorBackend backend = (GvisorBackend) new GvisorBackendProvider().open(fx.spec(fx.policy(1)));
    IsolationSession session = backend.openSession();
    session.exec(fx.sh("echo left > /tmp/behind"));
    backend.awaitWarm(Duration.ofSeconds(30));
    System.out.println("READY " + backend.instanceDir().dir());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
