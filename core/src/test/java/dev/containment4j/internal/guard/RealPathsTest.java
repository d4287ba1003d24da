/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.ToolCall;
import dev.containment4j.guard.GuardContext;
import dev.containment4j.guard.ModelGuard;
import dev.containment4j.policy.Policy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real-path resolution against the filesystem, and what its cache may answer across decisions. */
class RealPathsTest {
  @TempDir
  Path dir;

  @Test
  void resolvesLinksInTheMiddleAndDanglingLinksAtTheEnd() throws Exception {
    Path ws = Files.createDirectories(dir.resolve("ws"));
    Path secrets = Files.createDirectories(dir.resolve("home/.ssh"));
    Files.writeString(secrets.resolve("id_rsa"), "k");
    Files.createSymbolicLink(ws.resolve("keys"), secrets);
    Files.createSymbolicLink(ws.resolve("dangling"), secrets.resolve("authorized_keys"));
    Path real = dir.toRealPath();

    assertThat(RealPaths.resolve(ws.resolve("keys/id_rsa"))).isEqualTo(real.resolve("home/.ssh/id_rsa"));
    // a write through the dangling link lands where it points
    assertThat(RealPaths.resolve(ws.resolve("dangling"))).isEqualTo(real.resolve("home/.ssh/authorized_keys"));
    assertThat(RealPaths.resolve(ws.resolve("keys/missing/deeper"))).isEqualTo(real.resolve("home/.ssh/missing/deeper"));
    assertThat(RealPaths.resolve(ws.resolve("plain/missing"))).isEqualTo(real.resolve("ws/plain/missing"));
    assertThat(RealPaths.resolve(dir.resolve("nowhere/at/all"))).isEqualTo(real.resolve("nowhere/at/all"));
  }

  @Test
  void linkLoopsEndWithoutFollowingForever() throws Exception {
    Files.createSymbolicLink(dir.resolve("a"), dir.resolve("b"));
    Files.createSymbolicLink(dir.resolve("b"), dir.resolve("a"));
    assertThat(RealPaths.resolve(dir.resolve("a/x"))).isNotNull();
  }

  @Test
  void cachedAnswersExpireAndAreForgottenWhenACallMayWrite() throws Exception {
    AtomicLong now = new AtomicLong(0);
    RealPaths cache = new RealPaths(Duration.ofSeconds(1), Duration.ofSeconds(120), now::get);
    Path target = Files.createDirectories(dir.resolve("target"));
    Path p = dir.resolve("link");
    Path real = dir.toRealPath();

    assertThat(cache.real(p)).isEqualTo(real.resolve("link"));
    Files.createSymbolicLink(p, target);
    // no call was let through since: the answer is reused until it expires
    assertThat(cache.real(p)).isEqualTo(real.resolve("link"));
    now.addAndGet(Duration.ofMillis(1001).toNanos());
    assertThat(cache.real(p)).isEqualTo(real.resolve("target"));

    // a call that may write clears the cache, and nothing is stored while it may still run
    cache.filesystemMayChange();
    Files.delete(p);
    assertThat(cache.real(p)).isEqualTo(real.resolve("link"));
    Files.createSymbolicLink(p, target);
    assertThat(cache.real(p)).isEqualTo(real.resolve("target"));
  }

  @Test
  void aLinkPlantedByOneCallIsSeenByTheNext() throws Exception {
    Path ws = Files.createDirectories(dir.resolve("ws"));
    Path home = Files.createDirectories(dir.resolve("home"));
    Path ssh = Files.createDirectories(home.resolve(".ssh"));
    Files.writeString(ssh.resolve("id_rsa"), "k");
    Files.writeString(ws.resolve("notes.txt"), "n");
    ModelGuard guard = PolicyGuard.of(Policy.defaults());
    GuardContext ctx = new GuardContext(ws.toRealPath(), ws.toRealPath(), home.toRealPath(), false, 0, 0);

    assertThat(guard.review(ToolCall.bash("cat notes.txt notes2.txt"), ctx).decision()).isEqualTo("allow");
    // the agent's next call plants a link (here done by the test, as the command would) ...
    assertThat(guard.review(ToolCall.bash("mkdir -p build && touch build/x"), ctx).decision()).isEqualTo("allow");
    Files.createSymbolicLink(ws.resolve("notes2.txt"), ssh.resolve("id_rsa"));
    // ... and reading through it is judged on where it points, not on a cached answer
    assertThat(guard.review(ToolCall.bash("cat notes.txt notes2.txt"), ctx).decision()).isEqualTo("deny");
    assertThat(guard.review(ToolCall.read(ws.resolve("notes2.txt")), ctx).decision()).isEqualTo("deny");
  }

