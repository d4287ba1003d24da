/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.Verdict;
import org.junit.jupiter.api.Test;

/**
 * A session-10 probe found deletes inside the workspace judged as clean-ups when they destroyed the project's code by
 * kind ({@code find . -name '*.py' -delete}) or emptied a source file ({@code truncate -s 0 App.java}); the same
 * programs cleaning build output stay ordinary. Written in other words than the probe's.
 */
class SourceDeletesTest {
  @Test
  void sourceCodeDeletedByKindOrEmptiedAsks() {
    for (String cmd : new String[] {
        "find src -type f -iname '*.ts' -delete",
        "find . -name \"*.go\" -exec rm -f {} +",
        "find lib -name '*.rb' -exec /bin/rm {} \\;",
        "rm -f app/**/*.kt",
        "rm src/main/java/com/acme/*.java",
        "truncate --size=0 internal/server/handler.go",
        "truncate -s0 lib/parser.rs",
        ": > src/index.js",
        "cat /dev/null > app/models.py",
        "bash -c 'find . -name \"*.cpp\" -delete'"}) {
      Verdict v = DefaultPolicyCases.review(cmd);
      assertThat(v.decision()).as(cmd + " -> " + v.reason()).isIn("ask", "deny");
      assertThat(v.category()).as(cmd).isEqualTo("destructive-delete");
    }
  }

  @Test
  void buildOutputAndCachesAreStillCleanedWithoutAsking() {
    for (String cmd : new String[] {
        "find . -name '*.pyc' -delete",
        "find dist -name '*.js' -delete",
        "find . -path ./node_modules -prune -o -name '*.log' -delete",
        "find build -name '*.o' -exec rm {} +",
        "rm -f target/classes/com/acme/*.class",
        "rm -f out/*.js",
        "truncate -s 0 logs/app.log",
        "truncate -s 10M fixtures/big.bin",
        ": > debug.log",
        "echo 'package main' > cmd/tool/main.go",
        "cat header.txt > src/index.js",
        "find . -name '*.py' -newer setup.cfg -print",
        "find . -name '*.tmp' ! -name '*.py' -delete"}) {
      Verdict v = DefaultPolicyCases.review(cmd);
      assertThat(v.decision()).as(cmd + " -> " + v.reason()).isEqualTo("allow");
    }
  }
}
