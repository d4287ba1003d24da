/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor;

import dev.containment4j.egress.EgressProxy;
import dev.containment4j.isolation.gvisor.internal.GvisorBackend;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.IsolationSession;
import dev.containment4j.spi.IsolationSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JVM that opens a gVisor backend with a warm pool and a session, prints {@code READY INSTANCE_DIR}, then waits to
 * be killed: what it leaves behind is what the reaper must remove. A second argument {@code proxy} opens it with
 * {@code network.mode: proxy}.
 */
public final class ReaperChild {
  private ReaperChild() {}

  public static void main(String[] args) throws Exception {
    GvisorFixture fx = new GvisorFixture(Path.of(args[0]));
    IsolationSpec spec = fx.spec(fx.policy(1));
    if (args.length > 1 && args[1].equals("proxy")) {
      // network.mode: proxy, so that the session and the pool each hold a network namespace binder
      Policy p = fx.policy(1);
      Policy.Network net = new Policy.Network(Policy.NetworkMode.PROXY, List.of("origin.test"), List.of(), true,
          Policy.TlsMode.PASSTHROUGH, Map.of("origin.test", "127.0.0.1"), List.of("127.0.0.0/8"), List.of());
      p = new Policy(p.source(), p.isolation(), net, p.guard(), p.content(), p.trust(), p.audit());
      EgressProxy proxy = EgressProxy.builder(net).start();
      spec = new IsolationSpec(p, fx.workdir, fx.home, spec.environment(), e -> { }, Optional.of(proxy));
    }
    GvisorBackend backend = (GvisorBackend) new GvisorBackendProvider().open(spec);
    IsolationSession session = backend.openSession();
    session.exec(fx.sh("echo left > /tmp/behind"));
    backend.awaitWarm(Duration.ofSeconds(30));
    System.out.println("READY " + backend.instanceDir().dir());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
