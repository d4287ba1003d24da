/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import dev.containment4j.Finding;
import dev.containment4j.guard.FilterContext;
import dev.containment4j.guard.FilterResult.Decision;
import dev.containment4j.guard.StreamingContentFilter;
import dev.containment4j.policy.Policy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Streaming content filter: holds at most one block plus an overlap window. Each round scans the held text, writes
 * out everything up to {@code length - OVERLAP} (moved back to the start of any secret that straddles that point) and
 * keeps the rest, so a secret split across chunks is seen whole in the next round.
 */
public final class StreamingFilter implements StreamingContentFilter {
  static final int BLOCK = 256 * 1024;
  static final int OVERLAP = 16 * 1024;

  private final Policy.Content content;
  private final Writer out;
  private final FilterContext ctx;
  private final StringBuilder buf = new StringBuilder(BLOCK + OVERLAP + 1024);
  private final List<Finding> findings = new ArrayList<>();
  /** Stream offset of buf[0]. */
  private long base;
  private long charsIn;
  private long charsOut;
  private long bytesOut;
  private boolean truncated;
  private boolean blocked;
  private boolean finished;
  private Decision decision = Decision.PASS;
  private Summary summary;

  private StreamingFilter(Policy.Content content, Writer out, FilterContext ctx) {
    this.content = Objects.requireNonNull(content, "content");
    this.out = Objects.requireNonNull(out, "downstream");
    this.ctx = Objects.requireNonNull(ctx, "context");
  }

  public static StreamingFilter create(Policy.Content content, Writer out, FilterContext ctx) {
    return new StreamingFilter(content, out, ctx);
  }

  @Override
  public void write(CharSequence chunk) {
    if (finished) {
      throw new IllegalStateException("the stream was already finished");
    }
    int pos = 0;
    while (pos < chunk.length()) {
      int take = Math.min(chunk.length() - pos, BLOCK + OVERLAP - buf.length());
      buf.append(chunk, pos, pos + take);
      pos += take;
      charsIn += take;
      if (buf.length() >= BLOCK + OVERLAP) {
        round(false);
      }
    }
  }

  @Override
  public Summary finish() {
    if (!finished) {
      finished = true;
      round(true);
      try {
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("could not write filtered output downstream", e);
      }
      summary = new Summary(decision, findings, charsIn, charsOut, truncated);
    }
    return summary;
  }

  @Override
  public void close() {
    finish();
  }

  private void round(boolean last) {
    int len = buf.length();
    if (len == 0) {
      return;
    }
    if (blocked) {
      base += len;
      buf.setLength(0);
      return;
    }
    Analysis a = Analysis.of(buf, 0, len, content, ctx);
    int commit = last ? len : len - OVERLAP;
    for (Span r : a.redactions) {
      if (r.start() < commit && r.end() > commit) {
        commit = r.start() > 0 ? r.start() : r.end();
      }
    }
    boolean quarantine = content.injection() == Policy.InjectionMode.QUARANTINE;
    if (quarantine) {
      for (Span s : a.findings) {
        if (s.type().equals("injection") && s.start() < commit && s.end() > commit) {
          commit = s.start() > 0 ? s.start() : Math.max(commit, s.end());
        }
      }
    }
    commit = Math.min(commit, len);
    int firstSecret = -1;
    for (Span s : a.findings) {
      if (s.start() >= commit) {
        continue;
      }
      if (findings.size() < PolicyFilter.MAX_FINDINGS) {
        findings.add(Analysis.toFinding(s, base));
      }
      switch (s.type()) {
        case "secret" -> {
          if (firstSecret < 0) {
            firstSecret = s.start();
          }
          decision = decision.max(content.secrets() == Policy.SecretsMode.BLOCK ? Decision.BLOCK : Decision.REDACT);
        }
        case "injection" -> decision = decision.max(quarantine ? Decision.QUARANTINE : Decision.REDACT);
        case "pii" -> decision = s.redact() ? decision.max(Decision.REDACT) : decision;
        case "hidden-text" -> decision = decision.max(Decision.REDACT);
        default -> { }
      }
    }
    StringBuilder text = new StringBuilder(commit + 256);
    if (firstSecret >= 0 && content.secrets() == Policy.SecretsMode.BLOCK) {
      a.render(buf, 0, firstSecret, a.hiddenCharacters, quarantine, text);
      text.append("[output withheld from here by the content filter: it contained a secret and the policy blocks"
          + " outputs with secrets]");
      blocked = true;
      emit(text);
      base += len;
      buf.setLength(0);
      return;
    }
    a.render(buf, 0, commit, a.hiddenCharacters, quarantine, text);
    emit(text);
    base += commit;
    buf.delete(0, commit);
  }

  private void emit(CharSequence text) {
    if (truncated) {
      return;
    }
    long max = content.maxOutputBytes();
    String s = text.toString();
    long bytes = PolicyFilter.utf8Length(s);
    try {
      if (max > 0 && bytesOut + bytes > max) {
        int cut = PolicyFilter.cutIndex(s, Math.max(0, max - bytesOut));
        out.append(s, 0, cut);
        out.append("\n[output truncated by the content filter at ").append(String.valueOf(max)).append(" bytes]");
        charsOut += cut;
        bytesOut = max;
        truncated = true;
        decision = decision.max(Decision.REDACT);
        findings.add(new Finding("truncated", "max-output-bytes", base, base, 1.0));
        return;
      }
      out.append(s);
      charsOut += s.length();
      bytesOut += bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write filtered output downstream", e);
    }
  }
}
