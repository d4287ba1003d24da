/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import dev.containment4j.guard.ContentFilter;
import dev.containment4j.guard.FilterContext;
import dev.containment4j.internal.filter.PolicyFilter;
import dev.containment4j.policy.Policy;

/**
 * Text about a call that goes into audit events and logs (a guard's reason quotes the command): secrets typed into a
 * command ({@code curl -H "Authorization: Bearer ghp_..."}, {@code AWS_SECRET_ACCESS_KEY=... aws s3 ls}) are
 * redacted by the content filter's secret rules before they are written. Thread-safe.
 */
public final class AuditText {
  /** Secrets redacted, injection scanning off, no size cap: only what the secret rules find is changed. */
  private static final ContentFilter REDACTOR = PolicyFilter.of(
      new Policy.Content(Policy.SecretsMode.REDACT, Policy.InjectionMode.OFF, 0));

  private AuditText() {}

  /** {@code text} with every secret the content filter finds redacted; a failing filter withholds the text. */
  public static String redact(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    return REDACTOR.filter(text, FilterContext.standalone()).text();
  }

  /**
   * The content filter's secret rules that find a credential in {@code text} ({@code github-token} ...); null when
   * the filter failed on the text (it withholds it, and nothing is known about what it holds).
   */
  static java.util.Set<String> secretRules(String text) {
    dev.containment4j.guard.FilterResult r = REDACTOR.filter(text, FilterContext.standalone());
    if (r.decision() == dev.containment4j.guard.FilterResult.Decision.BLOCK) {
      return null; // redaction never blocks: only a failure does
    }
    java.util.Set<String> rules = new java.util.TreeSet<>();
    for (dev.containment4j.Finding f : r.findings()) {
      if (f.type().equals("secret")) {
        rules.add(f.rule());
      }
    }
    return rules;
  }
}
