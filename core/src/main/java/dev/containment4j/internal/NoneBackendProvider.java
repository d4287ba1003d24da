/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal;

import dev.containment4j.ExecResult;
import dev.containment4j.IsolationReport;
import dev.containment4j.SandboxSetupException;
import dev.containment4j.internal.process.BoundedProcess;
import dev.containment4j.spi.Availability;
import dev.containment4j.spi.ExecRequest;
import dev.containment4j.spi.IsolationBackend;
import dev.containment4j.spi.IsolationBackendProvider;
import dev.containment4j.spi.IsolationSession;
import dev.containment4j.spi.IsolationSpec;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code backend: none}: runs tools on the host without isolation. Only ever used when the policy says so in writing;
 * every call logs a warning. The environment allowlist, wall time and output cap still apply.
 */
public final class NoneBackendProvider implements IsolationBackendProvider {
  static final String ID = "none";
  private static final Logger LOG = LoggerFactory.getLogger(NoneBackendProvider.class);

  @Override
  public String id() {
    return ID;
  }

  @Override
  public int priority() {
    return Integer.MIN_VALUE;
  }

  @Override
  public Availability probe() {
    return Availability.available("no isolation");
  }

  @Override
  public IsolationBackend open(IsolationSpec spec) {
    return new IsolationBackend() {
      @Override
      public String id() {
        return ID;
      }

      @Override
      public IsolationSession openSession() {
        return new IsolationSession() {
          @Override
          public ExecResult exec(ExecRequest request) {
            return run(spec, request);
          }

          @Override
          public void close() {}
        };
      }

      @Override
      public String explain() {
        return "backend: none — commands run directly on the host, UNISOLATED (environment allowlist, wall time and"
            + " output cap still apply)";
      }

      @Override
      public void close() {}
    };
  }

  private static ExecResult run(IsolationSpec spec, ExecRequest request) {
    LOG.warn("backend: none — running UNISOLATED on the host: {}", request.argv().get(0));
    var limits = spec.policy().isolation().limits();
    Map<String, String> env = new HashMap<>(spec.environment());
    env.putAll(request.env());
    BoundedProcess.Outcome o;
    try {
      o = BoundedProcess.run(request.argv(), env, request.cwd(), request.stdin().orElse(null), limits.outputBytes(),
          limits.wall());
    } catch (UncheckedIOException e) {
      throw new SandboxSetupException(ID, -1, "", e.getMessage(), e);
    }
    IsolationReport report = new IsolationReport(ID, List.of(
        new IsolationReport.EnforcedLimit("wallSeconds", limits.wall().toSeconds() + " s", "host timer, tree kill"),
        new IsolationReport.EnforcedLimit("outputBytes", limits.outputBytes() + " B", "capped capture")),
        List.of("UNISOLATED: backend: none"));
    return new ExecResult(o.exitCode(), o.stdoutText(), o.stderrText(), o.timedOut(), o.truncated(), o.duration(),
        report);
  }
}
