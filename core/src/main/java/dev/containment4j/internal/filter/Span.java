/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

/**
 * A raw detection before it becomes a {@link dev.containment4j.Finding}: offsets in the scanned text.
 *
 * @param type {@code secret}, {@code injection}, {@code hidden-text}, {@code pii}
 * @param rule the rule id
 * @param start inclusive
 * @param end exclusive
 * @param score confidence 0..1
 * @param redact whether the span is replaced in the output
 * @param priority on overlaps, the higher priority names the redaction
 */
record Span(String type, String rule, int start, int end, double score, boolean redact, int priority) {}
