/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure builders of runsc argument lists. Every invocation repeats the same global flags: runsc 20221219 does not
 * remember them between {@code create}, {@code start} and {@code exec} (without {@code --network=none} on
 * {@code start} it tries, and fails, to set up the broken netstack).
 */
public final class RunscArgs {

  /**
   * Kills every process of the sandbox except its init (after a time-out), until none is left but zombies (the init
   * does not reap): one {@code kill(-1)} is not enough, a process forking at that moment can leave a child the signal
   * missed (measured: a session call's {@code sleep} survived into the next call). Exits 1 when processes remain after
   * 100 rounds, and the session is retired.
   */
  static final List<String> KILL_ALL = List.of("/bin/sh", "-c", "n=0; while :; do kill -KILL -1 2>/dev/null; left=0;"
      + " for s in /proc/[0-9]*/stat; do p=${s#/proc/}; p=${p%/stat}; if [ \"$p\" = 1 ] || [ \"$p\" = $$ ]; then"
      + " continue; fi; read -r st < \"$s\" 2>/dev/null || continue; case \"${st##*\") \"}\" in Z*|X*) ;; *) left=1;;"
      + " esac; done; [ $left = 0 ] && exit 0; n=$((n+1)); [ $n -ge 100 ] && exit 1; sleep 0.01; done");

  private final String runsc;
  private final List<String> global;

  /**
   * @param runsc the resolved binary
   * @param settings platform and rootless
   * @param stateRoot runsc {@code --root}, private to one backend instance
   */
  public RunscArgs(String runsc, GvisorSettings settings, Path stateRoot) {
    this(runsc, settings, stateRoot, false);
  }

  /**
   * @param hostNetwork {@code network.mode: proxy}: {@code --network=host}, where every sandbox joins its own
   *     network namespace that holds only {@code lo} and the proxy's listener ({@link ProxyNetns})
   */
  public RunscArgs(String runsc, GvisorSettings settings, Path stateRoot, boolean hostNetwork) {
    this.runsc = runsc;
    List<String> g = new ArrayList<>();
    g.add("--root=" + stateRoot);
    // the netstack is broken on kernels >= 6 with this runsc (google/gvisor#10704): none, or host sockets in a
    // namespace of our own
    g.add(hostNetwork ? "--network=host" : "--network=none");
    g.add("--overlay2=root:memory"); // writes outside the bind mounts land in memory and vanish with the sandbox
    g.add("--oci-seccomp"); // enforce config.json's linux.seccomp inside the Sentry
    if (!settings.platform().isEmpty()) {
      g.add("--platform=" + settings.platform());
    }
    if (settings.rootless()) {
      // not --rootless: runsc refuses `create` with it. A non-root runsc creates, starts, execs into and deletes
      // sandboxes whose config.json has a user namespace (root inside = this user, mapped with newuidmap) as long as
      // it does not try to make cgroups (which it may not)
      g.add("--ignore-cgroups");
    }
    this.global = List.copyOf(g);
  }

  public List<String> globalFlags() {
    return global;
  }

  public List<String> create(Path bundle, String id, Path pidFile) {
    return cmd("create", "--bundle=" + bundle, "--pid-file=" + pidFile, id);
  }

  public List<String> start(String id) {
    return cmd("start", id);
  }

  public List<String> run(Path bundle, String id) {
    return cmd("run", "--bundle=" + bundle, id);
  }

  public List<String> exec(Path processJson, String id) {
    return cmd("exec", "--process=" + processJson, id);
  }

  public List<String> execArgv(String id, List<String> argv) {
    List<String> a = cmd("exec", id);
    a.addAll(argv);
    return a;
  }

  public List<String> deleteForce(String id) {
    return cmd("delete", "--force", id);
  }

  public List<String> state(String id) {
    return cmd("state", id);
  }

  public List<String> list() {
    return cmd("list", "--quiet");
  }

  private List<String> cmd(String... rest) {
    List<String> a = new ArrayList<>();
    a.add(runsc);
    a.addAll(global);
    a.addAll(List.of(rest));
    return a;
  }
}
