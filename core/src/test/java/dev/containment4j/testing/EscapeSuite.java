/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.Containment;
import dev.containment4j.IsolationReport;
import dev.containment4j.Layer;
import dev.containment4j.ToolCall;
import dev.containment4j.ToolResult;
import dev.containment4j.Verdict;
import dev.containment4j.guard.FilterResult;
import dev.containment4j.internal.fs.HostIdentity;
import dev.containment4j.policy.Policy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Escape attempts every isolation backend must stop, run as real commands through the whole pipeline
 * ({@code Containment.with(policy).withWorkdir(dir)}) with a pass-through guard and filter, so only the isolation
 * layer stands in the way. Every check looks at the HOST side: files that must not appear, canaries that must not be
 * printed, processes that must be gone, listeners that must not be reached.
 *
 * <p>Subclass it in a backend's module, annotated with its {@code @EnabledIf...} condition:
 * <pre>{@code
 * @EnabledIfBubblewrap
 * class BubblewrapEscapeIT extends EscapeSuite {
 *   BubblewrapEscapeIT() { super(Policy.Backend.BUBBLEWRAP); }
 * }
 * }</pre>
 *
 * <p>Commands use {@code /bin/sh}, coreutils and {@code /usr/bin/python3} (for sockets and fork loops). The scratch
 * directories live under {@code target/} (not {@code /tmp}, which the sandbox replaces) so that paths outside the
 * workdir are visible inside and the write tests really test write protection.
 */
@Tag("escape")
@Tag("integration")
public abstract class EscapeSuite {
  /**
   * Environment names a sandbox may show besides the policy's: the allowlist, what shells add themselves, and
   * {@code JAVA_TOOL_OPTIONS} (the call's memory for JVMs inside, fixed by the backend).
   */
  protected static final Set<String> ALLOWED_ENV = Set.of("PATH", "HOME", "LANG", "TERM", "TZ", "USER", "LOGNAME",
      "TMPDIR", "PWD", "OLDPWD", "SHLVL", "_", "C4J_SET", "JAVA_TOOL_OPTIONS");

  private final Policy.Backend backend;
  /** Scratch root of one test. */
  protected Path scratch;
  /** The workdir (writable). */
  protected Path work;
  /** A directory outside the workdir, visible read-only inside. */
  protected Path outside;
  /** A canary value planted in secrets. */
  protected String canary;

  protected EscapeSuite(Policy.Backend backend) {
    this.backend = backend;
  }

  @BeforeEach
  void createScratch() throws IOException {
    Path base = Path.of(System.getProperty("containment.test.scratch", "target/escape-scratch")).toAbsolutePath();
    Files.createDirectories(base);
    scratch = Files.createTempDirectory(base, "t").toRealPath();
    work = Files.createDirectory(scratch.resolve("work"));
    outside = Files.createDirectory(scratch.resolve("outside"));
    canary = "C4J-CANARY-" + UUID.randomUUID();
  }

  @AfterEach
  void deleteScratch() throws IOException {
    if (scratch == null) {
      return;
    }
    try (Stream<Path> walk = Files.walk(scratch)) {
      List<Path> all = walk.sorted(Collections.reverseOrder()).toList();
      for (Path p : all) {
        p.toFile().setWritable(true);
        Files.deleteIfExists(p);
      }
    }
  }

  /** The suite's base policy: this backend, no network, small limits so the limit tests are quick. */
  protected Policy policy() {
    return policy(Duration.ofSeconds(20), 256, 128, 1 << 20, List.of(), List.of());
  }

  protected Policy policy(Duration wall, long memoryMb, int pids, long outputBytes, List<String> denyRead,
      List<String> allowRead) {
    return policy(backend, wall, memoryMb, pids, outputBytes, denyRead, allowRead);
  }

  /** {@link #policy()} of the suite for {@code backend} (for {@link TerminalHost}). */
  static Policy suitePolicy(Policy.Backend backend) {
    return policy(backend, Duration.ofSeconds(20), 256, 128, 1 << 20, List.of(), List.of());
  }

  private static Policy policy(Policy.Backend backend, Duration wall, long memoryMb, int pids, long outputBytes,
      List<String> denyRead, List<String> allowRead) {
    Policy d = Policy.defaults();
    Policy.Isolation i = d.isolation();
    Policy.Filesystem fs = i.filesystem();
    List<String> deny = new ArrayList<>(fs.denyRead());
    deny.addAll(denyRead);
    Policy.Filesystem f = new Policy.Filesystem(fs.workdir(), fs.allowWrite(), deny, allowRead, fs.denyWrite(),
        fs.hideHome(), fs.tmp());
    Policy.Isolation iso = new Policy.Isolation(backend, f, new Policy.Limits(wall, memoryMb, pids, outputBytes),
        new Policy.Env(List.of(), Map.of("C4J_SET", "visible")), i.backends());
    Policy.Network n = d.network();
    Policy.Network none = new Policy.Network(Policy.NetworkMode.NONE, n.allow(), n.deny(), n.blockPrivateAddresses(),
        n.tls(), n.hosts(), n.allowPrivate(), n.credentials());
    return new Policy("escape-suite", iso, none, d.guard(), d.content(), d.trust(), d.audit());
  }

  /** Runs {@code script} with {@code /bin/sh -c} under {@code policy}, guard and filter out of the way. */
  protected ToolResult sh(Policy policy, String script) {
    try (Containment c = Containment.with(policy).withWorkdir(work)
        .withGuard((call, ctx) -> Verdict.allow(Layer.GUARD, "", "", "escape suite: isolation only"))
        .withFilter((text, ctx) -> FilterResult.pass(text))) {
      ToolResult r = c.run(ToolCall.command("/bin/sh", "-c", script));
      assertThat(r.denied()).as("the call must run: %s", r).isFalse();
      assertThat(r.isolation().backend()).isEqualTo(backend.id());
      return r;
    }
  }

  protected ToolResult sh(String script) {
    return sh(policy(), script);
  }

  private static String all(ToolResult r) {
    return r.stdout() + "\n" + r.stderr();
  }

  @Test
  void exitStatusPassesThrough() {
    assertThat(sh("exit 42").exitCode()).hasValue(42);
    assertThat(sh("echo inside; exit 0").stdout()).isEqualTo("inside\n");
  }

  @Test
  void writesOutsideAllowedPathsNeverAppear() throws IOException {
    ToolResult r = sh("echo ok > ok.txt; echo x > '" + outside + "/f'; mkdir '" + outside + "/d';"
        + " echo x > /etc/c4j-escape; echo x > \"$HOME/c4j-escape\"; echo x > /usr/c4j-escape; touch /c4j-escape;"
        + " echo x > '" + scratch + "/sibling'");
    assertThat(work.resolve("ok.txt")).as("positive control: the workdir is writable").hasContent("ok");
    assertThat(outside).isEmptyDirectory();
    assertThat(scratch.resolve("sibling")).doesNotExist();
    assertThat(Path.of("/etc/c4j-escape")).doesNotExist();
    assertThat(Path.of("/usr/c4j-escape")).doesNotExist();
    assertThat(Path.of("/c4j-escape")).doesNotExist();
    assertThat(Path.of(System.getProperty("user.home"), "c4j-escape")).doesNotExist();
    assertThat(r.exitCode()).isPresent();
  }

  @Test
  void deniedReadsNeverPrintContent() throws IOException {
    Path secrets = scratch.resolve("secrets");
    Files.createDirectories(secrets.resolve("sub"));
    Files.writeString(secrets.resolve("key.pem"), canary);
    Files.writeString(secrets.resolve("sub/nested"), canary);
    Path single = Files.writeString(outside.resolve("token"), canary);
    Path open = Files.writeString(Files.createDirectories(scratch.resolve("secrets/public")).resolve("readme"),
        "public-ok");
    Policy p = policy(Duration.ofSeconds(20), 256, 128, 1 << 20,
        List.of(scratch.resolve("secrets").toString(), single.toString()), List.of(open.getParent().toString()));
    ToolResult r = sh(p, "cat '" + secrets + "/key.pem' '" + secrets + "/sub/nested' '" + single + "';"
        + " ls -la '" + secrets + "'; find '" + scratch + "' -type f -exec cat {} + ; cat '" + open + "'");
    assertThat(all(r)).doesNotContain(canary).contains("public-ok");
  }

  @Test
  void globDenyReadHidesMatchesInsideTheWorkdir() throws IOException {
    Files.writeString(Files.createDirectories(work.resolve("a/b")).resolve("id.pem"), canary);
    Files.writeString(work.resolve("top.pem"), canary);
    Files.writeString(work.resolve("plain.txt"), "plain-ok");
    Policy p = policy(Duration.ofSeconds(20), 256, 128, 1 << 20, List.of("**/*.pem"), List.of());
    ToolResult r = sh(p, "cat a/b/id.pem top.pem plain.txt; cp a/b/id.pem copy; cat copy");
    assertThat(all(r)).doesNotContain(canary).contains("plain-ok");
    assertThat(work.resolve("a/b/id.pem")).as("the host file is untouched").hasContent(canary);
  }

