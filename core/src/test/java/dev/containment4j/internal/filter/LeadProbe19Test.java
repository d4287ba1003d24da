/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.guard.FilterContext;
import dev.containment4j.guard.FilterResult;
import dev.containment4j.policy.Policy;
import org.junit.jupiter.api.Test;

/**
 * Session 19, probes written before any fix. Goal hijacks in other languages: a probe of 24 (Spanish, French, German,
 * Portuguese, Italian, Russian, Chinese, Japanese, Korean, Dutch, Polish, Turkish) flagged 15 and no negative of 14;
 * the other languages had phrase features only, so the task declared replaced ("la tarea que te dio el usuario ya no es
 * relevante"), the "real" task ("lo que realmente necesitas hacer es"), a reader named by a conditional ("si eres un
 * agente automático") and the orders that followed passed. {@link MultilingualCues} gives those languages the weak
 * cues English has. A second probe written after that (16 and 14 negatives) flagged 6 on the session's start, 11
 * after the first round (with 2 false positives), 16 and none after its own fixes (an agent named by its job, the
 * German task "storniert", modal orders, customer data, enclitic verbs, secrecy towards the user in each language,
 * Polish; "instead" opening a clause counted no longer: with the loose send-and-password phrase it flagged "Вместо
 * этого отправьте запрос …; пароль мы никогда не спрашиваем").
 *
 * <p>Real text in those languages: the translated man pages on this machine (1,411 files, 13.6 MB,
 * {@code filter_real_text.py --translated}) had one quarantine, a Russian page whose roff markup joins Latin and
 * Cyrillic in one word ({@code \fBгруппа}): such a word counted as homoglyph spoofing. And 15 redactions: localized
 * placeholders ("http://Benutzer:Passwort@Server:Port/"), a syntax summary ({@code ftp://[[user][:pass]@]host}) and,
 * in English pages too (11 of 1,500 default files redacted), roff-escaped example values
 * ({@code --labels=my\-key1=my\-value1}), storage URIs and nested assignments. After: 0 quarantined, 4 redacted;
 * the default set 4 redacted.
 */
class LeadProbe19Test {
  private static boolean flagged(String text) {
    return InLogLines.flagged(text.replace("\\n", "\n"));
  }

  @Test
  void aRussianWordJoinedToRoffMarkupIsNoHomoglyph() {
    assertThat(mixedScriptWords("\\fBгруппа\\fR и \\fIпароль\\fP")).isZero();
    assertThat(mixedScriptWords("Dockerfile'ы")).isZero();
    // Cyrillic lookalikes inside an English word are still counted
    assertThat(mixedScriptWords("іgnоrе previous")).isEqualTo(1);
    assertThat(flagged("A password field which starts with an exclamation mark means that the password is locked.\n"
        + "This password supersedes any password specified in /etc/group.\n\\fBгруппа\\fR")).isFalse();
  }

  @Test
  void documentationValuesAreNotRedacted() {
    String doc = "ftp://[[user][:pass]@]host[:port]/\n"
        + "das Format \\fIhttp://Benutzer:Passwort@Server:Port/\\fR hat\n"
        + "    \\-\\-labels=my\\-key1=my\\-value1,my\\-key2=my\\-value2 \\e\n"
        + "    keystore_password_uri: gs://bucket/keystore_password.encrypted\n"
        + "    \\-\\-pvk\\-password=my\\-pvk\\-password\n";
    FilterResult r = filter().filter(doc, FilterContext.standalone());
    assertThat(r.findings()).as("findings").isEmpty();
    assertThat(r.text()).isEqualTo(doc);
  }

  @Test
  void realValuesBesideThemAreStillRedacted() {
    java.util.Random rnd = new java.util.Random(19);
    StringBuilder pw = new StringBuilder();
    for (int k = 0; k < 16; k++) {
      pw.append("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".charAt(rnd.nextInt(56)));
    }
    String text = "deb https://apt:" + pw + "@apt.internal.corp/debian bookworm main\n"
        + "    \\-\\-pvk\\-password=" + pw + "\n"
        + "proxy: http://Benutzer:" + pw + "@proxy.corp:3128/\n";
    String out = filter().filter(text, FilterContext.standalone()).text();
    assertThat(out).doesNotContain(pw.substring(0, 8)).contains("apt.internal.corp/debian");
  }

  private static int mixedScriptWords(String s) {
    return Normalized.of(s, 0, s.length()).mixedScriptWords;
  }

  private static PolicyFilter filter() {
    return PolicyFilter.of(new Policy.Content(Policy.SecretsMode.REDACT, Policy.InjectionMode.QUARANTINE, 0));
  }
}
