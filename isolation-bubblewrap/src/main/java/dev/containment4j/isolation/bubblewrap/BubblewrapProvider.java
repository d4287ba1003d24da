/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap;

import dev.containment4j.internal.fs.FilesystemPlan;
import dev.containment4j.internal.process.HostExecutables;
import dev.containment4j.isolation.bubblewrap.internal.BubblewrapBackend;
import dev.containment4j.isolation.bubblewrap.internal.BwrapProbe;
import dev.containment4j.isolation.bubblewrap.internal.HostCache;
import dev.containment4j.spi.Availability;
import dev.containment4j.spi.IsolationBackend;
import dev.containment4j.spi.IsolationBackendProvider;
import dev.containment4j.spi.IsolationSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The {@code bubblewrap} backend (Linux). Discovered with {@link java.util.ServiceLoader}; priority 100. The bwrap
 * binary is looked up on the host's {@code PATH}, or taken from the policy's {@code isolation.bubblewrap.bwrap}
 * setting. Memory and pids limits use a cgroup per call when the cgroup tree is writable (root, or delegated), and
 * rlimits otherwise; {@code cgroups: off} forces the rlimits.
 *
 * <pre>{@code
 * isolation:
 *   backend: bubblewrap
 *   bubblewrap: {bwrap: /usr/bin/bwrap, cgroups: auto}   # both optional
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 *
 * @since 0.1
 */
public final class BubblewrapProvider implements IsolationBackendProvider {

  @Override
  public String id() {
    return BubblewrapBackend.ID;
  }

  @Override
  public int priority() {
    return 100;
  }

  /**
   * Runs {@code bwrap} with the namespace flags the backend uses and loads libseccomp; never throws. A success is
   * remembered per bwrap binary, boot and kernel settings (in a private directory of this user), so later processes
   * skip the two bwrap runs; {@code -Dcontainment.bubblewrap.nocache=true} always probes afresh.
   */
  @Override
  public Availability probe() {
    return BwrapProbe.probeCached(BwrapProbe.findOnPath(System.getenv("PATH")),
        HostCache.under(HostCache.defaultBase()));
  }

  /**
   * {@link #probe()} of the bwrap this policy would run (its {@code isolation.bubblewrap.bwrap}, else the one on
   * {@code PATH}), refused without running it when a call could have written it: the probe runs on the host before
   * anything is isolated, and a {@code PATH} entry may lie inside the workdir (a project's virtualenv on
   * {@code PATH}) while the current directory is elsewhere.
   */
  @Override
  public Availability probe(IsolationSpec spec) {
    return probe(spec, System.getenv("PATH"), HostCache.under(HostCache.defaultBase()));
  }

  static Availability probe(IsolationSpec spec, String path, HostCache cache) {
    Optional<Path> bwrap = configured(spec).or(() -> BwrapProbe.findOnPath(path));
    if (bwrap.isPresent()) {
      Optional<String> unsafe = HostExecutables.whyUnsafe(bwrap.get(), writableRoots(spec));
      if (unsafe.isPresent()) {
        return Availability.unavailable("will not run " + bwrap.get() + " as bwrap: " + unsafe.get()
            + "; nothing was run", "set isolation.bubblewrap.bwrap to an absolute path outside the workdir, owned by"
            + " root (or this user) and writable by no one else, and take the directory off PATH");
      }
    }
    return BwrapProbe.probeCached(bwrap, cache);
  }

  /** Where the policy's calls may write; the workdir alone when the policy cannot be planned (open refuses it). */
  private static List<Path> writableRoots(IsolationSpec spec) {
    try {
      return FilesystemPlan.resolve(spec.policy(), spec.workdir(), spec.home()).writable();
    } catch (RuntimeException e) {
      return List.of(spec.workdir());
    }
  }

  /**
   * @throws SandboxSetupException when bwrap (it runs outside any sandbox) is a relative path, a file another user
   *     could replace or one inside a writable root of the policy, or none was found
   */
  @Override
  public IsolationBackend open(IsolationSpec spec) {
    return new BubblewrapBackend(spec, bwrap(spec));
  }

  /** The argument list for a sample command, built without running or compiling anything. */
  @Override
  public String explain(IsolationSpec spec) {
    return BubblewrapBackend.explain(spec, bwrap(spec), Path.of("/dev/shm/containment4j-bwrap-XXXX/denied"),
        Optional.empty(), Optional.empty());
  }

  private static Path bwrap(IsolationSpec spec) {
    return configured(spec).or(() -> BwrapProbe.findOnPath(System.getenv("PATH"))).orElse(Path.of("bwrap"));
  }

  private static Optional<Path> configured(IsolationSpec spec) {
    String configured = spec.policy().isolation().backend(BubblewrapBackend.ID).get("bwrap");
    return configured == null || configured.isBlank() ? Optional.empty() : Optional.of(Path.of(configured));
  }
}
