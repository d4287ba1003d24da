/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import dev.containment4j.Finding;
import dev.containment4j.guard.Detector;
import dev.containment4j.guard.FilterContext;
import dev.containment4j.policy.Policy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detections in one piece of text, resolved: overlapping redactions merged (the most specific rule names the
 * marker), extra {@link Detector}s merged in.
 */
final class Analysis {
  private static final Logger LOG = LoggerFactory.getLogger(Analysis.class);
  static final List<Detector> DETECTORS = loadDetectors();

  /** Spans to replace, sorted, disjoint. */
  final List<Span> redactions = new ArrayList<>();
  /** Everything to report (redactions included), sorted by start. */
  final List<Span> findings = new ArrayList<>();
  double injectionScore;
  int secrets;
  boolean hiddenCharacters;

  private static List<Detector> loadDetectors() {
    List<Detector> list = new ArrayList<>();
    try {
      for (Detector d : ServiceLoader.load(Detector.class, Analysis.class.getClassLoader())) {
        list.add(d);
      }
    } catch (java.util.ServiceConfigurationError e) {
      LOG.warn("a content-filter Detector could not be loaded and is ignored: {}", e.getMessage());
    }
    return List.copyOf(list);
  }

  static Analysis of(CharSequence text, int from, int to, Policy.Content content, FilterContext ctx) {
    boolean secrets = content.secrets() != Policy.SecretsMode.OFF;
    boolean injection = content.injection() != Policy.InjectionMode.OFF;
    List<Span> spans = Scanner.scan(text, from, to, new Scanner.Scope(secrets, injection, secrets));
    for (Detector d : DETECTORS) {
      try {
        for (Finding f : d.detect(text.subSequence(from, to), ctx)) {
          int s = (int) Math.min(to - from, f.start()) + from;
          int e = (int) Math.min(to - from, f.end()) + from;
          boolean secret = f.type().equals("secret");
          if ((secret && !secrets) || (f.type().equals("injection") && (!injection
              || f.score() < Detector.INJECTION_THRESHOLD))) {
            continue;
          }
          spans.add(new Span(f.type(), f.rule(), s, e, f.score(), secret, 40));
        }
      } catch (RuntimeException e) {
        LOG.warn("content-filter detector {} failed; its result is ignored for this text: {}", d.id(), e.toString());
      }
    }
    Analysis a = new Analysis();
    spans.sort(Comparator.comparingInt(Span::start).thenComparingInt(s -> -s.end()));
    // merge redactions
    Span cur = null;
    for (Span s : spans) {
      if (!s.redact()) {
        continue;
      }
      if (cur != null && s.start() < cur.end()) {
        Span winner = s.priority() > cur.priority() ? s : cur;
        cur = new Span(winner.type(), winner.rule(), cur.start(), Math.max(cur.end(), s.end()),
            Math.max(cur.score(), s.score()), true, winner.priority());
      } else {
        if (cur != null) {
          a.redactions.add(cur);
        }
        cur = s;
      }
    }
    if (cur != null) {
      a.redactions.add(cur);
    }
    for (Span r : a.redactions) {
      if (r.type().equals("secret")) {
        a.secrets++;
      }
    }
    a.findings.addAll(a.redactions);
    for (Span s : spans) {
      if (s.redact()) {
        continue;
      }
      if (s.type().equals("injection")) {
        a.injectionScore = Math.max(a.injectionScore, s.score());
      }
      if (s.type().equals("hidden-text") && !s.rule().equals("hidden-markup")) {
        a.hiddenCharacters = true;
      }
      a.findings.add(s);
    }
    a.findings.sort(Comparator.comparingInt(Span::start));
    dedupe(a.findings);
    return a;
  }

  private static void dedupe(List<Span> list) {
    for (int i = list.size() - 1; i > 0; i--) {
      Span x = list.get(i);
      for (int j = i - 1; j >= 0 && list.get(j).start() == x.start(); j--) {
        Span y = list.get(j);
        if (y.type().equals(x.type()) && y.rule().equals(x.rule()) && y.end() == x.end()) {
          list.remove(i);
          break;
        }
      }
    }
  }

  /** Whether an invisible or tag character at {@code i} is removed from the output (not part of a flag emoji). */
  static int strippable(CharSequence t, int i, int to) {
    char c = t.charAt(i);
    if (c == '\u200B' || c == '\u2060' || c == '\u2061' || c == '\u2062' || c == '\u2063' || c == '\u2064'
        || c == '\u180E' || (c == '\uFEFF' && i > 0)) {
      return 1;
    }
    if (c == 0xDB40 && i + 1 < to && t.charAt(i + 1) >= 0xDC00 && t.charAt(i + 1) <= 0xDC7F) {
      int j = i;
      while (j - 2 >= 0 && t.charAt(j - 2) == 0xDB40) {
        j -= 2;
      }
      boolean flag = j - 2 >= 0 && t.charAt(j - 2) == 0xD83C && t.charAt(j - 1) == 0xDFF4;
      return flag ? 0 : 2;
    }
    return 0;
  }

  /** Writes {@code text[from,to)} with redactions applied (and hidden characters removed when asked). */
  void render(CharSequence text, int from, int to, boolean stripHidden, boolean withholdInjections,
      StringBuilder out) {
    List<Span> replace = new ArrayList<>(redactions);
    if (withholdInjections) {
      for (Span s : findings) {
        if (s.type().equals("injection")) {
          replace.add(s);
        }
      }
      replace.sort(Comparator.comparingInt(Span::start));
    }
    int pos = from;
    for (Span r : replace) {
      if (r.end() <= pos || r.start() >= to) {
        if (r.start() < pos && r.end() > pos) {
          pos = Math.min(to, r.end());
        }
        continue;
      }
      copy(text, pos, Math.max(pos, r.start()), stripHidden, out);
      if (r.type().equals("injection")) {
        out.append("[QUARANTINED:").append(r.rule()).append(" - ").append(r.end() - r.start())
            .append(" chars of untrusted instructions withheld]");
      } else {
        out.append("[REDACTED:").append(r.rule()).append(']');
      }
      pos = Math.max(pos, Math.min(to, r.end()));
    }
    copy(text, pos, to, stripHidden, out);
  }

  private static void copy(CharSequence text, int s, int e, boolean stripHidden, StringBuilder out) {
    if (!stripHidden) {
      out.append(text, s, e);
      return;
    }
    int i = s;
    while (i < e) {
      int n = strippable(text, i, e);
      if (n > 0) {
        i += n;
      } else {
        out.append(text.charAt(i++));
      }
    }
  }

  static Finding toFinding(Span s, long offset) {
    return new Finding(s.type(), s.rule(), s.start() + offset, s.end() + offset, s.score());
  }
}
