/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

import dev.containment4j.ExecResult;
import dev.containment4j.IsolationReport;
import dev.containment4j.SandboxSetupException;
import dev.containment4j.event.AuditEvent;
import dev.containment4j.internal.process.BoundedProcess;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.ExecRequest;
import dev.containment4j.spi.IsolationBackend;
import dev.containment4j.spi.IsolationSession;
import dev.containment4j.spi.IsolationSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Seatbelt backend opened for one policy. Each call gets its own profile (its tag names the call); each session
 * owns a private temp directory, writable and pointed to by {@code TMPDIR}, deleted when the session closes.
 */
public final class SeatbeltBackend implements IsolationBackend {
  public static final String ID = "seatbelt";
  private static final Logger LOG = LoggerFactory.getLogger(SeatbeltBackend.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Settings under {@code isolation.backends.seatbelt}. */
  static final Set<String> SETTINGS = Set.of("violations");

  /** When the unified log is read for a call's denials. */
  enum Violations {
    OFF, ON_FAILURE, ALWAYS;

    static Violations of(String text) {
      for (Violations v : values()) {
        if (v.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(text)) {
          return v;
        }
      }
      throw new IllegalArgumentException("isolation.backends.seatbelt.violations: '" + Sbpl.printable(text)
          + "' is not one of off, on-failure, always");
    }
  }

  private final IsolationSpec spec;
  private final NetworkAccess network;
  private final Violations violations;
  private final String nonce;
  private final Set<Session> sessions = ConcurrentHashMap.newKeySet();

  /**
   * Checks everything that can be checked before a call: settings, the network mode, every path entry.
   *
   * @throws SandboxSetupException naming what is wrong
   */
  public SeatbeltBackend(IsolationSpec spec) {
    this.spec = spec;
    try {
      Map<String, String> settings = spec.policy().isolation().backend(ID);
      for (String key : settings.keySet()) {
        if (!SETTINGS.contains(key)) {
          throw new IllegalArgumentException("isolation.backends.seatbelt." + Sbpl.printable(key)
              + " is not a Seatbelt setting; known: " + new TreeSet<>(SETTINGS));
        }
      }
      this.violations = Violations.of(settings.getOrDefault("violations", "on-failure"));
      this.network = NetworkAccess.of(spec.policy().network().mode(), spec.environment());
      this.nonce = HexFormat.of().formatHex(randomBytes());
      profileFor(spec, network, placeholderTmp(), "containment4j:check:open");
    } catch (IllegalArgumentException e) {
      throw new SandboxSetupException(ID, -1, "", "cannot build the Seatbelt profile: " + e.getMessage(), e);
    }
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[8];
    RANDOM.nextBytes(b);
    return b;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public IsolationSession openSession() {
    Session s = new Session();
    sessions.add(s);
    return s;
  }

  @Override
  public String explain() {
    return describe(spec);
  }

  @Override
  public void close() {
    for (Session s : List.copyOf(sessions)) {
      s.close();
    }
  }

  /** The profile for one call; resolves the policy's paths on the host. */
  static String profileFor(IsolationSpec spec, NetworkAccess network, Path tmp, String tag) {
    PathResolver resolver = PathResolver.onHost(spec.workdir(), spec.home());
    return ProfileBuilder.build(ProfilePlan.input(spec.policy(), spec.workdir(), spec.home(), tmp, network, tag,
        resolver));
  }

  /** Where {@link #describe} shows the per-session temp directory. */
  static Path placeholderTmp() {
    return Path.of(System.getProperty("java.io.tmpdir"), "containment4j-seatbelt-SESSION");
  }

  /**
   * What the backend does under {@code spec}: the command line, the limits, the network decision and the full
   * profile. Needs neither macOS nor sandbox-exec.
   */
  public static String describe(IsolationSpec spec) {
    Policy.Limits limits = spec.policy().isolation().limits();
    StringBuilder b = new StringBuilder();
    b.append("backend: seatbelt (macOS; ").append(LimitsPrologue.SANDBOX_EXEC).append(" with a generated SBPL"
        + " profile)\n");
    b.append("command: ").append(LimitsPrologue.SANDBOX_EXEC).append(" -p PROFILE ").append(LimitsPrologue.SHELL)
        .append(" -c PROLOGUE containment4j CMD [ARG...]\n");
    b.append("prologue: ").append(LimitsPrologue.script(Math.max(1, limits.pids()))
        .replace("n=" + Math.max(1, limits.pids()), "n=<user's processes + " + limits.pids() + ">")).append('\n');
    b.append("limits: wall ").append(limits.wall().toSeconds()).append(" s (host timer, tree kill); output ")
        .append(limits.outputBytes()).append(" B per stream (capped capture); pids ").append(limits.pids())
        .append(" (RLIMIT_NPROC, per user on macOS); memory ").append(limits.memoryMb())
        .append(" MiB NOT enforced (macOS enforces no RLIMIT_AS and has no cgroups)\n");
    b.append("environment: ").append(new TreeSet<>(spec.environment().keySet())).append(" + TMPDIR (values not"
        + " shown)\n");
    NetworkAccess network;
    String profile;
    try {
      network = NetworkAccess.of(spec.policy().network().mode(), spec.environment());
      b.append("network: ").append(network.note()).append('\n');
      profile = profileFor(spec, network, placeholderTmp(), "containment4j:explain:call");
    } catch (IllegalArgumentException e) {
      return b.append("error: cannot build the Seatbelt profile: ").append(e.getMessage()).append('\n').toString();
    }
    b.append("profile (the private temp directory is created per session; shown as ").append(placeholderTmp())
        .append("):\n");
    return b.append(profile).toString();
  }

  /** One session: a private temp directory and the calls run in it. */
  private final class Session implements IsolationSession {
    private final Path tmp;
    private volatile boolean closed;

    Session() {
      try {
        tmp = PathResolver.realOfExistingPrefix(Files.createTempDirectory("containment4j-seatbelt-"));
      } catch (IOException e) {
        throw new SandboxSetupException(ID, -1, "", "cannot create the session's private temp directory in "
            + System.getProperty("java.io.tmpdir") + ": " + e.getMessage() + "; check java.io.tmpdir", e);
      }
    }

    @Override
    public ExecResult exec(ExecRequest request) {
      if (closed) {
        throw new IllegalStateException("the Seatbelt session is closed");
      }
      Policy.Limits limits = spec.policy().isolation().limits();
      String tag = ProfileInput.tagFor(nonce, request.callId());
      String profile;
      try {
        profile = profileFor(spec, network, tmp, tag);
      } catch (IllegalArgumentException e) {
        throw new SandboxSetupException(ID, -1, "", "cannot build the Seatbelt profile: " + e.getMessage(), e);
      }
      long nproc = userProcessCount() + limits.pids();
      List<String> argv = LimitsPrologue.commandLine(profile, nproc, request.argv());
      Map<String, String> env = new HashMap<>(spec.environment());
      env.put("TMPDIR", tmp + "/");
      env.putAll(request.env());
      Instant started = Instant.now();
      BoundedProcess.Outcome o;
      try (ProcessTracker tracker = new ProcessTracker()) {
        o = BoundedProcess.run(argv, env, request.cwd(), request.stdin().orElse(null), limits.outputBytes(),
            limits.wall(), tracker::watch);
      } catch (UncheckedIOException e) {
        throw new SandboxSetupException(ID, -1, "", "cannot start " + LimitsPrologue.SANDBOX_EXEC + ": "
            + e.getMessage(), e);
      }
      String stderr = o.stderrText();
      if (!o.timedOut() && o.exitCode() != 0 && stderr.startsWith("sandbox-exec:")) {
        throw new SandboxSetupException(ID, o.exitCode(), tail(stderr), "sandbox-exec failed before the tool ran: "
            + stderr.strip().lines().findFirst().orElse("") + "; if it rejected the profile, print it with"
            + " `containment explain --backend seatbelt` and report this as a bug");
      }
      if (o.exitCode() == LimitsPrologue.FAILURE_EXIT && stderr.contains(LimitsPrologue.FAILURE)) {
        throw new SandboxSetupException(ID, o.exitCode(), tail(stderr), "could not set the process limit in the"
            + " sandbox (the tool did not run); check `ulimit -H -u` for this user");
      }
      List<String> notes = new ArrayList<>();
      notes.add("network: " + network.note());
      notes.add("memoryMb " + limits.memoryMb() + " not enforced: macOS enforces no RLIMIT_AS and has no cgroups");
      notes.add("profile tag " + tag + " (denials in the unified log carry it)");
      reportViolations(request, tag, started, o, notes);
      IsolationReport report = new IsolationReport(ID, List.of(
          new IsolationReport.EnforcedLimit("wallSeconds", limits.wall().toSeconds() + " s", "host timer, tree kill"),
          new IsolationReport.EnforcedLimit("outputBytes", limits.outputBytes() + " B", "capped capture"),
          new IsolationReport.EnforcedLimit("pids", limits.pids() + " more processes",
              "RLIMIT_NPROC soft limit = the user's " + (nproc - limits.pids()) + " current processes + pids")),
          notes);
      return new ExecResult(o.exitCode(), o.stdoutText(), stderr, o.timedOut(), o.truncated(), o.duration(), report);
    }

    private void reportViolations(ExecRequest request, String tag, Instant started, BoundedProcess.Outcome o,
        List<String> notes) {
      boolean failed = o.exitCode() != 0 || o.timedOut();
      if (violations == Violations.OFF || (violations == Violations.ON_FAILURE && !failed)) {
        return;
      }
      try {
        List<ViolationLog.Violation> found = ViolationLog.read(tag, started, Duration.ofSeconds(15));
        for (ViolationLog.Violation v : found) {
          spec.events().onEvent(AuditEvent.of("sandbox.violation", request.callId(), v.fields()));
        }
        notes.add(found.size() + " sandbox denial(s) in the unified log");
      } catch (ViolationLog.LogUnavailable e) {
        LOG.warn("cannot read Seatbelt denials from the unified log: {}", e.getMessage());
        notes.add("sandbox denials unknown: " + e.getMessage());
      }
    }

    @Override
    public void close() {
      if (closed) {
        return;
      }
      closed = true;
      sessions.remove(this);
      deleteTree(tmp);
    }
  }

  private static long userProcessCount() {
    String user = ProcessHandle.current().info().user().orElse(System.getProperty("user.name"));
    return ProcessHandle.allProcesses().filter(p -> p.info().user().map(user::equals).orElse(false)).count();
  }

  private static String tail(String text) {
    return text.length() <= 2000 ? text : text.substring(text.length() - 2000);
  }

  /** Deletes {@code root} and everything in it without following symlinks the sandbox may have planted. */
  static void deleteTree(Path root) {
    dev.containment4j.internal.fs.FileTrees.deleteTree(root);
  }
}
