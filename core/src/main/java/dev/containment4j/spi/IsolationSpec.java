/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.spi;

import dev.containment4j.event.AuditListener;
import dev.containment4j.policy.Policy;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a backend needs to open: the policy, the resolved workdir and home, the environment the sandbox gets
 * (already filtered: the host environment is never inherited), and where to send audit events.
 *
 * @param policy the policy in force
 * @param workdir absolute, real path of the workdir; it appears at the same path inside
 * @param home the user's home directory on the host
 * @param environment the complete environment of the sandboxed process (backends add only {@code TMPDIR}-like
 *     values they own)
 * @param events audit sink for backend events (sandbox start/exit, limits hit)
 * @param egress the running egress proxy when {@code network.mode: proxy}; backends must route the sandbox's network
 *     through it and nothing else (its {@link EgressGateway#environment()} is already in {@code environment})
 * @since 0.1
 */
public record IsolationSpec(
    Policy policy, Path workdir, Path home, Map<String, String> environment, AuditListener events,
    Optional<EgressGateway> egress) {
  public IsolationSpec {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(workdir, "workdir");
    Objects.requireNonNull(home, "home");
    environment = Map.copyOf(environment);
    Objects.requireNonNull(events, "events");
    Objects.requireNonNull(egress, "egress");
  }

  /** A spec without an egress proxy ({@code network.mode: none} or {@code host}). */
  public IsolationSpec(
      Policy policy, Path workdir, Path home, Map<String, String> environment, AuditListener events) {
    this(policy, workdir, home, environment, events, Optional.empty());
  }
}
