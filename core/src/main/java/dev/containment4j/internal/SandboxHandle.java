/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal;

import dev.containment4j.ExecResult;
import dev.containment4j.IsolationReport;
import dev.containment4j.Sandbox;
import dev.containment4j.event.AuditEvent;
import dev.containment4j.spi.ExecRequest;
import dev.containment4j.spi.IsolationSession;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@link Sandbox} given to block-form tool code, and used by the pipeline for the built-in tools. */
final class SandboxHandle implements Sandbox {
  private static final String SHELL = Files.isExecutable(Path.of("/bin/bash")) ? "/bin/bash" : "/bin/sh";

  private final Engine engine;
  private final IsolationSession session;
  private final Path cwd;
  private final String callId;
  private IsolationReport lastIsolation = IsolationReport.notRun();

  SandboxHandle(Engine engine, IsolationSession session, Path cwd, String callId) {
    this.engine = engine;
    this.session = session;
    this.cwd = cwd;
    this.callId = callId;
  }

  @Override
  public ExecResult exec(List<String> argv) {
    return exec(argv, cwd, null);
  }

  @Override
  public ExecResult exec(List<String> argv, Path dir, String stdin) {
    Optional<byte[]> in = Optional.ofNullable(stdin).map(s -> s.getBytes(StandardCharsets.UTF_8));
    ExecRequest req = new ExecRequest(argv, dir == null ? cwd : engine.workdir().resolve(dir), in, Map.of(), callId);
    if (engine.audit().wanted()) {
      Map<String, Object> start = new LinkedHashMap<>();
      start.put("argv0", argv.get(0));
      start.put("cwd", req.cwd().toString());
      engine.audit().onEvent(AuditEvent.of("sandbox.start", callId, start));
    }
    ExecResult r = session.exec(req);
    if (engine.audit().wanted()) {
      Map<String, Object> exit = new LinkedHashMap<>();
      exit.put("backend", r.isolation().backend());
      exit.put("exitCode", r.exitCode());
      exit.put("millis", r.duration().toMillis());
      exit.put("timedOut", r.timedOut());
      exit.put("outputTruncated", r.outputTruncated());
      engine.audit().onEvent(AuditEvent.of("sandbox.exit", callId, exit));
    }
    lastIsolation = r.isolation();
    return r;
  }

  ExecResult shell(String command, String stdin) {
    return exec(List.of(SHELL, "-c", command), cwd, stdin);
  }

  @Override
  public ExecResult shell(String command) {
    return shell(command, null);
  }

  /** Writes {@code content} to {@code file} from inside the sandbox, so the filesystem policy decides. */
  ExecResult writeFile(Path file, String content) {
    return exec(List.of("/bin/sh", "-c", "cat > \"$1\"", "containment-write", file.toString()), cwd, content);
  }

  @Override
  public Path workdir() {
    return engine.workdir();
  }

  IsolationReport lastIsolation() {
    return lastIsolation;
  }
}
