/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containment4j.PolicyException;
import dev.containment4j.internal.fs.FilesystemPlan.ProtectedPath;
import dev.containment4j.internal.fs.FilesystemPlan.Protection;
import dev.containment4j.policy.Policy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cached plan is handed out only while nothing that decided it changed: every change below must give the plan a
 * fresh resolution gives, and an unchanged tree must actually be served from the cache.
 */
class PlanCacheTest {
  @TempDir
  Path tmp;
  Path home;
  Path work;

  @BeforeEach
  void layout() throws IOException {
    tmp = tmp.toRealPath();
    home = Files.createDirectories(tmp.resolve("home/dev"));
    work = Files.createDirectories(tmp.resolve("work/project"));
    protectedNamesExistIn(work);
  }

  /**
   * Every protected name present, as in a real checkout: a plan that must occupy a missing name changes its root on
   * every call (bwrap's placeholder) and is never kept.
   */
  static void protectedNamesExistIn(Path root) throws IOException {
    for (String name : java.util.stream.Stream.concat(ProtectedNames.DEFAULTS.stream(),
        ProtectedNames.TOP_LEVEL.stream()).toList()) {
      Path p = root.resolve(name);
      Files.createDirectories(p.getParent());
      if (name.equals(".git/hooks") || name.equals(".vscode") || name.equals(".idea")) {
        Files.createDirectories(p);
      } else {
        Files.writeString(p, "");
      }
    }
  }

  private static Policy policy(List<String> allowWrite, List<String> denyRead) {
    return FilesystemPlanTest.policy(allowWrite, denyRead, List.of(), List.of(), true);
  }

  /**
   * A cache that keeps plans however recent the directories are (the tests wait past the clock tick instead), made
   * after a tick: even with no settle time a ctime stamped in the millisecond of the recording is not kept (it could
   * be stamped again), so the fixtures written just before must age first or nothing is cached.
   */
  private PlanCache cache(Policy p) throws InterruptedException {
    nextTick();
    return new PlanCache(p, work, home, Duration.ZERO);
  }

  /** The plan from the cache, checked against a fresh resolution. */
  private FilesystemPlan planOf(PlanCache cache, Policy p) {
    FilesystemPlan cached = cache.plan();
    assertThat(cached).isEqualTo(FilesystemPlan.resolve(p, work, home));
    return cached;
  }

  /** Past the file system's timestamp granularity (a jiffy), so that a change gets a different ctime everywhere. */
  private static void nextTick() throws InterruptedException {
    Thread.sleep(25);
  }

  private static Protection protectionOf(FilesystemPlan plan, Path path) {
    return plan.protectedPaths().stream().filter(p -> p.path().equals(path)).map(ProtectedPath::protection)
        .findFirst().orElseThrow();
  }

  private static List<Path> hidden(FilesystemPlan plan) {
    return plan.denyRead().stream().map(HostPath::path).toList();
  }

  @Test
  void anUnchangedTreeIsServedFromTheCache() throws Exception {
    Policy p = policy(List.of(), List.of("~/.ssh", "~/.aws", "/etc/shadow", "**/*.pem"));
    Files.createDirectories(home.resolve(".ssh"));
    Files.writeString(work.resolve("a.pem"), "k");
    PlanCache cache = cache(p);
    FilesystemPlan first = planOf(cache, p);
    FilesystemPlan second = planOf(cache, p);
    assertThat(second).isSameAs(first);
    assertThat(cache.hits()).isEqualTo(1);
    assertThat(cache.resolves()).isEqualTo(1);
  }

  @Test
  void aDenyReadTargetCreatedAfterwardsIsHidden() throws Exception {
    Policy p = policy(List.of(), List.of("~/.aws", "~/.config/gcloud"));
    PlanCache cache = cache(p);
    assertThat(hidden(planOf(cache, p))).isEmpty();
    nextTick();
    Files.createDirectories(home.resolve(".aws"));
    assertThat(hidden(planOf(cache, p))).containsExactly(home.resolve(".aws"));
    nextTick();
    // two levels below what existed: the deepest existing directory (the home) changes
    Files.createDirectories(home.resolve(".config/gcloud"));
    assertThat(hidden(planOf(cache, p))).contains(home.resolve(".config/gcloud"));
    assertThat(cache.resolves()).isEqualTo(3);
  }

  @Test
  void aPlanWithNamesToOccupyIsNotKept() throws Exception {
    Policy p = policy(List.of(), List.of("~/.aws"));
    Files.delete(work.resolve(".mcp.json"));
    PlanCache cache = cache(p);
    assertThat(protectionOf(planOf(cache, p), work.resolve(".mcp.json"))).isEqualTo(Protection.OCCUPY);
    planOf(cache, p);
    assertThat(cache.hits()).isZero();
    nextTick();
    Files.writeString(work.resolve(".mcp.json"), "{}"); // from now on nothing needs a placeholder
    nextTick();
    planOf(cache, p); // resolved without recording (the last plan had a placeholder)
    planOf(cache, p); // resolved and kept
    planOf(cache, p);
    assertThat(cache.hits()).isEqualTo(1);
  }

