/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import dev.containment4j.SandboxSetupException;
import dev.containment4j.internal.process.BoundedProcess;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs runsc itself: always with a clean environment and a time-out (the KVM platform can hang forever on hosts
 * without VMX/SVM), always with pipes or append-mode files (runsc writes non-append output files from offset 0).
 */
public final class Runsc {

  /** Time-out of control commands (create, start, delete, state). */
  public static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(20);
  static final long CONTROL_CAP = 64 * 1024;
  static final String ID = "gvisor";

  private final String binary;
  private final RunscArgs args;
  private final Map<String, String> env;

  public Runsc(String binary, RunscArgs args) {
    this.binary = binary;
    this.args = args;
    this.env = Map.of("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
  }

  public String binary() {
    return binary;
  }

  public RunscArgs args() {
    return args;
  }

  Map<String, String> env() {
    return env;
  }

  /** Runs a control command and returns its outcome (never throws for a non-zero status). */
  public BoundedProcess.Outcome control(List<String> argv, Duration timeout) {
    try {
      return BoundedProcess.run(argv, env, null, null, CONTROL_CAP, timeout);
    } catch (UncheckedIOException e) {
      throw new SandboxSetupException(ID, -1, "", "cannot start " + binary + ": " + e.getMessage()
          + "; install gVisor or set isolation.gvisor.runsc to its path", e);
    }
  }

  /** Runs a control command that must succeed. */
  public BoundedProcess.Outcome require(List<String> argv, String what) {
    BoundedProcess.Outcome o = control(argv, CONTROL_TIMEOUT);
    if (o.exitCode() != 0) {
      throw new SandboxSetupException(ID, o.exitCode(), tail(o.stderrText()), what + " failed ("
          + (o.timedOut() ? "timed out" : "status " + o.exitCode()) + "): " + String.join(" ", argv));
    }
    return o;
  }

  /**
   * Runs {@code runsc create}, whose sandbox inherits the command's stdio for its init: a pipe would stay open as
   * long as the sandbox lives, so output goes to an append-mode log file instead.
   */
  public void createDetached(List<String> argv, Path log) {
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new SandboxSetupException(ID, -1, "", "cannot start " + binary + ": " + e.getMessage(), e);
    }
    try {
      if (!p.waitFor(CONTROL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        BoundedProcess.killTree(p.toHandle());
        throw new SandboxSetupException(ID, BoundedProcess.TIMEOUT_EXIT, readTail(log), "runsc create did not"
            + " finish within " + CONTROL_TIMEOUT.toSeconds() + " s (a hanging platform such as kvm without"
            + " hardware virtualization?); use isolation.gvisor.platform: ptrace or systrap");
      }
    } catch (InterruptedException e) {
      BoundedProcess.killTree(p.toHandle());
      Thread.currentThread().interrupt();
      throw new SandboxSetupException(ID, -1, "", "interrupted while creating a gVisor sandbox", e);
    }
    if (p.exitValue() != 0) {
      throw new SandboxSetupException(ID, p.exitValue(), readTail(log), "runsc create failed with status "
          + p.exitValue());
    }
  }

  static String describe(BoundedProcess.Outcome o) {
    return o.timedOut() ? "timed out" : "status " + o.exitCode() + ", " + tail(o.stderrText());
  }

  static String tail(String text) {
    String t = text.strip();
    return t.length() <= 600 ? t : "..." + t.substring(t.length() - 600);
  }

  static String readTail(Path log) {
    try {
      return tail(new String(Files.readAllBytes(log), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return "";
    }
  }
}
