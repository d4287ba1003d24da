/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.ToolCall;
import dev.containment4j.Verdict;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * What the lead's second session-10 probe found after the session's sweep was merged: a secrets manager's CLI login
 * was an ordinary file, and deleting one's own feature branch on the remote was refused like deleting main.
 */
class LeadProbe10Test {
  @Test
  void secretsManagerLoginsAreCredentials() {
    for (String p : new String[] {"/home/dev/.config/infisical/infisical-config.json",
        "/home/dev/.config/Bitwarden CLI/data.json", "/home/dev/.doppler/.doppler.yaml",
        "/home/dev/.config/sops/age/keys.txt"}) {
      Verdict v = DefaultPolicyCases.review(ToolCall.read(Path.of(p)));
      assertThat(v.decision()).as(p + " -> " + v.reason()).isIn("ask", "deny");
      assertThat(v.category()).as(p).isIn("credential-access", "rule");
    }
    assertThat(DefaultPolicyCases.review(ToolCall.read(Path.of("/home/dev/.config/git/ignore"))).decision())
        .isEqualTo("allow");
  }

  @Test
  void oneNamedFeatureBranchDeletedOnTheRemoteAsksWhileSharedRefsAreRefused() {
    for (String cmd : new String[] {"git push origin --delete fix/typo-in-readme", "git push upstream :spike-cache"}) {
      Verdict v = DefaultPolicyCases.review(cmd);
      assertThat(v.decision()).as(cmd + " -> " + v.reason()).isEqualTo("ask");
    }
    for (String cmd : new String[] {"git push origin --delete master", "git push origin :refs/tags/v2.0.1",
        "git push origin --delete release-2026.11", "git push origin --delete 3.1.x", "git push --prune origin",
        "git push origin --delete $BRANCH"}) {
      Verdict v = DefaultPolicyCases.review(cmd);
      assertThat(v.decision()).as(cmd + " -> " + v.reason()).isEqualTo("deny");
    }
  }
}
