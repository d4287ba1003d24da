/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor;

import dev.containment4j.SandboxSetupException;
import dev.containment4j.internal.fs.FilesystemPlan;
import dev.containment4j.internal.fs.HostIdentity;
import dev.containment4j.internal.process.HostExecutables;
import dev.containment4j.isolation.gvisor.internal.Explain;
import dev.containment4j.isolation.gvisor.internal.GvisorBackend;
import dev.containment4j.isolation.gvisor.internal.GvisorProbe;
import dev.containment4j.isolation.gvisor.internal.GvisorSettings;
import dev.containment4j.isolation.gvisor.internal.InitCommand;
import dev.containment4j.isolation.gvisor.internal.ProxyNetwork;
import dev.containment4j.isolation.gvisor.internal.RunscArgs;
import dev.containment4j.isolation.gvisor.internal.SandboxPlan;
import dev.containment4j.isolation.gvisor.internal.SandboxPlanner;
import dev.containment4j.spi.Availability;
import dev.containment4j.spi.IsolationBackend;
import dev.containment4j.spi.IsolationBackendProvider;
import dev.containment4j.spi.IsolationSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gVisor backend ({@code isolation.backend: gvisor}): each sandbox is a {@code runsc} OCI sandbox with gVisor's
 * user-space kernel between the tool and the host, no network ({@code --network=none}), the host root behind an
 * in-memory overlay, and the workdir bind-mounted read-write at its own path.
 *
 * <p>Priority 50, below bubblewrap (100): under {@code backend: auto} Linux hosts get bubblewrap, because Debian 12's
 * runsc breaks coreutils {@code ls}/{@code stat} and starts in about 140 ms instead of 5; choose gVisor explicitly
 * for the stronger kernel boundary. Settings under {@code isolation.gvisor:}: {@code runsc} (binary name or path),
 * {@code platform}, {@code poolSize} (pre-started session sandboxes, default 0), {@code rootless} (auto|true|false),
 * {@code stateDir}.
 *
 * <p>Thread-safe and cheap to construct; discovered with {@link java.util.ServiceLoader}.
 *
 * <pre>{@code
 * isolation:
 *   backend: gvisor
 *   gvisor: {runsc: /usr/local/bin/runsc, poolSize: 2}
 * }</pre>
 *
 * @since 0.1
 */
public final class GvisorBackendProvider implements IsolationBackendProvider {

