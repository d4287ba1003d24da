/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor;

import static dev.containment4j.isolation.gvisor.GvisorFixture.out;
import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.ContainmentException;
import dev.containment4j.ExecResult;
import dev.containment4j.IsolationReport;
import dev.containment4j.isolation.gvisor.internal.GvisorBackend;
import dev.containment4j.isolation.gvisor.internal.GvisorProbe;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.ExecRequest;
import dev.containment4j.spi.IsolationSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.containment4j.testing.EnabledIfGvisor;
import dev.containment4j.testing.PlantedHostBinary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The gVisor backend on real runsc: kernel, file system, environment, network, exit status. */
@Tag("integration")
@EnabledIfGvisor
class GvisorBackendIT {
  static GvisorFixture fx;
  static GvisorBackend backend;

  @BeforeAll
  static void open() throws IOException {
    fx = GvisorFixture.create();
    backend = (GvisorBackend) new GvisorBackendProvider().open(fx.spec(fx.policy(2)));
    assertThat(backend.awaitWarm(Duration.ofSeconds(30))).as("warm pool filled").isTrue();
  }

  @AfterAll
  static void close() {
    if (backend != null) {
      backend.close();
    }
    fx.delete();
  }

  /**
   * runsc's state and the sandboxes' bundles ({@code config.json}: mounts, environment) are trusted by every later
   * runsc command: a {@code stateDir} inside the workdir is refused before anything runs (before the fix the call ran
   * with its state and bundle there, in a directory the sandbox may write).
   */
  @Test
  void theStateDirectoryIsNeverInsideTheWorkdir() throws IOException {
    PlantedHostBinary planted = PlantedHostBinary.plant("state", Path.of("/bin/true"));
    Path state = planted.workdir().resolve(".cache/c4j-gvisor");
    Policy base = fx.policy(0, state);
    Optional<ContainmentException> refused = planted.refusal(base);
    assertThat(refused).as("a stateDir inside the workdir must be refused").isPresent();
    assertThat(refused.get()).hasMessageContaining(state.toString()).hasMessageContaining("inside "
        + planted.workdir());
  }

  /**
   * runsc runs on the host (as root here): a policy naming a runsc inside the workdir (which every call may rewrite,
   * so the next backend would run what a tool left there) is refused before anything runs, the probe included.
   * Judged on the host: the planted runsc, a script that leaves a marker, never runs.
   */
  @Test
  void aRunscInsideTheWorkdirIsNeverRun() throws IOException {
    PlantedHostBinary planted = PlantedHostBinary.plant("runsc", GvisorProbe.resolve("runsc").orElseThrow());
    Policy base = fx.policy(0);
    Policy.Isolation i = base.isolation();
    Map<String, String> gv = new HashMap<>(i.backend("gvisor"));
    gv.put("runsc", planted.program().toString());
    Policy p = new Policy(base.source(),
        new Policy.Isolation(i.backend(), i.filesystem(), i.limits(), i.env(),
            Map.of("gvisor", gv)), base.network(), base.guard(), base.content(), base.trust(), base.audit());
    assertThat(planted.refusal(p)).get().extracting(Throwable::getMessage).asString()
        .contains(planted.program().toString(), "inside " + planted.workdir());
    assertThat(planted.marker()).as("the planted runsc ran on the host").doesNotExist();
  }

  @Test
  void toolSeesGvisorsKernelNotTheHosts() throws IOException {
    ExecResult r = backend.exec(fx.sh("cat /proc/version; dmesg | head -1"));
    String hostVersion = Files.readString(Path.of("/proc/version")).trim();
    assertThat(r.exitCode()).as(out(r)).isZero();
    assertThat(r.stdout()).contains("Starting gVisor").doesNotContain(hostVersion);
    assertThat(r.isolation().backend()).isEqualTo("gvisor");
  }

  @Test
  void exitStatusStdinAndStderrPassThrough() {
    ExecResult r = backend.exec(fx.sh("cat; echo oops >&2; exit 42").withStdin("from-stdin"
        .getBytes(StandardCharsets.UTF_8)));
    assertThat(r.exitCode()).isEqualTo(42);
    assertThat(r.stdout()).isEqualTo("from-stdin");
    assertThat(r.stderr()).isEqualTo("oops\n");
  }

