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
  /** Environment names a sandbox may show besides the policy's: the allowlist and what shells add themselves. */
  protected static final Set<String> ALLOWED_ENV = Set.of("PATH", "HOME", "LANG", "TERM", "TZ", "USER", "LOGNAME",
      "TMPDIR", "PWD", "OLDPWD", "SHLVL", "_", "C4J_SET");

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
}
