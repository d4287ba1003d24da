/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor;

import dev.containment4j.policy.Policy;
import dev.containment4j.testing.EnabledIfGvisor;
import dev.containment4j.testing.EscapeSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/** The shared escape suite, run through the whole pipeline (session calls: runsc exec) against real runsc. */
@EnabledIfGvisor
class GvisorEscapeIT extends EscapeSuite {
  GvisorEscapeIT() {
    super(Policy.Backend.GVISOR);
  }

  /** The settings runsc's Sentry lets a sandbox write: its own netstack's and its own ptrace policy. */
  @Override
  protected Set<String> sandboxOwnedKernelSettings() {
    return Set.of("/proc/sys/net/ipv4/tcp_sack", "/proc/sys/net/ipv4/tcp_recovery", "/proc/sys/net/ipv4/tcp_wmem",
        "/proc/sys/net/ipv4/tcp_rmem", "/proc/sys/net/ipv4/ip_local_port_range", "/proc/sys/kernel/yama/ptrace_scope");
  }

  /** The Sentry's own kernel log ("Starting gVisor..."), not the host's. */
  @Override
  protected Set<String> sandboxOwnedCalls() {
    return Set.of("syslog_read");
  }

  /** Emulated by the Sentry; opening a tunnel or mounting FUSE needs capabilities the sandbox does not have. */
  @Override
  protected Set<String> sandboxOwnedDevices() {
    return Set.of("/dev/fuse", "/dev/net/tun");
  }

  /**
   * runsc processes (sandbox, gofer, commands) whose state root ({@code --root=}) no longer exists: the backend
   * deletes an instance's root when it closes, so a process still naming one outlived its sandbox. Processes of other
   * JVMs on the machine name roots that exist and are not counted.
   */
  @Override
  protected List<String> hostLeftovers() {
    long deadline = System.nanoTime() + 3_000_000_000L;
    List<String> left;
    do {
      left = ProcessHandle.allProcesses().map(h -> h.info().commandLine().orElse(""))
          .filter(c -> c.contains("runsc") && c.contains("--root=")).filter(c -> {
            String root = c.substring(c.indexOf("--root=") + "--root=".length()).split(" ")[0];
            return root.contains("containment4j") && !Files.exists(Path.of(root));
          }).toList();
      if (left.isEmpty()) {
        return left;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return left;
      }
    } while (System.nanoTime() < deadline);
    return left;
  }
}
