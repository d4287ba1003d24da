/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuleSyntaxTest {

  @Test
  void acceptsTheDocumentedForms() {
    for (String r : List.of("Bash", "Bash(*)", "Bash(npm test)", "Bash(git push:*)", "Bash(git * main)",
        "Bash(curl * | sh)", "Read(~/.aws/**)", "Read(./**)", "Read(//etc/**)", "Read(*.env)", "Write(/tmp/*)",
        "Edit(src/**/*.ts)", "Fetch(domain:github.com)", "WebFetch(domain:*.example.com)", "Mcp(github/*)",
        "Mcp(jira)", "Read")) {
      assertThat(RuleSyntax.problem(r)).as(r).isEmpty();
    }
  }

  @Test
  void explainsBadRules() {
    assertThat(RuleSyntax.problem("")).hasValueSatisfying(p -> assertThat(p).contains("empty rule"));
    assertThat(RuleSyntax.problem("Shell(ls)")).hasValueSatisfying(p -> assertThat(p).contains("Bash, Read"));
    assertThat(RuleSyntax.problem("Bash(ls")).hasValueSatisfying(p -> assertThat(p).contains("closing"));
    assertThat(RuleSyntax.problem("Bash(a && b)")).hasValueSatisfying(p -> assertThat(p).contains("one rule per"));
    assertThat(RuleSyntax.problem("Fetch(github.com)")).hasValueSatisfying(p -> assertThat(p).contains("domain:"));
    assertThat(RuleSyntax.problem("Mcp(/x)")).isPresent();
    assertThat(RuleSyntax.problem("Read()")).isPresent();
  }

  @Test
  void bashRulesMatchWordsNotPrefixes() {
    Rule push = Rule.compile("Bash(git push:*)");
    assertThat(push.matchesWords(List.of("git", "push"))).isTrue();
    assertThat(push.matchesWords(List.of("/usr/bin/git", "push", "origin", "main"))).isTrue();
    assertThat(push.matchesWords(List.of("git", "pushx"))).isFalse();
    assertThat(push.matchesWords(List.of("git", "status", "push"))).isFalse();
    Rule exact = Rule.compile("Bash(npm test)");
    assertThat(exact.matchesWords(List.of("npm", "test"))).isTrue();
    assertThat(exact.matchesWords(List.of("npm", "test", "--watch"))).isFalse();
    Rule glob = Rule.compile("Bash(git * main)");
    assertThat(glob.matchesWords(List.of("git", "push", "origin", "main"))).isTrue();
    assertThat(Rule.compile("Bash(rm *.log)").matchesWords(List.of("rm", "a.log"))).isTrue();
    assertThat(Rule.compile("Bash(rm *.log)").matchesWords(List.of("rm", "a.txt"))).isFalse();
  }

  @Test
  void examplesAreCheckedAtLoadTime() {
    assertThat(RuleSyntax.checkExamples("Bash(git push:*)", List.of("git push origin x", "sudo git push"),
        List.of("git status", "gitpush"))).isEmpty();
    assertThat(RuleSyntax.checkExamples("Bash(git push:*)", List.of("git pull"), List.of()))
        .hasValueSatisfying(p -> assertThat(p).contains("does not match its example 'git pull'"));
    assertThat(RuleSyntax.checkExamples("Read(~/.aws/**)", List.of("~/.aws/credentials", "/home/user/.aws/config"),
        List.of("~/.awsx", "src/.aws"))).isEmpty();
    assertThat(RuleSyntax.checkExamples("Read(*.env)", List.of(".env", "config/prod.env"), List.of("env.txt")))
        .isEmpty();
    assertThat(RuleSyntax.checkExamples("Fetch(domain:*.example.com)", List.of("https://api.example.com/x"),
        List.of("https://example.com", "https://evilexample.com"))).isEmpty();
    assertThat(RuleSyntax.checkExamples("Mcp(github/*)", List.of("github/create_issue"), List.of("gitlab/x")))
        .isEmpty();
    assertThat(RuleSyntax.checkExamples("Read(./src/**)", List.of(), List.of("src/a.java")))
        .hasValueSatisfying(p -> assertThat(p).contains("must not match"));
  }
}
