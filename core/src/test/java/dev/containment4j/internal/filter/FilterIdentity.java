/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import dev.containment4j.Finding;
import dev.containment4j.guard.FilterContext;
import dev.containment4j.guard.FilterResult;
import dev.containment4j.guard.StreamingContentFilter;
import dev.containment4j.policy.Policy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Before/after identity check for engine changes (not a test: a tool run by hand against two builds). Writes, for
 * every corpus item, the same item behind a 3-character prefix, the whole corpus as one text (whole-text API and
 * streaming) and any extra files given: the decision, every finding (type, rule, offsets, score) and a digest of the
 * output text (the random quarantine nonce masked). Two runs must write identical files.
 *
 * <pre>
 * mvn -q -Dmaven.repo.local=/work/m2/filter -pl core test-compile
 * java -cp core/target/test-classes:core/target/classes:DEPS dev.containment4j.internal.filter.FilterIdentity \
 *     /tmp/identity-after.txt [extra files...]
 * diff /tmp/identity-before.txt /tmp/identity-after.txt
 * </pre>
 */
public final class FilterIdentity {
  private static final Policy.Content CONTENT =
      new Policy.Content(Policy.SecretsMode.REDACT, Policy.InjectionMode.QUARANTINE, 0);
  private static final PolicyFilter FILTER = PolicyFilter.of(CONTENT);
  private static final Pattern NONCE = Pattern.compile("UNTRUSTED TOOL OUTPUT [0-9a-f]{24}");
  private static final String PREFIX = "ok\n";

  private FilterIdentity() {}

  public static void main(String[] args) throws IOException {
    List<FilterCorpus.Item> items = FilterCorpus.generate();
    StringBuilder whole = new StringBuilder();
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of(args[0]), StandardCharsets.UTF_8))) {
      for (FilterCorpus.Item it : items) {
        dump(out, it.id() + " plain", it.text());
        dump(out, it.id() + " prefixed", PREFIX + it.text());
        whole.append(it.text());
      }
      for (int i = 1; i < args.length; i++) {
        dump(out, args[i], Files.readString(Path.of(args[i]), StandardCharsets.UTF_8));
      }
      String all = whole.toString();
      dump(out, "whole-corpus", all);
      spans(out, "whole-corpus spans", all);
      spans(out, "whole-corpus secrets-only spans", all, new Policy.Content(Policy.SecretsMode.REDACT,
          Policy.InjectionMode.OFF, 0));
      stream(out, "whole-corpus stream 65536", all, 65_536);
      stream(out, "whole-corpus stream 1000", all, 1000);
    }
  }

  private static void dump(PrintWriter out, String name, String text) {
    FilterResult r = FILTER.filter(text, FilterContext.standalone());
    out.println(name + " " + r.decision() + " " + digest(r.text()));
    for (Finding f : r.findings()) {
      out.println("  " + f.type() + " " + f.rule() + " " + f.start() + " " + f.end() + " " + f.score());
    }
  }

  private static void spans(PrintWriter out, String name, String text) {
    spans(out, name, text, CONTENT);
  }

  /** Every span, without the cap on reported findings. */
  private static void spans(PrintWriter out, String name, String text, Policy.Content content) {
    Analysis a = Analysis.of(text, 0, text.length(), content, FilterContext.standalone());
    out.println(name + " " + a.findings.size() + " injectionScore=" + a.injectionScore);
    for (Span s : a.findings) {
      out.println("  " + s);
    }
  }

  private static void stream(PrintWriter out, String name, String text, int chunk) {
    StringWriter w = new StringWriter();
    StreamingContentFilter.Summary s;
    try (StreamingContentFilter f = StreamingContentFilter.create(CONTENT, w)) {
      for (int i = 0; i < text.length(); i += chunk) {
        f.write(text.substring(i, Math.min(text.length(), i + chunk)));
      }
      s = f.finish();
    }
    out.println(name + " " + s.decision() + " " + s.charsIn() + " " + s.charsOut() + " " + digest(w.toString()));
    for (Finding f : s.findings()) {
      out.println("  " + f.type() + " " + f.rule() + " " + f.start() + " " + f.end() + " " + f.score());
    }
  }

  private static String digest(String text) {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(d.digest(NONCE.matcher(text).replaceAll("UNTRUSTED TOOL OUTPUT N")
          .getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
