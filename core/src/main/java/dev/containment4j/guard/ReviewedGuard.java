/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.guard;

import dev.containment4j.Layer;
import dev.containment4j.ToolCall;
import dev.containment4j.Verdict;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A guard with a second stage: calls the first guard answers with an {@code ask} of its own (no policy rule, not a
 * taint escalation) go to a {@link Reviewer}, bounded by a timeout. The reviewer may allow, deny or leave the question
 * to a human. Deny and allow verdicts of the first guard are final; so are asks that a policy rule demands.
 *
 * <p>Fail closed: when the reviewer throws, returns null or does not answer in time, the call is denied (or, with
 * {@link OnFailure#ASK_HUMAN}, left to the human, which without an approver also means denied).
 *
 * <pre>{@code
 * ModelGuard guard = ReviewedGuard.forPolicy(policy, myLlmJudge, Duration.ofSeconds(5));
 * Containment c = Containment.with(policy).withGuard(guard);
 * }</pre>
 *
 * <p>Immutable and thread-safe. Reviews run on a shared pool of daemon threads.
 *
 * @since 0.1
 */
public final class ReviewedGuard implements ModelGuard {
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "containment-reviewer-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  });

  /** What a failed review (exception, timeout, null) turns the question into. */
  public enum OnFailure {
    /** Deny the call. The default. */
    DENY,
    /** Keep the question for a human (denied when no approver is configured). */
    ASK_HUMAN
  }

  private final ModelGuard first;
  private final Reviewer reviewer;
  private final Duration timeout;
  private final OnFailure onFailure;

  private ReviewedGuard(ModelGuard first, Reviewer reviewer, Duration timeout, OnFailure onFailure) {
    this.first = Objects.requireNonNull(first, "first");
    this.reviewer = Objects.requireNonNull(reviewer, "reviewer");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the reviewer timeout must be positive, got " + timeout);
    }
  }

  public static ReviewedGuard of(ModelGuard first, Reviewer reviewer, Duration timeout) {
    return new ReviewedGuard(first, reviewer, timeout, OnFailure.DENY);
  }

  /** The guard {@code policy} configures (rules and classifier), with {@code reviewer} as its second stage. */
  public static ReviewedGuard forPolicy(dev.containment4j.policy.Policy policy, Reviewer reviewer, Duration timeout) {
    return of(dev.containment4j.internal.guard.PolicyGuard.of(policy), reviewer, timeout);
  }

  /** A copy that handles reviewer failures as given. */
  public ReviewedGuard onFailure(OnFailure action) {
    return new ReviewedGuard(first, reviewer, timeout, action);
  }

  @Override
  public Verdict review(ToolCall call, GuardContext context) {
    Verdict v = first.review(call, context);
    if (!(v instanceof Verdict.Ask) || !v.rule().isEmpty() || v.category().equals("tainted-outbound")) {
      return v;
    }
    Verdict.Ask question = (Verdict.Ask) v;
    Future<Reviewer.Review> f = POOL.submit(() -> reviewer.review(call, context, question));
    String failure;
    try {
      Reviewer.Review r = f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (r != null) {
        switch (r.decision()) {
          case ALLOW:
            return Verdict.allow(Layer.GUARD, "", question.category(), "second-stage review allowed it: "
                + r.reason());
          case DENY:
            return Verdict.deny(Layer.GUARD, "", question.category(), question.reason() + "; second-stage review: "
                + r.reason());
          default:
            return Verdict.ask(Layer.GUARD, "", question.category(), question.reason() + "; second-stage review"
                + " could not decide: " + r.reason());
        }
      }
      failure = "the reviewer gave no answer";
    } catch (TimeoutException e) {
      f.cancel(true);
      failure = "the reviewer did not answer within " + timeout.toMillis() + " ms";
    } catch (ExecutionException e) {
      failure = "the reviewer failed (" + e.getCause().getClass().getSimpleName() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      f.cancel(true);
      failure = "interrupted while waiting for the reviewer";
    }
    if (onFailure == OnFailure.ASK_HUMAN) {
      return Verdict.ask(Layer.GUARD, "", question.category(), question.reason() + " (" + failure + ")");
    }
    return Verdict.deny(Layer.GUARD, "", question.category(), question.reason() + " (" + failure
        + ", so the call was denied)");
  }
}
