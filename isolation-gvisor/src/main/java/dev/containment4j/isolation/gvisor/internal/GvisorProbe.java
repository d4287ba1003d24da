/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import dev.containment4j.internal.process.BoundedProcess;
import dev.containment4j.internal.process.HostExecutables;
import dev.containment4j.spi.Availability;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks by function: finds runsc, asks its version and default platform, then boots a real sandbox with the flags
 * the backend uses ({@code do /bin/true} under a time-out: the kvm platform hangs on hosts without VMX/SVM).
 */
public final class GvisorProbe {

  static final Duration SANDBOX_TIMEOUT = Duration.ofSeconds(15);
  /** The environment's PATH of every runsc command, and where runsc is looked for after the host's PATH. */
  static final String SYSTEM_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  static final String INSTALL = "install gVisor: `apt-get install runsc` (Debian/Ubuntu; Debian 12's 20221219 build"
      + " works with known bugs, see docs/gvisor.md) or a current release from"
      + " https://gvisor.dev/docs/user_guide/install/, then put runsc on PATH or set isolation.gvisor.runsc: /path/to/runsc";

  /**
   * What the probe found.
   *
   * @param availability the verdict for doctor and backend selection
   * @param binary the resolved runsc, when found
   * @param version runsc's version line, when it answered
   */
  public record Result(Availability availability, Optional<String> binary, String version) {}

  private GvisorProbe() {}

  /** Successful probes are reused for a while: every Containment opens a backend, and a probe boots a sandbox. */
  static final Duration CACHE_TTL = Duration.ofMinutes(5);
  private static final Map<GvisorSettings, Cached> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

  private record Cached(Result result, long until) {}

  /** Probes with {@code settings}; a success is cached for {@link #CACHE_TTL}, a failure never is. */
  public static Result probe(GvisorSettings settings) {
    Cached c = CACHE.get(settings);
    if (c != null && System.nanoTime() < c.until()) {
      return c.result();
    }
    Result r = probeNow(settings);
    if (r.availability().available()) {
      CACHE.put(settings, new Cached(r, System.nanoTime() + CACHE_TTL.toNanos()));
    }
    return r;
  }

  static Result probeNow(GvisorSettings settings) {
    if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      return new Result(Availability.unavailable("gVisor runs on Linux only", "use seatbelt on macOS"),
          Optional.empty(), "");
    }
    Optional<Path> bin = resolve(settings.runsc());
    if (bin.isEmpty()) {
      String why = settings.runsc().contains("/") ? HostExecutables.whyUntrusted(Path.of(settings.runsc()))
          .map(w -> ": " + w).orElse(" (not an executable file)") : " on PATH";
      return new Result(Availability.unavailable("runsc not found (looked for '" + settings.runsc() + "'" + why
          + "; only an absolute path, in directories no other user can write, is run)", INSTALL), Optional.empty(),
          "");
    }
    String runsc = bin.get().toString();
    Map<String, String> env = Map.of("PATH", SYSTEM_PATH);
    BoundedProcess.Outcome v;
    try {
      v = BoundedProcess.run(List.of(runsc, "--version"), env, null, null, 8192, Duration.ofSeconds(5));
    } catch (RuntimeException e) {
      return new Result(Availability.unavailable(runsc + " cannot be started: " + e.getMessage(), INSTALL),
          bin.map(Path::toString), "");
    }
    String version = v.stdoutText().lines().findFirst().orElse("").trim();
    if (v.exitCode() != 0 || !version.startsWith("runsc version")) {
      return new Result(Availability.unavailable(runsc + " --version failed (" + Runsc.describe(v) + ")", INSTALL),
          bin.map(Path::toString), "");
    }
    String platform = settings.platform().isEmpty() ? defaultPlatform(runsc, env) + " (runsc default)"
        : settings.platform();
    Path root;
    try {
      InstanceDir.ensurePrivateDir(settings.stateDir());
      root = Files.createTempDirectory(settings.stateDir(), "probe-");
    } catch (java.io.IOException e) {
      return new Result(Availability.unavailable("cannot use the state directory " + settings.stateDir() + ": "
          + e.getMessage(), "set isolation.gvisor.stateDir to a private writable directory"), bin.map(Path::toString),
          version);
    }
    if (settings.rootless()) {
      Optional<String> missing = RootlessTools.missing(env.getOrDefault("PATH", ""));
      if (missing.isPresent()) {
        Reaper.deleteTree(root);
        return new Result(Availability.unavailable(version + " at " + runsc + ": rootless sandboxes need "
            + missing.get() + RootlessTools.WHY, RootlessTools.FIX), bin.map(Path::toString), version);
      }
    }
    List<String> argv = new ArrayList<>(new RunscArgs(runsc, settings, root).globalFlags());
    argv.add(0, runsc);
    // `do` builds its own spec (no user namespace): as non-root it needs runsc's own --rootless mode
    argv.replaceAll(a -> a.equals("--ignore-cgroups") ? "--rootless" : a);
    argv.addAll(List.of("do", "/bin/true"));
    BoundedProcess.Outcome o;
    try {
      o = BoundedProcess.run(argv, env, null, null, 16384, SANDBOX_TIMEOUT);
    } finally {
      Reaper.deleteTree(root);
    }
    String mode = settings.rootless() ? ", rootless" : "";
    if (o.timedOut()) {
      return new Result(Availability.unavailable(version + " at " + runsc + ": a test sandbox did not finish within "
          + SANDBOX_TIMEOUT.toSeconds() + " s on platform " + platform, "the platform hangs here (kvm needs hardware"
          + " virtualization): set isolation.gvisor.platform: ptrace (or systrap with a current gVisor)"),
          bin.map(Path::toString), version);
    }
    if (o.exitCode() != 0) {
      String err = Runsc.tail(o.stderrText());
      String fix = err.contains("flag provided but not defined") ? "this runsc is too old for --overlay2; " + INSTALL
          : err.contains("permission denied") || err.contains("operation not permitted")
              ? "run as root or set isolation.gvisor.rootless: true; check that user namespaces and ptrace are"
                  + " allowed (Yama ptrace_scope <= 1)"
              : INSTALL;
      return new Result(Availability.unavailable(version + " at " + runsc + ": a test sandbox failed (status "
          + o.exitCode() + "): " + err, fix), bin.map(Path::toString), version);
    }
    return new Result(Availability.available(version + " at " + runsc + ", platform " + platform + mode
        + ", test sandbox ran in " + o.duration().toMillis() + " ms"), bin.map(Path::toString), version);
  }

  /** What {@code runsc flags} names as the default platform. */
  static String defaultPlatform(String runsc, Map<String, String> env) {
    try {
      var o = BoundedProcess.run(List.of(runsc, "flags"), env, null, null, 1 << 20, Duration.ofSeconds(5));
      Matcher m = Pattern.compile("-platform string\\s+[^\\n]*\\n?[^\\n]*\\(default \"([a-z]+)\"\\)")
          .matcher(o.stdoutText() + o.stderrText());
      return m.find() ? m.group(1) : "unknown";
    } catch (RuntimeException e) {
      return "unknown";
    }
  }

  /**
   * A path as is, a bare name on PATH and then the usual system directories; either way only an absolute path to a
   * binary no other user can replace ({@link HostExecutables}), since runsc runs outside any sandbox (as root, often).
   */
  public static Optional<Path> resolve(String runsc) {
    if (runsc.contains("/")) {
      return HostExecutables.trusted(Path.of(runsc));
    }
    return HostExecutables.onPath(runsc, System.getenv("PATH") + ":" + SYSTEM_PATH);
  }
}