  @Test
  void onlyCallsThatCannotWriteKeepTheCache() {
    Path home = Path.of("/home/u");
    Path ws = Path.of("/home/u/w");
    for (String readOnly : new String[] {"cat a | grep -n b", "git status && git diff --stat", "ls > /dev/null",
        "find . -name '*.java'", "X=1", "rg TODO src"}) {
      assertThat(Classifier.readOnly(Units.ofShell(readOnly, home, ws))).as(readOnly).isTrue();
    }
    for (String writer : new String[] {"echo x > f", "git diff --output=patch.txt", "find . -name x -delete",
        "rg --pre ./conv.sh x", "npm test", "git checkout main", "ln -s ~/.ssh k", "$CMD x", "python3 -c 'print(1)'",
        "echo 'unterminated"}) {
      assertThat(Classifier.readOnly(Units.ofShell(writer, home, ws))).as(writer).isFalse();
    }
  }

  /**
   * Exact answers keyed by the directory: no time window, no reset when a call may write. A clock ten seconds ahead
   * makes the fresh temporary directories count as settled ({@link RealPaths#SETTLED_MILLIS}); the short sleeps put
   * each change in a later kernel clock tick than the one before it, as on any directory older than two seconds.
   */
  private static RealPaths exact() {
    return new RealPaths(Duration.ZERO, Duration.ZERO, System::nanoTime, () -> System.currentTimeMillis() + 10_000);
  }

  private static void nextTick() throws InterruptedException {
    Thread.sleep(30);
  }

  @Test
  void aMissingNameIsAnsweredByItsDirectoryUntilAnEntryChanges() throws Exception {
    Path ws = Files.createDirectories(dir.resolve("ws"));
    Path ssh = Files.createDirectories(dir.resolve("home/.ssh"));
    Path real = dir.toRealPath();
    RealPaths paths = exact();
    nextTick();

    for (int i = 0; i < 2; i++) {
      assertThat(paths.snapshot().real(ws.resolve("k"))).isEqualTo(real.resolve("ws/k"));
    }
    long before = paths.nameLookups();
    paths.snapshot().real(ws);
    long chain = paths.nameLookups() - before;
    long identities = paths.identityReads();
    assertThat(paths.snapshot().real(ws.resolve("k"))).isEqualTo(real.resolve("ws/k"));
    // answered by one stat of ws, not by an lstat of ws/k: only the directories on the way were looked up
    assertThat(paths.nameLookups() - before).isEqualTo(2 * chain);
    // and that stat is ws's own lookup on the way (its parent is writable here), no second one for its identity
    assertThat(paths.identityReads()).isEqualTo(identities);

    // a dangling link with that name (a write through it lands in ~/.ssh) is seen by the next decision
    Files.createSymbolicLink(ws.resolve("k"), ssh.resolve("authorized_keys"));
    assertThat(paths.snapshot().real(ws.resolve("k"))).isEqualTo(real.resolve("home/.ssh/authorized_keys"));

    // so is a plain file created under a name that was missing, and one deleted again
    nextTick();
    paths.snapshot().real(ws.resolve("f"));
    paths.snapshot().real(ws.resolve("f"));
    Files.writeString(ws.resolve("f"), "x");
    assertThat(paths.snapshot().real(ws.resolve("f"))).isEqualTo(real.resolve("ws/f"));
    Files.delete(ws.resolve("k"));
    assertThat(paths.snapshot().real(ws.resolve("k"))).isEqualTo(real.resolve("ws/k"));
  }

  @Test
  void resettingTheDirectorysModificationTimeDoesNotHideANewLink() throws Exception {
    Path ws = Files.createDirectories(dir.resolve("ws"));
    Path ssh = Files.createDirectories(dir.resolve("home/.ssh"));
    Path real = dir.toRealPath();
    RealPaths paths = exact();
    FileTime old = Files.getLastModifiedTime(ws);
    nextTick();
    for (int i = 0; i < 3; i++) {
      assertThat(paths.snapshot().real(ws.resolve("k"))).isEqualTo(real.resolve("ws/k"));
    }

    // touch -d: the owner can put mtime back, not ctime
    Files.createSymbolicLink(ws.resolve("k"), ssh.resolve("id_rsa"));
    Files.setLastModifiedTime(ws, old);
    assertThat(Files.getLastModifiedTime(ws)).isEqualTo(old);
    assertThat(paths.snapshot().real(ws.resolve("k"))).isEqualTo(real.resolve("home/.ssh/id_rsa"));
  }

