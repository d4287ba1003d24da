/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j;

import java.util.Objects;

/**
 * Something the content filter found in a tool's output: a secret, a prompt injection, hidden text. A finding never
 * carries the secret itself, only where it was.
 *
 * @param type kind of finding, such as {@code secret}, {@code injection}, {@code hidden-text}, {@code truncated}
 * @param rule the detector rule that matched, such as {@code aws-access-key-id}
 * @param start start offset (UTF-16 chars) in the text the filter received, inclusive
 * @param end end offset, exclusive
 * @param score confidence between 0 and 1
 * @since 0.1
 */
public record Finding(String type, String rule, long start, long end, double score) {
  public Finding {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(rule, "rule");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad span " + start + ".." + end);
    }
  }
}