  /** The policy's id for this backend. */
  public static final String ID = "gvisor";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return 50;
  }

  /**
   * Boots a real test sandbox with the default settings (runsc from PATH, or the system property
   * {@code containment.gvisor.runsc}); reports runsc's version and platform, or what failed and the fix.
   */
  @Override
  public Availability probe() {
    return probe(Map.of());
  }

  /** As {@link #probe()}, with the policy's {@code isolation.gvisor:} settings. Never throws. */
  public Availability probe(Map<String, String> settings) {
    try {
      return GvisorProbe.probe(GvisorSettings.from(settings)).availability();
    } catch (IllegalArgumentException e) {
      return Availability.unavailable("invalid gVisor settings: " + e.getMessage(), "fix isolation.gvisor in the"
          + " policy");
    }
  }

  /**
   * {@link #probe(Map)} with the policy's settings, refused without running runsc when a call of the policy could
   * have written the binary (a {@code PATH} entry or a configured path inside the workdir or an {@code allowWrite}
   * directory): the probe runs on the host, usually as root, before anything is isolated.
   */
  @Override
  public Availability probe(IsolationSpec spec) {
    GvisorSettings settings;
    try {
      settings = settings(spec);
    } catch (RuntimeException e) {
      return Availability.unavailable("invalid gVisor settings: " + e.getMessage(), "fix isolation.gvisor in the"
          + " policy");
    }
    Optional<Path> runsc = GvisorProbe.resolve(settings.runsc());
    Optional<String> unsafe = runsc.flatMap(bin -> HostExecutables.whyUnsafe(bin, writableRoots(spec)));
    if (unsafe.isPresent()) {
      return Availability.unavailable("will not run " + runsc.get() + " as runsc: " + unsafe.get()
          + "; nothing was run", "set isolation.gvisor.runsc to an absolute path outside the workdir");
    }
    return GvisorProbe.probe(settings).availability();
  }

  /** Where the policy's calls may write; the workdir alone when the policy cannot be planned (open refuses it). */
  private static List<Path> writableRoots(IsolationSpec spec) {
    try {
      return FilesystemPlan.resolve(spec.policy(), spec.workdir(), spec.home()).writable();
    } catch (RuntimeException e) {
      return List.of(spec.workdir());
    }
  }

  /** One paragraph for {@code containment doctor}: the probe, then the settings in force. */
  public String describe(Map<String, String> settingsMap) {
    GvisorSettings s;
    try {
      s = GvisorSettings.from(settingsMap);
    } catch (IllegalArgumentException e) {
      return "gvisor: invalid settings: " + e.getMessage();
    }
    Availability a = GvisorProbe.probe(s).availability();
    return "gvisor: " + (a.available() ? "OK " : "UNAVAILABLE ") + a.describe() + "\n  settings: runsc=" + s.runsc()
        + ", platform=" + (s.platform().isEmpty() ? "(runsc default)" : s.platform()) + ", poolSize=" + s.poolSize()
        + ", rootless=" + s.rootless() + ", stateDir=" + s.stateDir();
  }

  /**
   * @throws SandboxSetupException when the settings are invalid, runsc does not work, or the bundle cannot be
   *     prepared
   */
  @Override
  public IsolationBackend open(IsolationSpec spec) {
    GvisorSettings settings = settings(spec);
    // runsc runs on the host (as root, usually) and trusts its state and bundles: none of it where a call could have
    // written, not even for the probe
    FilesystemPlan plan = FilesystemPlan.resolve(spec.policy(), spec.workdir(), spec.home());
    Optional<Path> runsc = GvisorProbe.resolve(settings.runsc());
    Optional<String> unsafe = runsc.flatMap(bin -> HostExecutables.whyUnsafe(bin, plan.writable()));
    if (unsafe.isPresent()) {
      throw new SandboxSetupException(ID, -1, "", "will not run " + runsc.get() + " as runsc: " + unsafe.get()
          + "; set isolation.gvisor.runsc to an absolute path outside the workdir; nothing was run");
    }
    Optional<Path> holder = plan.writableRootHolding(settings.stateDir());
    if (holder.isPresent()) {
      throw new SandboxSetupException(ID, -1, "", "the runsc state directory " + settings.stateDir() + " is inside "
          + holder.get() + ", which the sandbox may write (a call could rewrite the next sandbox's config.json);"
          + " set isolation.gvisor.stateDir (or java.io.tmpdir) outside the workdir; nothing was run");
    }
    GvisorProbe.Result r = GvisorProbe.probe(settings);
    if (!r.availability().available() || r.binary().isEmpty()) {
      throw new SandboxSetupException(ID, -1, "", "gVisor is not usable: " + r.availability().describe());
    }
    return new GvisorBackend(spec, settings, r.binary().get(), r.version());
  }

  /** The OCI config and runsc flags this policy produces. Runs nothing; works on any OS. */
  @Override
  public String explain(IsolationSpec spec) {
    GvisorSettings settings = settings(spec);
    Path inst = settings.stateDir().resolve("INSTANCE");
    SandboxPlan plan = SandboxPlanner.plan(spec, settings, inst.resolve("empty"), Optional.empty(),
        HostIdentity.in(inst).inRoot(), FilesystemPlan.resolve(spec.policy(), spec.workdir(), spec.home()));
    return Explain.text(plan, new RunscArgs(settings.runsc(), settings, inst.resolve("state"),
        ProxyNetwork.applies(spec, settings)),
        InitCommand.ENV_IGNORE, settings, "runsc not probed");
  }

  private static GvisorSettings settings(IsolationSpec spec) {
    try {
      return GvisorSettings.from(spec.policy().isolation().backend(ID));
    } catch (IllegalArgumentException e) {
      throw new SandboxSetupException(ID, -1, "", e.getMessage(), e);
    }
  }
}
