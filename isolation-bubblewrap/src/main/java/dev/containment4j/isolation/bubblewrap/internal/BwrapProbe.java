/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap.internal;

import com.sun.jna.Pointer;
import dev.containment4j.SandboxSetupException;
import dev.containment4j.internal.process.BoundedProcess;
import dev.containment4j.internal.process.HostExecutables;
import dev.containment4j.spi.Availability;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks by function: runs bwrap with the namespace flags the backend uses, and loads libseccomp through JNA. Failures
 * are classified into what the user can do about them.
 */
public final class BwrapProbe {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private BwrapProbe() {}

  /**
   * {@code bwrap} on {@code path} (the host's {@code PATH}), as an absolute real path: only in absolute directories,
   * and only a binary no other user can replace ({@link HostExecutables}), since it runs outside any sandbox.
   */
  public static Optional<Path> findOnPath(String path) {
    return HostExecutables.onPath("bwrap", path);
  }

  /** The probe's command line: the hardening flags the backend relies on, then {@code true}. */
  static List<String> command(Path bwrap) {
    return List.of(bwrap.toString(), "--unshare-all", "--unshare-user", "--disable-userns",
        "--assert-userns-disabled", "--cap-drop", "ALL", "--die-with-parent", "--new-session", "--ro-bind", "/", "/",
        "--proc", "/proc", "--dev", "/dev", "true");
  }

  /**
   * The probe, answered from the {@link HostCache} when this bwrap binary already passed it on this boot with the same
   * kernel settings (a successful probe costs two bwrap runs and loading libseccomp through JNA: most of a short-lived
   * process's time). Failures are never cached. Never throws.
   */
  public static Availability probeCached(Optional<Path> bwrap, HostCache cache) {
    if (bwrap.isEmpty()) {
      return probe(bwrap);
    }
    String key = HostCache.hostKey("bwrap probe v1\n" + HostCache.fileKey(bwrap.get()) + "\n"
        + SeccompFilter.libseccompIdentity());
    Optional<byte[]> hit = cache.get("probe", key);
    if (hit.isPresent()) {
      return Availability.available(new String(hit.get(), java.nio.charset.StandardCharsets.UTF_8)
          + " (probe result cached for this binary and boot)");
    }
    Availability a = probe(bwrap);
    if (a.available()) {
      cache.put("probe", key, a.detail().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return a;
  }

  /** Runs the probe. Never throws. */
  public static Availability probe(Optional<Path> bwrap) {
    if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      return Availability.unavailable("bubblewrap needs Linux (this is " + System.getProperty("os.name") + ")",
          "use the seatbelt backend on macOS");
    }
    if (bwrap.isEmpty()) {
      return Availability.unavailable("bwrap not on PATH", "apt-get install bubblewrap (Debian/Ubuntu) or dnf"
          + " install bubblewrap (Fedora)");
    }
    String version;
    BoundedProcess.Outcome run;
    try {
      version = BoundedProcess.run(List.of(bwrap.get().toString(), "--version"), Map.of(), null, null, 4096, TIMEOUT)
          .stdoutText().strip();
      run = BoundedProcess.run(command(bwrap.get()), Map.of(), null, null, 16384, TIMEOUT);
    } catch (UncheckedIOException e) {
      return Availability.unavailable("cannot run " + bwrap.get() + ": " + e.getMessage(),
          "apt-get install bubblewrap, or make " + bwrap.get() + " executable");
    }
    if (run.timedOut()) {
      return Availability.unavailable(String.join(" ", command(bwrap.get())) + " did not finish in "
          + TIMEOUT.toSeconds() + " s", "check that bwrap works in a terminal");
    }
    if (run.exitCode() != 0) {
      return classify(version, run.exitCode(), run.stderrText());
    }
    Optional<String> seccomp = probeSeccomp();
    if (seccomp.isPresent()) {
      return Availability.unavailable(version + " works, but " + seccomp.get(),
          "apt-get install libseccomp2 (Debian/Ubuntu) or dnf install libseccomp (Fedora)");
    }
    return Availability.available(version + " at " + bwrap.get() + " (user, pid, net, ipc, uts, cgroup namespaces;"
        + " nested user namespaces disabled; libseccomp loaded)");
  }

  /** Turns a failed probe's stderr into a reason and a fix. Pure, for tests. */
  static Availability classify(String version, int exit, String stderr) {
    String err = stderr.strip();
    String tried = version + ": `" + "bwrap --unshare-all --unshare-user --disable-userns ... true` exited " + exit
        + (err.isEmpty() ? "" : " (" + lastLine(err) + ")");
    if (err.contains("setting up uid map: Permission denied") || err.contains("Failed RTM_NEWADDR")
        || err.contains("loopback:")) {
      return Availability.unavailable(tried + "; unprivileged user namespaces are restricted by AppArmor (Ubuntu"
          + " 23.10+/24.04)", "sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0 (persist it in"
          + " /etc/sysctl.d/), or install an AppArmor profile for bwrap that allows `userns,`");
    }
    if (err.contains("Unknown option") || err.contains("Unrecognized option")) {
      return Availability.unavailable(tried + "; this bwrap is too old (--disable-userns needs bubblewrap >= 0.8)",
          "install bubblewrap 0.8 or newer");
    }
    if (err.contains("No permission to create new namespace") || err.contains("Creating new namespace failed")
        || err.contains("Operation not permitted")) {
      return Availability.unavailable(tried + "; user namespaces are not available to this user",
          "enable unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1,"
              + " user.max_user_namespaces>0), or in a container run it with --privileged or a seccomp profile that"
              + " allows unshare/clone");
    }
    return Availability.unavailable(tried, "run the command above in a terminal to see why bwrap fails");
  }

  /** Loads libseccomp and creates and frees an empty filter; the problem, if any. */
  static Optional<String> probeSeccomp() {
    try {
      LibSeccomp lib = SeccompFilter.loadLibrary();
      Pointer ctx = lib.seccomp_init(LibSeccomp.SCMP_ACT_ALLOW);
      if (ctx == null) {
        return Optional.of("libseccomp's seccomp_init failed");
      }
      lib.seccomp_release(ctx);
      return Optional.empty();
    } catch (SandboxSetupException e) {
      return Optional.of(e.getMessage());
    } catch (RuntimeException | LinkageError e) {
      return Optional.of("cannot load libseccomp through JNA: " + e);
    }
  }

  private static String lastLine(String s) {
    int nl = s.lastIndexOf('\n');
    return nl < 0 ? s : s.substring(nl + 1);
  }
}
