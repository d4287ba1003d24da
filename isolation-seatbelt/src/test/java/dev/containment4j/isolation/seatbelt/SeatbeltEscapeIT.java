/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.ExecResult;
import dev.containment4j.event.AuditEvent;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.ExecRequest;
import dev.containment4j.spi.IsolationBackend;
import dev.containment4j.spi.IsolationSpec;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Escape attempts against the real {@code sandbox-exec} (macOS only): run with
 * {@code mvn -pl isolation-seatbelt -am verify} on a Mac. Linux CI cannot run it; there it is reported as skipped
 * ("macOS only"), never as passed.
 */
@Tag("integration")
@Tag("escape")
@EnabledIfSeatbelt
class SeatbeltEscapeIT {
  static final String SECRET = "canary-4b1d7c0ffee";

  @TempDir
  Path tmp;
  Path home;
  Path work;
  Path outside;
  final List<AuditEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void layout() throws IOException {
    home = Files.createDirectories(tmp.resolve("home")).toRealPath();
    work = Files.createDirectories(home.resolve("proj"));
    outside = Files.createDirectories(tmp.resolve("outside")).toRealPath();
    Files.createDirectories(home.resolve(".ssh"));
    Files.writeString(home.resolve(".ssh/id_test"), SECRET);
    Files.writeString(home.resolve("notes.txt"), SECRET);
  }

  private Policy policy(Policy.NetworkMode mode, Duration wall, Map<String, String> seatbelt) {
    Policy d = Policy.defaults();
    Policy.Isolation i = d.isolation();
    Policy.Limits l = i.limits();
    Policy.Network n = d.network();
    return new Policy("escape-it", new Policy.Isolation(Policy.Backend.SEATBELT, i.filesystem(),
        new Policy.Limits(wall, l.memoryMb(), l.pids(), l.outputBytes()), i.env(), Map.of("seatbelt", seatbelt)),
        new Policy.Network(mode, n.allow(), n.deny(), n.blockPrivateAddresses(), n.tls(), n.hosts(),
            n.allowPrivate(), n.credentials()), d.guard(), d.content(), d.trust(), d.audit());
  }

  private ExecResult sh(String script) {
    return sh(policy(Policy.NetworkMode.NONE, Duration.ofSeconds(30), Map.of()), Map.of(), script);
  }

  private ExecResult sh(Policy policy, Map<String, String> extraEnv, String script) {
    Map<String, String> env = new java.util.HashMap<>(Map.of("PATH", "/usr/bin:/bin:/usr/sbin:/sbin",
        "HOME", home.toString()));
    env.putAll(extraEnv);
    IsolationSpec spec = new IsolationSpec(policy, work, home, env, events::add);
    try (IsolationBackend backend = new SeatbeltBackendProvider().open(spec)) {
      return backend.exec(ExecRequest.of(List.of("/bin/bash", "-c", script), work).withCallId("escape-it"));
    }
  }

  @Test
  void writesInsideTheWorkdirAndTmpdirWork() {
    ExecResult r = sh("echo ok > inside.txt && f=$(mktemp) && echo t > \"$f\" && cat inside.txt");
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    assertThat(r.stdout()).isEqualTo("ok\n");
    assertThat(work.resolve("inside.txt")).exists();
  }

  @Test
  void writesOutsideFailAndLeaveNothing() {
    ExecResult r = sh("echo x > '" + outside + "/f'; echo x > \"$HOME/f\"; echo x > /tmp/containment4j-escape-it;"
        + " touch '" + work + "x'; exit 0");
    assertThat(r.stderr()).contains("Operation not permitted");
    assertThat(outside.resolve("f")).doesNotExist();
    assertThat(home.resolve("f")).doesNotExist();
    assertThat(Path.of("/tmp/containment4j-escape-it")).doesNotExist();
    assertThat(Path.of(work + "x")).doesNotExist();
  }

  @Test
  void deniedReadsFailThroughSymlinksAndHardLinksToo() {
    ExecResult r = sh("cat ~/.ssh/id_test; cat ~/notes.txt; ln -s ~/.ssh/id_test l && cat l;"
        + " ln ~/.ssh/id_test h; cat h; ls ~; exit 0");
    assertThat(r.stdout()).doesNotContain(SECRET);
    assertThat(work.resolve("h")).doesNotExist();
  }

