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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which words the path rules may leave unresolved because the program cannot open a file by that name. */
class OperandGrammarTest {
  private static final Path HOME = Path.of("/home/dev");
  private static final Path WS = Path.of("/home/dev/proj");

  /** For each word after the program: true when it is skipped. */
  private static List<Boolean> skipped(String command) {
    Unit u = Units.ofShell(command, HOME, WS).units().get(0);
    List<Boolean> out = new ArrayList<>();
    for (int k = 0; k < u.params().size(); k++) {
      out.add(OperandGrammar.notAFile(u, k));
    }
    return out;
  }

  @Test
  void subcommandsScriptsTargetsAndBranchesAreNotFiles() {
    assertThat(skipped("git status")).containsExactly(true);
    assertThat(skipped("npm run build")).containsExactly(true, true);
    assertThat(skipped("npm run build -- main")).containsExactly(true, true, false, false);
    assertThat(skipped("make clean all")).containsExactly(true, true);
    assertThat(skipped("make -j4 -k clean")).containsExactly(false, false, true);
    assertThat(skipped("mvn -q clean install")).containsExactly(false, true, true);
    assertThat(skipped("git switch -c feature")).containsExactly(true, false, true);
    assertThat(skipped("git commit -m fix")).containsExactly(true, false, true);
    assertThat(skipped("cargo build --release")).containsExactly(true, false);
  }

  @Test
  void operandsThatMayBeFilesAreKept() {
    // git checkout X restores a file X when no branch has that name; a push to a directory named origin
    assertThat(skipped("git checkout main")).containsExactly(true, false);
    assertThat(skipped("git push origin main")).containsExactly(true, false, false);
    assertThat(skipped("git commit -F msg")).containsExactly(true, false, false);
    assertThat(skipped("npm install left-pad")).containsExactly(true, false);
    // the value of an option that takes one: -f FILE, -C DIR, -pl MODULE, -s SETTINGS
    assertThat(skipped("make -f other clean")).containsExactly(false, false, false);
    assertThat(skipped("make -C sub clean")).containsExactly(false, false, false);
    assertThat(skipped("mvn -pl core test")).containsExactly(false, false, false);
    assertThat(skipped("mvn -s settings test")).containsExactly(false, false, false);
    // programs called by path or unknown, and words that may be paths
    assertThat(skipped("./make clean")).containsExactly(false);
    assertThat(skipped("python build")).containsExactly(false);
    assertThat(skipped("make .env ~/x a/b $T x* @f X=1")).containsOnly(false);
    assertThat(skipped("$TOOL status")).containsExactly(false);
  }

  @Test
  void aLinkNamedLikeAKeptOperandIsStillJudgedWhereItPoints(@TempDir Path dir) throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    Path ssh = Files.createDirectories(home.resolve(".ssh"));
    Files.writeString(ssh.resolve("id_rsa"), "k");
    Path ws = Files.createDirectories(home.resolve("proj"));
    Files.createSymbolicLink(ws.resolve("main"), ssh.resolve("id_rsa"));
    ModelGuard guard = PolicyGuard.of(Policy.defaults());
    GuardContext ctx = new GuardContext(ws.toRealPath(), ws.toRealPath(), home.toRealPath(), false, 0, 0);

    for (String kept : new String[] {"cat main", "git checkout main", "git push main", "make -f main",
        "npm install main", "./build.sh main", "python main", "mvn -pl main test"}) {
      assertThat(guard.review(ToolCall.bash(kept), ctx).decision()).as(kept).isEqualTo("deny");
    }
    for (String skipped : new String[] {"make main", "npm run main", "git switch main"}) {
      assertThat(guard.review(ToolCall.bash(skipped), ctx).decision()).as(skipped).isNotEqualTo("deny");
    }
  }
}
