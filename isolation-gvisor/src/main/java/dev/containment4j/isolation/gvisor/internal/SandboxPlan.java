/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import dev.containment4j.IsolationReport.EnforcedLimit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything a sandbox's {@code config.json} says, resolved from the policy: the pure input of
 * {@link OciConfig#render}.
 *
 * @param process the container's first process
 * @param mounts mounts in the order they are applied (parents first)
 * @param memoryLimitBytes cgroup memory limit of the whole sandbox, when enforced by a cgroup
 * @param placeholders protected paths that do not exist yet and need a mount point (created on open, removed on
 *     close)
 * @param limits every limit and its mechanism, for {@code ExecResult.isolation()}
 * @param notes policy entries that were skipped and why
 * @param userNamespace rootless: the sandbox's own user namespace, its root mapped to the JVM's uid and gid
 * @param networkNamespace {@code network.mode: proxy}: the path of the network namespace the sandbox joins (set per
 *     sandbox when its bundle is written; a plan from the planner has none)
 */
public record SandboxPlan(ProcessSpec process, List<OciMount> mounts, OptionalLong memoryLimitBytes,
    List<Placeholder> placeholders, List<EnforcedLimit> limits, List<String> notes,
    Optional<UserMapping> userNamespace, Optional<String> networkNamespace) {
  public SandboxPlan {
    Objects.requireNonNull(process, "process");
    mounts = List.copyOf(mounts);
    Objects.requireNonNull(memoryLimitBytes, "memoryLimitBytes");
    placeholders = List.copyOf(placeholders);
    limits = List.copyOf(limits);
    notes = List.copyOf(notes);
    Objects.requireNonNull(userNamespace, "userNamespace");
    Objects.requireNonNull(networkNamespace, "networkNamespace");
  }

  public SandboxPlan(ProcessSpec process, List<OciMount> mounts, OptionalLong memoryLimitBytes,
      List<Placeholder> placeholders, List<EnforcedLimit> limits, List<String> notes,
      Optional<UserMapping> userNamespace) {
    this(process, mounts, memoryLimitBytes, placeholders, limits, notes, userNamespace, Optional.empty());
  }

  public SandboxPlan(ProcessSpec process, List<OciMount> mounts, OptionalLong memoryLimitBytes,
      List<Placeholder> placeholders, List<EnforcedLimit> limits, List<String> notes) {
    this(process, mounts, memoryLimitBytes, placeholders, limits, notes, Optional.empty());
  }

  public SandboxPlan withProcess(ProcessSpec p) {
    return new SandboxPlan(p, mounts, memoryLimitBytes, placeholders, limits, notes, userNamespace,
        networkNamespace);
  }

  /** This plan joining the network namespace at {@code path} (one sandbox's bundle). */
  public SandboxPlan withNetworkNamespace(String path) {
    return new SandboxPlan(process, mounts, memoryLimitBytes, placeholders, limits, notes, userNamespace,
        Optional.of(path));
  }

  /** This plan with a user namespace whose root is host {@code uid}/{@code gid} (rootless sandboxes). */
  public SandboxPlan withUserNamespace(long uid, long gid) {
    return new SandboxPlan(process, mounts, memoryLimitBytes, placeholders, limits, notes,
        Optional.of(new UserMapping(uid, gid)), networkNamespace);
  }

  /** The host directories bound read-write for the tool: the workdir and {@code allowWrite}. */
  public List<java.nio.file.Path> writableRoots() {
    return mounts.stream().filter(m -> m.type().equals("bind") && m.options().contains("rw")
            && (m.why().equals(SandboxPlanner.WORKDIR) || m.why().equals(SandboxPlanner.ALLOW_WRITE)))
        .map(m -> java.nio.file.Path.of(m.source())).toList();
  }

  /**
   * Root inside maps to one host user: the JVM's own (what newuidmap allows without /etc/subuid entries).
   *
   * @param uid host uid of root inside
   * @param gid host gid of root inside
   */
  public record UserMapping(long uid, long gid) {}

  /**
   * A mount point that had to be created in the user's tree because the protected path does not exist yet.
   *
   * @param path absolute host path
   * @param directory whether it is a directory (else an empty file)
   */
  public record Placeholder(String path, boolean directory) {}
}
