/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import java.util.Locale;

/** Shannon entropy and the documentation-placeholder checks that keep example keys from being reported. */
final class Entropy {
  private static final String[] PLACEHOLDER_WORDS = {
    "example", "xxxx", "****", "....", "changeme", "change_me", "change-me", "placeholder", "dummy", "sample",
    "redacted", "your_", "your-", "yourtoken", "yourkey", "yoursecret", "insert", "replace", "<", ">", "${", "{{",
    "}}", "%s", "todo", "notreal", "not-a-real", "not_a_real", "000000", "111111", "abcdefgh", "12345678",
    "secret123", "password123", "mysecret", "mypassword", "supersecret", "s3cr3t", "p@ssw0rd", "passw0rd",
    "hunter2", "foobar", "lorem", "ipsum"
  };

  private Entropy() {}

  /** Bits per character over the characters of {@code s}. */
  static double shannon(CharSequence s) {
    int n = s.length();
    if (n == 0) {
      return 0;
    }
    int[] counts = new int[128];
    java.util.Map<Character, Integer> other = null;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 128) {
        counts[c]++;
      } else {
        if (other == null) {
          other = new java.util.HashMap<>();
        }
        other.merge(c, 1, Integer::sum);
      }
    }
    double h = 0;
    for (int c : counts) {
      if (c > 0) {
        double p = (double) c / n;
        h -= p * Math.log(p);
      }
    }
    if (other != null) {
      for (int c : other.values()) {
        double p = (double) c / n;
        h -= p * Math.log(p);
      }
    }
    return h / Math.log(2);
  }

  /** Documentation values, template references and dummies: never findings. */
  static boolean isPlaceholder(String value) {
    String v = value.toLowerCase(Locale.ROOT);
    for (String w : PLACEHOLDER_WORDS) {
      if (v.contains(w)) {
        return true;
      }
    }
    if (v.startsWith("$") || v.startsWith("%") || v.startsWith("{") || v.startsWith("[")) {
      return true;
    }
    // one character repeated most of the time (aaaa..., 0000...)
    int[] counts = new int[128];
    int max = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < 128) {
        max = Math.max(max, ++counts[c]);
      }
    }
    return max * 2 > v.length();
  }

  /** Number of character classes present: lower, upper, digit, other. */
  static int charClasses(CharSequence s) {
    boolean lo = false;
    boolean up = false;
    boolean dg = false;
    boolean ot = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'a' && c <= 'z') {
        lo = true;
      } else if (c >= 'A' && c <= 'Z') {
        up = true;
      } else if (c >= '0' && c <= '9') {
        dg = true;
      } else {
        ot = true;
      }
    }
    return (lo ? 1 : 0) + (up ? 1 : 0) + (dg ? 1 : 0) + (ot ? 1 : 0);
  }
}