  @Test
  void environmentIsTheAllowlistOnly() {
    ExecResult r = backend.exec(fx.sh("env"));
    assertThat(r.stdout()).contains("C4J_PASSED=passed-value", "C4J_FIXED=fixed-value", "TMPDIR=/tmp",
        "HOME=" + fx.home).doesNotContain(GvisorFixture.SECRET).doesNotContain("AWS_SECRET_ACCESS_KEY");
  }

  @Test
  void deniedPathsReadAsEmptyOthersStayReadable() {
    ExecResult r = backend.exec(fx.sh("cat ~/.ssh/id_ed25519; echo netrc=[$(cat ~/.netrc)]; cat ~/notes.txt"));
    assertThat(r.stdout()).doesNotContain(GvisorFixture.SECRET).contains("netrc=[]", "readable");
    assertThat(r.stderr()).contains("No such file");
  }

  @Test
  void workdirIsWritableAtItsOwnPathAndTheCwd() throws IOException {
    ExecResult r = backend.exec(fx.sh("pwd; echo hello > out.txt"));
    assertThat(r.stdout().trim()).isEqualTo(fx.workdir.toString());
    assertThat(Files.readString(fx.workdir.resolve("out.txt"))).isEqualTo("hello\n");
  }

  @Test
  void protectedFilesCannotBeWrittenEvenInTheWorkdir() {
    ExecResult r = backend.exec(fx.sh(
        "echo evil > .git/hooks/pre-commit; echo '[x]' >> .git/config; echo '{}' > .mcp.json; mkdir -p .vscode/x;"
            + " echo k: v > .containment.yaml; echo done"));
    assertThat(r.stderr()).contains("Read-only file system");
    assertThat(fx.workdir.resolve(".git/hooks/pre-commit")).doesNotExist();
    assertThat(fx.workdir.resolve(".git/config")).hasContent("[core]");
    assertThat(fx.workdir.resolve(".mcp.json")).isEmptyFile();
    assertThat(fx.workdir.resolve(".vscode")).isEmptyDirectory();
  }

  @Test
  void noNetworkButLoopback() {
    ExecResult r = backend.exec(fx.sh("cat /proc/net/dev; python3 -c \"import socket; s=socket.socket();"
        + " s.settimeout(3); s.connect(('192.0.2.1', 80))\" || echo connect-failed"));
    assertThat(r.stdout()).contains("lo:", "connect-failed").doesNotContain("eth0");
  }

  @Test
  void sessionFilesPersistBetweenCallsAndVanishWithTheSession() throws IOException {
    try (IsolationSession s = backend.openSession()) {
      ExecResult w = s.exec(fx.sh("echo kept > /etc/c4j-session-marker; echo tmp > /tmp/marker; echo ok"));
      assertThat(w.stdout()).as(out(w)).isEqualTo("ok\n");
      ExecResult r = s.exec(fx.sh("cat /etc/c4j-session-marker /tmp/marker"));
      assertThat(r.stdout()).isEqualTo("kept\ntmp\n");
    }
    assertThat(Path.of("/etc/c4j-session-marker")).doesNotExist();
    try (IsolationSession next = backend.openSession()) {
      ExecResult r = next.exec(fx.sh("cat /etc/c4j-session-marker /tmp/marker 2>&1; echo end"));
      assertThat(r.stdout()).doesNotContain("kept").doesNotContain("tmp\n").contains("end");
    }
  }

  @Test
  void sessionsComeFromTheWarmPoolAndDoNotSeeEachOther() {
    assertThat(backend.awaitWarm(Duration.ofSeconds(30))).isTrue();
    try (IsolationSession a = backend.openSession(); IsolationSession b = backend.openSession()) {
      ExecResult wa = a.exec(fx.sh("echo a > /tmp/pool-a; echo a > /var/tmp/pool-a; echo ok"));
      assertThat(wa.isolation().notes()).anyMatch(n -> n.contains("session, pre-started"));
      assertThat(wa.stdout()).as(out(wa)).isEqualTo("ok\n");
      ExecResult rb = b.exec(fx.sh("cat /tmp/pool-a /var/tmp/pool-a 2>&1; echo end"));
      assertThat(rb.isolation().notes()).anyMatch(n -> n.contains("session, pre-started"));
      assertThat(rb.stdout()).doesNotContain("a\n").endsWith("end\n");
    }
  }

