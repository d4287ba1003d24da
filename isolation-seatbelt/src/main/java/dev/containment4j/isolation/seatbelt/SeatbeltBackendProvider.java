/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt;

import dev.containment4j.SandboxSetupException;
import dev.containment4j.internal.process.BoundedProcess;
import dev.containment4j.isolation.seatbelt.internal.LimitsPrologue;
import dev.containment4j.isolation.seatbelt.internal.SeatbeltBackend;
import dev.containment4j.spi.Availability;
import dev.containment4j.spi.IsolationBackend;
import dev.containment4j.spi.IsolationBackendProvider;
import dev.containment4j.spi.IsolationSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code seatbelt} backend: macOS only. Every call runs under {@code /usr/bin/sandbox-exec} (never looked up in
 * PATH) with an SBPL profile generated from the policy: reads allowed except {@code denyRead}, writes only to the
 * workdir, {@code allowWrite} and a private temp directory, files that configure code execution protected, network
 * only to the egress proxy's loopback port. Thread-safe and cheap to construct. See {@code docs/seatbelt.md}.
 *
 * <pre>{@code
 * // explain works on any OS:
 * String profile = new SeatbeltBackendProvider().explain(spec);
 * }</pre>
 *
 * @since 0.1
 */
public final class SeatbeltBackendProvider implements IsolationBackendProvider {

  /** The probe's profile: allows everything, so only sandbox-exec itself is tested. */
  static final String PROBE_PROFILE = "(version 1)(allow default)";

  @Override
  public String id() {
    return SeatbeltBackend.ID;
  }

  @Override
  public int priority() {
    return 100;
  }

  /** Whether this JVM runs on macOS. */
  public static boolean onMac() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("mac");
  }

  @Override
  public Availability probe() {
    if (!onMac()) {
      return Availability.unavailable("macOS only (this is " + System.getProperty("os.name") + ")",
          "use the bubblewrap or gvisor backend on Linux");
    }
    if (!Files.isExecutable(Path.of(LimitsPrologue.SANDBOX_EXEC))) {
      return Availability.unavailable(LimitsPrologue.SANDBOX_EXEC + " is missing or not executable",
          "Seatbelt's sandbox-exec ships with macOS; restore it (it is not looked up in PATH)");
    }
    List<String> argv = List.of(LimitsPrologue.SANDBOX_EXEC, "-p", PROBE_PROFILE, "/usr/bin/true");
    try {
      BoundedProcess.Outcome o = BoundedProcess.run(argv, Map.of("PATH", "/usr/bin:/bin"), null, null, 65536,
          Duration.ofSeconds(10));
      if (o.exitCode() == 0) {
        return Availability.available("sandbox-exec ran /usr/bin/true under a trivial profile ("
            + o.duration().toMillis() + " ms)");
      }
      return Availability.unavailable("`sandbox-exec -p '" + PROBE_PROFILE + "' /usr/bin/true` exited "
          + o.exitCode() + (o.timedOut() ? " (timed out)" : "") + ": " + o.stderrText().strip(),
          "sandbox-exec cannot apply profiles here (nested inside another sandbox, or blocked by MDM); run the"
              + " host outside any sandbox");
    } catch (RuntimeException e) {
      return Availability.unavailable("cannot run " + LimitsPrologue.SANDBOX_EXEC + ": " + e.getMessage(),
          "check that the JVM may start processes");
    }
  }

  /**
   * @throws SandboxSetupException when not on macOS or when the policy cannot be expressed as a profile
   */
  @Override
  public IsolationBackend open(IsolationSpec spec) {
    if (!onMac()) {
      throw new SandboxSetupException(SeatbeltBackend.ID, -1, "", "the Seatbelt backend runs only on macOS (this is "
          + System.getProperty("os.name") + "); use backend: bubblewrap or gvisor on Linux. `containment explain"
          + " --backend seatbelt` prints the profile on any OS.");
    }
    return new SeatbeltBackend(spec);
  }

  /** The command line, limits, network decision and the full SBPL profile; works on any OS. */
  @Override
  public String explain(IsolationSpec spec) {
    return SeatbeltBackend.describe(spec);
  }
}
