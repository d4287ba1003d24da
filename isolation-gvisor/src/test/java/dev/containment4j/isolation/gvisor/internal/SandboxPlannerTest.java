/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containment4j.policy.Policy;
import dev.containment4j.spi.IsolationSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxPlannerTest {

  static final Path WORK = Path.of("/work/proj");
  static final Path HOME = Path.of("/home/u");
  static final Path EMPTY = Path.of("/state/inst/empty");

  static Policy policy(Policy.Filesystem fs) {
    Policy d = Policy.defaults();
    Policy.Isolation i = d.isolation();
    return new Policy(d.source(), new Policy.Isolation(Policy.Backend.GVISOR, fs,
        new Policy.Limits(Duration.ofSeconds(30), 512, 64, 4096), i.env(), Map.of()), d.network(), d.guard(),
        d.content(), d.trust(), d.audit());
  }

  static IsolationSpec spec(Policy p, Path workdir) {
    return new IsolationSpec(p, workdir, HOME, Map.of("PATH", "/usr/bin:/bin", "HOME", HOME.toString(), "LANG",
        "C.UTF-8"), e -> { });
  }

  static GvisorSettings settings(boolean rootless) {
    return new GvisorSettings("runsc", "", 1, rootless, Path.of("/state"));
  }

  static final FakeFiles FILES = new FakeFiles("/work/proj/src/", "/work/proj/.git/hooks/", "/work/proj/.git/config",
      "/work/proj/.bashrc", "/work/proj/secrets.env", "/home/u/.ssh/id_ed25519", "/home/u/.netrc", "/data/cache/",
      "/data/cache/ro/");

  static Policy.Filesystem fs(boolean hideHome) {
    Policy.Filesystem d = Policy.defaults().isolation().filesystem();
    return new Policy.Filesystem(".", List.of("/data/cache"), d.denyRead(), List.of(), List.of("/data/cache/ro",
        "secrets.env"), hideHome, Policy.TmpMode.PRIVATE);
  }

  @Test
  void configJsonMatchesGolden() throws IOException {
    SandboxPlan plan = SandboxPlanner.plan(spec(policy(fs(false)), WORK), settings(false), EMPTY, FILES);
    assertGolden(OciConfig.render(plan), "config-default.json");
  }

  @Test
  void hiddenHomeAndRootlessMatchGolden() throws IOException {
    SandboxPlan plan = SandboxPlanner.plan(spec(policy(fs(true)), WORK), settings(true), EMPTY, FILES);
    assertGolden(OciConfig.render(plan), "config-hidehome-rootless.json");
  }

  @Test
  void processJsonMatchesGolden() throws IOException {
    ProcessSpec p = new ProcessSpec(List.of("/bin/sh", "-c", "echo \"$X\""), Map.of("X", "1", "PATH", "/bin"),
        "/work/proj", List.of(new ProcessSpec.Rlimit("RLIMIT_NPROC", 64)));
    assertGolden(OciConfig.renderProcess(p), "process.json");
  }

  @Test
  void protectedPathsAreReadOnlyAndMissingOnesGetPlaceholders() {
    SandboxPlan plan = SandboxPlanner.plan(spec(policy(fs(false)), WORK), settings(false), EMPTY, FILES);
    assertThat(plan.mounts()).filteredOn(m -> m.why().startsWith("protected"))
        .allSatisfy(m -> assertThat(m.options()).contains("ro"))
        .extracting(OciMount::destination)
        .contains("/work/proj/.git/hooks", "/work/proj/.git/config", "/work/proj/.gitmodules", "/work/proj/.mcp.json",
            "/work/proj/.vscode", "/work/proj/.idea", "/work/proj/.containment.yaml", "/work/proj/.bashrc")
        .doesNotContain("/work/proj/.zshrc"); // rc files get placeholders only when the workdir is the home
    assertThat(plan.placeholders()).extracting(SandboxPlan.Placeholder::path)
        .containsExactly("/work/proj/.vscode", "/work/proj/.idea", "/work/proj/.gitmodules", "/work/proj/.mcp.json",
            "/work/proj/.containment.yaml");
  }

  @Test
  void missingGitDirectoryIsItselfProtected() {
    FakeFiles bare = new FakeFiles("/work/proj/");
    SandboxPlan plan = SandboxPlanner.plan(spec(policy(fs(false)), WORK), settings(false), EMPTY, bare);
    assertThat(plan.placeholders()).contains(new SandboxPlan.Placeholder("/work/proj/.git", true))
        .noneMatch(p -> p.path().startsWith("/work/proj/.git/"));
  }

  @Test
  void gitFileOfAWorktreeIsProtected() {
    FakeFiles wt = new FakeFiles("/work/proj/", "/work/proj/.git");
    SandboxPlan plan = SandboxPlanner.plan(spec(policy(fs(false)), WORK), settings(false), EMPTY, wt);
    assertThat(plan.mounts()).anyMatch(m -> m.destination().equals("/work/proj/.git") && m.options().contains("ro"));
  }

  @Test
  void mountsAreOrderedParentsFirst() {
    SandboxPlan plan = SandboxPlanner.plan(spec(policy(fs(true)), WORK), settings(false), EMPTY, FILES);
    List<String> dest = plan.mounts().stream().map(OciMount::destination).toList();
    assertThat(dest.indexOf("/work/proj")).isLessThan(dest.indexOf("/work/proj/.git/hooks"));
    assertThat(dest.indexOf("/home/u")).isGreaterThanOrEqualTo(0);
    assertThat(dest.indexOf("/data/cache")).isLessThan(dest.indexOf("/data/cache/ro"));
  }

  @Test
  void rootlessLimitsMemoryWithRlimitAndRootWithCgroup() {
    SandboxPlan root = SandboxPlanner.plan(spec(policy(fs(false)), WORK), settings(false), EMPTY, FILES);
    SandboxPlan rootless = SandboxPlanner.plan(spec(policy(fs(false)), WORK), settings(true), EMPTY, FILES);
    assertThat(root.memoryLimitBytes()).hasValue(512L * 1024 * 1024);
    assertThat(rootless.memoryLimitBytes()).isEmpty();
    assertThat(rootless.process().rlimits()).contains(new ProcessSpec.Rlimit("RLIMIT_AS", 512L * 1024 * 1024));
    assertThat(root.limits()).extracting(l -> l.name()).contains("wallSeconds", "outputBytes", "pids", "memoryMb");
  }

  @Test
  void globsFailClosed() {
    Policy.Filesystem d = Policy.defaults().isolation().filesystem();
    Policy.Filesystem globbed = new Policy.Filesystem(".", List.of(), List.of("~/.ssh/*"), List.of(), List.of(),
        false, Policy.TmpMode.PRIVATE);
    assertThatThrownBy(() -> SandboxPlanner.plan(spec(policy(globbed), WORK), settings(false), EMPTY, FILES))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("denyRead").hasMessageContaining("glob");
    assertThat(d.denyRead()).isNotEmpty();
  }

  @Test
  void resolvesTildeHomeAndRelativePaths() {
    assertThat(SandboxPlanner.resolve("~/.aws", WORK, HOME, "k")).isEqualTo(Path.of("/home/u/.aws"));
    assertThat(SandboxPlanner.resolve("$HOME", WORK, HOME, "k")).isEqualTo(HOME);
    assertThat(SandboxPlanner.resolve("../x/./y", WORK, HOME, "k")).isEqualTo(Path.of("/work/x/y"));
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