  @Test
  void protectedFilesCannotBeWrittenCreatedOrMovedAwayAndBack() throws IOException {
    Files.createDirectories(work.resolve(".git/hooks"));
    Files.writeString(work.resolve(".git/config"), "[core]\n");
    ExecResult r = sh("echo evil >> .git/hooks/pre-commit; echo evil >> .git/config; mv .git .git2;"
        + " mv .git/hooks .git/h2; touch .bashrc .mcp.json .gitmodules .containment.yaml; mkdir .vscode .IDEA;"
        + " mkdir -p sub/.GIT/HOOKS; mkdir x && mv x sub/.git; exit 0");
    assertThat(work.resolve(".git/hooks/pre-commit")).doesNotExist();
    assertThat(work.resolve(".git/config")).hasContent("[core]\n");
    assertThat(work.resolve(".git2")).doesNotExist();
    assertThat(work.resolve(".git/h2")).doesNotExist();
    for (String p : List.of(".bashrc", ".mcp.json", ".gitmodules", ".containment.yaml", ".vscode", ".IDEA",
        "sub/.GIT", "sub/.git")) {
      assertThat(work.resolve(p)).as(p).doesNotExist();
    }
    assertThat(r.stderr()).contains("Operation not permitted");
  }

  @Test
  void theWorkdirItselfCannotBeMovedAway() {
    ExecResult r = sh("cd .. && mv proj proj2; exit 0");
    assertThat(work).exists();
    assertThat(home.resolve("proj2")).doesNotExist();
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void directNetworkFails() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      ExecResult r = sh("(exec 3<>/dev/tcp/127.0.0.1/" + server.getLocalPort() + ") && echo connected;"
          + " /usr/bin/curl -sS --max-time 5 https://example.com >/dev/null && echo fetched; exit 0");
      assertThat(r.stdout()).doesNotContain("connected").doesNotContain("fetched");
    }
  }

  @Test
  void inProxyModeOnlyTheProxyPortIsReachable() throws IOException {
    try (ServerSocket proxy = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        ServerSocket other = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
      ExecResult r = sh(policy(Policy.NetworkMode.PROXY, Duration.ofSeconds(30), Map.of()),
          Map.of("HTTP_PROXY", "http://127.0.0.1:" + proxy.getLocalPort()),
          "(exec 3<>/dev/tcp/127.0.0.1/" + proxy.getLocalPort() + ") && echo proxy-ok;"
              + " (exec 3<>/dev/tcp/127.0.0.1/" + other.getLocalPort() + ") && echo other-ok; exit 0");
      assertThat(r.stdout()).contains("proxy-ok").doesNotContain("other-ok");
    }
  }

  @Test
  void exitStatusPassesThrough() {
    assertThat(sh("exit 42").exitCode()).isEqualTo(42);
  }

  @Test
  void backgroundChildrenDieWithTheCall() throws Exception {
    sh("(sleep 120 & echo $! > bg.pid; sleep 0.3) ; sleep 60 & echo $! > bg2.pid; exit 0");
    for (String f : List.of("bg.pid", "bg2.pid")) {
      Optional<ProcessHandle> p = ProcessHandle.of(Long.parseLong(Files.readString(work.resolve(f)).strip()));
      if (p.isPresent()) {
        p.get().onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void theWallTimeLimitEndsTheCall() {
    ExecResult r = sh(policy(Policy.NetworkMode.NONE, Duration.ofSeconds(2), Map.of()), Map.of(), "sleep 30");
    assertThat(r.timedOut()).isTrue();
    assertThat(r.exitCode()).isEqualTo(124);
  }

  @Test
  void denialsAreReadFromTheUnifiedLogIntoAuditEvents() throws InterruptedException {
    sh(policy(Policy.NetworkMode.NONE, Duration.ofSeconds(30), Map.of("violations", "always")), Map.of(),
        "cat ~/.ssh/id_test; exit 0");
    assertThat(events).filteredOn(e -> e.type().equals("sandbox.violation"))
        .anySatisfy(e -> assertThat(e.fields().get("rule")).asString().startsWith("read."));
  }
}
