/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.isolation.seatbelt.internal.SbplModel.Query;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the generated profiles allow, evaluated with Seatbelt's last-match-wins semantics against an oracle. */
class ProfileSemanticsTest {

  static Stream<String> scenarios() {
    return Fixtures.scenarios().keySet().stream().sorted();
  }

  private static SbplModel model(ProfileInput in) {
    return SbplModel.of(SbplReader.read(ProfileBuilder.build(in)));
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void profileAgreesWithThePolicyOnEveryProbePath(String name) {
    ProfileInput in = Fixtures.scenarios().get(name);
    new ProfileOracle(in).check(model(in));
  }

  @Test
  void eachDenyReadPathHasAMatchingDenyThatNoLaterAllowReopensExceptACarveOut() {
    ProfileInput in = Fixtures.scenarios().get("carve-outs");
    SbplModel m = model(in);
    ProfileOracle oracle = new ProfileOracle(in);
    for (FsTarget t : in.readDeny()) {
      String probe = t.path() + "/secret";
      SbplModel.Rule r = m.decide(Query.file("file-read-data", probe));
      assertThat(r.allow()).as("denyRead %s", t.path()).isEqualTo(oracle.readAllowed(probe));
      if (!r.allow()) {
        assertThat(r.message()).get().asString().endsWith(":read." + t.source());
      }
    }
    // the carve-outs
    assertThat(m.allows(Query.file("file-read-data", "/Users/dev/.config/allowed/x"))).isTrue();
    assertThat(m.allows(Query.file("file-read-data", "/Users/dev/.config/other"))).isFalse();
    assertThat(m.allows(Query.file("file-read-data", "/Users/dev/proj/secrets/key"))).isFalse();
    assertThat(m.allows(Query.file("file-read-data", "/Users/dev/proj/src/A.java"))).isTrue();
    // symlinked spelling of a denied path is denied too
    assertThat(m.allows(Query.file("file-read-data", "/etc/secrets/x"))).isFalse();
    assertThat(m.allows(Query.file("file-read-data", "/private/etc/secrets/x"))).isFalse();
  }

  @Test
  void writesOutsideTheRootsAreDeniedAndAttributed() {
    SbplModel m = model(Fixtures.scenarios().get("default-policy"));
    for (String p : List.of("/etc/hosts", "/Users/dev/.zshrc", "/Users/dev/projx/a", "/Users/dev/pro", "/tmp/x")) {
      SbplModel.Rule r = m.decide(Query.file("file-write-create", p));
      assertThat(r.allow()).as(p).isFalse();
    }
    assertThat(m.decide(Query.file("file-write-data", "/etc/hosts")).message()).get().asString()
        .endsWith(":write.outside");
    assertThat(m.allows(Query.file("file-write-create", "/Users/dev/proj/new.txt"))).isTrue();
    assertThat(m.allows(Query.file("file-write-create", Fixtures.TMP + "/scratch"))).isTrue();
  }

  @Test
  void protectedPathsCannotBeWrittenRenamedOrRemovedNorTheirParents() {
    SbplModel m = model(Fixtures.scenarios().get("default-policy"));
    String w = Fixtures.WORKDIR.toString();
    for (String p : List.of(w + "/.git/hooks/pre-commit", w + "/.git/hooks", w + "/.git/config",
        w + "/.GIT/HOOKS/pre-commit", w + "/vendor/lib/.git/config", w + "/.vscode/tasks.json", w + "/.idea",
        w + "/.mcp.json", w + "/.gitmodules", w + "/.containment.yaml", w + "/.bashrc",
        w + "/.git/modules/sub/hooks/post-checkout", Fixtures.TMP + "/.zshenv")) {
      for (String op : List.of("file-write-data", "file-write-create", "file-write-unlink", "file-write-mode")) {
        assertThat(m.allows(Query.file(op, p))).as("%s %s", op, p).isFalse();
      }
      assertThat(m.decide(Query.file("file-write-data", p)).message()).get().asString().contains(":protect.");
    }
    // move-away-and-back: the parents of protected paths, the workdir and its parents cannot be renamed
    for (String p : List.of(w + "/.git", w + "/sub/.git", w + "/.git/modules", w, "/Users/dev", "/Users")) {
      assertThat(m.allows(Query.dir("file-write-unlink", p))).as("rename/unlink %s", p).isFalse();
      assertThat(m.allows(Query.dir("file-write-create", p))).as("create %s", p).isFalse();
    }
    // a .git file (gitdir: pointer) cannot be rewritten, ordinary git objects still can
    assertThat(m.allows(Query.file("file-write-data", w + "/sub/.git"))).isFalse();
    assertThat(m.allows(Query.file("file-write-create", w + "/.git/objects/ab/cdef"))).isTrue();
    assertThat(m.allows(Query.file("file-write-unlink", w + "/.git/index.lock"))).isTrue();
  }

  @Test
  void readDeniedPathsInsideTheWorkdirCannotBeMovedAway() {
    SbplModel m = model(Fixtures.scenarios().get("carve-outs"));
    assertThat(m.allows(Query.dir("file-write-unlink", "/Users/dev/proj/secrets"))).isFalse();
    assertThat(m.allows(Query.file("file-write-unlink", "/Users/dev/proj/secrets/key"))).isFalse();
    assertThat(m.allows(Query.file("file-write-unlink", "/Users/dev/proj/ordinary.txt"))).isTrue();
    SbplModel g = model(Fixtures.scenarios().get("globs"));
    assertThat(g.allows(Query.file("file-write-unlink", "/Users/dev/proj/certs/site.pem"))).isFalse();
    assertThat(g.allows(Query.file("file-read-data", "/Users/dev/proj/certs/site.pem"))).isFalse();
    assertThat(g.allows(Query.file("file-read-data", "/Users/dev/proj/certs/site.pem.txt"))).isTrue();
  }

  @Test
  void networkIsClosedOrOpenOnlyToTheProxyPort() {
    SbplModel none = model(Fixtures.scenarios().get("minimal"));
    assertThat(none.allows(Query.remote("network-outbound", "localhost:3128"))).isFalse();
    assertThat(none.allows(Query.remote("network-bind", "localhost:8080"))).isFalse();
    SbplModel proxy = model(Fixtures.scenarios().get("proxy"));
    assertThat(proxy.allows(Query.remote("network-outbound", "localhost:3128"))).isTrue();
    assertThat(proxy.allows(Query.remote("network-outbound", "localhost:1080"))).isTrue();
    assertThat(proxy.allows(Query.remote("network-outbound", "localhost:22"))).isFalse();
    assertThat(proxy.allows(Query.remote("network-outbound", "1.1.1.1:443"))).isFalse();
    assertThat(proxy.allows(Query.remote("network-bind", "localhost:3128"))).isFalse();
    assertThat(proxy.allows(Query.remote("network-inbound", "localhost:3128"))).isFalse();
    assertThat(proxy.decide(Query.remote("network-outbound", "1.1.1.1:443")).message()).get().asString()
        .endsWith(":net.denied");
    SbplModel host = model(Fixtures.scenarios().get("host-network"));
    assertThat(host.allows(Query.remote("network-outbound", "1.1.1.1:443"))).isTrue();
  }

  @Test
  void hostTerminalsAreNeitherReadableNorWritable() {
    SbplModel m = model(Fixtures.scenarios().get("minimal"));
    for (String tty : List.of("/dev/tty", "/dev/ttys003", "/dev/ptmx", "/dev/console")) {
      assertThat(m.allows(Query.file("file-read-data", tty))).as(tty).isFalse();
      assertThat(m.allows(Query.file("file-ioctl", tty))).as(tty).isFalse();
      assertThat(m.allows(Query.file("file-write-data", tty))).as(tty).isFalse();
    }
    assertThat(m.allows(Query.file("file-write-data", "/dev/null"))).isTrue();
  }
}
