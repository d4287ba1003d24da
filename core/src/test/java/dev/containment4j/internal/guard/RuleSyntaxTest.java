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
    assertThat(push.matchesWords(List.of("git", "push"), null)).isTrue();
    assertThat(push.matchesWords(List.of("/usr/bin/git", "push", "origin", "main"), null)).isTrue();
    assertThat(push.matchesWords(List.of("git", "pushx"), null)).isFalse();
    assertThat(push.matchesWords(List.of("git", "status", "push"), null)).isFalse();
    Rule exact = Rule.compile("Bash(npm test)");
    assertThat(exact.matchesWords(List.of("npm", "test"), null)).isTrue();
    assertThat(exact.matchesWords(List.of("npm", "test", "--watch"), null)).isFalse();
    Rule glob = Rule.compile("Bash(git * main)");
    assertThat(glob.matchesWords(List.of("git", "push", "origin", "main"), null)).isTrue();
    assertThat(Rule.compile("Bash(rm *.log)").matchesWords(List.of("rm", "a.log"), null)).isTrue();
    assertThat(Rule.compile("Bash(rm *.log)").matchesWords(List.of("rm", "a.txt"), null)).isFalse();
  }

  @Test
  void prefixRulesMatchTaskNamesInTheirNamespaceButNothingElseGluedToTheLastWord() {
    // Claude Code users write Bash(npm run test:*) for the test scripts: test, test:unit, test:e2e:ci
    Rule tests = Rule.compile("Bash(npm run test:*)");
    for (String yes : List.of("npm run test", "npm run test -- --watch=false", "npm run test:unit",
        "npm run test:unit -- --watch=false", "npm run test:e2e:ci")) {
      assertThat(tests.matchesWords(List.of(yes.split(" ")), null)).as(yes).isTrue();
    }
    for (String no : List.of("npm run testx", "npm run test-all", "npm run tests:unit", "npm run build:test",
        "npm run", "npm test:unit")) {
      assertThat(tests.matchesWords(List.of(no.split(" ")), null)).as(no).isFalse();
    }
    // the space form keeps a strict word boundary, and so does a prefix that ends in an option or a path
    assertThat(Rule.compile("Bash(npm run test *)").matchesWords(List.of("npm", "run", "test:unit"), null))
        .isFalse();
    assertThat(Rule.compile("Bash(git push:*)").matchesWords(List.of("git", "push-all"), null)).isFalse();
    assertThat(Rule.compile("Bash(npm run test:unit:*)").matchesWords(List.of("npm", "run", "test:unit:ci"), null))
        .isTrue();
    assertThat(Rule.compile("Bash(npm run test:unit:*)").matchesWords(List.of("npm", "run", "test:e2e"), null))
        .isFalse();
    assertThat(RuleSyntax.checkExamples("Bash(npm run test:*)", List.of("npm run test:unit -- --watch=false",
        "sudo npm run test:e2e"), List.of("npm run build", "npm run test-all"))).isEmpty();
  }

  @Test
  void homeInABashRuleMatchesTheExpandedHome() {
    // the shell has expanded ~ and $HOME before the rule sees the words
    java.nio.file.Path home = java.nio.file.Path.of("/home/u");
    assertThat(Rule.compile("Bash(rm -rf ~)").matchesWords(List.of("rm", "-rf", "/home/u"), home)).isTrue();
    assertThat(Rule.compile("Bash(rm -rf $HOME:*)").matchesWords(List.of("rm", "-rf", "/home/u", "x"), home))
        .isTrue();
    assertThat(Rule.compile("Bash(rm -rf ~/.cache)").matchesWords(List.of("rm", "-rf", "/home/u/.cache"), home))
        .isTrue();
    assertThat(Rule.compile("Bash(rm -rf ~)").matchesWords(List.of("rm", "-rf", "/home/u/src"), home)).isFalse();
    assertThat(RuleSyntax.checkExamples("Bash(rm -rf ~)", List.of("rm -rf ~", "rm -rf $HOME", "sudo rm -rf ~"),
        List.of("rm -rf ~/project/build", "rm -rf ./~"))).isEmpty();
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
