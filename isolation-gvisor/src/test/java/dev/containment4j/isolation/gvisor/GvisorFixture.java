/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor;

import dev.containment4j.ExecResult;
import dev.containment4j.internal.SandboxEnvironment;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.ExecRequest;
import dev.containment4j.spi.IsolationSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A workdir, a fake home with secrets, and policies built from {@code Policy.defaults()} for the ITs. */
final class GvisorFixture {
  static final String SECRET = "sk-host-secret-0123456789";

  final Path root;
  final Path workdir;
  final Path home;
  final Path stateDir;

  /**
   * A fresh fixture under target/, or under /var/tmp when the checkout itself lives in /tmp: the sandbox's /tmp is
   * private, which would hide it.
   */
  static GvisorFixture create() throws IOException {
    Path target = Path.of("target", "gvisor-it").toAbsolutePath();
    Path base = Files.createDirectories(target.startsWith("/tmp")
        ? Path.of("/var/tmp", "containment4j-gvisor-it") : target);
    return new GvisorFixture(Files.createTempDirectory(base, "fx"));
  }

  void delete() {
    try (var s = Files.walk(root)) {
      s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // target/ is cleaned by the build
    }
  }

  ExecRequest argv(String... argv) {
    return ExecRequest.of(List.of(argv), workdir);
  }

  GvisorFixture(Path root) throws IOException {
    this.root = root.toRealPath();
    this.workdir = Files.createDirectories(this.root.resolve("work"));
    this.home = Files.createDirectories(this.root.resolve("home"));
    this.stateDir = Files.createDirectories(this.root.resolve("state"));
    Files.createDirectories(home.resolve(".ssh"));
    Files.writeString(home.resolve(".ssh/id_ed25519"), "PRIVATE KEY " + SECRET);
    Files.writeString(home.resolve(".netrc"), "machine x password " + SECRET);
    Files.writeString(home.resolve("notes.txt"), "readable");
    Files.createDirectories(workdir.resolve(".git/hooks"));
    Files.writeString(workdir.resolve(".git/config"), "[core]\n");
  }

  /** Default policy with test limits; home not hidden so the denyRead masks themselves are tested. */
  Policy policy(Duration wall, long memoryMb, int pids, long outputBytes, int poolSize) {
    return policy(wall, memoryMb, pids, outputBytes, poolSize, stateDir);
  }

  Policy policy(int poolSize, Path stateDir) {
    return policy(Duration.ofSeconds(20), 512, 64, 1 << 20, poolSize, stateDir);
  }

  Policy policy(Duration wall, long memoryMb, int pids, long outputBytes, int poolSize, Path stateDir) {
    Policy d = Policy.defaults();
    Policy.Filesystem fs = new Policy.Filesystem(".", List.of(), List.of("~/.ssh", "~/.netrc", "~/.aws"),
        List.of(), List.of(), false, Policy.TmpMode.PRIVATE);
    Map<String, String> gv = Map.of("poolSize", Integer.toString(poolSize), "stateDir", stateDir.toString());
    return new Policy(d.source(), new Policy.Isolation(Policy.Backend.GVISOR, fs,
        new Policy.Limits(wall, memoryMb, pids, outputBytes),
        new Policy.Env(List.of("C4J_PASSED"), Map.of("C4J_FIXED", "fixed-value")), Map.of("gvisor", gv)),
        d.network(), d.guard(), d.content(), d.trust(), d.audit());
  }

  Policy policy(int poolSize) {
    return policy(Duration.ofSeconds(20), 512, 64, 1 << 20, poolSize);
  }

  IsolationSpec spec(Policy p) {
    Map<String, String> host = new HashMap<>();
    host.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    host.put("C4J_PASSED", "passed-value");
    host.put("AWS_SECRET_ACCESS_KEY", SECRET);
    return new IsolationSpec(p, workdir, home, SandboxEnvironment.build(p, host, home), e -> { });
  }

  ExecRequest sh(String script) {
    return ExecRequest.of(List.of("/bin/sh", "-c", script), workdir);
  }

  static String out(ExecResult r) {
    return r.stdout() + r.stderr();
  }
}
