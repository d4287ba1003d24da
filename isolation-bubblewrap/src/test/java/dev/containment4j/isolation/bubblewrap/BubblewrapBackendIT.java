/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.containment4j.BackendUnavailableException;
import dev.containment4j.Containment;
import dev.containment4j.ContainmentSession;
import dev.containment4j.Layer;
import dev.containment4j.SandboxSetupException;
import dev.containment4j.ToolCall;
import dev.containment4j.ToolResult;
import dev.containment4j.Verdict;
import dev.containment4j.guard.FilterResult;
import dev.containment4j.isolation.bubblewrap.internal.BwrapProbe;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.Availability;
import dev.containment4j.testing.EnabledIfBubblewrap;
import dev.containment4j.testing.PlantedHostBinary;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is specific to the bubblewrap backend: seccomp, sessions, cleanup, network modes, setup errors, explain. */
@EnabledIfBubblewrap
@Tag("integration")
class BubblewrapBackendIT {
  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ALWAYS)
  Path tmp;

  private static Policy policy(Policy.NetworkMode mode, Duration wall, Map<String, String> settings) {
    Policy d = Policy.defaults();
    Policy.Isolation i = d.isolation();
    Policy.Network n = d.network();
    return new Policy("bubblewrap-it",
        new Policy.Isolation(Policy.Backend.BUBBLEWRAP, i.filesystem(), new Policy.Limits(wall, 128, 64, 1 << 20),
            i.env(), Map.of("bubblewrap", settings)),
        new Policy.Network(mode, n.allow(), n.deny(), n.blockPrivateAddresses(), n.tls(), n.hosts(),
            n.allowPrivate(), n.credentials()),
        d.guard(), d.content(), d.trust(), d.audit());
  }

  private static Policy policy() {
    return policy(Policy.NetworkMode.NONE, Duration.ofSeconds(20), Map.of());
  }

  private Containment containment(Policy p) {
    return Containment.with(p).withWorkdir(tmp)
        .withGuard((call, ctx) -> Verdict.allow(Layer.GUARD, "", "", "test"))
        .withFilter((text, ctx) -> FilterResult.pass(text));
  }

  private ToolResult sh(Policy p, String script) {
    try (Containment c = containment(p)) {
      return c.run(ToolCall.command("/bin/sh", "-c", script));
    }
  }

  /**
   * bwrap runs on the host, outside any sandbox: a policy naming a bwrap inside the workdir (which every call may
   * rewrite, so the next backend would run what a tool left there) is refused before anything runs. Judged on the
   * host: the copy, a script that leaves a marker, never runs.
   */
  @Test
  void aBwrapInsideTheWorkdirIsNeverRun() throws IOException {
    PlantedHostBinary planted = PlantedHostBinary.plant("bwrap", BwrapProbe.findOnPath("/usr/bin:/bin").orElseThrow());
    Policy p = policy(Policy.NetworkMode.NONE, Duration.ofSeconds(20), Map.of("bwrap", planted.program().toString()));
    // since session 11 the selection probe refuses it (BackendUnavailableException), before open would
    assertThat(planted.refusal(p)).get().isInstanceOf(BackendUnavailableException.class)
        .extracting(Throwable::getMessage).asString()
        .contains(planted.program().toString(), "inside " + planted.workdir(), "nothing was run");
    assertThat(planted.marker()).as("the planted bwrap ran on the host").doesNotExist();
  }

  /**
   * The backend's private directory (the seccomp program, bwrap's options) goes to {@code java.io.tmpdir} without
   * cgroups; a host that points {@code java.io.tmpdir} into the project (the workdir) must not hand the sandbox its
   * own seccomp program: call 1 replaces it with "allow everything", call 2 opens an {@code AF_UNIX} socket, which
   * the filter refuses.
   */
  @Test
  void thePrivateDirectoryIsNeverInsideTheWorkdir() throws Exception {
    Path work = Files.createDirectory(tmp.resolve("project"));
    Path inside = Files.createDirectory(work.resolve("tmp"));
    String previous = System.getProperty("java.io.tmpdir");
    System.setProperty("java.io.tmpdir", inside.toString());
    try (Containment c = Containment.with(policy(Policy.NetworkMode.NONE, Duration.ofSeconds(20),
        Map.of("cgroups", "off"))).withWorkdir(work)
        .withGuard((call, ctx) -> Verdict.allow(Layer.GUARD, "", "", "test"))
        .withFilter((text, ctx) -> FilterResult.pass(text))) {
      // one BPF instruction: return SECCOMP_RET_ALLOW
      ToolResult swap = c.run(ToolCall.command("/bin/sh", "-c", "for f in tmp/*/seccomp.bpf; do printf"
          + " '\\006\\000\\000\\000\\000\\000\\377\\177' > \"$f\" && echo replaced; done"));
      ToolResult unix = c.run(ToolCall.command("/usr/bin/python3", "-c", "import socket; socket.socket("
          + "socket.AF_UNIX); print('AF_UNIX open')"));
      assertThat(unix.stdout()).as("%s / %s", swap.stdout() + swap.stderr(), unix.stderr())
          .doesNotContain("AF_UNIX open");
    } catch (SandboxSetupException refused) {
      assertThat(refused).hasMessageContaining(inside.toString());
    } finally {
      System.setProperty("java.io.tmpdir", previous);
    }
  }

  /**
   * The backend keeps its filesystem plan between calls while nothing it depends on changed (PlanCache): what changes
   * on the host between calls of one backend must count at the next call, whether a denyRead target appears or a
   * protected file is renamed away.
   */
  @Test
  void changesBetweenCallsOfOneBackendCountAtTheNextCall() throws Exception {
    Policy d = policy();
    Policy.Filesystem f = d.isolation().filesystem();
    Policy p = new Policy("bubblewrap-it", new Policy.Isolation(Policy.Backend.BUBBLEWRAP,
        new Policy.Filesystem(f.workdir(), f.allowWrite(), List.of("secret.txt", "keys/*.pem"), f.allowRead(),
            f.denyWrite(), f.hideHome(), f.tmp()), d.isolation().limits(), d.isolation().env(),
        d.isolation().backends()), d.network(), d.guard(), d.content(), d.trust(), d.audit());
    // every protected name present, as in a real checkout (a plan with placeholders to create is never kept)
    for (String name : java.util.stream.Stream.concat(dev.containment4j.internal.fs.ProtectedNames.DEFAULTS.stream(),
        dev.containment4j.internal.fs.ProtectedNames.TOP_LEVEL.stream()).toList()) {
      Path at = tmp.resolve(name);
      Files.createDirectories(at.getParent());
      if (name.equals(".git/hooks") || name.equals(".vscode") || name.equals(".idea")) {
        Files.createDirectories(at);
      } else {
        Files.writeString(at, "");
      }
    }
    Files.writeString(tmp.resolve(".mcp.json"), "{}");
    Files.createDirectories(tmp.resolve("keys"));
    Thread.sleep(300); // older than the cache's settle time, so that the plan is kept and reused
    try (Containment c = containment(p)) {
      for (int i = 0; i < 3; i++) {
        assertThat(c.run(ToolCall.command("cat", ".mcp.json")).stdout()).isEqualTo("{}");
      }
      Files.writeString(tmp.resolve("secret.txt"), "TOPSECRET-1");
      Files.writeString(tmp.resolve("keys/id.pem"), "TOPSECRET-2");
      ToolResult read = c.run(ToolCall.command("/bin/sh", "-c", "cat secret.txt keys/id.pem; echo done"));
      assertThat(read.stdout()).doesNotContain("TOPSECRET").contains("done");
      // renamed away by the host after a plan that bound it read-only was kept: the name must be occupied again
      Thread.sleep(300);
      assertThat(c.run(ToolCall.command("cat", ".mcp.json")).stdout()).isEqualTo("{}");
      assertThat(c.run(ToolCall.command("cat", ".mcp.json")).stdout()).isEqualTo("{}");
      Files.move(tmp.resolve(".mcp.json"), tmp.resolve("mcp.old"));
      ToolResult write = c.run(ToolCall.command("/bin/sh", "-c", "echo hooked > .mcp.json; echo rc=$?"));
      assertThat(write.stdout()).doesNotContain("rc=0");
      assertThat(tmp.resolve(".mcp.json")).doesNotExist();
    }
  }

  @Test
  void probeRunsBwrapAndReportsItsVersion() {
    Availability a = new BubblewrapProvider().probe();
    assertThat(a.available()).as(a.describe()).isTrue();
    assertThat(a.detail()).startsWith("bubblewrap 0.").contains("libseccomp loaded");
  }

  @Test
  void seccompIsInstalledAndRefusesTheListedSystemCalls() {
    assumeThat(System.getProperty("os.arch")).as("syscall numbers below are x86_64").isIn("amd64", "x86_64");
    String py = String.join("\n",
        "import ctypes, os, socket",
        "libc = ctypes.CDLL(None, use_errno=True)",
        "def call(name, nr, *args):",
        "    r = libc.syscall(nr, *[ctypes.c_long(a) for a in args])",
        "    print(name, 'EPERM' if r == -1 and ctypes.get_errno() == 1 else 'rc=%d errno=%d' % (r, ctypes.get_errno()))",
        "call('ptrace', 101, 0, 0, 0, 0)",
        "call('keyctl', 250, 0, 0, 0, 0)",
        "call('add_key', 248, 0, 0, 0, 0)",
        "call('bpf', 321, 0, 0, 0)",
        "call('userfaultfd', 323, 0)",
        "call('perf_event_open', 298, 0, 0, -1, -1, 0)",
        "call('io_uring_setup', 425, 1, 0)",
        "call('mount', 165, 0, 0, 0, 0, 0)",
        "call('umount2', 166, 0, 0)",
        "call('pivot_root', 155, 0, 0)",
        "call('setns', 308, 0, 0)",
        "call('unshare_newuser', 272, 0x10000000)",
        "call('open_tree', 428, 0, 0, 0)",
        "call('fsopen', 430, 0, 0)",
        "call('kexec_load', 246, 0, 0, 0, 0)",
        "call('init_module', 175, 0, 0, 0)",
        "call('ioctl_tiocsti', 16, 0, 0x5412, 0)",
        "call('ioctl_tiocsti_high_bits', 16, 0, 0x100005412, 0)",
        "call('ioctl_tioclinux', 16, 0, 0x541C, 0)",
        "call('ioctl_fionread', 16, 0, 0x541B, 0)",
        "try:",
        "    socket.socket(socket.AF_UNIX); print('af_unix allowed')",
        "except PermissionError: print('af_unix EPERM')",
        "a, b = socket.socketpair(); print('socketpair ok')",
        "socket.socket(socket.AF_INET); print('af_inet ok')",
        "print(open('/proc/self/status').read())");
    ToolResult r = sh(policy(), "/usr/bin/python3 -c \"$(cat <<'PY'\n" + py + "\nPY\n)\"");
    String out = r.stdout();
    for (String name : List.of("ptrace", "keyctl", "add_key", "bpf", "userfaultfd", "perf_event_open",
        "io_uring_setup", "mount", "umount2", "pivot_root", "setns", "unshare_newuser", "open_tree", "fsopen",
        "kexec_load", "init_module", "ioctl_tiocsti", "ioctl_tiocsti_high_bits", "ioctl_tioclinux")) {
      assertThat(out).as(r.stderr()).contains(name + " EPERM\n");
    }
    assertThat(out).contains("af_unix EPERM", "socketpair ok", "af_inet ok").doesNotContain("ioctl_fionread EPERM");
    assertThat(out).containsPattern("Seccomp:\\s+2").containsPattern("CapEff:\\s+0+\\n").containsPattern(
        "NoNewPrivs:\\s+1");
  }

  @Test
  void aSessionKeepsItsPrivateTmpAndRemovesItOnClose() throws IOException {
    long before = backendDirs();
    try (Containment c = containment(policy())) {
      assertThat(c.run(ToolCall.command("/bin/true")).exitCode()).hasValue(0);
      assertThat(backendDirs()).as("the open backend's private directory").isEqualTo(before + 1);
      try (ContainmentSession s = c.openSession()) {
        assertThat(s.run(ToolCall.command("/bin/sh", "-c", "echo kept > /tmp/state")).exitCode()).hasValue(0);
        assertThat(s.run(ToolCall.command("/bin/cat", "/tmp/state")).stdout()).isEqualTo("kept\n");
      }
      assertThat(c.run(ToolCall.command("/bin/sh", "-c", "cat /tmp/state 2>/dev/null || echo fresh")).stdout())
          .as("another session sees its own /tmp").isEqualTo("fresh\n");
    }
    assertThat(backendDirs()).as("private directories left in java.io.tmpdir").isEqualTo(before);
  }

  private static long backendDirs() throws IOException {
    long n = 0;
    for (String base : List.of("/dev/shm", System.getProperty("java.io.tmpdir"))) {
      try (Stream<Path> s = Files.list(Path.of(base))) {
        n += s.filter(p -> p.getFileName().toString().startsWith("containment4j-bwrap-")).count();
      }
    }
    return n;
  }

  @Test
  void aKilledCallLeavesNoCgroupsPlaceholdersOrMounts() throws IOException {
    String mountsBefore = Files.readString(Path.of("/proc/self/mountinfo"));
    ToolResult r = sh(policy(Policy.NetworkMode.NONE, Duration.ofSeconds(1), Map.of()),
        "sleep 700001 & while :; do :; done");
    assertThat(r.exitCode()).hasValue(124);
    assertThat(ourCgroups()).isEmpty();
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.toList()).as("placeholders left in the workdir").isEmpty();
    }
    assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).isEqualTo(mountsBefore);
    assertThat(ProcessHandle.allProcesses().map(h -> h.info().commandLine().orElse(""))
        .filter(c -> c.contains("sleep 700001")).toList()).isEmpty();
  }

  private static List<Path> ourCgroups() throws IOException {
    String prefix = ProcessHandle.current().pid() + "-";
    List<Path> found = new java.util.ArrayList<>();
    for (String controller : List.of("memory", "pids", "")) {
      Path parent = Path.of("/sys/fs/cgroup", controller, "containment4j");
      if (Files.isDirectory(parent)) {
        try (Stream<Path> s = Files.list(parent)) {
          s.filter(p -> p.getFileName().toString().startsWith(prefix)).forEach(found::add);
        }
      }
    }
    return found;
  }

  @Test
  void concurrentCallsKeepProtectingMissingNamesAndLeaveNoPlaceholders() throws Exception {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try (Containment c = containment(policy())) {
      List<java.util.concurrent.Future<ToolResult>> calls = new java.util.ArrayList<>();
      for (int i = 0; i < 12; i++) {
        int n = i;
        calls.add(pool.submit(() -> c.run(ToolCall.command("/bin/sh", "-c", "sleep 0.0" + (n % 5)
            + "; echo evil > .mcp.json; mkdir .vscode; echo x > .gitmodules; echo ok > out" + n))));
      }
      for (java.util.concurrent.Future<ToolResult> f : calls) {
        assertThat(f.get().exitCode()).isPresent();
      }
    } finally {
      pool.shutdownNow();
    }
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString()).sorted().toList()).as("only the calls' own output")
          .containsExactly("out0", "out1", "out10", "out11", "out2", "out3", "out4", "out5", "out6", "out7",
              "out8", "out9");
    }
  }

  @Test
  void rlimitsTakeOverWithoutCgroups() {
    ToolResult r = sh(policy(Policy.NetworkMode.NONE, Duration.ofSeconds(20), Map.of("cgroups", "off")),
        "/usr/bin/python3 -c 'b = bytearray(512 * 1024 * 1024); print(\"ALLOCATED\")'");
    assertThat(r.stdout()).doesNotContain("ALLOCATED");
    assertThat(r.stderr()).contains("MemoryError");
    assertThat(r.isolation().limits()).anySatisfy(l -> {
      assertThat(l.name()).isEqualTo("memoryMb");
      assertThat(l.mechanism()).startsWith("RLIMIT_AS");
    });
  }

  @Test
  void hostModeSharesTheHostNetworkOnlyWhenWritten() throws IOException {
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      String connect = "/usr/bin/python3 -c 'import socket; socket.create_connection((\"127.0.0.1\", "
          + server.getLocalPort() + "), 2); print(\"CONNECTED\")' 2>&1";
      assertThat(sh(policy(), connect).stdout()).doesNotContain("CONNECTED");
      assertThat(sh(policy(Policy.NetworkMode.HOST, Duration.ofSeconds(20), Map.of()), connect).stdout())
          .contains("CONNECTED");
    }
  }

  @Test
  void aMissingCommandExitsWith127() {
    try (Containment c = containment(policy())) {
      ToolResult r = c.run(ToolCall.command("/nonexistent/tool"));
      assertThat(r.exitCode()).hasValue(127);
    }
  }

  @Test
  void aSandboxThatCannotBeSetUpIsAnExceptionNotAResult() throws IOException {
    Path gone = Files.createDirectory(tmp.resolve("gone"));
    try (Containment c = containment(policy())) {
      ToolCall call = ToolCall.command("/bin/true").cwd(gone);
      Files.delete(gone);
      assertThatThrownBy(() -> c.run(call))
          .isInstanceOf(SandboxSetupException.class)
          .hasMessageContaining("bwrap could not set up the sandbox")
          .hasMessageContaining("chdir");
    }
  }

  @Test
  void explainPrintsTheArgumentListOnePerLine() {
    try (Containment c = containment(policy())) {
      String text = c.explain();
      assertThat(text).contains("--unshare-all \\\n", "--seccomp 3 \\\n", "--cap-drop ALL \\\n",
          "--disable-userns \\\n", "--bind " + tmp + " " + tmp + " \\\n", "-- /bin/bash -c 'echo hello'");
      assertThat(text).contains("seccomp BPF (libseccomp");
    }
  }

  /**
   * {@code /proc/PID/cmdline} is readable by every local user, {@code /proc/PID/environ} only by the owner: environment
   * values (a passed-through token) must reach the tool without ever being on the launcher's or bwrap's command line.
   */
  @Test
  void environmentValuesNeverAppearOnACommandLineWithAndWithoutPreparedLaunchers() throws Exception {
    String secret = "c4j-env-secret-" + Long.toHexString(System.nanoTime());
    for (Map<String, String> settings : List.of(Map.<String, String>of(), Map.of("prepare", "off"))) {
      Policy base = policy(Policy.NetworkMode.NONE, Duration.ofSeconds(20), settings);
      Policy.Isolation i = base.isolation();
      Policy p = new Policy(base.source(), new Policy.Isolation(i.backend(), i.filesystem(), i.limits(),
          new Policy.Env(i.env().pass(), Map.of("SERVICE_TOKEN", secret)), i.backends()), base.network(),
          base.guard(), base.content(), base.trust(), base.audit());
      try (Containment c = containment(p)) {
        java.util.concurrent.CompletableFuture<ToolResult> call = java.util.concurrent.CompletableFuture.supplyAsync(
            () -> c.run(ToolCall.command("/bin/sh", "-c", "echo \"got $SERVICE_TOKEN\"; sleep 1")));
        List<String> exposed = new java.util.ArrayList<>();
        boolean sawBwrap = false;
        while (!call.isDone()) {
          for (ProcessHandle h : ProcessHandle.allProcesses().toList()) {
            String cmd = h.info().commandLine().orElse("");
            sawBwrap |= cmd.contains("bwrap --args 4 -- /bin/sh -c");
            if (cmd.contains(secret)) {
              exposed.add(cmd);
            }
          }
          Thread.sleep(10);
        }
        ToolResult r = call.get();
        assertThat(r.stdout()).as("%s: the tool gets the value", settings).contains("got " + secret);
        assertThat(exposed).as("%s: command lines carrying the value", settings).isEmpty();
        assertThat(sawBwrap).as("%s: bwrap was seen running, with its options on a descriptor", settings).isTrue();
      }
    }
  }

  @Test
  void theToolGetsItsStdinAndNoDescriptorOfTheLauncherWithAndWithoutPreparedLaunchers() {
    String script = "cat; echo; for fd in 3 4 5; do [ -e /proc/$$/fd/$fd ] && echo \"open $fd\"; done; echo end";
    for (Map<String, String> settings : List.of(Map.<String, String>of(), Map.of("prepare", "off"))) {
      try (Containment c = containment(policy(Policy.NetworkMode.NONE, Duration.ofSeconds(20), settings))) {
        for (int call = 0; call < 3; call++) {
          ToolResult r = c.run(ToolCall.command("/bin/sh", "-c", script).stdin("line one\nline two"));
          assertThat(r.exitCode()).as("%s: %s", settings, r.stderr()).hasValue(0);
          assertThat(r.stdout()).as("%s", settings).isEqualTo("line one\nline two\nend\n");
        }
        ToolResult noStdin = c.run(ToolCall.command("/bin/sh", "-c", "cat; echo done"));
        assertThat(noStdin.stdout()).isEqualTo("done\n");
      }
    }
  }

  @Test
  void theNextCallsLauncherWaitsInItsCgroupsAndEndsWithTheBackend() throws Exception {
    String mine = "containment4j-bwrap-" + ProcessHandle.current().pid() + "-";
    Containment c = containment(policy());
    try {
      c.explain(); // opens the backend (isolation() only selects it), which prepares the first call's launcher
      ProcessHandle first = waitingLauncher(mine);
      assertThat(c.run(ToolCall.command("/bin/true")).exitCode()).hasValue(0);
      first.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(first.isAlive()).as("the prepared launcher ran the first call").isFalse();
      assertThat(c.run(ToolCall.command("/bin/true")).exitCode()).hasValue(0);
      ProcessHandle next = waitingLauncher(mine);
      assertThat(next.pid()).isNotEqualTo(first.pid());
    } finally {
      c.close();
    }
    assertThat(launchers(mine)).as("no launcher outlives the backend").isEmpty();
  }

  /** The one prepared launcher of this JVM, once it has joined its cgroups (where the tree has them). */
  private static ProcessHandle waitingLauncher(String privateDirPrefix) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    List<ProcessHandle> found;
    do {
      found = launchers(privateDirPrefix).stream().filter(ProcessHandle::isAlive).toList();
    } while (found.isEmpty() && System.nanoTime() < deadline && sleep());
    assertThat(found).as("a launcher waits for the next call").hasSize(1);
    if (Files.isDirectory(Path.of("/sys/fs/cgroup/pids/containment4j"))) {
      Path cgroupFile = Path.of("/proc", Long.toString(found.get(0).pid()), "cgroup");
      String cgroup;
      do {
        cgroup = Files.readString(cgroupFile); // it joins right after it starts, before it waits
      } while (!cgroup.contains(":pids:/containment4j/") && System.nanoTime() < deadline && sleep());
      assertThat(cgroup).as("it waits inside the next call's cgroups").contains(":pids:/containment4j/",
          ":memory:/containment4j/");
    }
    return found.get(0);
  }

  private static List<ProcessHandle> launchers(String privateDirPrefix) {
    return ProcessHandle.allProcesses().filter(h -> {
      String cmd = h.info().commandLine().orElse("");
      return cmd.contains("containment-launcher") && cmd.contains(privateDirPrefix);
    }).toList();
  }

  private static boolean sleep() throws InterruptedException {
    Thread.sleep(20);
    return true;
  }

  /**
   * A JVM inside sizes itself from the call's {@code memoryMb}, not the host's memory: under 256 MiB it reports a
   * maximum heap below the limit and runs out of heap with an {@code OutOfMemoryError} it can catch, instead of
   * growing a heap sized from the host's RAM until the memory cgroup kills it (exit 137, measured in session 8).
   */
  @Test
  void aJvmInsideSizesItsHeapFromTheCallsMemoryLimit() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Files.writeString(tmp.resolve("Alloc.java"), String.join("\n",
        "public class Alloc {",
        "  public static void main(String[] a) {",
        "    System.out.println(\"max \" + Runtime.getRuntime().maxMemory());",
        "    java.util.List<byte[]> keep = new java.util.ArrayList<>();",
        "    try {",
        "      while (true) keep.add(new byte[1 << 20]);",
        "    } catch (OutOfMemoryError e) {",
        "      int n = keep.size(); keep = null; System.out.println(\"OOME after \" + n + \" MiB\");",
        "    }",
        "  }",
        "}"));
    Policy d = policy();
    Policy.Isolation i = d.isolation();
    Policy p = new Policy(d.source(), new Policy.Isolation(i.backend(), i.filesystem(),
        new Policy.Limits(Duration.ofSeconds(60), 256, 256, 1 << 20), i.env(), i.backends()), d.network(), d.guard(),
        d.content(), d.trust(), d.audit());
    ToolResult version = sh(p, "'" + java + "' -Xshare:auto -version 2>&1");
    assertThat(version.exitCode()).as(version.stdout()).hasValue(0);
    ToolResult r = sh(p, "'" + java + "' -Xshare:auto -XX:TieredStopAtLevel=1 Alloc.java 2>&1");
    assertThat(r.exitCode()).as(r.stdout() + r.stderr()).hasValue(0);
    long max = Long.parseLong(r.stdout().lines().filter(l -> l.startsWith("max ")).findFirst().orElseThrow()
        .substring(4).trim());
    assertThat(max).as("the heap a JVM inside allows itself").isLessThan(256L << 20);
    assertThat(r.stdout()).contains("OOME after");
  }
}
