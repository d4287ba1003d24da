/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.guard;

import dev.containment4j.Finding;
import dev.containment4j.internal.filter.StreamingFilter;
import dev.containment4j.policy.Policy;
import java.io.Writer;
import java.util.List;
import java.util.Objects;

/**
 * The content filter for output that arrives in pieces (a long build log, a 1 GB file): filtered text is written to a
 * downstream {@link Writer} as soon as it is safe, with bounded memory (one block of 256 KiB plus a 16 KiB overlap,
 * so a secret split across two chunks is still caught).
 *
 * <p>Differences to {@link ContentFilter}: text already passed downstream cannot be wrapped afterwards, so under
 * {@code injection: quarantine} the suspicious passages are withheld in place ({@code [QUARANTINED:...]}) instead of
 * wrapping the whole output; under {@code secrets: block} the output stops at the first secret.
 *
 * <p>Not thread-safe: one instance per stream.
 *
 * <pre>{@code
 * try (StreamingContentFilter f = StreamingContentFilter.create(policy.content(), out)) {
 *   char[] buf = new char[65536];
 *   for (int n; (n = in.read(buf)) > 0; ) f.write(java.nio.CharBuffer.wrap(buf, 0, n));
 *   StreamingContentFilter.Summary s = f.finish();
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface StreamingContentFilter extends AutoCloseable {

  /** Adds the next piece of output; filtered text may be written downstream. */
  void write(CharSequence chunk);

  /** Filters what is still held back, writes it downstream and returns the outcome. Idempotent. */
  Summary finish();

  /** Same as {@link #finish()}; does not close the downstream writer. */
  @Override
  void close();

  /** Creates a streaming filter for the content settings of a policy, with the detectors found by ServiceLoader. */
  static StreamingContentFilter create(Policy.Content content, Writer downstream) {
    return StreamingFilter.create(content, downstream, FilterContext.standalone());
  }

  /**
   * The outcome of a stream.
   *
   * @param decision the strongest action taken
   * @param findings findings with offsets in the whole stream (at most 1000 are kept)
   * @param charsIn characters received
   * @param charsOut characters written downstream
   * @param truncated whether the output was capped at {@code maxOutputBytes}
   */
  record Summary(FilterResult.Decision decision, List<Finding> findings, long charsIn, long charsOut,
      boolean truncated) {
    public Summary {
      Objects.requireNonNull(decision, "decision");
      findings = List.copyOf(findings);
    }
  }
}