  @Test
  void backgroundChildrenDieWithTheCall() {
    try (IsolationSession s = backend.openSession()) {
      ExecResult first = s.exec(fx.sh("sleep 100 & sleep 100 & echo started"));
      assertThat(first.stdout()).isEqualTo("started\n");
      assertThat(first.duration()).isLessThan(Duration.ofSeconds(10));
      // only the init, this call's wrapper and python remain: no sleep, no zombie
      ExecResult ps = s.exec(ExecRequest.of(List.of("/usr/bin/python3", "-c", "import os\n"
          + "for p in sorted(int(x) for x in os.listdir('/proc') if x.isdigit()):\n"
          + "  print(p, open('/proc/%d/stat' % p).read().split()[2], open('/proc/%d/cmdline' % p).read()"
          + ".replace(chr(0), ' '))"), fx.workdir));
      assertThat(ps.exitCode()).as(out(ps)).isZero();
      assertThat(ps.stdout()).doesNotContain("sleep 100").doesNotContain(" Z ");
      assertThat(ps.stdout().lines().filter(l -> l.matches("\\d+ [A-Z] .*"))).hasSize(3);
    }
  }

  /**
   * runsc 20221219 does not apply config.json's seccomp filter to {@code runsc exec} processes: the c4j-exec helper
   * installs it on every session call, and what the call starts (also in the background) inherits it.
   */
  @Test
  void nestedUserNamespacesAreRefusedInOneShotsAndInEverySessionCall() {
    String attempt = "unshare -Ur true && echo NESTED; unshare -U true && echo NESTED2;"
        + " (unshare -Ur true && echo NESTED3) & wait; grep '^Seccomp:' /proc/self/status; echo end";
    ExecResult oneShot = backend.exec(fx.sh(attempt));
    assertThat(oneShot.stdout()).as(out(oneShot)).doesNotContain("NESTED").contains("end");
    try (IsolationSession s = backend.openSession()) {
      for (int i = 0; i < 2; i++) {
        ExecResult r = s.exec(fx.sh(attempt));
        assertThat(r.stdout()).as("session call %d: %s", i, out(r)).doesNotContain("NESTED")
            .contains("Seccomp:\t2").contains("end");
        assertThat(r.stderr()).contains("Operation not permitted");
      }
    }
  }

  /**
   * The state directory holds every sandbox's bundle (config.json with the environment), runsc's state and the call
   * files; the sandbox runs as uid 0 of a namespace in which host root's files are its own, so when the state
   * directory lies in a visible part of the host tree (here: next to the workdir) it must be masked.
   */
  @Test
  void theBackendsStateDirectoryIsInvisibleInside() {
    String script = "for f in '" + fx.stateDir + "'/*/owner '" + fx.stateDir + "'/*/b/*/config.json '"
        + fx.stateDir + "'/*/p/*.json; do cat \"$f\" 2>/dev/null && echo READ; done; ls -a '" + fx.stateDir
        + "' 2>&1; grep -c '" + fx.stateDir + "' /proc/self/mountinfo";
    ExecResult oneShot = backend.exec(fx.sh(script));
    assertThat(oneShot.stdout()).as(out(oneShot)).doesNotContain("READ").doesNotContain("ociVersion");
    try (IsolationSession s = backend.openSession()) {
      ExecResult r = s.exec(fx.sh(script));
      assertThat(r.stdout()).as(out(r)).doesNotContain("READ").doesNotContain("ociVersion")
          .doesNotContain("c4j");
    }
  }

  @Test
  void isolationReportListsEveryLimitWithItsMechanism() {
    ExecResult r = backend.exec(fx.sh("true"));
    assertThat(r.isolation().limits()).extracting(IsolationReport.EnforcedLimit::name)
        .contains("wallSeconds", "outputBytes", "pids", "memoryMb", "network");
    assertThat(r.isolation().limits()).allSatisfy(l -> assertThat(l.mechanism()).isNotBlank());
  }

  @Test
  void explainShowsTheOciConfigAndRunscFlags() {
    String text = backend.explain();
    assertThat(text).contains("--network=none", "--overlay2=root:memory", "\"ociVersion\"",
        fx.workdir.toString(), "RLIMIT_NPROC");
  }
}
