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
}
