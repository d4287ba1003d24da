/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containment4j.internal.fs.FilesystemPlan;
import dev.containment4j.internal.fs.FilesystemPlan.ProtectedPath;
import dev.containment4j.internal.fs.FilesystemPlan.Protection;
import dev.containment4j.internal.fs.HostIdentity;
import dev.containment4j.internal.fs.HostPath;
import dev.containment4j.policy.Policy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BwrapCommandLineTest {
  private static final Path BWRAP = Path.of("/usr/bin/bwrap");
  private static final Path HOME = Path.of("/home/dev");
  private static final Path WORK = Path.of("/home/dev/project");
  private static final Path DENIED = Path.of("/tmp/containment4j-bwrap-1/denied");
  private static final Map<String, String> ENV = Map.of("HOME", "/home/dev", "PATH", "/usr/bin:/bin", "LANG",
      "C.UTF-8", "TMPDIR", "/tmp");
  private static final List<String> CMD = List.of("/bin/bash", "-c", "echo hello");

  private static List<ProtectedPath> protectedIn(Path root) {
    return List.of(
        new ProtectedPath(root.resolve(".git"), Protection.PIN),
        new ProtectedPath(root.resolve(".git/hooks"), Protection.READ_ONLY),
        new ProtectedPath(root.resolve(".git/config"), Protection.READ_ONLY),
        new ProtectedPath(root.resolve(".bashrc"), Protection.OCCUPY),
        new ProtectedPath(root.resolve(".mcp.json"), Protection.OCCUPY),
        new ProtectedPath(root.resolve("HEAD"), Protection.OCCUPY),
        new ProtectedPath(root.resolve(".vscode"), Protection.READ_ONLY));
  }

  private static BwrapCommandLine.Builder builder(FilesystemPlan plan) {
    return BwrapCommandLine.builder(BWRAP).plan(plan).environment(ENV).deniedFile(DENIED)
        .emptyFile(DENIED.resolveSibling("empty")).seccompFd(3).cwd(WORK).command(CMD);
  }

  @Test
  void defaults() throws IOException {
    FilesystemPlan plan = new FilesystemPlan(WORK, List.of(WORK),
        List.of(new HostPath(HOME.resolve(".ssh"), HostPath.Kind.DIRECTORY),
            new HostPath(HOME.resolve(".netrc"), HostPath.Kind.FILE)),
        List.of(), List.of(), protectedIn(WORK), Optional.of(HOME), List.of());
    List<String> argv = builder(plan).identity(List.of(
        new HostIdentity.Replacement(DENIED.resolveSibling("hostname"), "/etc/hostname"),
        new HostIdentity.Replacement(DENIED.resolveSibling("boot_id"), HostIdentity.BOOT_ID))).build().argv();
    Golden.assertMatches("defaults", argv);
    // the boot id on top of the host's /proc/sys, the host name like any file of the root
    assertThat(pair(argv, "--ro-bind-try", DENIED.resolveSibling("boot_id").toString()))
        .isGreaterThan(pair(argv, "--ro-bind-try", "/proc/sys"));
    assertThat(pair(argv, "--ro-bind", DENIED.resolveSibling("hostname").toString()))
        .isGreaterThan(pair(argv, "--ro-bind", "/"));
    assertThat(argv).containsSubsequence("--unshare-all", "--unshare-user", "--disable-userns",
        "--assert-userns-disabled", "--cap-drop", "ALL");
    assertThat(argv).containsSubsequence("--clearenv", "--setenv", "HOME", "/home/dev");
    // the hidden home comes before the workdir inside it, so the workdir shows through
    assertThat(pair(argv, "--tmpfs", HOME.toString())).isPositive().isLessThan(pair(argv, "--bind", WORK.toString()));
  }

  private static int pair(List<String> argv, String option, String value) {
    for (int i = 0; i + 1 < argv.size(); i++) {
      if (argv.get(i).equals(option) && argv.get(i + 1).equals(value)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void carveOutsAndDeniesInsideWritableRoots() throws IOException {
    Path srv = Path.of("/srv");
    Path work = Path.of("/srv/project");
    FilesystemPlan plan = new FilesystemPlan(work, List.of(work, Path.of("/var/cache/build")),
        List.of(new HostPath(srv, HostPath.Kind.DIRECTORY),
            new HostPath(Path.of("/data/secrets"), HostPath.Kind.DIRECTORY),
            new HostPath(work.resolve("secret.txt"), HostPath.Kind.FILE),
            new HostPath(work.resolve("a/b/id.pem"), HostPath.Kind.FILE)),
        List.of(Path.of("/data/secrets/public"), Path.of("/srv/shared")),
        List.of(work.resolve("docs")), protectedIn(work), Optional.empty(), List.of());
    List<String> argv = builder(plan).cwd(work).build().argv();
    Golden.assertMatches("carve-outs", argv);
    // a denied file inside the workdir lands on top of the workdir's bind
    assertThat(argv.lastIndexOf(work.resolve("secret.txt").toString()))
        .isGreaterThan(pair(argv, "--bind", work.toString()));
    // /srv holds the writable workdir, so it is not remounted read-only; /data/secrets is
    assertThat(argv).containsSubsequence("--remount-ro", "/data/secrets").doesNotContainSequence("--remount-ro",
        "/srv");
  }

  @Test
  void hostNetworkSessionTmpAndAwkwardPaths() throws IOException {
    Path work = Path.of("/home/dev/my project/it's \"quoted\"");
    FilesystemPlan plan = new FilesystemPlan(work, List.of(work), List.of(), List.of(), List.of(),
        List.of(new ProtectedPath(work.resolve(".git"), Protection.OCCUPY)), Optional.empty(), List.of());
    List<String> argv = builder(plan).cwd(work).network(Policy.NetworkMode.HOST)
        .tmpSource(Optional.of(Path.of("/tmp/containment4j-bwrap-1/session-1")))
        .command(List.of("printf", "%s\n", "$(touch /pwned)", "a b")).build().argv();
    Golden.assertMatches("host-network-session", argv);
    assertThat(argv).contains("--share-net", work.toString(), "$(touch /pwned)");
    assertThat(BwrapCommandLine.render(argv)).contains("'/home/dev/my project/it'\\''s \"quoted\"'",
        "'$(touch /pwned)'");
  }

  @Test
  void proxyModeKeepsTheNetworkUnsharedAndRunsTheBinderFirst() throws IOException {
    FilesystemPlan plan = new FilesystemPlan(WORK, List.of(WORK), List.of(), List.of(), List.of(), List.of(),
        Optional.empty(), List.of());
    Path caDir = Path.of("/tmp/containment-egress-123");
    List<String> command = EgressBridge.Interpreter.perl(Path.of("/usr/bin/perl")).wrap(CMD);
    List<String> argv = builder(plan).network(Policy.NetworkMode.PROXY).readOnly(List.of(caDir)).command(command)
        .build().argv();
    Golden.assertMatches("proxy-network", argv);
    assertThat(argv).doesNotContain("--share-net").contains("--unshare-all");
    int tmp = pair(argv, "--tmpfs", "/tmp");
    assertThat(pair(argv, "--ro-bind", caDir.toString())).as("CA directory readable above the private /tmp")
        .isGreaterThan(tmp);
    assertThat(argv.subList(argv.indexOf("--") + 1, argv.size())).startsWith("/usr/bin/perl", "-e")
        .containsSubsequence(EgressBridge.MARKER, "3128", "100", "/bin/bash", "-c", "echo hello");
  }

  @Test
  void environmentValuesGoToBwrapThroughADescriptorNotItsCommandLine() {
    FilesystemPlan plan = new FilesystemPlan(WORK, List.of(WORK), List.of(), List.of(), List.of(), List.of(),
        Optional.empty(), List.of());
    BwrapCommandLine.Invocation inv = builder(plan).environment(Map.of("GITHUB_TOKEN", "ghp_secret-value")).build();
    assertThat(inv.options()).containsSubsequence("--setenv", "GITHUB_TOKEN", "ghp_secret-value").doesNotContain("--");
    assertThat(inv.viaArgsFd(4)).containsExactly("/usr/bin/bwrap", "--args", "4", "--", "/bin/bash", "-c",
        "echo hello");
    assertThat(inv.argv()).containsSubsequence("--chdir", WORK.toString(), "--", "/bin/bash");
  }

  @Test
  void aNewSessionUnlessTheLauncherGivesAProcessGroupAndDropsTheTerminal() {
    FilesystemPlan plan = new FilesystemPlan(WORK, List.of(WORK), List.of(), List.of(), List.of(), List.of(),
        Optional.empty(), List.of());
    assertThat(builder(plan).build().options()).contains("--new-session");
    assertThat(builder(plan).newSession(false).build().options()).doesNotContain("--new-session")
        .contains("--die-with-parent", "--unshare-all", "--unshare-user");
  }

  @Test
  void badNamesAreRefused() {
    FilesystemPlan plan = new FilesystemPlan(WORK, List.of(WORK), List.of(), List.of(), List.of(), List.of(),
        Optional.empty(), List.of());
    assertThatThrownBy(() -> builder(plan).environment(Map.of("A=B", "x")).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("A=B");
  }

  @Test
  void launcherJoinsCgroupsThenExecsBwrapWithTheFilterOnFd3() throws IOException {
    List<String> argv = Launcher.argv(Path.of("/tmp/containment4j-bwrap-1/seccomp.bpf"),
        Path.of("/tmp/containment4j-bwrap-1/launch-1.opts"), List.of(Path.of("/sys/fs/cgroup/memory/containment4j/1-a/cgroup.procs"),
            Path.of("/sys/fs/cgroup/pids/containment4j/1-a/cgroup.procs")),
        java.util.OptionalLong.empty(), java.util.OptionalInt.empty(), List.of("/usr/bin/bwrap", "--args", "4", "--", "true"));
    Golden.assertMatches("launcher-cgroups", argv);
    List<String> fallback = Launcher.argv(Path.of("/tmp/containment4j-bwrap-1/seccomp.bpf"),
        Path.of("/tmp/containment4j-bwrap-1/launch-1.opts"), List.of(),
        java.util.OptionalLong.of(1048576), java.util.OptionalInt.of(256), List.of("/usr/bin/bwrap", "--args", "4", "--", "true"));
    Golden.assertMatches("launcher-rlimits", fallback);
  }
}
