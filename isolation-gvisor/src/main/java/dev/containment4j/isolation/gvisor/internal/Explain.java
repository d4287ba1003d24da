/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import dev.containment4j.IsolationReport.EnforcedLimit;
import java.util.List;

/** The text of {@code containment explain} for gVisor: runsc flags, mounts with their reasons, limits, config.json. */
public final class Explain {
  private Explain() {}

  public static String text(SandboxPlan plan, RunscArgs args, List<String> init, GvisorSettings settings,
      String version) {
    StringBuilder b = new StringBuilder();
    b.append("backend: gvisor (").append(version).append(")\n");
    b.append("runsc global flags (on every invocation): ").append(String.join(" ", args.globalFlags())).append('\n');
    b.append("session:  runsc create --bundle=BUNDLE ID; runsc start ID; each call: runsc exec --process=CALL.json ID\n");
    b.append("          each call runs as ").append(ExecHelper.IN_SANDBOX).append(" --kill-all ARGV: the helper installs"
        + " the seccomp filter (runsc exec does not apply config.json's), runs ARGV, kills what it left running\n");
    b.append("one-shot: runsc run --bundle=BUNDLE ID (the tool is the container's first process)\n");
    b.append("pool:     ").append(settings.poolSize()).append(" pre-started session sandbox(es)")
        .append(plan.mounts().stream().noneMatch(m -> m.destination().equals(ExecHelper.IN_SANDBOX))
                ? " (off: no c4j-exec helper for this CPU; every call runs in a fresh sandbox)" : "")
        .append(settings.rootless() ? "\nrootless: config.json has a user namespace whose root is this user (mapped"
            + " with newuidmap/newgidmap), runsc runs with --ignore-cgroups; memory is limited per process" : "")
        .append('\n');
    boolean proxy = args.globalFlags().contains("--network=host");
    if (proxy) {
      b.append("network:  before each sandbox starts, `").append(String.join(" ", ProxyNetns.command("unshare", "perl")
          .subList(0, 4))).append(" ...` makes a network namespace, brings lo up and listens on 127.0.0.1:")
          .append(ProxyNetns.PORT).append(" there; config.json joins it (/proc/BINDER/ns/net) and runsc uses host"
              + " sockets in it (--network=host): only lo and that listener exist. The JVM takes the listener with"
              + " pidfd_getfd and the egress proxy accepts on it for each call\n");
      plan = plan.withNetworkNamespace("/proc/BINDER/ns/net");
    }
    b.append("init:     ").append(String.join(" ", init)).append('\n');
    b.append("root:     the host's / through --overlay2=root:memory: writes outside the mounts below stay in memory"
        + " and vanish with the sandbox\n");
    b.append("mounts (in order):\n");
    for (OciMount m : plan.mounts()) {
      b.append("  ").append(m.destination()).append("  ").append(m.type());
      if (!m.source().equals(m.destination()) && m.type().equals("bind")) {
        b.append(" from ").append(m.source());
      }
      b.append(' ').append(m.options()).append("  <- ").append(m.why()).append('\n');
    }
    if (!plan.placeholders().isEmpty()) {
      b.append("placeholders (created as mount points, removed on close):\n");
      plan.placeholders().forEach(p -> b.append("  ").append(p.path()).append(p.directory() ? "/" : "").append('\n'));
    }
    b.append("limits:\n");
    for (EnforcedLimit l : plan.limits()) {
      b.append("  ").append(l.name()).append(" = ").append(l.value()).append(": ").append(l.mechanism()).append('\n');
    }
    plan.notes().forEach(n -> b.append("note: ").append(n).append('\n'));
    b.append("config.json:\n").append(OciConfig.render(plan));
    return b.toString();
  }
}