  @Test
  void onlyAllowlistedEnvironmentIsVisible() {
    ToolResult r = sh("env; echo ---; tr '\\0' '\\n' < /proc/1/environ; echo ---; cat /proc/self/environ | tr '\\0'"
        + " '\\n'");
    Set<String> names = new TreeSet<>();
    for (String line : r.stdout().split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0 && !line.startsWith(" ")) {
        names.add(line.substring(0, eq));
      }
    }
    Set<String> unexpected = names.stream()
        .filter(n -> !ALLOWED_ENV.contains(n) && !n.startsWith("LC_") && !backendEnvironment().contains(n))
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(unexpected).as("names outside the allowlist in env or /proc/1/environ").isEmpty();
    assertThat(r.stdout()).contains("C4J_SET=visible");
    for (Map.Entry<String, String> e : System.getenv().entrySet()) {
      if (!ALLOWED_ENV.contains(e.getKey()) && !e.getKey().startsWith("LC_") && e.getValue().length() >= 6) {
        assertThat(r.stdout()).as("host variable %s", e.getKey()).doesNotContain(e.getKey() + "=");
      }
    }
  }

  /**
   * Limits this backend cannot enforce on its platform (for example {@code memoryMb} on macOS, which has no cgroups and
   * ignores {@code RLIMIT_AS}); their tests are skipped with the reason instead of failing. None by default.
   */
  protected Set<String> unenforcedLimits() {
    return Set.of();
  }

  /**
   * Kernel settings the sandbox may change because they belong to a kernel of its own (gVisor's Sentry implements
   * these per sandbox; the host's are never reached); none by default, since bwrap shares the host's kernel.
   */
  protected Set<String> sandboxOwnedKernelSettings() {
    return Set.of();
  }

  /** Extra variables this backend sets itself (for example a proxy's); none by default. */
  protected Set<String> backendEnvironment() {
    return Set.of();
  }

  @Test
  void hostProcessesAreInvisible() {
    long jvm = ProcessHandle.current().pid();
    ToolResult r = sh("for d in /proc/[0-9]*; do printf '%s ' \"${d#/proc/}\"; tr '\\0' ' ' < $d/cmdline; echo;"
        + " done");
    assertThat(r.stdout()).doesNotContain("java").doesNotContain("surefire").doesNotContain("failsafe");
    assertThat(r.stdout().lines().count()).as("processes visible inside").isLessThan(10);
    assertThat(sh("kill -0 " + jvm + " && echo REACHED").stdout()).doesNotContain("REACHED");
  }

  @Test
  void tcpToAHostLoopbackListenerIsUnreachable() throws IOException {
    try (ServerSocket server = new ServerSocket()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      server.setSoTimeout(300);
      int port = server.getLocalPort();
      List<String> hosts = new ArrayList<>(List.of("127.0.0.1", "localhost"));
      hostAddress().ifPresent(hosts::add);
      StringBuilder script = new StringBuilder();
      for (String h : hosts) {
        script.append("/usr/bin/python3 -c 'import socket,sys; s=socket.create_connection((sys.argv[1],")
            .append(port).append("),2); print(\"CONNECTED\")' ").append(h).append(" 2>&1; ");
      }
      ToolResult r = sh(script.toString());
      assertThat(r.stdout()).doesNotContain("CONNECTED");
      assertThat(acceptsNothing(server)).as("the host listener saw no connection").isTrue();
    }
  }

  private static java.util.Optional<String> hostAddress() throws IOException {
    for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (ni.isUp() && !ni.isLoopback()) {
        for (InetAddress a : Collections.list(ni.getInetAddresses())) {
          if (a instanceof java.net.Inet4Address) {
            return java.util.Optional.of(a.getHostAddress());
          }
        }
      }
    }
    return java.util.Optional.empty();
  }

  private static boolean acceptsNothing(ServerSocket server) throws IOException {
    try {
      server.accept().close();
      return false;
    } catch (SocketTimeoutException expected) {
      return true;
    }
  }

  @Test
  void dnsResolutionFails() {
    ToolResult r = sh("getent hosts repo1.maven.org && echo RESOLVED; /usr/bin/python3 -c 'import socket;"
        + " print(\"RESOLVED\", socket.getaddrinfo(\"repo1.maven.org\", 443))' 2>&1");
    assertThat(r.stdout()).doesNotContain("RESOLVED");
  }

  @Test
  void hostUnixSocketsAreUnreachable() throws IOException {
    Path dir = Files.createDirectories(outside.resolve("sock"));
    Path path = dir.resolve("agent.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(path));
      server.configureBlocking(false);
      ToolResult r = sh("/usr/bin/python3 -c 'import socket,sys; s=socket.socket(socket.AF_UNIX);"
          + " s.connect(sys.argv[1]); print(\"CONNECTED\")' '" + path + "' 2>&1;"
          + " /usr/bin/python3 -c 'import socket; a,b=socket.socketpair(); a.send(b\"x\");"
          + " print(\"PAIR\", b.recv(1))'");
      assertThat(r.stdout()).doesNotContain("CONNECTED").as("socketpair stays usable").contains("PAIR b'x'");
      assertThat(server.accept()).as("the host socket accepted nothing").isNull();
    }
  }

  /** A host socket in the writable workdir (an agent or IDE socket left there) is as unreachable as any other. */
  @Test
  void hostUnixSocketsInTheWorkdirAreUnreachable() throws IOException {
    Path path = work.resolve("ide.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(path));
      server.configureBlocking(false);
      ToolResult r = sh("/usr/bin/python3 -c 'import socket; s=socket.socket(socket.AF_UNIX);"
          + " s.connect(\"ide.sock\"); s.send(b\"x\"); print(\"CONNECTED\")' 2>&1");
      assertThat(r.stdout()).doesNotContain("CONNECTED");
      assertThat(server.accept()).as("the host socket accepted nothing").isNull();
    }
  }

  /** Signals: a host process (a child of this JVM) survives the tool's attempts to kill it by pid and with -1. */
  @Test
  void signalsDoNotReachHostProcesses() throws Exception {
    Process victim = new ProcessBuilder("/bin/sleep", "120").start();
    try {
      long pid = victim.pid();
      ToolResult r = sh("kill -TERM " + pid + " 2>&1; kill -KILL " + pid + " 2>&1; kill -KILL -1 2>&1; echo tried");
      assertThat(r.stdout()).contains("tried");
      assertThat(victim.waitFor(300, java.util.concurrent.TimeUnit.MILLISECONDS)).as("host process still alive")
          .isFalse();
    } finally {
      victim.destroyForcibly();
    }
  }

  /**
   * The workdir's files stay on the host after the call. A sandbox of a root-run host owns them as the host's root, so
   * a set-user-ID file it left there would be a root shell for every local user; no call may set a set-user-ID or
   * set-group-ID bit (chmod, install -m, a creating open, O_TMPFILE, mknod). Checked on the host side.
   */
  @Test
  void setIdBitsCannotBeSet() throws IOException {
    ToolResult r = sh("cp /bin/true ./s1; chmod u+s ./s1; chmod 4755 ./s1; chmod g+s ./s1; install -m 6755 /bin/true"
        + " ./s2; mkdir -p ./d1; chmod g+s ./d1; chmod 755 ./s1 && echo plain-chmod-ok;"
        + " python3 -c \"import os\nfor f in (os.O_CREAT|os.O_WRONLY, os.O_TMPFILE|os.O_WRONLY):\n"
        + "  try: os.close(os.open('s3' if f & os.O_CREAT else '.', f, 0o4755))\n  except OSError: pass\n"
        + "try: os.mknod('s4', 0o104755)\nexcept OSError: pass\" 2>/dev/null; echo tried");
    assertThat(r.stdout()).contains("tried").contains("plain-chmod-ok");
    try (Stream<Path> walk = Files.walk(work)) {
      List<String> setId = walk.filter(p -> {
        try {
          int mode = (Integer) Files.getAttribute(p, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
          return (mode & 06000) != 0;
        } catch (IOException e) {
          return false;
        }
      }).map(Path::toString).toList();
      assertThat(setId).as("files with a set-user-ID or set-group-ID bit left in the workdir").isEmpty();
    }
  }

  /**
   * {@code kill(0)} signals the caller's process group, and the kernel does not stop a process group at a pid
   * namespace: a sandbox left in the host's group could signal the host process that started it (and everything in
   * its group). SIGCONT harms nobody, so a defect shows as a trapped signal, not as a killed test JVM.
   */
  @Test
  void signalsToTheProcessGroupStayInside() throws Exception {
    Path got = scratch.resolve("victim-got-signal");
    Process victim = new ProcessBuilder("/bin/sh", "-c", "trap 'echo got > \"$0\"' CONT; while :; do sleep 0.05;"
        + " done", got.toString()).start();
    try {
      Thread.sleep(100);
      ToolResult r = sh("trap '' CONT; kill -CONT 0; kill -CONT -" + ProcessHandle.current().pid() + " 2>/dev/null;"
          + " echo tried");
      assertThat(r.stdout()).contains("tried");
      Thread.sleep(300);
      assertThat(got).as("a host process got the sandbox's process-group signal").doesNotExist();
    } finally {
      victim.destroyForcibly();
    }
  }

  /**
   * {@code kill(-1, SIGKILL)} and then {@code kill(0, SIGKILL)} from inside: the first reaches only the sandbox's own
   * processes (pid namespace), the second only its own process group. The kernel does not stop a process group at a
   * pid namespace, so a sandbox left in its host's process group kills that host (measured: without bwrap's
   * {@code --new-session} or the launcher's own process group, the shell that started bwrap died). Run from a
   * {@link TerminalHost} JVM, so that a defect kills that JVM, not this one and the build that started it.
   */
  @Test
  void killingItsProcessGroupAndEverythingFromInsideLeavesTheHostAlive() throws Exception {
    String out = underTerminal("kill -KILL -1 2>/dev/null; echo AFTER_KILL_ALL; kill -KILL 0; echo NOT_REACHED");
    assertThat(out).contains("AFTER_KILL_ALL").doesNotContain("NOT_REACHED").contains("VICTIM_ALIVE=true")
        .contains("HOST_JVM_ALIVE");
  }

  /**
   * The host JVM has a real controlling terminal (a pseudo-terminal of {@code script}): the sandbox can neither open
   * it ({@code /dev/tty}: write escape sequences, read keystrokes, {@code tcsetpgrp} it to its own group), nor reach
   * it through its standard descriptors, and {@code TIOCSTI} is refused even on a terminal the sandbox made its own
   * controlling terminal (session and pseudo-terminal of its own, where the kernel itself allows it: bubblewrap's
   * seccomp filter refuses it with EPERM, gVisor's kernel does not implement it).
   */
  @Test
  void theHostsControllingTerminalCannotBeOpenedOrInjected() throws Exception {
    String out = underTerminal("( : < /dev/tty ) 2>/dev/null && echo TTY_READ_OPENED;"
        + " ( echo hi > /dev/tty ) 2>/dev/null && echo TTY_WRITE_OPENED;"
        + " /usr/bin/python3 -c 'import fcntl, os, pty, signal, termios\n"
        + "signal.signal(signal.SIGTTOU, signal.SIG_IGN)\n"
        + "for fd in (0, 1, 2):\n"
        + "  try:\n    fcntl.ioctl(fd, termios.TIOCSTI, b\"x\"); print(\"TIOCSTI_OK\", fd)\n  except OSError: pass\n"
        + "  try:\n    os.tcsetpgrp(fd, os.getpgrp()); print(\"TIOCSPGRP_OK\", fd)\n  except OSError: pass\n"
        + "pid, master = pty.fork()\n"
        + "if pid == 0:\n"
        + "  try:\n    fcntl.ioctl(0, termios.TIOCSTI, b\"x\"); os.write(1, b\"TIOCSTI_OWN_TTY_OK\\n\")\n"
        + "  except OSError as e: os.write(1, b\"TIOCSTI_OWN_TTY_REFUSED %d\\n\" % e.errno)\n"
        + "  os._exit(0)\n"
        + "os.waitpid(pid, 0)\n"
        + "os.set_blocking(master, False)\n"
        + "try:\n  got = os.read(master, 1000)\nexcept OSError:\n  got = b\"\"\n"
        + "print(got.decode(errors=\"replace\").replace(\"\\r\", \"\"))';"
        + " echo DONE");
    assertThat(out).as("the host JVM must have a controlling terminal, or nothing was tested").contains("HOST_TTY=ok");
    assertThat(out).contains("DONE").doesNotContain("TTY_READ_OPENED").doesNotContain("TTY_WRITE_OPENED")
        .doesNotContain("TIOCSTI_OK").doesNotContain("TIOCSPGRP_OK").doesNotContain("TIOCSTI_OWN_TTY_OK")
        .contains("TIOCSTI_OWN_TTY_REFUSED").contains("HOST_JVM_ALIVE");
  }

  /**
   * Runs {@code script} in a sandbox of this backend from a {@link TerminalHost} JVM under {@code script -qec} (a
   * session, process group and pseudo-terminal of its own); returns what it printed. Linux with util-linux's
   * {@code script} only (a visible skip elsewhere).
   */
  private String underTerminal(String script) throws Exception {
    Path scriptTool = Path.of("/usr/bin/script");
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getProperty("os.name", "").startsWith("Linux")
        && Files.isExecutable(scriptTool), "needs Linux and util-linux's /usr/bin/script (a pseudo-terminal)");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(scriptTool.toString(), "-qec",
        "exec \"$C4J_JAVA\" -Xmx256m -cp \"$C4J_CP\" " + TerminalHost.class.getName()
            + " \"$C4J_BACKEND\" \"$C4J_WORK\" \"$C4J_SCRIPT\"", "/dev/null").redirectErrorStream(true);
    Map<String, String> env = pb.environment();
    env.put("SHELL", "/bin/sh");
    env.put("C4J_JAVA", javaBin);
    env.put("C4J_CP", System.getProperty("java.class.path"));
    env.put("C4J_BACKEND", backend.name());
    env.put("C4J_WORK", work.toString());
    env.put("C4J_SCRIPT", script);
    Process p = pb.start();
    try {
      // its output is short (a pipe's buffer holds it): wait first, so that a hang fails instead of blocking
      assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).as("the terminal host ended").isTrue();
      return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).replace("\r", "");
    } finally {
      p.getOutputStream().close();
      p.destroyForcibly();
    }
  }

  /**
   * What a denyRead mask hides stays hidden in the mount tables too: no file name under a denied directory shows in
   * {@code /proc/self/mountinfo} or {@code /proc/mounts}, and the backend's own host paths (launch files, state) do
   * not name the canary.
   */
  @Test
  void mountTablesRevealNothingUnderDeniedPaths() throws IOException {
    Path secret = Files.createDirectories(scratch.resolve("secret"));
    Files.writeString(secret.resolve(canary + ".key"), canary);
    Policy p = policy(Duration.ofSeconds(20), 256, 128, 1 << 20, List.of(secret.toString()), List.of());
    ToolResult r = sh(p, "cat /proc/self/mountinfo /proc/mounts 2>&1; ls -a '" + secret + "' 2>&1;"
        + " cat '" + secret + "'/* 2>&1");
    assertThat(all(r)).doesNotContain(canary);
  }

  @Test
  void symlinksDoNotLeadOut() throws IOException {
    Path target = Files.writeString(outside.resolve("victim"), "original");
    Path secret = Files.writeString(Files.createDirectories(scratch.resolve("secret")).resolve("s"), canary);
    Files.createSymbolicLink(work.resolve("planted"), secret);
    Policy p = policy(Duration.ofSeconds(20), 256, 128, 1 << 20, List.of(secret.getParent().toString()), List.of());
    ToolResult r = sh(p, "ln -s '" + outside + "' out; echo x > out/new; echo x >> out/victim;"
        + " ln -sf '" + target + "' v; echo pwned > v; cat planted; ln -s /etc/passwd pw; echo x >> pw");
    assertThat(outside.resolve("new")).doesNotExist();
    assertThat(target).hasContent("original");
    assertThat(all(r)).doesNotContain(canary);
  }

  @Test
  void hardLinksDoNotLeadOut() throws IOException {
    Path target = Files.writeString(outside.resolve("victim"), "original");
    Path secret = Files.writeString(Files.createDirectories(scratch.resolve("secret")).resolve("s"), canary);
    Policy p = policy(Duration.ofSeconds(20), 256, 128, 1 << 20, List.of(secret.toString()), List.of());
    ToolResult r = sh(p, "ln '" + target + "' hl && echo x >> hl; ln '" + secret + "' hs && cat hs");
    assertThat(target).hasContent("original");
    assertThat(all(r)).doesNotContain(canary);
  }

  @Test
  void protectedFilesStayUnchangedAndNoPlaceholdersRemain() throws IOException {
    Files.createDirectories(work.resolve(".git/hooks"));
    Files.writeString(work.resolve(".git/config"), "[core]\n");
    Files.writeString(work.resolve(".bashrc"), "# rc\n");
    Set<String> before = listing(work);
    Map<String, String> state = protectedState(work);
    ToolResult r = sh("for f in .bashrc .bash_profile .profile .zshrc .zprofile .gitmodules .mcp.json"
        + " .containment.yaml .git/config; do echo 'evil' >> $f; done;"
        + " echo evil > .git/hooks/pre-commit; mkdir -p .vscode .idea; echo '{}' > .vscode/settings.json;"
        + " echo x > .idea/workspace.xml; rm -rf .git/hooks; echo ok > normal.txt");
    assertThat(work.resolve("normal.txt")).as("positive control").hasContent("ok");
    assertThat(work.resolve(".git/config")).hasContent("[core]");
    assertThat(work.resolve(".bashrc")).hasContent("# rc");
    assertThat(work.resolve(".git/hooks")).isEmptyDirectory();
    Set<String> after = listing(work);
    after.remove("normal.txt");
    assertThat(after).as("no placeholder files left behind").isEqualTo(before);
    assertThat(protectedState(work)).isEqualTo(state);
    assertThat(r.exitCode()).isPresent();
  }

  @Test
  void renameTricksDoNotUnprotect() throws IOException {
    Files.createDirectories(work.resolve(".git/hooks"));
    Files.writeString(work.resolve(".git/config"), "[core]\n");
    Map<String, String> before = protectedState(work);
    sh("mv .git .g; mkdir -p .g/hooks; echo evil > .g/hooks/pre-commit; echo evil >> .g/config; mv .g .git;"
        + " mkdir .git2; echo '[core] fsmonitor=evil' > .git2/config; mv .git .git-old; mv -T .git2 .git;"
        + " mv .git/hooks .git/h; mkdir .git/hooks; echo evil > .git/hooks/post-checkout;"
        + " mv .mcp.json m; echo evil > m; mv -T m .mcp.json; mkdir v; echo '{}' > v/settings.json; mv -T v .vscode;"
        + " cd ..; mv work w2");
    assertThat(protectedState(work)).isEqualTo(before);
    assertThat(work).as("the workdir itself was not renamed away").isDirectory();
  }

  /**
   * The host's own code inside the workdir (an agent host started with {@code java -jar} from the project it works
   * on): the jar on its class path, a jar its manifest's {@code Class-Path} names and a boot class path addition
   * cannot be overwritten, removed or renamed away from inside, or the host would run what a call left there on its
   * next start. A {@link TerminalHost} JVM started with those jars is the host (this JVM's code is elsewhere).
   */
  @Test
  void theHostsOwnCodeInTheWorkdirCannotBeReplaced() throws Exception {
    Files.createDirectories(work.resolve("app/lib"));
    List<Path> code = List.of(jar(work.resolve("app/app.jar"), "lib/dep.jar"), jar(work.resolve("app/lib/dep.jar"),
        null), jar(work.resolve("boot.jar"), null));
    Map<Path, String> before = new java.util.HashMap<>();
    for (Path p : code) {
      before.put(p, java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
    }
    String script = "for f in app/app.jar app/lib/dep.jar boot.jar; do echo evil > $f; echo evil >> $f; rm -f $f;"
        + " mv $f $f.x; ln -sf /bin/sh $f; done; mv app/lib app/lib2; mkdir -p app/lib; echo evil > app/lib/dep.jar;"
        + " mv app app2; mkdir app; echo evil > app/app.jar; echo ok > normal.txt";
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(javaBin, "-Xmx256m", "-Xbootclasspath/a:" + work.resolve("boot.jar"), "-cp",
        work.resolve("app/app.jar") + java.io.File.pathSeparator + System.getProperty("java.class.path"),
        TerminalHost.class.getName(), backend.name(), work.toString(), script).redirectErrorStream(true).start();
    String out;
    try {
      p.getOutputStream().close();
      assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).as("the host JVM ended").isTrue();
      out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      p.destroyForcibly();
    }
    assertThat(out).as(out).contains("HOST_JVM_ALIVE");
    assertThat(work.resolve("normal.txt")).as("positive control: the call ran in this workdir: " + out).hasContent("ok");
    for (Path c : code) {
      assertThat(Files.isRegularFile(c, java.nio.file.LinkOption.NOFOLLOW_LINKS)).as(c + " " + out).isTrue();
      assertThat(java.util.HexFormat.of().formatHex(Files.readAllBytes(c))).as(c.toString()).isEqualTo(before.get(c));
      assertThat(c.resolveSibling(c.getFileName() + ".x")).doesNotExist();
    }
    assertThat(work.resolve("app2")).doesNotExist();
    assertThat(work.resolve("app/lib2")).doesNotExist();
  }

  /** An empty jar at {@code at}, with a manifest naming {@code classPath} when it is not null. */
  private static Path jar(Path at, String classPath) throws IOException {
    java.util.jar.Manifest m = new java.util.jar.Manifest();
    m.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
    if (classPath != null) {
      m.getMainAttributes().put(java.util.jar.Attributes.Name.CLASS_PATH, classPath);
    }
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(at), m)) {
      out.putNextEntry(new java.util.jar.JarEntry("c4j-host-code.txt"));
      out.write(at.getFileName().toString().getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return at;
  }

  /** Existence and content of every protected name in {@code dir} (directories listed recursively). */
  protected static Map<String, String> protectedState(Path dir) throws IOException {
    Map<String, String> state = new java.util.TreeMap<>();
    for (String name : List.of(".bashrc", ".bash_profile", ".profile", ".zshrc", ".zprofile", ".git", ".git/hooks",
        ".git/config", ".gitmodules", ".mcp.json", ".vscode", ".idea", ".containment.yaml")) {
      Path p = dir.resolve(name);
      if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !name.equals(".git")) {
        try (Stream<Path> walk = Files.walk(p)) {
          state.put(name, walk.map(x -> p.relativize(x).toString()).sorted().collect(Collectors.joining(",")));
        }
      } else if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        state.put(name, Files.readString(p));
      } else {
        state.put(name, Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? "<other>" : "<absent>");
      }
    }
    return state;
  }

  @Test
  void aMissingGitDirectoryCannotBeCreated() throws IOException {
    Set<String> before = listing(work);
    sh("git init -q . 2>/dev/null; mkdir -p .git/hooks; echo evil > .git/hooks/pre-commit; echo ok > normal.txt");
    Set<String> after = listing(work);
    after.remove("normal.txt");
    assertThat(after).isEqualTo(before);
  }

  private static Set<String> listing(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.map(p -> dir.relativize(p).toString()).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  @Test
  void nestedUserNamespacesAreRefused() {
    ToolResult r = sh("unshare -Ur true && echo NESTED; unshare -U true && echo NESTED2");
    assertThat(r.stdout()).doesNotContain("NESTED");
  }

  /**
   * Kernel settings under /proc are global: a sandbox whose uid is the host's root (an agent host run as root, as in
   * CI images) passes their owner-write check without any capability, and bwrap leaves /proc/sys writable when its
   * own access() probe of the directory fails. Opening for append writes nothing, so the probe changes nothing even
   * where it finds a hole; the control file proves the probe detects writable files.
   */
  @Test
  void kernelSettingsCannotBeChanged() {
    ToolResult r = sh("n=0; control=$(mktemp); for f in $(find /proc/sys -type f 2>/dev/null) /proc/sysrq-trigger"
        + " /proc/sys/kernel/core_pattern /proc/sys/kernel/modprobe /proc/sys/vm/drop_caches \"$control\"; do"
        + " [ -e \"$f\" ] || continue; n=$((n+1)); ( : >> \"$f\" ) 2>/dev/null && echo \"WRITABLE $f\"; done;"
        + " echo \"tried $n\"");
    assertThat(r.stdout()).contains("WRITABLE /tmp/");
    assertThat(r.stdout().lines().filter(l -> l.startsWith("WRITABLE /proc"))
        .map(l -> l.substring("WRITABLE ".length())).filter(f -> !sandboxOwnedKernelSettings().contains(f))).isEmpty();
    assertThat(r.stdout()).containsPattern("tried [1-9]");
  }

  @Test
  void procTricksDoNotEscape() throws IOException {
    Path secret = Files.writeString(Files.createDirectories(scratch.resolve("secret")).resolve("s"), canary);
    Policy p = policy(Duration.ofSeconds(20), 256, 128, 1 << 20, List.of(secret.getParent().toString()), List.of());
    ToolResult r = sh(p, "cat /proc/self/root'" + secret + "' /proc/1/root'" + secret + "' /proc/1/cwd/../secret/s;"
        + " echo x > /proc/self/root'" + outside + "/f'; echo x > /proc/1/root'" + outside + "/g'; ls /proc/1/root/");
    assertThat(all(r)).doesNotContain(canary);
    assertThat(outside).isEmptyDirectory();
  }

  @Test
  void hostTmpIsInvisibleAndPrivateTmpIsWritable() throws IOException {
    Path hostTmp = Files.createTempFile("c4j-host-", ".txt");
    try {
      Files.writeString(hostTmp, canary);
      ToolResult r = sh("cat '" + hostTmp + "'; f=$(mktemp) && echo tmp-ok > \"$f\" && cat \"$f\"; echo \"TMPDIR=$TMPDIR\"");
      assertThat(all(r)).doesNotContain(canary).contains("tmp-ok");
    } finally {
      Files.deleteIfExists(hostTmp);
    }
  }

  @Test
  void backgroundChildrenDieWithTheCall() {
    String marker = Long.toString(900_000 + (System.nanoTime() % 90_000));
    ToolResult r = sh("sleep " + marker + " & (setsid sleep " + marker + ".5 &) ; nohup sleep " + marker
        + ".7 >/dev/null 2>&1 & echo started");
    assertThat(r.stdout()).contains("started");
    assertThat(survivors(marker)).as("processes left running after the call").isEmpty();
  }

  private static List<String> survivors(String marker) {
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    List<String> found;
    do {
      found = ProcessHandle.allProcesses()
          .map(h -> h.info().commandLine().orElse(""))
          .filter(c -> c.contains("sleep " + marker))
          .toList();
      if (found.isEmpty()) {
        return found;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return found;
      }
    } while (System.nanoTime() < deadline);
    return found;
  }

  @Test
  void wallTimeLimitEndsTheTreeWith124() {
    String marker = Long.toString(800_000 + (System.nanoTime() % 90_000));
    long t0 = System.nanoTime();
    ToolResult r = sh(policy(Duration.ofSeconds(2), 256, 128, 1 << 20, List.of(), List.of()),
        "sleep " + marker + " & sleep " + marker + ".1");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    assertThat(r.exitCode()).hasValue(124);
    assertThat(r.timedOut()).isTrue();
    assertThat(survivors(marker)).isEmpty();
  }

  @Test
  void memoryLimitIsEnforced() {
    org.assertj.core.api.Assumptions.assumeThat(unenforcedLimits())
        .as("%s cannot enforce memoryMb on this platform", backend.id()).doesNotContain("memoryMb");
    ToolResult r = sh(policy(Duration.ofSeconds(20), 64, 128, 1 << 20, List.of(), List.of()),
        "/usr/bin/python3 -c 'b = bytearray(512 * 1024 * 1024); b[::4096] = b\"x\" * len(b[::4096]);"
            + " print(\"ALLOCATED\")'");
    assertThat(r.stdout()).doesNotContain("ALLOCATED");
    assertThat(r.exitCode()).isPresent().isNotEqualTo(java.util.OptionalInt.of(0));
    assertThat(limitNames(r)).contains("memoryMb");
  }

  @Test
  void pidsLimitBoundsAForkBomb() {
    ToolResult r = sh(policy(Duration.ofSeconds(20), 256, 32, 1 << 20, List.of(), List.of()),
        "/usr/bin/python3 -c '\nimport os, time\nn = 0\nfor i in range(300):\n  try:\n    pid = os.fork()\n"
            + "  except OSError:\n    break\n  if pid == 0:\n    time.sleep(30)\n    os._exit(0)\n  n += 1\n"
            + "print(\"forked\", n)'");
    String out = r.stdout().strip();
    assertThat(out).startsWith("forked ");
    assertThat(Integer.parseInt(out.substring("forked ".length()))).isLessThan(32);
    assertThat(limitNames(r)).contains("pids");
  }

  @Test
  void outputIsCapped() {
    ToolResult r = sh(policy(Duration.ofSeconds(20), 256, 128, 10_000, List.of(), List.of()),
        "head -c 3000000 /dev/zero | tr '\\0' a");
    assertThat(r.stdout().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(10_000);
    assertThat(r.truncated()).isTrue();
    assertThat(limitNames(r)).contains("outputBytes", "wallSeconds");
  }

  private static List<String> limitNames(ToolResult r) {
    return r.isolation().limits().stream().map(IsolationReport.EnforcedLimit::name).toList();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Session 7: inherited state, kernel surface, work left behind, host-side traps, network. Each prints what it saw
  // and is judged on the host side.
  // ---------------------------------------------------------------------------------------------------------------

  /**
   * System calls that may succeed because the backend answers them from a kernel of the sandbox's own (gVisor's
   * Sentry), so they reach nothing of the host's; none by default, since bwrap shares the host's kernel.
   */
  protected Set<String> sandboxOwnedCalls() {
    return Set.of();
  }

  /**
   * Devices the backend emulates in a kernel of the sandbox's own (gVisor's {@code /dev/fuse} and
   * {@code /dev/net/tun}, served by the Sentry, unusable without capabilities); none by default.
   */
  protected Set<String> sandboxOwnedDevices() {
    return Set.of();
  }

  /** Runs a Python 3 program (fed through a quoted here-document, so nothing in it is expanded by the shell). */
  protected ToolResult py(Policy policy, String... lines) {
    return sh(policy, "/usr/bin/python3 -c \"$(cat <<'PY'\n" + String.join("\n", lines) + "\nPY\n)\" 2>&1");
  }

  protected ToolResult py(String... lines) {
    return py(policy(), lines);
  }

  private static void assumeX8664() {
    org.assertj.core.api.Assumptions.assumeThat(System.getProperty("os.arch"))
        .as("the system call numbers are x86_64's").isIn("amd64", "x86_64");
  }

  /**
   * Descriptors of the JVM, the launcher or the runtime must not reach the tool: its shell holds exactly stdin,
   * stdout and stderr. The sandbox's pid 1, when it is not the tool itself (bwrap's init, gVisor's session init),
   * holds nothing that opens from inside: every descriptor it has is {@code /dev/null}, a pipe, a socket or an
   * anonymous inode, or cannot be opened at all. Checked in a one-shot call and in a session's second call (a session
   * keeps one sandbox, and its init, across calls).
   */
  @Test
  void onlyTheStandardStreamsReachTheTool() {
    String script = "echo \"SHELLPID $$\"; for f in /proc/$$/fd/*; do [ -e \"$f\" ] && echo \"SELF ${f##*/}"
        + " $(readlink \"$f\")\"; done; /usr/bin/python3 -c \"$(cat <<'PY'\nimport os\n"
        + "for fd in os.listdir('/proc/1/fd'):\n"
        + "    p = '/proc/1/fd/' + fd\n    try: t = os.readlink(p)\n    except OSError: t = '?'\n"
        + "    for mode in (os.O_RDONLY, os.O_WRONLY | os.O_APPEND):\n"
        + "        try: os.close(os.open(p, mode | os.O_NONBLOCK)); print('INIT', fd, t); break\n"
        + "        except OSError: pass\nPY\n)\" 2>&1; echo done";
    checkDescriptors(sh(script));
    try (Containment c = Containment.with(policy()).withWorkdir(work)
        .withGuard((call, ctx) -> Verdict.allow(Layer.GUARD, "", "", "escape suite: isolation only"))
        .withFilter((text, ctx) -> FilterResult.pass(text));
        dev.containment4j.ContainmentSession session = c.openSession()) {
      assertThat(session.run(ToolCall.command("/bin/true")).exitCode()).hasValue(0);
      checkDescriptors(session.run(ToolCall.command("/bin/sh", "-c", script)));
    }
  }

  private static void checkDescriptors(ToolResult r) {
    assertThat(r.stdout()).as(r.stderr()).contains("done");
    List<String> self = r.stdout().lines().filter(l -> l.startsWith("SELF ")).toList();
    assertThat(self).as("the tool's descriptors").extracting(l -> l.split(" ")[1])
        .containsExactlyInAnyOrder("0", "1", "2");
    if (r.stdout().contains("SHELLPID 1\n")) {
      return; // the tool is pid 1 itself (a gVisor one-shot): its descriptors were checked above
    }
    List<String> initLeaks = r.stdout().lines().filter(l -> l.startsWith("INIT "))
        .filter(l -> !l.matches("INIT \\d+ (/dev/null|pipe:.*|socket:.*|anon_inode:.*)")).toList();
    assertThat(initLeaks).as("descriptors of the sandbox's pid 1 that open from inside").isEmpty();
  }

  /**
   * The controlling terminal: none inside ({@code /dev/tty} does not open), and no descriptor accepts
   * {@code TIOCSTI}, which would push keystrokes into the host's shell (CVE-2017-5226).
   */
  @Test
  void noTerminalAcceptsInjectedInput() {
    ToolResult r = sh("( : < /dev/tty ) 2>/dev/null && echo TTY_OPENED;"
        + " /usr/bin/python3 -c 'import fcntl, termios\nfor fd in (0, 1, 2):\n  try:\n"
        + "    fcntl.ioctl(fd, termios.TIOCSTI, b\"x\"); print(\"TIOCSTI_OK\", fd)\n  except OSError: pass';"
        + " echo done");
    assertThat(r.stdout()).contains("done").doesNotContain("TTY_OPENED").doesNotContain("TIOCSTI_OK");
  }

  /**
   * No process visible inside carries the host's environment or command lines: {@code /proc/*}{@code /environ} and
   * {@code /proc/*}{@code /cmdline} of every process, the sandbox's pid 1 (bwrap's init, the runtime's init)
   * included, hold nothing of the JVM's.
   */
  @Test
  void noVisibleProcessCarriesTheHostsEnvironmentOrCommandLine() {
    ToolResult r = sh("for d in /proc/[0-9]*; do echo \"== $d\"; tr '\\0' '\\n' < $d/environ 2>/dev/null;"
        + " tr '\\0' ' ' < $d/cmdline 2>/dev/null; echo; done");
    String out = r.stdout();
    assertThat(out).contains("== /proc/1");
    for (Map.Entry<String, String> e : System.getenv().entrySet()) {
      if (!ALLOWED_ENV.contains(e.getKey()) && !e.getKey().startsWith("LC_") && e.getValue().length() >= 8
          && !backendEnvironment().contains(e.getKey()) && !visibleAnyway(e.getValue())) {
        assertThat(out).as("value of the host's $%s", e.getKey()).doesNotContain(e.getValue());
      }
    }
    assertThat(out).doesNotContain("surefire").doesNotContain("failsafe")
        .doesNotContain("containment-launcher");
  }

  /** A host value that reaches the sandbox legitimately: part of the workdir's path or of an allowlisted variable. */
  private boolean visibleAnyway(String value) {
    if (work.toString().contains(value)) {
      return true;
    }
    return ALLOWED_ENV.stream().map(System::getenv).anyMatch(v -> v != null && v.contains(value));
  }

  /**
   * The kernel's attack surface: every call here either gives the host's kernel to the tool (io_uring, userfaultfd,
   * perf events, bpf, the "shocker" file-handle calls), changes global state (time, reboot, swap, modules, kexec),
   * or changes the sandbox's own construction (mounts, namespaces, root). Each must fail, unless the backend answers
   * it from a kernel of the sandbox's own ({@link #sandboxOwnedCalls()}). The arguments are valid, so a call that is
   * reached and allowed succeeds and shows as {@code ok}; a failure's errno is printed for the docs.
   */
  @Test
  void kernelAttackSurfaceIsRefused() {
    assumeX8664();
    ToolResult r = py(
        "import ctypes, errno, os, struct, time",
        "libc = ctypes.CDLL(None, use_errno=True)",
        "libc.syscall.restype = ctypes.c_long",
        "def call(name, nr, *args):",
        "    conv = [a if isinstance(a, (bytes, ctypes.Array)) else ctypes.c_long(a) for a in args]",
        "    r = libc.syscall(nr, *conv)",
        "    e = ctypes.get_errno()",
        "    print('CALL', name, 'ok' if r >= 0 else errno.errorcode.get(e, str(e)))",
        "    return r",
        "buf = lambda n: ctypes.create_string_buffer(n)",
        "call('io_uring_setup', 425, 4, buf(120))",
        "call('userfaultfd', 323, 0)",
        "attr = buf(128); struct.pack_into('IIQ', attr, 0, 1, 128, 0)",
        "call('perf_event_open', 298, attr, 0, -1, -1, 0)",
        "mattr = buf(72); struct.pack_into('IIII', mattr, 0, 2, 4, 4, 1)",
        "call('bpf', 321, 0, mattr, 72)",
        "h = buf(8 + 128); struct.pack_into('I', h, 0, 128); mid = buf(4)",
        "r = call('name_to_handle_at', 303, -100, b'/etc/passwd', h, mid, 0)",
        "call('open_by_handle_at', 304, os.open('/', os.O_RDONLY), h, 0)",
        "call('mount', 165, b'none', b'/tmp', b'tmpfs', 0, 0)",
        "call('umount2', 166, b'/proc', 2)",
        "call('pivot_root', 155, b'.', b'.')",
        "call('chroot', 161, b'/tmp')",
        "call('unshare_mount', 272, 0x20000)",
        "call('unshare_user', 272, 0x10000000)",
        "call('unshare_net', 272, 0x40000000)",
        "for ns in ('net', 'mnt', 'pid', 'user', 'uts', 'ipc', 'cgroup'):",
        "    try: fd = os.open('/proc/1/ns/' + ns, os.O_RDONLY)",
        "    except OSError as e: print('CALL setns_' + ns, 'open:' + errno.errorcode.get(e.errno, '?')); continue",
        "    call('setns_' + ns, 308, fd, 0)",
        "call('keyctl_session', 250, 0, -3, 1)",
        "call('add_key', 248, b'user', b'c4j', b'x', 1, -3)",
        "call('request_key', 249, b'user', b'c4j', 0, -3)",
        "call('kexec_load', 246, 0, 0, 0, 0)",
        "call('reboot_cad_on', 169, 0xfee1dead, 0x28121969, 0x89abcdef, 0)",
        "open('/tmp/c4j-file', 'w').close()",
        "call('swapon', 167, b'/tmp/c4j-file', 0)",
        "call('init_module', 175, b'\\0' * 64, 64, b'')",
        "tv = buf(16); libc.gettimeofday(tv, None)",
        "call('settimeofday', 164, tv, 0)",
        "call('acct', 163, b'/tmp/c4j-file')",
        "call('iopl', 172, 3)",
        "call('ptrace_attach_1', 101, 16, 1, 0, 0)",
        "call('process_vm_readv_1', 310, 1, buf(16), 1, buf(16), 1, 0)",
        "call('syslog_read', 103, 3, buf(4096), 4096)",
        "call('mknod_char', 133, b'c4j-null', 0o20666, os.makedev(1, 3))",
        "call('mknod_block', 133, b'c4j-disk', 0o60666, os.makedev(8, 0))",
        "call('personality_read_implies_exec', 135, 0x0400000)",
        "print('done')");
    assertThat(r.stdout()).as(r.stderr()).contains("done");
    // personality changes only how this process maps memory; it is listed to document it, not refused
    List<String> allowed = r.stdout().lines().filter(l -> l.startsWith("CALL ") && l.endsWith(" ok"))
        .map(l -> l.split(" ")[1]).filter(n -> !sandboxOwnedCalls().contains(n))
        .filter(n -> !n.equals("personality_read_implies_exec")).toList();
    assertThat(allowed).as("calls the sandbox was allowed to make:\n%s", r.stdout()).isEmpty();
    assertThat(work.resolve("c4j-null")).doesNotExist();
    assertThat(work.resolve("c4j-disk")).doesNotExist();
  }

  /** No capability, no way to gain one (no_new_privs), and a seccomp filter on the tool itself. */
  @Test
  void capabilitiesAreEmptyNoNewPrivsIsSetAndSeccompFilters() {
    String status = sh("cat /proc/self/status; /usr/bin/python3 -c 'import ctypes; print(\"NNP\","
        + " ctypes.CDLL(None).prctl(39, 0, 0, 0, 0))'").stdout();
    for (String set : List.of("CapInh", "CapPrm", "CapEff", "CapBnd")) {
      assertThat(status).as(set).containsPattern(set + ":\\s+0+\\n");
    }
    if (status.contains("CapAmb:")) {
      assertThat(status).containsPattern("CapAmb:\\s+0+\\n"); // gVisor's /proc does not show it
    }
    assertThat(status).as("PR_GET_NO_NEW_PRIVS").contains("NNP 1\n").containsPattern("Seccomp:\\s+2");
  }

  /**
   * {@code /proc/self/exe} and {@code /proc/1/exe} lead to the binaries of the tool and of the sandbox's init
   * (bwrap itself, opened through the host's mount; the runtime's init): opening them for writing, directly or
   * through an {@code O_PATH} descriptor re-opened by {@code /proc/self/fd} (CVE-2019-5736), must change nothing on
   * the host.
   */
  @Test
  void binariesCannotBeOverwrittenThroughProc() throws Exception {
    String paths = sh("readlink /proc/self/exe /proc/1/exe; readlink -f /bin/sh /usr/bin/python3").stdout();
    Map<Path, String> before = new java.util.TreeMap<>();
    for (String line : paths.lines().toList()) {
      Path p = Path.of(line.strip());
      if (p.isAbsolute() && Files.isRegularFile(p)) {
        before.put(p, sha256(p));
      }
    }
    assertThat(before).as("binaries named by the sandbox: %s", paths).isNotEmpty();
    ToolResult r = py("import os",
        "for p in ('/proc/self/exe', '/proc/1/exe'):",
        "    try:",
        "        fd = os.open(p, os.O_WRONLY | os.O_APPEND); os.write(fd, b'C4J'); print('WROTE', p)",
        "    except OSError as e: print('refused', p, e.errno)",
        "    try:",
        "        o = os.open(p, os.O_PATH)",
        "        fd = os.open('/proc/self/fd/%d' % o, os.O_WRONLY | os.O_APPEND); os.write(fd, b'C4J');"
            + " print('WROTE_OPATH', p)",
        "    except OSError as e: print('refused', p, e.errno)",
        "print('done')");
    // gVisor's root is a private overlay: a write there copies the file up and leaves the host's as it was
    assertThat(r.stdout()).contains("done");
    for (Map.Entry<Path, String> e : before.entrySet()) {
      assertThat(sha256(e.getKey())).as("host binary %s", e.getKey()).isEqualTo(e.getValue());
    }
  }

  private static String sha256(Path p) throws Exception {
    java.security.MessageDigest d = java.security.MessageDigest.getInstance("SHA-256");
    return java.util.HexFormat.of().formatHex(d.digest(Files.readAllBytes(p)));
  }

  /**
   * {@code /sys} (and with it the cgroup tree, where a process could move itself out of its memory and pids limits)
   * is read-only: no file under it opens for writing. Opening for append writes nothing; the control file proves the
   * probe detects a writable file.
   */
  @Test
  void sysAndTheCgroupTreeCannotBeWritten() {
    ToolResult r = py("import os",
        "n = 0",
        "ctl = '/tmp/c4j-control'; open(ctl, 'w').close()",
        "def probe(f):",
        "    global n",
        "    n += 1",
        "    try:",
        "        os.close(os.open(f, os.O_WRONLY | os.O_APPEND | os.O_NONBLOCK | os.O_NOFOLLOW)); print('WRITABLE', f)",
        "    except OSError: pass",
        "probe(ctl)",
        "for top in ('/sys/fs/cgroup', '/sys/kernel', '/sys/module', '/sys/power', '/sys/class', '/sys/devices',"
            + " '/sys/firmware', '/sys/fs', '/sys/block', '/sys/bus'):",
        "    for root, dirs, files in os.walk(top):",
        "        for f in files:",
        "            if n < 60000: probe(os.path.join(root, f))",
        "print('tried', n)");
    assertThat(r.stdout()).contains("WRITABLE /tmp/c4j-control").containsPattern("tried [1-9]");
    assertThat(r.stdout().lines().filter(l -> l.startsWith("WRITABLE /sys"))).isEmpty();
  }

  /**
   * {@code /dev} holds only what a tool needs: no block device, no raw memory, KVM, disks, input, sound or GPU;
   * every character device is one of the harmless pseudo devices.
   */
  @Test
  void devHoldsOnlyPseudoDevices() {
    ToolResult r = py("import os, stat",
        "for root, dirs, files in os.walk('/dev'):",
        "    for f in files + dirs:",
        "        p = os.path.join(root, f)",
        "        try: s = os.lstat(p)",
        "        except OSError: continue",
        "        if stat.S_ISBLK(s.st_mode): print('BLOCK', p)",
        "        if stat.S_ISCHR(s.st_mode): print('CHAR', p, os.major(s.st_rdev), os.minor(s.st_rdev))",
        "print('done')");
    assertThat(r.stdout()).contains("done");
    assertThat(r.stdout().lines().filter(l -> l.startsWith("BLOCK "))).as("block devices").isEmpty();
    // major 1: null zero full random urandom (1:1 is /dev/mem, 1:2 kmem, 1:4 port: not allowed); 5: tty, ptmx;
    // 136-143: the sandbox's own pseudo terminals
    List<String> unexpected = r.stdout().lines().filter(l -> l.startsWith("CHAR ")).filter(l -> {
      String[] f = l.split(" ");
      int major = Integer.parseInt(f[2]);
      int minor = Integer.parseInt(f[3]);
      return !(major == 1 && Set.of(3, 5, 7, 8, 9).contains(minor)) && !(major == 5 && (minor == 0 || minor == 2))
          && !(major >= 136 && major <= 143);
    }).toList();
    assertThat(unexpected).as("character devices beyond the pseudo devices")
        .allMatch(l -> sandboxOwnedDevices().contains(l.split(" ")[1]));
  }

  /**
   * The files that name the host machine ({@code /etc/hostname}, the systemd and D-Bus machine ids, the kernel's boot
   * id) show generated values: a tool cannot tell which machine it runs on or link two runs to one host, and the
   * generated machine id stays the same across the calls of one {@link Containment}, as a machine's does.
   */
  @Test
  void theHostsIdentityFilesShowGeneratedValues() throws IOException {
    List<String> files = List.of("/etc/hostname", "/etc/machine-id", "/var/lib/dbus/machine-id",
        "/proc/sys/kernel/random/boot_id", "/proc/cmdline");
    List<String> hostValues = new ArrayList<>();
    for (String f : files) {
      if (Files.isReadable(Path.of(f))) {
        hostValues.add(Files.readString(Path.of(f)).strip());
      }
    }
    hostValues.add(InetAddress.getLocalHost().getHostName());
    assertThat(hostValues).as("this host has no identity file to hide, so the test would prove nothing")
        .hasSizeGreaterThan(1);
    String script = "for f in " + String.join(" ", files) + "; do echo \"== $f\"; cat \"$f\" 2>&1; done;"
        + " echo \"== uname $(uname -n)\"";
    ToolResult first;
    ToolResult second;
    try (Containment c = Containment.with(policy()).withWorkdir(work)
        .withGuard((call, ctx) -> Verdict.allow(Layer.GUARD, "", "", "escape suite: isolation only"))
        .withFilter((text, ctx) -> FilterResult.pass(text))) {
      first = c.run(ToolCall.command("/bin/sh", "-c", script));
      second = c.run(ToolCall.command("/bin/sh", "-c", script));
    }
    assertThat(first.isolation().backend()).isEqualTo(backend.id());
    assertThat(first.stdout()).contains("== uname " + HostIdentity.SANDBOX_HOSTNAME);
    for (String v : hostValues) {
      if (!v.isEmpty() && !v.equals(HostIdentity.SANDBOX_HOSTNAME)) {
        assertThat(first.stdout().lines().map(String::strip)).as("the host's value %s inside", v).doesNotContain(v);
      }
    }
    assertThat(machineIdIn(first.stdout())).as("the generated machine id stays across calls")
        .isEqualTo(machineIdIn(second.stdout()));
  }

  /** The line after {@code == /etc/machine-id} (the generated id, or the error that file gives). */
  private static String machineIdIn(String out) {
    List<String> lines = out.lines().toList();
    int i = lines.indexOf("== /etc/machine-id");
    return i >= 0 && i + 1 < lines.size() ? lines.get(i + 1) : "";
  }

  /** {@code /dev/shm} is the sandbox's own: the host's shared memory files are invisible and nothing lands there. */
  @Test
  void devShmIsNotTheHosts() throws IOException {
    Path shm = Path.of("/dev/shm");
    org.assertj.core.api.Assumptions.assumeThat(Files.isDirectory(shm) && Files.isWritable(shm))
        .as("the host has a writable /dev/shm").isTrue();
    String name = "c4j-escape-" + UUID.randomUUID();
    Path planted = Files.writeString(shm.resolve(name), canary);
    try {
      ToolResult r = sh("ls -a /dev/shm; cat /dev/shm/c4j-escape-* 2>&1; echo x > /dev/shm/" + name
          + "-in 2>/dev/null; echo done");
      assertThat(all(r)).contains("done").doesNotContain(canary).doesNotContain(name);
      assertThat(shm.resolve(name + "-in")).doesNotExist();
    } finally {
      Files.deleteIfExists(planted);
      Files.deleteIfExists(shm.resolve(name + "-in"));
    }
  }

  /**
   * Work left behind: a double-forked {@code setsid} daemon that ignores SIGTERM and SIGHUP, a {@code nohup} child,
   * a loop that keeps forking new children, and whatever {@code systemd-run} or {@code at} would start through the
   * host's service managers. Nothing of it may run on the host once the call returned.
   */
  @Test
  void daemonsRespawnersAndServiceManagersLeaveNothingRunning() {
    String marker = Long.toString(700_000 + (System.nanoTime() % 90_000));
    ToolResult r = sh("(trap '' TERM HUP INT; setsid sh -c \"trap '' TERM HUP; while :; do sleep " + marker
        + "; done\" </dev/null >/dev/null 2>&1 &) ;"
        + " nohup sh -c \"trap '' TERM HUP; sleep " + marker + ".1\" </dev/null >/dev/null 2>&1 &"
        + " sh -c \"while :; do (sleep " + marker + ".2 &); sleep 0.01; done\" </dev/null >/dev/null 2>&1 &"
        + " systemd-run --unit=c4j-" + marker + " sleep " + marker + ".3 </dev/null >/dev/null 2>&1;"
        + " systemd-run --user --unit=c4j-" + marker + " sleep " + marker + ".4 </dev/null >/dev/null 2>&1;"
        + " echo sleep " + marker + ".5 | at now </dev/null >/dev/null 2>&1;"
        + " sleep 0.3; echo started");
    assertThat(r.stdout()).contains("started");
    assertThat(survivors(marker)).as("processes left running after the call").isEmpty();
  }

  /**
   * Git traps for the host's next {@code git} in the workdir. {@code .git/config} and {@code .git/hooks} are
   * read-only inside, but git reads its configuration from elsewhere when told so by files the tool can write:
   * {@code .git/commondir} moves the config and hooks to a directory of the tool's choosing, and a {@code .git} that
   * is no longer a valid repository (its {@code HEAD} garbled, or {@code objects}/{@code refs} gone) makes git take
   * the workdir itself for a bare repository, whose {@code config} the tool wrote. Each trap's
   * {@code core.fsmonitor} would run on the host. Git works inside during the call (positive control).
   */
  @Test
  void gitTrapsForTheHostsNextGitDoNotRun() throws Exception {
    Path git = Path.of("/usr/bin/git");
    org.assertj.core.api.Assumptions.assumeThat(Files.isExecutable(git)).as("git on the host").isTrue();
    hostGit("init", "-q", ".");
    Files.writeString(work.resolve("f"), "tracked\n");
    hostGit("add", "f");
    hostGit("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "init");
    String config = "[core]\\n\\trepositoryformatversion = 0\\n\\tbare = false\\n\\tworktree = " + work
        + "\\n\\tfsmonitor = touch " + scratch + "/TRAP-%s\\n";
    List<String> traps = List.of(
        "mkdir -p .git/evil && cp -r .git/objects .git/refs .git/HEAD .git/evil/ && printf '" + config.formatted(
            "commondir") + "' > .git/evil/config && echo evil > .git/commondir",
        "mkdir -p objects refs && echo 'ref: refs/heads/main' > HEAD && printf '" + config.formatted("head")
            + "' > config && echo garbage > .git/HEAD",
        "mkdir -p objects refs && echo 'ref: refs/heads/main' > HEAD && printf '" + config.formatted("refs")
            + "' > config && rm -rf .git/refs",
        "mkdir -p objects refs && echo 'ref: refs/heads/main' > HEAD && printf '" + config.formatted("objects")
            + "' > config && mv .git/objects .git/o2");
    for (String trap : traps) {
      ToolResult r = sh("git status --porcelain >/dev/null 2>&1 && echo GIT_WORKS; " + trap + "; echo planted");
      assertThat(r.stdout()).as(r.stderr()).contains("GIT_WORKS", "planted");
      hostGit("status", "--porcelain");
      hostGit("log", "--oneline", "-1");
    }
    try (Stream<Path> s = Files.list(scratch)) {
      assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("TRAP-")).toList())
          .as("trap commands the host's git ran").isEmpty();
    }
  }

  /** Runs the host's git in the workdir, as a user's shell would, without the user's global configuration. */
  private String hostGit(String... args) throws Exception {
    return hostGitIn(work, args);
  }

  /** As {@link #hostGit}, in {@code dir}. */
  private String hostGitIn(Path dir, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("/usr/bin/git"));
    argv.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("HOME", scratch.toString());
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    // a workdir git does not take for a repository must not lead it to the repository this build runs in
    pb.environment().put("GIT_CEILING_DIRECTORIES", scratch.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    return out;
  }

  /**
   * Links created in a directory that is renamed while the call runs lead nowhere outside either: the rename moves
   * the links, not the mounts that stop them.
   */
  @Test
  void linksInADirectoryRenamedMidCallDoNotLeadOut() throws IOException {
    Path victim = Files.writeString(outside.resolve("victim"), "original");
    ToolResult r = sh("mkdir d; ln -s '" + victim + "' d/sym; ln '" + victim + "' d/hard 2>/dev/null; mv d e;"
        + " echo x >> e/sym; echo x >> e/hard 2>/dev/null; mkdir -p f; mv e f/g; echo y >> f/g/sym;"
        + " ln -s '" + outside + "' f/out; mv f h; echo z > h/out/new; echo done");
    assertThat(r.stdout()).contains("done");
    assertThat(victim).hasContent("original");
    assertThat(outside.resolve("new")).doesNotExist();
  }

  /**
   * Special files a tool can leave in the workdir for the host: device nodes would give whoever reads them later
   * the host's devices; FIFOs, sockets, sparse files and names with control characters are harmless to the library
   * (it never reads the workdir after a call) and are documented for host code that does.
   */
  @Test
  void noDeviceNodesCanBeLeftInTheWorkdir() throws IOException {
    sh("mknod c4j-c c 1 3 2>/dev/null; mknod c4j-b b 8 0 2>/dev/null; mkfifo c4j-fifo; echo done");
    try (Stream<Path> walk = Files.walk(work)) {
      List<String> devices = walk.filter(p -> {
        try {
          int mode = (Integer) Files.getAttribute(p, "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
          int type = mode & 0170000;
          return type == 0020000 || type == 0060000;
        } catch (IOException e) {
          return false;
        }
      }).map(Path::toString).toList();
      assertThat(devices).as("device nodes left in the workdir").isEmpty();
    }
  }

  /**
   * Abstract Unix sockets (X11's {@code @/tmp/.X11-unix/X0}, D-Bus, agents) have no file to hide: they belong to a
   * network namespace. A host listener on one must accept nothing from inside.
   */
  @Test
  void abstractUnixSocketsOfTheHostAreUnreachable() throws Exception {
    String name = "c4j-escape-" + UUID.randomUUID();
    Process listener = new ProcessBuilder("/usr/bin/python3", "-c", "import socket, sys\n"
        + "s = socket.socket(socket.AF_UNIX); s.bind('\\0' + sys.argv[1]); s.listen(1); print('ready', flush=True)\n"
        + "s.settimeout(30)\ntry:\n  c, _ = s.accept(); print('ACCEPTED', flush=True)\nexcept OSError: pass", name)
        .redirectErrorStream(true).start();
    try {
      java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(listener.getInputStream(),
          StandardCharsets.UTF_8));
      assertThat(out.readLine()).isEqualTo("ready");
      ToolResult r = py("import socket",
          "for n in ('" + name + "', '/tmp/.X11-unix/X0', '/tmp/dbus-c4j'):",
          "    try:",
          "        s = socket.socket(socket.AF_UNIX); s.settimeout(2); s.connect('\\0' + n); print('CONNECTED', n)",
          "    except OSError as e: print('refused', n, e.errno)",
          "print('done')");
      assertThat(r.stdout()).contains("done").doesNotContain("CONNECTED");
      Thread.sleep(200);
      StringBuilder seen = new StringBuilder();
      while (out.ready()) {
        seen.append(out.readLine()).append('\n');
      }
      assertThat(seen).as("what the host listener printed").doesNotContain("ACCEPTED");
      assertThat(listener.isAlive()).as("the listener was still listening").isTrue();
    } finally {
      listener.destroyForcibly();
    }
  }

  /**
   * Raw and packet sockets (sniffing, spoofing) are refused, and what netlink shows is the sandbox's own network:
   * only {@code lo}, none of the host's interfaces.
   */
  @Test
  void rawPacketSocketsAreRefusedAndNetlinkSeesOnlyLoopback() {
    ToolResult r = py("import socket",
        "for name, fam, typ, proto in (('packet', 17, socket.SOCK_RAW, 0x0300), ('raw_icmp', socket.AF_INET,"
            + " socket.SOCK_RAW, 1), ('raw6', socket.AF_INET6, socket.SOCK_RAW, 58), ('raw_tcp', socket.AF_INET,"
            + " socket.SOCK_RAW, 6)):",
        "    try: socket.socket(fam, typ, proto); print('OPENED', name)",
        "    except OSError as e: print('refused', name, e.errno)",
        "print('IFACES', sorted(n for _, n in socket.if_nameindex()))");
    assertThat(r.stdout()).doesNotContain("OPENED").contains("IFACES ['lo']");
  }

  /** The host's IPv6 loopback is as unreachable as its IPv4 one. */
  @Test
  void ipv6LoopbackOfTheHostIsUnreachable() throws IOException {
    InetAddress v6 = InetAddress.getByName("::1");
    try (ServerSocket server = new ServerSocket()) {
      try {
        server.bind(new InetSocketAddress(v6, 0));
      } catch (IOException e) {
        org.assertj.core.api.Assumptions.assumeThat(e).as("the host has no IPv6 loopback").isNull();
      }
      server.setSoTimeout(300);
      ToolResult r = py("import socket",
          "try:",
          "    socket.create_connection(('::1', " + server.getLocalPort() + "), 2); print('CONNECTED')",
          "except OSError as e: print('refused', e.errno)");
      assertThat(r.stdout()).doesNotContain("CONNECTED").contains("refused");
      assertThat(acceptsNothing(server)).as("the host listener saw no connection").isTrue();
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Session 8: the rest of git, resources that hurt the host, processes after a time-out, information leaks.
  // ---------------------------------------------------------------------------------------------------------------

  /**
   * Files and directories the repository's own configuration points into the worktree: {@code core.hooksPath}
   * (husky's {@code .husky}, {@code .githooks}) and {@code include.path} ({@code ../.gitconfig.local}). The
   * configuration is read-only inside, but its targets are ordinary worktree files: a hook planted there runs on the
   * host's next {@code git commit}, an included file's {@code core.fsmonitor} on its next {@code git status}. Tried
   * with the targets present and missing, written directly and by moving the directory away. Git (and the existing
   * hook) still work inside.
   */
  @Test
  void gitConfigurationPathsIntoTheWorktreeAreWriteProtected() throws Exception {
    assumeGit();
    for (boolean present : List.of(true, false)) {
      resetWork();
      hostRepository();
      hostGit("config", "core.hooksPath", "tools/hooks");
      hostGit("config", "include.path", "../.gitconfig.local");
      hostGit("config", "includeIf.gitdir:" + work + "/.path", "../.gitconfig.if");
      if (present) {
        Files.createDirectories(work.resolve("tools/hooks"));
        Files.writeString(work.resolve(".gitconfig.local"), "[user]\n\tname = t\n");
        Files.writeString(work.resolve(".gitconfig.if"), "[user]\n\temail = t@t\n");
        Path hook = Files.writeString(work.resolve("tools/hooks/pre-commit"), "#!/bin/sh\nexit 0\n");
        hook.toFile().setExecutable(true);
      }
      String trap = "touch " + scratch + "/TRAP-%s";
      String hook = "printf '#!/bin/sh\\n" + trap + "\\n' > %s; chmod +x %s";
      List<String> attempts = List.of(
          "mkdir -p tools/hooks; " + hook.formatted("hook", "tools/hooks/pre-commit", "tools/hooks/pre-commit"),
          "mv tools t2 2>/dev/null; mkdir -p tools/hooks && " + hook.formatted("moved", "tools/hooks/pre-commit",
              "tools/hooks/pre-commit"),
          "mv tools/hooks tools/h2 2>/dev/null; mkdir -p tools/hooks && " + hook.formatted("moved2",
              "tools/hooks/pre-commit", "tools/hooks/pre-commit"),
          "printf '[core]\\n\\tfsmonitor = " + trap.formatted("include") + "\\n' >> .gitconfig.local",
          "printf '[core]\\n\\tfsmonitor = " + trap.formatted("includeif") + "\\n' >> .gitconfig.if",
          "rm -f .gitconfig.local; printf '[core]\\n\\tfsmonitor = " + trap.formatted("replaced")
              + "\\n' > .gitconfig.local");
      for (String attempt : attempts) {
        ToolResult r = sh("git status --porcelain >/dev/null 2>&1 && echo GIT_WORKS; " + attempt
            + " 2>/dev/null; echo planted");
        assertThat(r.stdout()).as(r.stderr()).contains("GIT_WORKS", "planted");
        hostGit("status", "--porcelain");
        hostGit("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "host");
      }
      assertThat(traps()).as("trap commands the host's git ran (targets present: %s)", present).isEmpty();
    }
  }

  /**
   * A submodule's git directory ({@code .git/modules/NAME}) holds a config and hooks of its own, and the submodule's
   * worktree names it in a {@code .git} file; the host's {@code git status} recurses into the submodule and runs its
   * {@code core.fsmonitor}. Edit the submodule's config, point its {@code .git} file at a copy of the tool's, or move
   * its git directory away and put another in its place: none may run on the host. The submodule stays usable inside.
   */
  @Test
  void submoduleGitDirectoriesCannotBeRedirected() throws Exception {
    assumeGit();
    hostRepository();
    Path source = Files.createDirectories(scratch.resolve("subsrc"));
    hostGitIn(source, "init", "-q", ".");
    Files.writeString(source.resolve("s"), "sub\n");
    hostGitIn(source, "add", "s");
    hostGitIn(source, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "sub");
    hostGit("-c", "protocol.file.allow=always", "submodule", "add", "-q", source.toString(), "m");
    hostGit("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "add m");
    assertThat(work.resolve(".git/modules/m/config")).exists();
    String fsmonitor = "\\tfsmonitor = touch " + scratch + "/TRAP-%s\\n";
    List<String> attempts = List.of(
        "printf '[core]\\n" + fsmonitor.formatted("config") + "' >> .git/modules/m/config",
        "printf '#!/bin/sh\\ntouch " + scratch + "/TRAP-hook\\n' > .git/modules/m/hooks/pre-commit;"
            + " chmod +x .git/modules/m/hooks/pre-commit",
        "cp -r .git/modules/m .git/modules/evil && printf '[core]\\n" + fsmonitor.formatted("gitfile")
            + "' >> .git/modules/evil/config && echo 'gitdir: ../.git/modules/evil' > m/.git",
        "mv .git/modules/m .git/modules/m-old && cp -r .git/modules/m-old .git/modules/m && printf '[core]\\n"
            + fsmonitor.formatted("moved") + "' >> .git/modules/m/config",
        "mv m m-old && mkdir m && cp m-old/s m/ && cp -r .git/modules/m .git/modules/evil2 && printf '[core]\\n"
            + fsmonitor.formatted("worktree") + "' >> .git/modules/evil2/config"
            + " && echo 'gitdir: ../.git/modules/evil2' > m/.git");
    for (String attempt : attempts) {
      ToolResult r = sh("(cd m && git status --porcelain >/dev/null 2>&1) && echo SUB_WORKS; " + attempt
          + " 2>/dev/null; echo planted");
      assertThat(r.stdout()).as(r.stderr()).contains("SUB_WORKS", "planted");
      hostGit("status", "--porcelain");
      hostGit("diff");
    }
    assertThat(traps()).as("trap commands the host's git ran").isEmpty();
    assertThat(work.resolve(".git/modules/m/hooks/pre-commit")).as("a hook for the host's next commit in m")
        .doesNotExist();
  }

  /**
   * A linked worktree ({@code git worktree add}) outside the workdir keeps its administrative directory in the
   * workdir's {@code .git/worktrees/NAME}: git in that checkout reads config and hooks from where its
   * {@code commondir} points, and its {@code config.worktree}. Neither may be redirected for the host's next
   * {@code git status} there.
   */
  @Test
  void linkedWorktreesOutsideTheWorkdirCannotBeRedirected() throws Exception {
    assumeGit();
    hostRepository();
    Path linked = scratch.resolve("linked");
    hostGit("config", "extensions.worktreeConfig", "true");
    hostGit("worktree", "add", "-q", linked.toString());
    Path admin = work.resolve(".git/worktrees/linked");
    assertThat(admin.resolve("commondir")).exists();
    String config = "[core]\\n\\trepositoryformatversion = 0\\n\\tbare = false\\n\\tfsmonitor = touch " + scratch
        + "/TRAP-%s\\n";
    List<String> attempts = List.of(
        "mkdir -p evil && cp -r .git/objects .git/refs .git/HEAD evil/ && printf '" + config.formatted("commondir")
            + "' > evil/config && echo ../../../evil > .git/worktrees/linked/commondir",
        "printf '" + config.formatted("worktreeconfig").replace("\\trepositoryformatversion = 0\\n\\tbare = false\\n",
            "") + "' > .git/worktrees/linked/config.worktree",
        "mv .git/worktrees/linked .git/worktrees/l2 && mkdir .git/worktrees/linked && cp .git/worktrees/l2/* "
            + ".git/worktrees/linked/ && echo ../../../evil > .git/worktrees/linked/commondir");
    for (String attempt : attempts) {
      ToolResult r = sh("git status --porcelain >/dev/null 2>&1 && echo GIT_WORKS; " + attempt
          + " 2>/dev/null; echo planted");
      assertThat(r.stdout()).as(r.stderr()).contains("GIT_WORKS", "planted");
      hostGitIn(linked, "status", "--porcelain");
    }
    assertThat(traps()).as("trap commands the host's git ran in the linked worktree").isEmpty();
  }

  /**
   * The git traps this library does not stop (a new gitlink in the writable index with a nested repository, a bare
   * repository's layout in a subdirectory) run nothing under the hardened command
   * {@code docs/bubblewrap.md} tells host code to use. Prints which of them the host's plain {@code git status} runs,
   * for the documentation.
   */
  @Test
  void gitTrapsLeftToHostCodeRunNothingUnderTheHardenedCommand() throws Exception {
    assumeGit();
    hostRepository();
    String config = "[core]\\n\\trepositoryformatversion = 0\\n\\tbare = false\\n\\tfsmonitor = touch " + scratch
        + "/TRAP-%s\\n";
    ToolResult r = sh("git init -q sub && printf '" + config.formatted("nested") + "' > sub/.git/config"
        + " && git -C sub -c user.name=t -c user.email=t@t commit -q --allow-empty -m s"
        + " && git update-index --add --cacheinfo 160000,$(git -C sub rev-parse HEAD),sub;"
        + " mkdir -p bare/objects bare/refs && echo 'ref: refs/heads/main' > bare/HEAD && printf '"
        + config.formatted("bare").replace("bare = false", "bare = true") + "' > bare/config; echo planted");
    assertThat(r.stdout()).as(r.stderr()).contains("planted");
    List<String> hardened = List.of("-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "-c",
        "safe.bareRepository=explicit", "-c", "submodule.recurse=false", "-c", "diff.ignoreSubmodules=all");
    List<String> status = new ArrayList<>(hardened);
    status.addAll(List.of("status", "--ignore-submodules=all"));
    hostGit(status.toArray(String[]::new));
    hostGitIn(work.resolve("bare"), status.toArray(String[]::new));
    assertThat(traps()).as("trap commands the hardened host git ran").isEmpty();
    hostGit("status");
    hostGitIn(work.resolve("bare"), "status");
    System.out.println("[escape] git traps the host's plain git status ran: " + traps());
  }

  private static void assumeGit() {
    org.assertj.core.api.Assumptions.assumeThat(Files.isExecutable(Path.of("/usr/bin/git"))).as("git on the host")
        .isTrue();
  }

  /** A repository with one commit in the workdir, made by the host's git. */
  private void hostRepository() throws Exception {
    hostGit("init", "-q", ".");
    Files.writeString(work.resolve("f"), "tracked\n");
    hostGit("add", "f");
    hostGit("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "init");
  }

  private void resetWork() throws IOException {
    try (Stream<Path> walk = Files.walk(work)) {
      for (Path p : walk.sorted(Collections.reverseOrder()).filter(p -> !p.equals(work)).toList()) {
        p.toFile().setWritable(true);
        Files.delete(p);
      }
    }
  }

  /** The TRAP-* files a planted command created in the scratch directory. */
  private List<String> traps() throws IOException {
    try (Stream<Path> s = Files.list(scratch)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("TRAP-")).sorted().toList();
    }
  }

  /**
   * A call that hits its wall limit while its processes try to outlive it: a child subreaper, children that ignore
   * every catchable signal and set a parent-death signal of SIGCONT, a double-forked {@code setsid} daemon, a loop
   * that keeps forking. Checked from the host once the call returned: no such process, no mount of the call's paths in
   * the host's mount table, nothing of the backend left ({@link #hostLeftovers()}).
   */
  @Test
  void aTimedOutCallLeavesNothingOnTheHost() {
    String marker = Long.toString(600_000 + (System.nanoTime() % 90_000));
    ToolResult r = sh(policy(Duration.ofSeconds(2), 256, 128, 1 << 20, List.of(), List.of()), outliving(marker));
    assertThat(r.stdout()).contains("started");
    assertThat(r.timedOut()).isTrue();
    assertThat(r.exitCode()).hasValue(124);
    assertThat(survivors(marker)).as("processes left running after the call").isEmpty();
    assertThat(hostMountsOf(scratch)).as("host mounts of the call's paths").isEmpty();
    assertThat(hostLeftovers()).as("what the backend left on the host").isEmpty();
  }

  /**
   * The same in a session, whose sandbox outlives the call: the next call of the session sees none of the timed-out
   * call's processes, and neither does the host.
   */
  @Test
  void aTimedOutSessionCallLeavesNothingForTheNextCall() {
    String marker = Long.toString(500_000 + (System.nanoTime() % 90_000));
    try (Containment c = Containment.with(policy(Duration.ofSeconds(2), 256, 128, 1 << 20, List.of(), List.of()))
        .withWorkdir(work)
        .withGuard((call, ctx) -> Verdict.allow(Layer.GUARD, "", "", "escape suite: isolation only"))
        .withFilter((text, ctx) -> FilterResult.pass(text));
        dev.containment4j.ContainmentSession session = c.openSession()) {
      String list = "sleep 0.5; for d in /proc/[0-9]*; do grep -qs '^State:.*Z' $d/status && continue;"
          + " tr '\\0' ' ' < $d/cmdline 2>/dev/null; echo; done; echo listed";
      ToolResult r = session.run(ToolCall.command("/bin/sh", "-c", outliving(marker)));
      assertThat(r.timedOut()).as(r.stdout() + r.stderr()).isTrue();
      ToolResult next = session.run(ToolCall.command("/bin/sh", "-c", list));
      assertThat(next.stdout()).contains("listed").doesNotContain("sleep " + marker);
      // a call that ends by itself while its respawning loop keeps forking
      String again = marker + "7";
      ToolResult quick = session.run(ToolCall.command("/bin/sh", "-c", "for i in 1 2 3 4; do sh -c 'while :; do"
          + " (sleep " + again + " &); done' & done; sleep 0.5; echo started"));
      assertThat(quick.stdout()).as(quick.stderr()).contains("started");
      ToolResult after = session.run(ToolCall.command("/bin/sh", "-c", list));
      assertThat(after.stdout()).contains("listed").doesNotContain("sleep " + again);
      assertThat(survivors(marker)).as("processes left running after the call").isEmpty();
    }
  }

  /** A script whose processes try every way to outlive the call, then waits; each sleeps with {@code marker}. */
  private static String outliving(String marker) {
    return "/usr/bin/python3 -c \"$(cat <<'PY'\n"
        + "import ctypes, os, signal, subprocess, time\n"
        + "libc = ctypes.CDLL(None)\n"
        + "libc.prctl(36, 1, 0, 0, 0)  # PR_SET_CHILD_SUBREAPER\n"
        + "for s in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):\n"
        + "    signal.signal(s, signal.SIG_IGN)\n"
        + "for i in range(3):\n"
        + "    if os.fork() == 0:\n"
        + "        libc.prctl(1, int(signal.SIGCONT), 0, 0, 0)  # PR_SET_PDEATHSIG: survive the parent quietly\n"
        + "        os.setsid()\n"
        + "        if os.fork() == 0:\n"
        + "            os.execvp('sh', ['sh', '-c', \"trap '' TERM HUP INT; while :; do sleep " + marker
        + "; done\"])\n"
        + "        os._exit(0)\n"
        + "subprocess.Popen(['sh', '-c', 'while :; do (sleep " + marker + ".1 &); sleep 0.05; done'])\n"
        + "print('started', flush=True)\n"
        + "time.sleep(600)\n"
        + "PY\n)\"";
  }

  /** What the backend left on the host after its {@link Containment} was closed; nothing is checked by default. */
  protected List<String> hostLeftovers() {
    return List.of();
  }

  private static List<String> hostMountsOf(Path p) {
    try {
      return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().filter(l -> l.contains(p.toString()))
          .toList();
    } catch (IOException e) {
      return List.of("cannot read /proc/self/mountinfo: " + e);
    }
  }

  /**
   * Output with no line break, without end, on both streams, with a child that keeps the pipes open: the call ends at
   * its wall limit with both streams capped; the host JVM neither blocks nor buffers more than the cap.
   */
  @Test
  void endlessOutputWithoutLineBreaksIsCappedAndEndsAtTheWallLimit() {
    long t0 = System.nanoTime();
    ToolResult r = sh(policy(Duration.ofSeconds(3), 256, 128, 65_536, List.of(), List.of()),
        "(while :; do printf xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx; done) >&2 &"
            + " exec tr -d '\\n' < /dev/zero");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
    assertThat(r.timedOut()).isTrue();
    assertThat(r.truncated()).isTrue();
    assertThat(r.stdout().length()).isLessThanOrEqualTo(65_536);
    assertThat(r.stderr().length()).isLessThanOrEqualTo(65_536);
  }

  /**
   * Filling the private {@code /tmp} and {@code /dev/shm} (memory file systems) is bounded by the call's memory limit,
   * and what was written does not stay on the host: the host's {@code /dev/shm} and temp directory have as much room
   * after the call as before (within 32 MiB, for other processes of the machine).
   */
  @Test
  void fillingTmpAndDevShmIsBoundedAndLeavesNothing() throws IOException {
    org.assertj.core.api.Assumptions.assumeThat(unenforcedLimits())
        .as("%s cannot enforce memoryMb on this platform", backend.id()).doesNotContain("memoryMb");
    java.nio.file.FileStore shm = Files.getFileStore(Path.of("/dev/shm"));
    java.nio.file.FileStore tmp = Files.getFileStore(Path.of(System.getProperty("java.io.tmpdir")));
    long shmBefore = shm.getUsableSpace();
    long tmpBefore = tmp.getUsableSpace();
    ToolResult r = sh(policy(Duration.ofSeconds(20), 64, 128, 1 << 20, List.of(), List.of()),
        "for d in /tmp /dev/shm; do head -c 400000000 /dev/zero > $d/fill 2>/dev/null && echo FILLED $d;"
            + " done; echo done");
    assertThat(r.stdout()).doesNotContain("FILLED");
    long slack = 32L << 20;
    assertThat(shm.getUsableSpace()).as("room on the host's /dev/shm").isGreaterThan(shmBefore - slack);
    assertThat(tmp.getUsableSpace()).as("room in the host's temp directory").isGreaterThan(tmpBefore - slack);
  }

  /**
   * Descriptor and process-table exhaustion, an argument list and environment too big for exec, and thousands of
   * files in {@code /tmp} stay the call's problem: the next call of the same backend runs normally.
   */
  @Test
  void exhaustionInsideLeavesTheNextCallWorking() {
    ToolResult r = py(policy(Duration.ofSeconds(20), 256, 64, 1 << 20, List.of(), List.of()),
        "import os, resource, subprocess",
        "soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)",
        "try: resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))",
        "except (ValueError, OSError): pass",
        "fds = []",
        "try:",
        "    while len(fds) < 100000: fds.append(os.open('/dev/null', os.O_RDONLY))",
        "except OSError: pass",
        "print('fds', len(fds))",
        "for fd in fds: os.close(fd)",
        "for i in range(20000): open('/tmp/f%d' % i, 'w').close()",
        "try: subprocess.run(['/bin/true', 'x' * (4 << 20)]); print('HUGE_ARGV_RAN')",
        "except OSError as e: print('argv', e.errno)",
        "try: subprocess.run(['/bin/true'], env={'X': 'y' * (4 << 20)}); print('HUGE_ENV_RAN')",
        "except OSError as e: print('env', e.errno)",
        "print('done')");
    assertThat(r.stdout()).as(r.stderr()).contains("done").containsPattern("fds [1-9]");
    assertThat(sh("echo next-ok").stdout()).isEqualTo("next-ok\n");
  }

  /**
   * What the sandbox learns about the host: none of its network interfaces or hardware addresses
   * ({@code /sys/class/net} shows the sysfs mounter's network namespace), none of its firmware tables or serial
   * numbers (root-only files a sandbox of a root-run host could read), no {@code /proc} entry of the JVM, and none of
   * the agent, desktop and session sockets' variables.
   */
  @Test
  void hostInterfacesFirmwareAndSessionDetailsAreNotVisible() throws Exception {
    List<String> secrets = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!ni.isLoopback()) {
        names.add(ni.getName());
        byte[] mac = ni.getHardwareAddress();
        if (mac != null && mac.length == 6) {
          secrets.add(java.util.HexFormat.ofDelimiter(":").formatHex(mac));
        }
      }
    }
    for (String f : List.of("/sys/class/dmi/id/product_uuid", "/sys/class/dmi/id/product_serial",
        "/sys/class/dmi/id/board_serial", "/sys/class/dmi/id/chassis_serial")) {
      try {
        String v = Files.readString(Path.of(f)).strip();
        if (v.length() >= 8) {
          secrets.add(v);
        }
      } catch (IOException | RuntimeException unreadable) {
        // not on this host, or not readable by the test: nothing to compare
      }
    }
    try {
      byte[] dsdt = Files.readAllBytes(Path.of("/sys/firmware/acpi/tables/DSDT"));
      secrets.add(java.util.HexFormat.of().formatHex(dsdt, 0, Math.min(36, dsdt.length)));
    } catch (IOException | RuntimeException unreadable) {
      // no ACPI tables here
    }
    try {
      Files.readAllLines(Path.of("/etc/shadow")).stream().map(l -> l.split(":"))
          .filter(f -> f.length > 1 && f[1].startsWith("$")).forEach(f -> secrets.add(f[1]));
    } catch (IOException | RuntimeException notRoot) {
      // the test does not run as root: the sandbox cannot read it either
    }
    // the session runtime directories ($XDG_RUNTIME_DIR: podman's registry credentials, agent sockets)
    Path runtime = null;
    if (Files.isDirectory(Path.of("/run/user")) && Files.isWritable(Path.of("/run/user"))) {
      runtime = Files.createDirectories(Path.of("/run/user", "c4j-" + UUID.randomUUID(), "containers"));
      Files.writeString(runtime.resolve("auth.json"), canary);
    }
    long jvm = ProcessHandle.current().pid();
    ToolResult r;
    try {
      r = py("import os, binascii",
        "def walk(top):",
        "    for root, dirs, files in os.walk(top):",
        "        for f in files:",
        "            p = os.path.join(root, f)",
        "            try:",
        "                with open(p, 'rb') as fh: data = fh.read(4096)",
        "            except OSError: continue",
        "            print('FILE', p, data.decode('ascii', 'replace').strip(), binascii.hexlify(data[:36]).decode())",
        "for d in ('/sys/class/net', '/sys/devices/virtual/net'):",
        "    try: print('LIST', d, sorted(os.listdir(d)))",
        "    except OSError as e: print('LIST', d, 'refused', e.errno)",
        "for top in ('/sys/class/net/', '/sys/class/dmi', '/sys/devices/virtual/dmi', '/sys/firmware'):",
        "    walk(top)",
        "for p in ('/proc/" + jvm + "/cmdline', '/proc/" + jvm + "/environ'):",
        "    try:",
        "        with open(p, 'rb') as fh: print('PROC', p, fh.read().replace(b'\\0', b' ').decode('ascii', 'replace'))",
        "    except OSError as e: print('PROC', p, 'refused', e.errno)",
        "for v in ('SSH_AUTH_SOCK', 'XDG_RUNTIME_DIR', 'DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY'):",
        "    print('ENV', v, os.environ.get(v))",
        "for top in ('/run/user',):",
        "    walk(top)",
        "for f in ('/etc/shadow', '/etc/gshadow'):",
        "    try: print('ETC', f, open(f).read())",
        "    except OSError as e: print('ETC', f, 'refused', e.errno)",
        "print('done')");
    } finally {
      if (runtime != null) {
        Files.deleteIfExists(runtime.resolve("auth.json"));
        Files.deleteIfExists(runtime);
        Files.deleteIfExists(runtime.getParent());
      }
    }
    String out = r.stdout();
    assertThat(out).as("a file in a session runtime directory").doesNotContain(canary);
    assertThat(out).as(r.stderr()).contains("done");
    for (String line : out.lines().filter(l -> l.startsWith("LIST ")).toList()) {
      for (String name : names) {
        assertThat(line).as("host interface %s", name).doesNotContain("'" + name + "'");
      }
    }
    for (String s : secrets) {
      assertThat(out).as("a host hardware identifier").doesNotContainIgnoringCase(s);
    }
    assertThat(out.lines().filter(l -> l.startsWith("PROC ")))
        .allMatch(l -> l.contains(" refused ") || (!l.contains("java") && !l.contains("surefire")
            && !l.contains("failsafe")), "the JVM's /proc entries stay invisible");
    assertThat(out.lines().filter(l -> l.startsWith("ENV "))).allMatch(l -> l.endsWith(" None"));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Session 9: one call plants, a later call or the host is the victim; the kernel's information and device files.
  // ---------------------------------------------------------------------------------------------------------------

  /** {@code base} with these {@code denyWrite} entries and this audit file. */
  protected static Policy withDenyWriteAndAudit(Policy base, List<String> denyWrite, java.util.Optional<Path> audit) {
    Policy.Isolation i = base.isolation();
    Policy.Filesystem fs = i.filesystem();
    Policy.Filesystem f = new Policy.Filesystem(fs.workdir(), fs.allowWrite(), fs.denyRead(), fs.allowRead(),
        denyWrite, fs.hideHome(), fs.tmp());
    Policy.Isolation iso = new Policy.Isolation(i.backend(), f, i.limits(), i.env(), i.backends());
    return new Policy(base.source(), iso, base.network(), base.guard(), base.content(), base.trust(),
        new Policy.Audit(audit));
  }

  /**
   * A {@code denyRead} file and a {@code denyWrite} file below a subdirectory of the workdir. Their masks are mounts,
   * which cannot be renamed, but a directory above them could be: the mount moves with it, and the next call plans the
   * policy's paths, finds nothing there, and shows the moved secret unmasked (or the host reads a replaced file at
   * the protected name). Call 1 moves the directories away (also behind a symlink), call 2 (a new
   * {@code Containment}) looks everywhere; on the host both files are still where the policy names them, unchanged.
   */
  @Test
  void protectionsBelowTheWorkdirHoldAfterTheirDirectoriesAreMovedBetweenCalls() throws IOException {
    Path secretFile = Files.writeString(Files.createDirectories(work.resolve("conf/keys")).resolve("secret.env"),
        canary);
    Path settings = Files.writeString(work.resolve("conf/settings.json"), "original");
    Path secretDir = Files.createDirectories(work.resolve("data/private/vault"));
    Files.writeString(secretDir.resolve("token"), canary);
    Policy p = withDenyWriteAndAudit(policy(Duration.ofSeconds(20), 256, 128, 1 << 20,
        List.of(secretFile.toString(), secretDir.toString()), List.of()), List.of(settings.toString()),
        java.util.Optional.empty());
    ToolResult first = sh(p, "mv conf c2 && echo MOVED-conf; mv conf/keys conf/k3 && echo MOVED-keys;"
        + " mv data d2 && echo MOVED-data; mv data/private data/p2 && echo MOVED-private;"
        + " mkdir -p conf/keys; echo evil > conf/settings.json; ln -s ../d2 data2; echo planted");
    ToolResult second = sh(p, "cat c2/keys/secret.env conf/k3/secret.env conf/keys/secret.env 2>&1;"
        + " find . \\( -name secret.env -o -name token \\) -exec cat {} + 2>&1; echo looked");
    System.out.println("[escape] moving the directories above masks: " + first.stdout().replace('\n', ' '));
    assertThat(first.stdout()).as(first.stderr()).contains("planted");
    assertThat(second.stdout()).as(second.stderr()).contains("looked");
    assertThat(all(first) + all(second)).as("a masked secret seen by a later call").doesNotContain(canary);
    assertThat(secretFile).as("the secret stays where the policy names it").hasContent(canary);
    assertThat(secretDir.resolve("token")).hasContent(canary);
    assertThat(settings).as("the denyWrite file the host reads").hasContent("original");
  }

  /**
   * The host appends an audit line to {@code audit.jsonl} after each call; with the policy's audit file in the
   * workdir (the documented {@code ./containment-audit.jsonl} of a CLI run in the project), a call replaces it with a
   * symlink to a host file, or a FIFO, and the next {@code Containment} (a new CLI process) opens it: it must neither
   * write through the link nor block, and the call's audit must not vanish.
   */
  @Test
  void theAuditFileInTheWorkdirCannotBeRedirectedOrMadeToBlock() throws Exception {
    Path victim = Files.writeString(outside.resolve("victim"), "original\n");
    Path audit = work.resolve("audit.jsonl");
    Policy p = withDenyWriteAndAudit(policy(), List.of(), java.util.Optional.of(audit));
    sh(p, "echo first");
    assertThat(audit).as("positive control: the audit file is written").isNotEmptyFile();
    ToolResult link = sh(p, "rm -f audit.jsonl && ln -s '" + victim + "' audit.jsonl && echo LINKED;"
        + " mv audit.jsonl a2 && echo MOVED; echo tampered >> audit.jsonl && echo APPENDED; echo done");
    ToolResult next = within60s(() -> sh(p, "echo next"));
    ToolResult fifo = within60s(() -> sh(p, "rm -f audit.jsonl; mkfifo audit.jsonl && echo FIFO; echo done"));
    ToolResult last = within60s(() -> sh(p, "echo after"));
    System.out.println("[escape] audit file swap: " + (link.stdout() + fifo.stdout()).replace('\n', ' '));
    assertThat(next.stdout() + last.stdout()).as("later calls run, and the host did not block").contains("next")
        .contains("after");
    assertThat(victim).as("a host file outside the workdir").hasContent("original\n");
    assertThat(link.stdout() + fifo.stdout()).doesNotContain("LINKED").doesNotContain("MOVED")
        .doesNotContain("APPENDED").doesNotContain("FIFO");
    assertThat(Files.isRegularFile(audit, java.nio.file.LinkOption.NOFOLLOW_LINKS)).isTrue();
    assertThat(Files.readString(audit)).as("the audit of the earlier calls").doesNotContain("tampered").contains("{");
  }

  private static ToolResult within60s(java.util.function.Supplier<ToolResult> call) throws Exception {
    return java.util.concurrent.CompletableFuture.supplyAsync(call).get(60, java.util.concurrent.TimeUnit.SECONDS);
  }

  /**
   * What a call leaves in its private {@code /tmp} (a host directory for bubblewrap) is removed when it ends, even
   * what makes a host-side walk fail: a tree 3 000 directories deep (its paths are longer than {@code PATH_MAX}),
   * mode-000 directories, symlinks to a host file and directory (removed, never followed), a FIFO (never opened).
   */
  @Test
  void whatACallLeavesInItsTmpIsRemovedWithoutFollowingIt() throws IOException {
    Path victim = Files.writeString(outside.resolve("victim"), "original");
    ToolResult r = py(policy(Duration.ofSeconds(90), 256, 128, 1 << 20, List.of(), List.of()), "import os",
        "os.chdir('/tmp')",
        "os.symlink('" + outside + "', 'dirlink'); os.symlink('" + victim + "', 'filelink')",
        "os.mkfifo('fifo')",
        "os.makedirs('locked/inner'); open('locked/inner/f', 'w').write('x')",
        "os.chmod('locked/inner', 0); os.chmod('locked', 0)",
        "os.mkdir('deep'); os.chdir('deep')",
        "for i in range(3000):",
        "    os.mkdir('d'); os.chdir('d')",
        "open('bottom', 'w').write('x' * 1000000)",
        "print('planted', len(os.getcwd()))");
    assertThat(r.stdout()).as("exit %s, timed out %s: %s", r.exitCode(), r.timedOut(), r.stderr()).contains("planted");
    assertThat(victim).hasContent("original");
    assertThat(hostLeftovers()).as("what the backend left on the host").isEmpty();
  }

  /**
   * The kernel's log, memory and symbol files, and the kernel crypto API ({@code AF_ALG}, a frequent source of kernel
   * bugs reachable by any user): none reads, none opens. Also printed, not judged: {@code memfd_create} plus
   * {@code execveat} of it (running a file the tool wrote, no more than running one from the workdir) and the
   * {@code /proc} files that still read (information about the host's hardware, not its data).
   */
  @Test
  void kernelLogMemoryAndCryptoSurfacesAreClosed() {
    assumeX8664();
    ToolResult r = py("import os, socket, ctypes",
        "for p in ('/dev/kmsg', '/proc/kmsg', '/proc/kcore', '/dev/mem', '/dev/kmem', '/dev/port', '/proc/kpagecount',",
        "          '/proc/kpageflags', '/proc/self/pagemap', '/dev/cpu/0/msr', '/proc/timer_list', '/proc/keys'):",
        "    try:",
        "        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK)",
        "        try: data = os.read(fd, 4096)",
        "        except OSError as e: data = b''",
        "        os.close(fd)",
        "        print('OPEN', p, len(data), 'nonzero' if data.strip(b'\\0') else 'zero')",
        "    except OSError as e: print('REFUSED', p, e.errno)",
        "nonzero = 0",
        "try:",
        "    for line in open('/proc/kallsyms'):",
        "        if int(line.split()[0], 16) != 0: nonzero += 1",
        "except OSError as e: print('KALLSYMS refused', e.errno)",
        "print('KALLSYMS nonzero', nonzero)",
        "try:",
        "    s = socket.socket(38, socket.SOCK_SEQPACKET, 0)",
        "    s.bind(('hash', 'sha256'))",
        "    print('ALG open')",
        "except OSError as e: print('ALG refused', e.errno)",
        "try:",
        "    fd = os.memfd_create('x')",
        "    os.write(fd, open('/bin/true', 'rb').read())",
        "    pid = os.fork()",
        "    if pid == 0:",
        "        try: os.execve(fd, ['true'], {})",
        "        finally: os._exit(99)",
        "    print('MEMFD exec status', os.waitpid(pid, 0)[1])",
        "except OSError as e: print('MEMFD refused', e.errno)",
        "print('done')");
    String out = r.stdout();
    System.out.println("[escape] kernel surfaces: " + out.replace('\n', ' '));
    assertThat(out).as(r.stderr()).contains("done");
    for (String p : List.of("/dev/kmsg", "/proc/kmsg", "/proc/kcore", "/dev/mem", "/dev/kmem", "/dev/port",
        "/dev/cpu/0/msr")) {
      assertThat(out).as("%s opened", p).doesNotContain("OPEN " + p + " ");
    }
    assertThat(out.lines().filter(l -> l.startsWith("OPEN /proc/kpage") || l.startsWith("OPEN /proc/self/pagemap")))
        .as("physical page data").allMatch(l -> l.endsWith(" zero"));
    assertThat(out.lines().filter(l -> l.startsWith("OPEN /proc/timer_list") || l.startsWith("OPEN /proc/keys")))
        .as("the host kernel's timers and keyrings").allMatch(l -> l.endsWith(" zero"));
    assertThat(out).as("kernel symbol addresses").contains("KALLSYMS nonzero 0");
    assertThat(out).as("the kernel crypto API").contains("ALG refused");
  }

  // ---- Session 10: the host side. Everything below is judged on the host: files outside the sandbox's reach, the
  // environment of host processes, what a refusal says.

  /** Runs {@code call} in {@code workdir}; empty with the message in {@code refusals} when the library refuses it. */
  private java.util.Optional<ToolResult> attempt(Policy policy, Path workdir, ToolCall call, List<String> refusals) {
    try (Containment c = Containment.with(policy).withWorkdir(workdir)
        .withGuard((tc, ctx) -> Verdict.allow(Layer.GUARD, "", "", "escape suite: isolation only"))
        .withFilter((text, ctx) -> FilterResult.pass(text))) {
      return java.util.Optional.of(c.run(call));
    } catch (dev.containment4j.ContainmentException e) {
      refusals.add(String.valueOf(e.getMessage()));
      return java.util.Optional.empty();
    }
  }

  /** {@code base} with {@code set} as its whole {@code env.set}. */
  private static Policy withEnv(Policy base, Map<String, String> set) {
    Policy.Isolation i = base.isolation();
    return new Policy(base.source(), new Policy.Isolation(i.backend(), i.filesystem(), i.limits(),
        new Policy.Env(List.of(), set), i.backends()), base.network(), base.guard(), base.content(), base.trust(),
        base.audit());
  }

  /** {@code base} with {@code allowWrite} as its whole {@code allowWrite}. */
  private static Policy withAllowWrite(Policy base, List<String> allowWrite) {
    Policy.Isolation i = base.isolation();
    Policy.Filesystem fs = i.filesystem();
    return new Policy(base.source(), new Policy.Isolation(i.backend(), new Policy.Filesystem(fs.workdir(),
        allowWrite, fs.denyRead(), fs.allowRead(), fs.denyWrite(), fs.hideHome(), fs.tmp()), i.limits(), i.env(),
        i.backends()), base.network(), base.guard(), base.content(), base.trust(), base.audit());
  }

  /** Whether {@code text} is what bwrap or runsc print for {@code --help}/{@code --version}. */
  private static boolean hostToolSpoke(String text) {
    String t = text.toLowerCase(java.util.Locale.ROOT);
    return t.contains("usage: bwrap") || t.contains("bubblewrap 0.") || t.contains("runsc version")
        || t.contains("usage: runsc") || t.contains("subcommands for");
  }

  /**
   * A tool argv whose first words are options of the host tools that start the sandbox (bwrap's {@code --bind},
   * {@code --args}, {@code --help}; runsc's {@code --root=}; the helpers' {@code --kill-all}): each must reach the
   * sandbox as the command (and fail there as a missing program) and never be read as an option on the host.
   */
  @Test
  void optionLikeArgvIsNeverAnOptionOfAHostTool() throws IOException {
    Path target = outside.resolve("bound");
    String marker = outside.resolve("ran").toString();
    List<List<String>> argvs = List.of(
        List.of("--bind", "/", target.toString(), "/bin/sh", "-c", "echo x > " + marker),
        List.of("--help"), List.of("--version"), List.of("--args", "3", "/bin/true"), List.of("-c", "echo x"),
        List.of("--", "/bin/sh", "-c", "echo x > " + marker), List.of("--root=/", "list"),
        List.of("--kill-all", "--help"), List.of("-", "x"), List.of("--setenv", "LD_PRELOAD", "/x", "/bin/true"));
    for (List<String> argv : argvs) {
      List<String> refusals = new ArrayList<>();
      java.util.Optional<ToolResult> r = attempt(policy(), work, ToolCall.command(argv), refusals);
      String said = r.map(EscapeSuite::all).orElse(String.join("\n", refusals));
      assertThat(hostToolSpoke(said)).as("%s answered by a host tool: %s", argv, said).isFalse();
      r.ifPresent(res -> assertThat(res.exitCode()).as("%s ran: %s", argv, said).isPresent().isNotEqualTo(
          java.util.Optional.of(0)));
      assertThat(outside).as("%s", argv).isEmptyDirectory();
    }
  }

  /**
   * Words with newlines, {@code =}, {@code ,} and leading dashes stay one argument each; a NUL, which no process can
   * receive, in an argument or in a policy's environment value (where it could smuggle {@code --bind} into bwrap's
   * NUL-separated options) is refused or cut, never split into more words.
   */
  @Test
  void argumentsWithNewlinesAndNulsStayOneWordOrAreRefused() {
    List<String> words = List.of("a\nb", "--setenv", "X=1,ro", "--bind=/", " -", "--", "c:d e*?[x]");
    List<String> argv = new ArrayList<>(List.of("/bin/sh", "-c", "for a; do printf '[%s]' \"$a\"; done", "sh"));
    argv.addAll(words);
    ToolResult r = attempt(policy(), work, ToolCall.command(argv), new ArrayList<>()).orElseThrow();
    assertThat(r.stdout()).isEqualTo(words.stream().map(w -> "[" + w + "]").collect(Collectors.joining()));

    Path mounted = work.resolve("o");
    String smuggled = "v\0--bind\0" + outside + "\0" + mounted;
    List<String> refusals = new ArrayList<>();
    String write = "mkdir -p o; echo x > o/f; for a; do printf '[%s]' \"$a\"; done";
    java.util.Optional<ToolResult> inArgv = attempt(policy(), work, ToolCall.command("/bin/sh", "-c", write, "sh",
        smuggled), refusals);
    inArgv.ifPresent(res -> assertThat(res.stdout()).doesNotContain("][--bind]"));
    attempt(withEnv(policy(), Map.of("C4J_SET", smuggled)), work, ToolCall.command("/bin/sh", "-c", write), refusals);
    assertThat(outside).as("a NUL split bwrap's options: %s", refusals).isEmptyDirectory();
  }

  /**
   * A policy's environment naming the dynamic loader's and the shells' start-up variables and a {@code PATH} into the
   * workdir (where the tool plants a {@code bwrap}, a {@code runsc}, shells and interpreters that leave a marker
   * outside): the tool inside may get them, no host-side process may. Checked twice on the host: the environment of
   * every process the JVM started in its own pid namespace (the launcher, bwrap, runsc and its helpers) read while
   * the call runs, and the marker directory (read-only inside, so only a host process could write there).
   */
  @Test
  void hostProcessesNeverGetThePolicysLoaderShellOrPathVariables() throws Exception {
    Path ran = Files.createDirectory(outside.resolve("ran"));
    Path rc = work.resolve("rc.sh");
    String leave = "#!/bin/sh\necho \"$0\" > '" + ran + "'/\"$(basename \"$0\")-$$\"\n";
    Files.writeString(rc, leave);
    Path bin = Files.createDirectory(work.resolve("bin"));
    for (String name : List.of("bwrap", "runsc", "sh", "bash", "dash", "perl", "python3", "env", "true", "cat",
        "sleep", "c4j-pgrp", "c4j-exec", "newuidmap", "ip", "mount", "umount", "unshare", "nsenter", "iptables")) {
      Path f = Files.writeString(bin.resolve(name), leave + "exec /usr/bin/" + name + " \"$@\"\n");
      f.toFile().setExecutable(true, false);
    }
    Map<String, String> hostile = new java.util.TreeMap<>(Map.of("LD_PRELOAD", work + "/evil.so", "LD_LIBRARY_PATH",
        work.toString(), "LD_AUDIT", work + "/evil.so", "GCONV_PATH", work.toString(), "BASH_ENV", rc.toString(),
        "ENV", rc.toString(), "PATH", bin + ":/usr/bin:/bin", "PYTHONSTARTUP", rc.toString(), "PERL5OPT",
        "-Mwork", "NODE_OPTIONS", "--require " + rc));
    hostile.put("C4J_SET", "visible");
    Policy p = withEnv(policy(), hostile);
    String ownNs = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
    Map<Long, String> seen = new java.util.concurrent.ConcurrentHashMap<>();
    java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
    Thread watcher = new Thread(() -> {
      while (running.get()) {
        ProcessHandle.current().descendants().forEach(h -> {
          Path proc = Path.of("/proc", Long.toString(h.pid()));
          try {
            if (Files.readSymbolicLink(proc.resolve("ns/pid")).toString().equals(ownNs)) {
              String env = new String(Files.readAllBytes(proc.resolve("environ")), StandardCharsets.UTF_8);
              String cmd = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
              if (!cmd.contains("jspawnhelper")) { // the JVM's own spawn stage, before it execs the child
                seen.merge(h.pid(), cmd.replace('\0', ' ') + " ENV\0" + env, (a, b) -> a.length() >= b.length() ? a
                    : b);
              }
            }
          } catch (IOException | RuntimeException gone) {
            // exited meanwhile
          }
        });
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    watcher.start();
    ToolResult r;
    try {
      r = attempt(p, work, ToolCall.command("/bin/sh", "-c", "sleep 2; echo inside-$LD_PRELOAD"), new ArrayList<>())
          .orElseThrow();
      attempt(p, work, ToolCall.bash("sleep 1; echo bash-ok"), new ArrayList<>());
    } finally {
      running.set(false);
      watcher.join();
    }
    assertThat(r.stdout()).as("the tool gets what the policy sets").contains("inside-" + work + "/evil.so");
    assertThat(seen).as("host-side processes seen during the call").isNotEmpty();
    for (String proc : seen.values()) {
      List<String> env = List.of(proc.substring(proc.indexOf(" ENV\0") + 5).split("\0"));
      String who = proc.substring(0, proc.indexOf(" ENV\0"));
      assertThat(env).as("host process %s", who).noneMatch(v -> hostile.keySet().stream()
          .anyMatch(name -> !name.equals("PATH") && v.startsWith(name + "="))).noneMatch(v -> v.contains(work
              .toString()));
    }
    try (Stream<Path> left = Files.list(ran)) {
      assertThat(left.map(f -> f.getFileName().toString()).toList()).as("programs that ran on the host").isEmpty();
    }
  }

  /**
   * A workdir that is {@code /}, the home directory (or a directory above it), a system directory or a directory
   * above the JVM's own files would make all of that writable from inside: the library refuses it before anything
   * runs, with a message that names the directory. Checked on the host: the file the call writes there is absent.
   */
  @Test
  void workdirsThatWouldExposeTheHostAreRefused() throws IOException {
    Path home = Path.of(System.getProperty("user.home")).toRealPath();
    Path javaHome = Path.of(System.getProperty("java.home")).toRealPath();
    List<Path> dirs = new ArrayList<>(List.of(Path.of("/"), home, Path.of("/etc"), Path.of("/usr"),
        javaHome.getParent()));
    if (home.getParent() != null && home.getParent().getParent() != null) {
      dirs.add(home.getParent());
    }
    List<String> outcomes = new ArrayList<>();
    for (Path dir : dirs) {
      Path planted = dir.resolve("c4j-escape-" + UUID.randomUUID());
      List<String> refusals = new ArrayList<>();
      try {
        java.util.Optional<ToolResult> r = attempt(policy(), dir, ToolCall.command("/bin/sh", "-c",
            "echo x > '" + planted + "'; echo x > '" + outside + "/root-writable'"), refusals);
        boolean written = Files.exists(planted) || Files.exists(outside.resolve("root-writable"));
        outcomes.add(dir + ": " + (written ? "ESCAPED (written on the host)" : r.isPresent() ? "ran, nothing written"
            : refusals.get(0).contains(dir.toString()) ? "refused" : "refused without naming it: " + refusals));
      } finally {
        Files.deleteIfExists(planted);
        Files.deleteIfExists(outside.resolve("root-writable"));
      }
    }
    System.out.println("[escape] host workdirs: " + outcomes);
    assertThat(outcomes).allMatch(o -> o.endsWith(": refused"));
  }

  /**
   * Paths with the characters runsc's and bwrap's own parsers split on ({@code ,}, {@code =}, {@code :}), spaces,
   * newlines, glob characters and a leading dash, as the workdir, an {@code allowWrite} directory, a {@code denyRead}
   * file and (glob characters in the workdir's name) under a {@code denyRead} glob: the workdir works, the extra
   * directory is writable, the secret stays hidden, and nothing
   * lands anywhere else on the host.
   */
  @Test
  void pathsWithSeparatorsNewlinesAndGlobCharactersStayOnePath() throws IOException {
    Path w = Files.createDirectory(scratch.resolve("w,ro=1:x -y\n*?[z]"));
    Path extra = Files.createDirectory(scratch.resolve("-aw,readonly,dst=outside"));
    Files.writeString(w.resolve("sec,ret=1:a\nb"), canary);
    Files.writeString(Files.createDirectory(w.resolve("keys")).resolve("id.key"), canary);
    Policy base = policy(Duration.ofSeconds(20), 256, 128, 1 << 20, List.of(w.resolve("sec,ret=1:a\nb").toString(),
        "**/*.key"), List.of());
    Policy p = withAllowWrite(base, List.of(extra.toString()));
    List<String> refusals = new ArrayList<>();
    java.util.Optional<ToolResult> r = attempt(p, w, ToolCall.command("/bin/sh", "-c", "echo ok > f; pwd;"
        + " cat ./sec* keys/id.key; echo y > \"$1/g\"; echo z > '" + outside + "/h'", "sh", extra.toString()),
        refusals);
    assertThat(outside).isEmptyDirectory();
    r.ifPresent(res -> assertThat(all(res)).doesNotContain(canary));
    assertThat(r).as("refused: %s", refusals).isPresent();
    assertThat(w.resolve("f")).as(all(r.get())).hasContent("ok");
    assertThat(r.get().stdout()).startsWith(w + "\n");
    assertThat(extra.resolve("g")).hasContent("y");
  }

  /**
   * Two {@code Containment}s of one JVM at the same time: one call holds a secret in its environment (a policy value)
   * and a file in its private {@code /tmp}; the other looks for it everywhere it can read (processes, the temp and
   * shared-memory directories, the backends' state directories) and tries to write into the first one's workdir.
   */
  @Test
  void aConcurrentContainmentReachesNothingOfAnother() throws Exception {
    Path other = Files.createDirectory(scratch.resolve("other"));
    Policy holder = withEnv(policy(), Map.of("C4J_SET", canary));
    java.util.concurrent.CompletableFuture<java.util.Optional<ToolResult>> first =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> attempt(holder, work, ToolCall.command("/bin/sh",
            "-c", "echo \"$C4J_SET\" > /tmp/held; sleep 4; echo done"), new ArrayList<>()));
    Thread.sleep(1500);
    String look = "for f in /proc/[0-9]*/environ /proc/[0-9]*/cmdline; do cat $f 2>/dev/null; done | tr '\\0' '\\n';"
        + " for d in /tmp /dev/shm /var/tmp /run '" + System.getProperty("java.io.tmpdir") + "'; do"
        + " grep -rsa -e C4J-CANARY \"$d\" 2>/dev/null | head -5; done; echo x > '" + work + "/from-other';"
        + " echo looked";
    ToolResult r = attempt(policy(), other, ToolCall.command("/bin/sh", "-c", look), new ArrayList<>()).orElseThrow();
    assertThat(first.get().orElseThrow().stdout()).contains("done");
    assertThat(r.stdout()).contains("looked");
    assertThat(all(r)).doesNotContain(canary);
    assertThat(work.resolve("from-other")).doesNotExist();
  }

  /**
   * An {@code allowWrite} entry written as an absolute path inside the workdir (as a host fills in its own paths): a
   * call moves the directory above it away and puts a symlink to a host directory outside in its place, and a second
   * call (a new {@code Containment}, as in a new CLI process) writes through it. Checked on the host: nothing appears
   * outside.
   */
  @Test
  void anAllowWriteInsideTheWorkdirSwappedForASymlinkLeadsNowhere() throws IOException {
    Path cache = Files.createDirectories(work.resolve("build/cache"));
    Policy p = withAllowWrite(policy(), List.of(cache.toString()));
    List<String> refusals = new ArrayList<>();
    // the entry is a mount point (EBUSY), so the attack moves the directory above it, taking the mount along
    ToolResult swap = attempt(p, work, ToolCall.command("/bin/sh", "-c", "rm -rf build/cache; mv build b2; mkdir"
        + " build; ln -s '" + outside + "' build/cache; ls -la build"), refusals).orElseThrow();
    java.util.Optional<ToolResult> write = attempt(p, work, ToolCall.command("/bin/sh", "-c", "echo x > build/cache/f;"
        + " echo x > '" + outside + "/g'"), refusals);
    assertThat(outside).as("written through the swapped allowWrite (%s; %s, refusals %s)", all(swap),
        write.map(EscapeSuite::all).orElse(""), refusals).isEmptyDirectory();
  }

  /**
   * An {@code allowRead} carve-out written inside the workdir ({@code ./docs}, relative and absolute) that a call
   * replaces with a symlink to a {@code denyRead} directory: the next call (a new {@code Containment}) must not find
   * the carve-out opening the hidden directory. Checked on the host side: the canary never reaches the output.
   */
  @Test
  void anAllowReadInsideTheWorkdirSwappedForASymlinkOpensNothing() throws IOException {
    Path secrets = Files.createDirectory(scratch.resolve("secrets"));
    Files.writeString(Files.createDirectory(secrets.resolve("sub")).resolve("key"), canary);
    Files.createDirectory(work.resolve("docs"));
    for (String entry : List.of("./docs", work.resolve("docs").toString())) {
      Policy p = policy(Duration.ofSeconds(20), 256, 128, 1 << 20, List.of(secrets.toString()), List.of(entry));
      List<String> refusals = new ArrayList<>();
      ToolResult swap = attempt(p, work, ToolCall.command("/bin/sh", "-c", "rm -rf docs; ln -sfn '" + secrets
          + "/sub' docs; echo \"docs -> $(readlink docs)\""), refusals).orElseThrow();
      assertThat(swap.stdout()).as("the swap happened: %s", all(swap)).contains("docs -> " + secrets);
      java.util.Optional<ToolResult> read = attempt(p, work, ToolCall.command("/bin/sh", "-c", "cat docs/key '"
          + secrets + "/sub/key'"), refusals);
      assertThat(read.map(EscapeSuite::all).orElse("")).as("%s: %s; refusals %s", entry, all(swap), refusals)
          .doesNotContain(canary);
      Files.deleteIfExists(work.resolve("docs"));
      Files.createDirectory(work.resolve("docs"));
    }
  }

  /**
   * 400 MB each into the root file system outside every bind ({@code /var/tmp}, {@code /opt}, {@code /}) under
   * {@code memoryMb: 64}: read-only for bubblewrap; gVisor's root overlay lives in the sandbox's memory and must be
   * charged to it. Judged on the host: no such file appears, the host's disk and {@code /dev/shm} keep their room,
   * the call ends before its wall limit and the next call runs.
   */
  @Test
  void fillingTheRootFileSystemIsBoundedAndLeavesNothing() throws IOException {
    org.assertj.core.api.Assumptions.assumeThat(unenforcedLimits())
        .as("%s cannot enforce memoryMb on this platform", backend.id()).doesNotContain("memoryMb");
    java.nio.file.FileStore root = Files.getFileStore(Path.of("/"));
    java.nio.file.FileStore shm = Files.getFileStore(Path.of("/dev/shm"));
    long rootBefore = root.getUsableSpace();
    long shmBefore = shm.getUsableSpace();
    String name = "c4j-fill-" + UUID.randomUUID();
    ToolResult r = sh(policy(Duration.ofSeconds(60), 64, 128, 1 << 20, List.of(), List.of()),
        "for d in /var/tmp /opt /; do head -c 400000000 /dev/zero > $d/" + name + " 2>/dev/null && echo FILLED $d;"
            + " done; echo done");
    try {
      assertThat(r.timedOut()).as(all(r)).isFalse();
      assertThat(r.stdout()).doesNotContain("FILLED");
      for (String d : List.of("/var/tmp", "/opt", "/")) {
        assertThat(Path.of(d, name)).doesNotExist();
      }
      long slack = 64L << 20;
      assertThat(root.getUsableSpace()).as("room on the host's root file system").isGreaterThan(rootBefore - slack);
      assertThat(shm.getUsableSpace()).as("room on the host's /dev/shm").isGreaterThan(shmBefore - slack);
      assertThat(sh("echo next").stdout()).isEqualTo("next\n");
    } finally {
      for (String d : List.of("/var/tmp", "/opt", "/")) {
        Files.deleteIfExists(Path.of(d, name));
      }
    }
  }
}