  @Test
  void aProtectedFileRenamedAwayIsOccupiedAgain() throws Exception {
    Policy p = policy(List.of(), List.of());
    PlanCache cache = cache(p);
    planOf(cache, p);
    assertThat(planOf(cache, p)).isNotNull();
    assertThat(cache.hits()).isEqualTo(1);
    assertThat(protectionOf(planOf(cache, p), work.resolve(".mcp.json"))).isEqualTo(Protection.READ_ONLY);
    nextTick();
    Files.move(work.resolve(".mcp.json"), work.resolve("mcp.bak"));
    assertThat(protectionOf(planOf(cache, p), work.resolve(".mcp.json"))).isEqualTo(Protection.OCCUPY);
    nextTick();
    // inside .git: its hooks renamed away and back as a file
    Files.move(work.resolve(".git/hooks"), work.resolve(".git/hooks.old"));
    assertThat(protectionOf(planOf(cache, p), work.resolve(".git/hooks"))).isEqualTo(Protection.OCCUPY);
  }

  @Test
  void aSymlinkHopRepointedElsewhereIsFollowed() throws Exception {
    Policy p = policy(List.of(), List.of("~/.aws"));
    Path a = Files.createDirectories(tmp.resolve("secrets/a"));
    Path b = Files.createDirectories(tmp.resolve("secrets/b"));
    Path hops = Files.createDirectories(tmp.resolve("hops"));
    // ~/.aws -> hops/current -> secrets/a: the middle link is in neither the entry's nor the target's directories
    Files.createSymbolicLink(hops.resolve("current"), a);
    Files.createSymbolicLink(home.resolve(".aws"), hops.resolve("current"));
    PlanCache cache = cache(p);
    assertThat(hidden(planOf(cache, p))).containsExactly(a);
    nextTick();
    Files.delete(hops.resolve("current"));
    Files.createSymbolicLink(hops.resolve("current"), b);
    assertThat(hidden(planOf(cache, p))).containsExactly(b);
  }

  @Test
  void aDirectoryReplacedOnTheWayIsSeen() throws Exception {
    Policy p = policy(List.of(), List.of("~/.config/gcloud"));
    Files.createDirectories(home.resolve(".config"));
    PlanCache cache = cache(p);
    assertThat(hidden(planOf(cache, p))).isEmpty();
    nextTick();
    // a new .config (with gcloud in it) renamed over the old one: the home's entry now leads to another inode
    Files.createDirectories(tmp.resolve("staged/gcloud"));
    Files.delete(home.resolve(".config"));
    Files.move(tmp.resolve("staged"), home.resolve(".config"));
    assertThat(hidden(planOf(cache, p))).containsExactly(home.resolve(".config/gcloud"));
  }

  @Test
  void aGlobSeesANewMatchInASubdirectory() throws Exception {
    Policy p = policy(List.of(), List.of("**/*.pem"));
    Files.createDirectories(work.resolve("deep/er"));
    PlanCache cache = cache(p);
    assertThat(hidden(planOf(cache, p))).isEmpty();
    nextTick();
    Files.writeString(work.resolve("deep/er/key.pem"), "k");
    assertThat(hidden(planOf(cache, p))).containsExactly(work.resolve("deep/er/key.pem"));
  }

  @Test
  void aRecentlyChangedTreeIsResolvedForEveryCall() throws Exception {
    Policy p = policy(List.of(), List.of("~/.aws"));
    Files.writeString(work.resolve("just-written"), "x");
    PlanCache cache = new PlanCache(p, work, home); // the real settle time: the workdir changed moments ago
    planOf(cache, p);
    planOf(cache, p);
    assertThat(cache.hits()).isZero();
    assertThat(cache.resolves()).isEqualTo(2);
  }

  @Test
  void refreshResolvesAStalePlanAheadAndErrorsStayWithTheCall() throws Exception {
    Policy p = policy(List.of("shared"), List.of("secret"));
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    protectedNamesExistIn(Files.createDirectories(work.resolve("shared")));
    PlanCache cache = cache(p);
    planOf(cache, p);
    nextTick();
    Files.createDirectories(home.resolve(".aws")); // no entry looks there: still valid
    cache.refresh();
    assertThat(cache.resolves()).isEqualTo(1);
    Files.writeString(work.resolve("secret"), "x"); // a denyRead target appears in the workdir
    // past the change's ctime: a plan resolved in the same millisecond is, rightly, not kept (seen once in CI)
    nextTick();
    cache.refresh();
    assertThat(cache.resolves()).isEqualTo(2);
    planOf(cache, p);
    assertThat(cache.hits()).isEqualTo(1);
    nextTick();
    // "shared" becomes a symlink that leads out of the workdir: refused on every call, never served from the cache
    Files.move(work.resolve("shared"), tmp.resolve("old-shared"));
    Files.createSymbolicLink(work.resolve("shared"), outside);
    cache.refresh();
    assertThatThrownBy(cache::plan).isInstanceOf(PolicyException.class).hasMessageContaining("outside");
    assertThatThrownBy(cache::plan).isInstanceOf(PolicyException.class);
  }
}