  @Test
  void aDirectoryRenamedAndReplacedIsAskedAgain() throws Exception {
    Path ws = Files.createDirectories(dir.resolve("ws"));
    Path sub = Files.createDirectories(ws.resolve("sub"));
    Path ssh = Files.createDirectories(dir.resolve("home/.ssh"));
    Path real = dir.toRealPath();
    RealPaths paths = exact();
    nextTick();
    for (int i = 0; i < 3; i++) {
      assertThat(paths.snapshot().real(sub.resolve("k"))).isEqualTo(real.resolve("ws/sub/k"));
    }

    // mv sub old && mkdir sub && ln -s ~/.ssh/id_rsa sub/k: the same path, another directory
    Files.move(sub, ws.resolve("old"));
    Files.createDirectories(sub);
    Files.createSymbolicLink(sub.resolve("k"), ssh.resolve("id_rsa"));
    assertThat(paths.snapshot().real(sub.resolve("k"))).isEqualTo(real.resolve("home/.ssh/id_rsa"));

    // and a directory replaced by a link to another one
    nextTick();
    Path other = Files.createDirectories(dir.resolve("other"));
    nextTick();
    for (int i = 0; i < 3; i++) {
      paths.snapshot().real(ws.resolve("old/k"));
    }
    Files.move(ws.resolve("old"), ws.resolve("older"));
    Files.createSymbolicLink(ws.resolve("old"), ssh);
    assertThat(paths.snapshot().real(ws.resolve("old/id_rsa"))).isEqualTo(real.resolve("home/.ssh/id_rsa"));
    assertThat(other).exists();
  }

  @Test
  void aDirectoryChangedWithinTheLastTwoSecondsProvesNothing() throws Exception {
    Path ws = Files.createDirectories(dir.resolve("ws"));
    RealPaths paths = new RealPaths(Duration.ZERO, Duration.ZERO, System::nanoTime, System::currentTimeMillis);
    long chain = paths.nameLookups();
    paths.snapshot().real(ws);
    chain = paths.nameLookups() - chain;
    for (int i = 0; i < 3; i++) {
      long before = paths.nameLookups();
      paths.snapshot().real(ws.resolve("k"));
      assertThat(paths.nameLookups() - before).isEqualTo(chain + 1);
    }
  }

  @Test
  void aDanglingLinkPlantedByAnotherProcessChangesTheNextDecision() throws Exception {
    Path ws = Files.createDirectories(dir.resolve("ws"));
    Path home = Files.createDirectories(dir.resolve("home"));
    Path ssh = Files.createDirectories(home.resolve(".ssh"));
    ModelGuard guard = new PolicyGuard(Policy.defaults(), new RealPaths(Duration.ofSeconds(1), Duration.ofSeconds(120),
        System::nanoTime, () -> System.currentTimeMillis() + 10_000));
    GuardContext ctx = new GuardContext(ws.toRealPath(), ws.toRealPath(), home.toRealPath(), false, 0, 0);
    nextTick();

    for (int i = 0; i < 3; i++) {
      assertThat(guard.review(ToolCall.bash("echo key >> k"), ctx).decision()).isEqualTo("allow");
    }
    Files.createSymbolicLink(ws.resolve("k"), ssh.resolve("authorized_keys"));
    assertThat(guard.review(ToolCall.bash("echo key >> k"), ctx).decision()).isNotEqualTo("allow");
  }

  @Test
  void dotDotAfterALinkGoesUpFromWhereTheLinkPoints() throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    Path sso = Files.createDirectories(home.resolve(".aws/sso"));
    Files.writeString(home.resolve(".aws/credentials"), "k");
    Path ws = Files.createDirectories(home.resolve("proj"));
    Files.createSymbolicLink(ws.resolve("l"), sso);
    ModelGuard guard = PolicyGuard.of(Policy.defaults());
    GuardContext ctx = new GuardContext(ws.toRealPath(), ws.toRealPath(), home.toRealPath(), false, 0, 0);

    // the kernel opens ~/.aws/credentials (the parent of where l points), not proj/credentials
    assertThat(Files.readString(ws.resolve("l/../credentials"))).isEqualTo("k");
    for (String read : new String[] {"cat l/../credentials", "cp l/./../credentials x", "cat ./l/../credentials"}) {
      assertThat(guard.review(ToolCall.bash(read), ctx).decision()).as(read).isEqualTo("deny");
    }
    assertThat(guard.review(ToolCall.read(ws.resolve("l/../credentials")), ctx).decision()).isEqualTo("deny");
    // without a link, .. stays lexical
    Files.createDirectories(ws.resolve("src"));
    assertThat(guard.review(ToolCall.bash("cat src/../README.md"), ctx).decision()).isEqualTo("allow");
  }
}
