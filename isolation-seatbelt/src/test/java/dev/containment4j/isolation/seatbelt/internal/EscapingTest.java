/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The two escaping layers: SBPL string literals and regex quoting, and the glob compiler built on them. */
class EscapingTest {

  @Test
  void stringsEscapeOnlyWhatTheReaderTreatsAsSyntax() {
    assertThat(Sbpl.string("/a \"b\" \\c")).isEqualTo("\"/a \\\"b\\\" \\\\c\"");
    assertThat(Sbpl.string("x\ny\tz\r")).isEqualTo("\"x\\ny\\tz\\r\"");
    assertThat(Sbpl.string("/Users/é/日本/😀")).isEqualTo("\"/Users/é/日本/😀\"");
    assertThat(Sbpl.string("(allow default)")).isEqualTo("\"(allow default)\"");
  }

  @Test
  void whatCannotBeWrittenFaithfullyIsRejected() {
    assertThatThrownBy(() -> Sbpl.string("/a\u0000b")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NUL");
    assertThatThrownBy(() -> Sbpl.string("/a\ud800b")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unpaired surrogate");
  }

  @Test
  void regexQuotingUsesApplesSet() {
    assertThat(Sbpl.regexQuote("a.b*c+d?e(f)g|h^i$j[k]l{m}n\\o")).isEqualTo(
        "a\\.b\\*c\\+d\\?e\\(f\\)g\\|h\\^i\\$j\\[k]l\\{m}n\\\\o");
  }

  @Test
  void globsCompileToAnchoredRegexes() {
    assertThat(GlobRegex.compile("/w", "**/*.pem", GlobRegex.End.SUBTREE, false))
        .isEqualTo("^/w/([^/]*/)*[^/]*\\.pem(/|$)");
    assertThat(GlobRegex.compile("/w.d", "a?/b", GlobRegex.End.EXACT, false)).isEqualTo("^/w\\.d/a[^/]/b$");
    assertThat(GlobRegex.compile("/", "**/.git", GlobRegex.End.EXACT, true)).isEqualTo("^/([^/]*/)*\\.[gG][iI][tT]$");
    assertThat(GlobRegex.compile("/w", "x/**", GlobRegex.End.SUBTREE, false)).isEqualTo("^/w/x/([^/]*/)*[^/]*(/|$)");
    var re = SbplModel.SbplRegex.toJava(GlobRegex.compile("/w", "**/*.pem", GlobRegex.End.SUBTREE, false));
    assertThat(re.matcher("/w/k.pem").find()).isTrue();
    assertThat(re.matcher("/w/a/b/k.pem/inner").find()).isTrue();
    assertThat(re.matcher("/w/a/k.pem.bak").find()).isFalse();
    assertThat(re.matcher("/wx/k.pem").find()).isFalse();
    assertThat(re.matcher("/w/a\nb/k.pem").find()).as("names with newlines match too").isTrue();
    assertThatThrownBy(() -> GlobRegex.compile("relative", "*", GlobRegex.End.EXACT, false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void classesAndAlternativesFollowJavasGlobSyntaxOrAreRefused() {
    String alt = GlobRegex.compile("/w", "**/*.{pem,key}", GlobRegex.End.SUBTREE, false);
    assertThat(alt).isEqualTo("^/w/([^/]*/)*[^/]*\\.(pem|key)(/|$)");
    var re = SbplModel.SbplRegex.toJava(alt);
    assertThat(re.matcher("/w/a/id.key").find()).isTrue();
    assertThat(re.matcher("/w/id.pem").find()).isTrue();
    assertThat(re.matcher("/w/id.crt").find()).isFalse();
    var cls = SbplModel.SbplRegex.toJava(GlobRegex.compile("/w", "log[0-9].txt", GlobRegex.End.EXACT, false));
    assertThat(cls.matcher("/w/log7.txt").find()).isTrue();
    assertThat(cls.matcher("/w/logx.txt").find()).isFalse();
    var neg = SbplModel.SbplRegex.toJava(GlobRegex.compile("/w", "[!a]", GlobRegex.End.EXACT, false));
    assertThat(neg.matcher("/w/b").find()).isTrue();
    assertThat(neg.matcher("/w/a").find()).isFalse();
    assertThat(GlobRegex.compile("/w", "a\\*b", GlobRegex.End.EXACT, false)).isEqualTo("^/w/a\\*b$");
    for (String bad : new String[] {"[a", "a]", "{a,b", "x{a{b}}", "[/]", "[\"]", "a\\"}) {
      assertThatThrownBy(() -> GlobRegex.compile("/w", bad, GlobRegex.End.EXACT, false)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot express the glob");
    }
  }
}
