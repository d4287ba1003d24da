/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.isolation.seatbelt.internal.SbplModel.Query;
import dev.containment4j.isolation.seatbelt.internal.SbplReader.Lst;
import dev.containment4j.isolation.seatbelt.internal.SbplReader.Node;
import dev.containment4j.isolation.seatbelt.internal.SbplReader.Str;
import dev.containment4j.policy.Policy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Property tests: paths made of hostile characters (quotes, backslashes, parentheses, semicolons, regex
 * metacharacters, newlines and other control characters, non-ASCII, emoji) never change the profile's structure, and
 * each path round-trips as a literal or a regex that matches exactly that path. Fixed seed, so failures reproduce.
 */
class HostilePathPropertyTest {
  static final long SEED = 20261127L;
  static final int ITERATIONS = 300;

  /**
   * Characters that are syntax somewhere: SBPL strings and comments, regexes, globs, shells. No '/', '*' or '?'
   * (wildcards by design).
   */
  static final String[] HOSTILE = {"\"", "\\", "(", ")", ";", "#", "|", "^", "$", ".", "[", "]", "{", "}", "+",
      "\n", "\r", "\t", "\u0001", "\u007f", " ", "'", "`", "é", "日本", "😀", "\u200b", "\\\"", "\\n", ")(deny",
      "\")(allow default)(\"", "a", "Z", "0", "-", "_", "%", "~", "&"};

  /** Without '[' and '{': in a policy entry they are glob syntax (core's definition), so not literal text. */
  static final String[] HOSTILE_LITERAL = java.util.Arrays.stream(HOSTILE)
      .filter(h -> h.indexOf('[') < 0 && h.indexOf('{') < 0).toArray(String[]::new);

  private static String segment(Random r, int index) {
    return segment(r, index, HOSTILE_LITERAL);
  }

  private static String segment(Random r, int index, String[] pool) {
    StringBuilder b = new StringBuilder();
    int n = 3 + r.nextInt(10);
    for (int i = 0; i < n; i++) {
      b.append(pool[r.nextInt(pool.length)]);
    }
    // a distinct suffix: no two segments collide, and none is "." or ".."
    return b.append('~').append(index).toString();
  }

  private record Case(Path workdir, String deny, String allowRead, String allowWrite, String denyWrite,
      String globDir) {}

  private static Case randomCase(Random r) {
    return new Case(Path.of("/Users/dev", segment(r, 1, HOSTILE), segment(r, 2, HOSTILE)), segment(r, 3), segment(r, 4),
        segment(r, 5), segment(r, 6), segment(r, 7));
  }

  private static Case benignCase() {
    return new Case(Path.of("/Users/dev/w1/w2"), "d3", "a4", "t5", "w6", "g7");
  }

  private static ProfileInput input(Case c) {
    Policy policy = Fixtures.policy(Fixtures.fs(List.of("/tmp/" + c.allowWrite()),
        List.of("~/" + c.deny(), "./" + c.globDir() + "/**/*.key"), List.of("~/" + c.deny() + "/" + c.allowRead()),
        List.of("./" + c.denyWrite()), true), Policy.NetworkMode.NONE);
    return Fixtures.input(policy, c.workdir(), Fixtures.HOME, NetworkAccess.none("none"));
  }

  /** The profile's shape: every string replaced by a placeholder. */
  private static String shape(List<Lst> forms) {
    return forms.stream().map(HostilePathPropertyTest::shape).collect(Collectors.joining("\n"));
  }

  private static String shape(Node n) {
    if (n instanceof Str) {
      return "\"S\"";
    }
    if (n instanceof Lst l) {
      return l.items().stream().map(HostilePathPropertyTest::shape).collect(Collectors.joining(" ", "(", ")"));
    }
    return n.toString();
  }

  private static List<String> strings(List<Lst> forms) {
    List<String> out = new ArrayList<>();
    forms.forEach(f -> collect(f, out));
    return out;
  }

  private static void collect(Node n, List<String> out) {
    if (n instanceof Str s) {
      out.add(s.value());
    } else if (n instanceof Lst l) {
      l.items().forEach(i -> collect(i, out));
    }
  }

