/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.spi;

/**
 * Discovered with {@link java.util.ServiceLoader}; register implementations in
 * {@code META-INF/services/dev.containment4j.spi.IsolationBackendProvider}.
 *
 * <p>{@code backend: auto} sorts providers by {@link #priority()} (highest first), probes each and uses the first
 * available one; every rejection is recorded. Implementations must be thread-safe and cheap to construct.
 *
 * @since 0.1
 */
public interface IsolationBackendProvider {

  /** Stable id used in the policy ({@code bubblewrap}, {@code gvisor}, {@code seatbelt}). */
  String id();

  /** Higher wins under {@code backend: auto}. */
  int priority();

  /**
   * Checks by function, not by version: runs the real tool (with a timeout) and reports what happened. Must not
   * throw.
   */
  Availability probe();

  /**
   * The probe for one policy, as {@code backend: auto} and a named backend run it: a provider that looks its tool up
   * on {@code PATH} or takes it from the policy overrides this to refuse, without running it, a binary the policy's
   * sandboxes could have written (inside the workdir or an {@code allowWrite} directory), since the probe runs on the
   * host before anything is isolated. The default is {@link #probe()}. Must not throw.
   *
   * @since 0.3
   */
  default Availability probe(IsolationSpec spec) {
    return probe();
  }

  /**
   * Opens the backend for one policy. The returned backend owns its resources until closed.
   *
   * @throws dev.containment4j.SandboxSetupException when the backend cannot be prepared
   */
  IsolationBackend open(IsolationSpec spec);

  /**
   * What the backend would do under {@code spec} (argument list, OCI config, SBPL profile), for
   * {@code containment explain}. Must work on any OS, even where the backend is unavailable, so profiles can be
   * reviewed anywhere; the default opens the backend.
   */
  default String explain(IsolationSpec spec) {
    try (IsolationBackend backend = open(spec)) {
      return backend.explain();
    }
  }
}
