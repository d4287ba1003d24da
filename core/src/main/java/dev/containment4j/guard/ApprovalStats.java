/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.guard;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How humans answer the guard's questions: how many calls were asked, approved and denied, how long the answers took,
 * and the approval rate. A high approval rate over many questions suggests the human stopped reading (users of one
 * widely used coding agent approved 93% of prompts); then a WARN is logged, once when the rate first crosses the
 * threshold and again every {@value #MIN_ASKS} questions while it stays there.
 *
 * <p>Thread-safe; one instance per {@code Containment} (see {@code Containment.approvalStats()}).
 *
 * <pre>{@code
 * ApprovalStats.Snapshot s = containment.approvalStats().snapshot();
 * if (s.rubberStamping()) { ... show the human fewer, better questions ... }
 * }</pre>
 *
 * @since 0.1
 */
public final class ApprovalStats {
  /** Questions needed before the approval rate counts as evidence. */
  public static final int MIN_ASKS = 20;
  /** Approval rate above which a human is likely rubber-stamping. */
  public static final double RUBBER_STAMP_RATE = 0.9;
  private static final Logger LOG = LoggerFactory.getLogger(ApprovalStats.class);

  private long asked;
  private long approved;
  private long denied;
  private long unanswered;
  private long totalNanos;
  private long maxNanos;
  private long lastWarnAt;

  /**
   * A point-in-time copy.
   *
   * @param asked questions put to a human (answered or not)
   * @param approved questions the human approved
   * @param denied questions the human declined (or the approver failed)
   * @param unanswered questions denied because no approver was configured
   * @param meanTimeToAnswer mean time the human took, over answered questions
   * @param maxTimeToAnswer longest time the human took
   */
  public record Snapshot(long asked, long approved, long denied, long unanswered, Duration meanTimeToAnswer,
      Duration maxTimeToAnswer) {

    /** Approved share of the answered questions; 0 when none was answered. */
    public double approvalRate() {
      long answered = approved + denied;
      return answered == 0 ? 0 : (double) approved / answered;
    }

    /** Whether the approval rate suggests the human approves without reading. */
    public boolean rubberStamping() {
      return approved + denied >= MIN_ASKS && approvalRate() > RUBBER_STAMP_RATE;
    }
  }

  /** Records one answered question. */
  public void recordAnswer(boolean wasApproved, Duration timeToAnswer) {
    Snapshot s;
    boolean warn;
    synchronized (this) {
      asked++;
      if (wasApproved) {
        approved++;
      } else {
        denied++;
      }
      long n = Math.max(0, timeToAnswer.toNanos());
      totalNanos += n;
      maxNanos = Math.max(maxNanos, n);
      s = snapshot();
      warn = s.rubberStamping() && (lastWarnAt == 0 || asked - lastWarnAt >= MIN_ASKS);
      if (warn) {
        lastWarnAt = asked;
      }
    }
    if (warn) {
      LOG.warn("humans approved {}% of the last {} guard questions (mean answer time {} ms); that rate suggests the"
          + " questions are approved without reading: tighten the allow rules so fewer, better questions reach"
          + " them", Math.round(100 * s.approvalRate()), s.approved() + s.denied(),
          s.meanTimeToAnswer().toMillis());
    }
  }

  /** Records a question that was denied because no approver is configured. */
  public synchronized void recordUnanswered() {
    asked++;
    unanswered++;
  }

  public synchronized Snapshot snapshot() {
    long answered = approved + denied;
    return new Snapshot(asked, approved, denied, unanswered,
        Duration.ofNanos(answered == 0 ? 0 : totalNanos / answered), Duration.ofNanos(maxNanos));
  }
}
