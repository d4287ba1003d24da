/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.containment4j.internal.fs.FilesystemPlan;
import dev.containment4j.internal.fs.FilesystemPlan.ProtectedPath;
import dev.containment4j.internal.fs.FilesystemPlan.Protection;
import dev.containment4j.internal.fs.HostIdentity;
import dev.containment4j.internal.fs.HostPath;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.IsolationSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxPlannerTest {

  static final Path WORK = Path.of("/work/proj");
  static final Path HOME = Path.of("/home/u");
  static final Path EMPTY = Path.of("/state/inst/empty");

  static Policy policy() {
    Policy d = Policy.defaults();
    Policy.Isolation i = d.isolation();
    return new Policy(d.source(), new Policy.Isolation(Policy.Backend.GVISOR, i.filesystem(),
        new Policy.Limits(Duration.ofSeconds(30), 512, 64, 4096), i.env(), Map.of()), d.network(), d.guard(),
        d.content(), d.trust(), d.audit());
  }

  static IsolationSpec spec(Path workdir, Path home) {
    return new IsolationSpec(policy(), workdir, home, Map.of("PATH", "/usr/bin:/bin", "HOME", home.toString(), "LANG",
        "C.UTF-8"), e -> { });
  }

  static GvisorSettings settings(boolean rootless) {
    return new GvisorSettings("runsc", "", 1, rootless, Path.of("/state"));
  }

  /** What FilesystemPlan.resolve gives for a typical repository (written out, so the golden file is stable). */
  static FilesystemPlan fs(boolean hideHome) {
    List<ProtectedPath> prot = new ArrayList<>();
    prot.add(new ProtectedPath(WORK.resolve(".git"), Protection.PIN));
    prot.add(new ProtectedPath(WORK.resolve(".bashrc"), Protection.READ_ONLY));
    for (String missing : List.of(".bash_profile", ".profile", ".zshrc", ".zprofile")) {
      prot.add(new ProtectedPath(WORK.resolve(missing), Protection.OCCUPY));
    }
    prot.add(new ProtectedPath(WORK.resolve(".git/hooks"), Protection.READ_ONLY));
    prot.add(new ProtectedPath(WORK.resolve(".git/config"), Protection.READ_ONLY));
    for (String missing : List.of(".gitmodules", ".mcp.json", ".vscode", ".idea", ".containment.yaml")) {
      prot.add(new ProtectedPath(WORK.resolve(missing), Protection.OCCUPY));
    }
    prot.add(new ProtectedPath(Path.of("/data/cache/.git"), Protection.OCCUPY));
    return new FilesystemPlan(WORK, List.of(WORK, Path.of("/data/cache")),
        List.of(new HostPath(HOME.resolve(".ssh"), HostPath.Kind.DIRECTORY),
            new HostPath(HOME.resolve(".netrc"), HostPath.Kind.FILE)),
        hideHome ? List.of(HOME.resolve(".ssh/config")) : List.of(),
        List.of(Path.of("/data/cache/ro"), WORK.resolve("secrets.env")), prot,
        hideHome ? Optional.of(HOME) : Optional.empty(), List.of());
  }

  @Test
  void configJsonMatchesGolden() throws IOException {
    SandboxPlan plan = SandboxPlanner.plan(spec(WORK, HOME), settings(false), EMPTY,
        Optional.of(Path.of("/state/inst/c4j-exec")), fs(false));
    assertGolden(OciConfig.render(plan), "config-default.json");
    assertThat(plan.mounts()).filteredOn(m -> m.destination().equals(ExecHelper.IN_SANDBOX)).singleElement()
        .satisfies(m -> assertThat(m.options()).containsExactly("rbind", "ro"));
  }

  @Test
  void hiddenHomeAndRootlessMatchGolden() throws IOException {
    SandboxPlan plan = SandboxPlanner.plan(spec(WORK, HOME), settings(true), EMPTY, fs(true))
        .withUserNamespace(1000, 1001);
    assertGolden(OciConfig.render(plan), "config-hidehome-rootless.json");
  }

  @Test
  void processJsonMatchesGolden() throws IOException {
    ProcessSpec p = new ProcessSpec(List.of("/bin/sh", "-c", "echo \"$X\""), Map.of("X", "1", "PATH", "/bin"),
        "/work/proj", List.of(new ProcessSpec.Rlimit("RLIMIT_NPROC", 64)));
    assertGolden(OciConfig.renderProcess(p), "process.json");
  }

  @Test
  void protectionsBecomeMounts() {
    SandboxPlan plan = SandboxPlanner.plan(spec(WORK, HOME), settings(false), EMPTY, fs(false));
    assertThat(plan.mounts()).filteredOn(m -> m.why().startsWith("protected ") && !m.why().contains("pinned"))
        .allSatisfy(m -> assertThat(m.options()).contains("ro"))
        .extracting(OciMount::destination).contains("/work/proj/.git/hooks", "/work/proj/.bashrc");
    assertThat(plan.mounts()).filteredOn(m -> m.destination().equals("/work/proj/.git"))
        .singleElement().satisfies(m -> assertThat(m.options()).containsExactly("rbind", "rw"));
    assertThat(plan.placeholders()).contains(new SandboxPlan.Placeholder("/work/proj/.vscode", true),
        new SandboxPlan.Placeholder("/work/proj/.mcp.json", false),
        new SandboxPlan.Placeholder("/data/cache/.git", true));
  }

  @Test
  void theHostsIdentityFilesAreCoveredReadOnly() {
    Path hostname = EMPTY.resolveSibling("hostname");
    Path machineId = EMPTY.resolveSibling("machine-id");
    SandboxPlan plan = SandboxPlanner.plan(spec(WORK, HOME), settings(false), EMPTY, Optional.empty(),
        List.of(new HostIdentity.Replacement(hostname, "/etc/hostname"),
            new HostIdentity.Replacement(machineId, "/etc/machine-id")), fs(false));
    assertThat(plan.mounts()).filteredOn(m -> m.destination().startsWith("/etc/"))
        .extracting(OciMount::destination, OciMount::source, OciMount::options)
        .containsExactly(tuple("/etc/hostname", hostname.toString(), List.of("rbind", "ro")),
            tuple("/etc/machine-id", machineId.toString(), List.of("rbind", "ro")));
  }

  @Test
  void mountsAreOrderedParentsFirst() {
    SandboxPlan plan = SandboxPlanner.plan(spec(WORK, HOME), settings(false), EMPTY, fs(true));
    List<String> dest = plan.mounts().stream().map(OciMount::destination).toList();
    assertThat(dest.indexOf("/work/proj")).isLessThan(dest.indexOf("/work/proj/.git"));
    assertThat(dest.indexOf("/work/proj/.git")).isLessThan(dest.indexOf("/work/proj/.git/hooks"));
    assertThat(dest.indexOf("/home/u")).isLessThan(dest.indexOf("/home/u/.ssh/config"));
    assertThat(dest.indexOf("/data/cache")).isLessThan(dest.indexOf("/data/cache/ro"));
    assertThat(dest).as("masks under the hidden home are not needed").doesNotContain("/home/u/.ssh");
  }

  @Test
  void rootlessLimitsMemoryWithRlimitAndRootWithCgroup() {
    SandboxPlan root = SandboxPlanner.plan(spec(WORK, HOME), settings(false), EMPTY, fs(false));
    SandboxPlan rootless = SandboxPlanner.plan(spec(WORK, HOME), settings(true), EMPTY, fs(false));
    assertThat(root.memoryLimitBytes()).hasValue(512L * 1024 * 1024);
    assertThat(rootless.memoryLimitBytes()).isEmpty();
    assertThat(rootless.process().rlimits()).contains(new ProcessSpec.Rlimit("RLIMIT_AS", 512L * 1024 * 1024));
    assertThat(root.limits()).extracting(l -> l.name()).contains("wallSeconds", "outputBytes", "pids", "memoryMb");
  }

  @Test
  void worksWithTheSharedResolverOnARealTree(@TempDir Path tmp) throws IOException {
    Path work = Files.createDirectories(tmp.resolve("work/.git/hooks")).getParent().getParent().toRealPath();
    Path home = Files.createDirectories(tmp.resolve("home/.ssh")).getParent().toRealPath();
    Files.writeString(home.resolve(".netrc"), "x");
    FilesystemPlan fs = FilesystemPlan.resolve(policy(), work, home);
    SandboxPlan plan = SandboxPlanner.plan(spec(work, home), settings(false), EMPTY, fs);
    assertThat(plan.mounts()).extracting(OciMount::destination).contains(work.toString(), home.toString(),
        work.resolve(".git").toString(), work.resolve(".git/hooks").toString());
    assertThat(plan.placeholders()).extracting(SandboxPlan.Placeholder::path).contains(
        work.resolve(".vscode").toString(), work.resolve(".mcp.json").toString());
  }

  /** Compares with src/test/resources/golden/NAME; {@code -Dgolden.update=true} rewrites the file instead. */
  static void assertGolden(String actual, String name) throws IOException {
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(Path.of("src/test/resources/golden", name), actual);
      return;
    }
    try (InputStream in = SandboxPlannerTest.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as("golden file %s (regenerate with -Dgolden.update=true)", name).isNotNull();
      assertThat(actual).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
