/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes Secret manifests: every value under {@code data:} / {@code stringData:} of a document whose
 * {@code kind} is {@code Secret} (YAML as printed by {@code kubectl get -o yaml}, where {@code data} comes BEFORE
 * {@code kind}, and JSON).
 */
final class K8sSecrets {
  private static final int REACH = 32_768;
  private static final Pattern YAML_BLOCK = Pattern.compile("(?m)^([ \\t]*)(?:data|stringData):[ \\t]*$");
  private static final Pattern YAML_ENTRY = Pattern.compile("(?m)^([ \\t]+)[\"']?[A-Za-z0-9_.\\-]+[\"']?:[ \\t]*"
      + "(?:[|>][-+]?[ \\t]*\\n[ \\t]+)?[\"']?([^\\s\"'#][^\\n\"']*?)[\"']?[ \\t]*$");
  private static final Pattern JSON_BLOCK = Pattern.compile("\"(?:data|stringData)\"\\s*:\\s*\\{([^{}]{1,20000})\\}");
  private static final Pattern JSON_ENTRY = Pattern.compile("\"[^\"]{1,253}\"\\s*:\\s*\"([^\"]{4,})\"");

  private K8sSecrets() {}

  static void detect(CharSequence text, int from, int to, int hit, List<Span> out) {
    int ds = documentStart(text, Math.max(from, hit - REACH), hit);
    int de = documentEnd(text, hit, Math.min(to, hit + REACH));
    String doc = text.subSequence(ds, de).toString();
    Matcher b = YAML_BLOCK.matcher(doc);
    while (b.find()) {
      int indent = b.group(1).length();
      int pos = b.end() + 1;
      while (pos < doc.length()) {
        int eol = doc.indexOf('\n', pos);
        if (eol < 0) {
          eol = doc.length();
        }
        String line = doc.substring(pos, eol);
        int lineIndent = line.length() - line.stripLeading().length();
        if (line.isBlank()) {
          pos = eol + 1;
          continue;
        }
        if (lineIndent <= indent) {
          break;
        }
        Matcher e = YAML_ENTRY.matcher(doc).region(pos, Math.min(doc.length(), eol + 1 + 400));
        if (e.lookingAt() && e.group(2) != null && e.group(2).length() >= 4 && !Entropy.isPlaceholder(e.group(2))) {
          out.add(new Span("secret", "kubernetes-secret", ds + e.start(2), ds + e.end(2), 0.9, true, 100));
          pos = e.end() + 1;
        } else {
          pos = eol + 1;
        }
      }
    }
    Matcher j = JSON_BLOCK.matcher(doc);
    while (j.find()) {
      Matcher e = JSON_ENTRY.matcher(doc).region(j.start(1), j.end(1));
      while (e.find()) {
        if (!Entropy.isPlaceholder(e.group(1))) {
          out.add(new Span("secret", "kubernetes-secret", ds + e.start(1), ds + e.end(1), 0.9, true, 100));
        }
      }
    }
  }

  private static int documentStart(CharSequence text, int lo, int hit) {
    for (int i = hit - 4; i >= lo + 1; i--) {
      if (text.charAt(i) == '-' && text.charAt(i - 1) == '\n' && i + 2 < text.length() && text.charAt(i + 1) == '-'
          && text.charAt(i + 2) == '-') {
        return i;
      }
    }
    return lo;
  }

  private static int documentEnd(CharSequence text, int hit, int hi) {
    for (int i = hit; i + 3 < hi; i++) {
      if (text.charAt(i) == '\n' && text.charAt(i + 1) == '-' && text.charAt(i + 2) == '-'
          && text.charAt(i + 3) == '-') {
        return i;
      }
    }
    return hi;
  }
}
