/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap;

import dev.containment4j.Containment;
import dev.containment4j.Layer;
import dev.containment4j.ToolCall;
import dev.containment4j.Verdict;
import dev.containment4j.policy.Policy;
import java.nio.file.Path;

/** Child JVM for {@link BubblewrapCrashIT}: prepares a launcher, starts a long call and waits to be killed. */
public final class CrashHelper {
  private CrashHelper() {}

  public static void main(String[] args) {
    Policy d = Policy.defaults();
    Policy.Isolation i = d.isolation();
    Policy p = new Policy("crash", new Policy.Isolation(Policy.Backend.BUBBLEWRAP, i.filesystem(), i.limits(),
        i.env(), i.backends()), d.network(), d.guard(), d.content(), d.trust(), d.audit());
    // one backend with a launcher prepared for its next call (waiting), another in the middle of a long call
    Containment idle = Containment.with(p).withWorkdir(Path.of(args[0]))
        .withGuard((call, ctx) -> Verdict.allow(Layer.GUARD, "", "", "crash test"));
    idle.explain(); // opens the backend, which prepares the launcher of its first call
    Containment c = Containment.with(p).withWorkdir(Path.of(args[0]))
        .withGuard((call, ctx) -> Verdict.allow(Layer.GUARD, "", "", "crash test"));
    c.run(ToolCall.command("/bin/sh", "-c", "sleep " + args[1] + " & sleep " + args[1] + ".5"));
  }
}