  @Test
  void hostilePathsNeverChangeTheProfileStructureAndRoundTripExactly() {
    String benign = shape(SbplReader.read(ProfileBuilder.build(input(benignCase()))));
    Random random = new Random(SEED);
    for (int i = 0; i < ITERATIONS; i++) {
      Case c = randomCase(random);
      String profile = ProfileBuilder.build(input(c));
      List<Lst> forms = SbplReader.read(profile);
      String described = "iteration " + i + " workdir " + Sbpl.printable(c.workdir().toString());
      assertThat(shape(forms)).as(described).isEqualTo(benign);
      SbplModel model = SbplModel.of(forms);
      String w = c.workdir().toString();
      String denied = Fixtures.HOME + "/" + c.deny();
      List<String> strings = strings(forms);
      // literals round-trip as the exact path
      assertThat(strings).as(described).contains(w, denied, denied + "/" + c.allowRead(),
          "/private/tmp/" + c.allowWrite(), w + "/" + c.denyWrite());
      // and mean what they say
      assertThat(model.allows(Query.file("file-write-create", w + "/new"))).as(described).isTrue();
      assertThat(model.allows(Query.file("file-write-create", w + "x/new"))).as(described).isFalse();
      assertThat(model.allows(Query.file("file-write-create", w + "/" + c.denyWrite() + "/f"))).as(described)
          .isFalse();
      assertThat(model.allows(Query.file("file-read-data", denied + "/f"))).as(described).isFalse();
      assertThat(model.allows(Query.file("file-read-data", denied + "/" + c.allowRead() + "/f"))).as(described)
          .isTrue();
      assertThat(model.allows(Query.file("file-write-data", w + "/.git/hooks/pre-commit"))).as(described)
          .isFalse();
      // the glob's regex quotes the hostile base: it matches below it and nowhere else
      String glob = strings.stream().filter(s -> s.startsWith("^") && s.endsWith("\\.key(/|$)")).findFirst()
          .orElseThrow();
      var re = SbplModel.SbplRegex.toJava(glob);
      assertThat(re.matcher(w + "/" + c.globDir() + "/id.key").find()).as(described).isTrue();
      assertThat(re.matcher(w + "/" + c.globDir() + "/a/b/id.key").find()).as(described).isTrue();
      assertThat(re.matcher(w + "/" + c.globDir() + "x/id.key").find()).as(described).isFalse();
      assertThat(re.matcher(w + "x/" + c.globDir() + "/id.key").find()).as(described).isFalse();
      assertThat(re.matcher(w + "/" + c.globDir() + "/id.keyx").find()).as(described).isFalse();
    }
  }

  @Test
  void everyHostileStringIsQuotedExactlyAndEveryRegexMatchesOnlyItself() {
    Random random = new Random(SEED + 1);
    for (int i = 0; i < ITERATIONS * 3; i++) {
      String text = segment(random, i, HOSTILE) + "/" + segment(random, i + 1, HOSTILE);
      List<Lst> forms = SbplReader.read("(x " + Sbpl.string(text) + ")");
      assertThat(forms).hasSize(1);
      assertThat(forms.get(0).items()).hasSize(2);
      assertThat(((Str) forms.get(0).items().get(1)).value()).isEqualTo(text);
      var re = SbplModel.SbplRegex.toJava("^" + Sbpl.regexQuote(text) + "$");
      assertThat(re.matcher(text).find()).as(Sbpl.printable(text)).isTrue();
      assertThat(re.matcher(text + "x").find()).isFalse();
      assertThat(re.matcher("x" + text).find()).isFalse();
    }
  }

  @Test
  void hostileCallIdsBecomeSafeTags() {
    Random random = new Random(SEED + 2);
    for (int i = 0; i < ITERATIONS; i++) {
      String tag = ProfileInput.tagFor("abc123", segment(random, i) + segment(random, i).repeat(5));
      assertThat(ProfileInput.TAG.matcher(tag).matches()).as(tag).isTrue();
    }
    assertThat(ProfileInput.tagFor("abc123", "")).isEqualTo("containment4j:abc123:call");
  }
}
