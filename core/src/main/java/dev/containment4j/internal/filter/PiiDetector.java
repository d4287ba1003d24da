/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Personal data with a checkable structure. Payment cards (Luhn), IBANs (mod 97) and US social security numbers are
 * redacted: they are account identifiers a model has no use for. E-mail addresses and phone numbers are reported but
 * left in place: tool output (git logs, CRM records, tickets) is full of them and the task usually needs them.
 */
final class PiiDetector {
  private static final Pattern EMAIL = Pattern.compile(
      "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63})*\\.[A-Za-z]{2,24}"
          + "(?![A-Za-z0-9-])");
  private static final Pattern IBAN = Pattern.compile(
      "(?<![A-Za-z0-9])([A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?)(?![A-Za-z0-9])");
  // not \\b: "card_number" and "cc_num" are keys that name a card ('_' is a word character)
  private static final Pattern CARD_CONTEXT = Pattern.compile(
      "(?i)(?<![A-Za-z])(?:card|visa|mastercard|amex|american express|discover|pan|cc|credit|debit|payment)(?![A-Za-z])");
  /** Words that label a phone number, in the languages of the countries. */
  private static final Pattern PHONE_CONTEXT = Pattern.compile(
      "(?i)(?:tel|phone|mobile?|cell|fax|call|whatsapp|ruf|t\u00e9l|t\u00e9l\u00e9phone|telefon[eo]?|tel\u00e9fono"
          + "|\u96fb\u8a71|\u7535\u8bdd|\u260e)[.:]?\\s*[:#]?\\s*(?:\\(\\s*)?$");
  /** North American (ddd) ddd-dddd. */
  private static final Pattern NANP_PAREN = Pattern.compile("\\(\\d{3}\\) ?\\d{3}[-. ]\\d{4}(?![0-9A-Za-z])");
  /**
   * UK National Insurance number: two prefix letters (D, F, I, Q, U, V never; O never second), six digits, a suffix
   * A-D; the prefixes BG, GB, KN, NK, NT, TN and ZZ are not allocated.
   */
  private static final Pattern NINO = Pattern.compile(
      "(?<![A-Za-z0-9])((?!BG|GB|KN|NK|NT|TN|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])( ?)(\\d{2})\\2(\\d{2})\\2(\\d{2})\\2"
          + "([A-D])(?![A-Za-z0-9])");
  private static final Pattern NINO_CONTEXT = Pattern.compile("(?i)national insurance|\\bnino\\b|\\bni (?:number|no)");
  private static final Pattern SSN_CONTEXT = Pattern.compile("(?i)\\b(?:ssn|social security|social sec|tax ?id|tin)\\b");

  /** Shapes of a digit group ('d' a digit, then the separators): compiled once, not per group as String.matches does. */
  private static final Pattern CARD_SHAPE = Pattern.compile("d{4}([ -]d{4}){2,3}(d{1,3})?|d{4}[ -]d{6}[ -]d{4,5}");
  private static final Pattern PHONE_SHAPE = Pattern.compile("ddd[ -]ddd[ -]dddd");

  private PiiDetector() {}

  static void detect(CharSequence text, int from, int to, List<Span> out) {
    int i = from;
    while (i < to) {
      char c = text.charAt(i);
      if (c == '@') {
        email(text, i, from, to, out);
        i++;
      } else if (c == '(') {
        nanp(text, i, from, to, out);
        i++;
      } else if (c >= '0' && c <= '9') {
        i = digits(text, i, from, to, out);
      } else {
        i++;
      }
    }
  }

  private static void email(CharSequence text, int at, int from, int to, List<Span> out) {
    // a match around this '@' needs a local-part character right before it and a domain character right after it
    // (annotations, javadoc tags and "@ mentions" have neither): skip the regex when it cannot match
    if (at <= from || at + 1 >= to || !isLocalPart(text.charAt(at - 1)) || !isDomain(text.charAt(at + 1))) {
      return;
    }
    int s = Math.max(from, at - 64);
    int e = Math.min(to, at + 256);
    Matcher m = EMAIL.matcher(text).region(s, e).useTransparentBounds(true).useAnchoringBounds(false);
    while (m.find()) {
      if (m.start() < at && m.end() > at) {
        if (!address(text, m.start(), m.end(), from, to)) {
          out.add(new Span("pii", "email", m.start(), m.end(), 0.9, false, 10));
        }
        return;
      }
    }
  }

  /**
   * Whether a {@code user@host} match is a machine's address rather than a person's mailbox (session 13): the user
   * part of a URL ({@code https://deploy:pw@pypi.corp.example}, {@code mongodb+srv://user@cluster0…}; a password
   * there is the secret rules' business) or an scp-style remote ({@code git@github.com:acme/api.git}).
   */
  private static boolean address(CharSequence text, int start, int end, int from, int to) {
    if (end + 1 < to && text.charAt(end) == ':' && !Character.isWhitespace(text.charAt(end + 1))) {
      return true;
    }
    for (int k = start - 1; k >= Math.max(from, start - 200); k--) {
      char c = text.charAt(k);
      if (Character.isWhitespace(c) || c == '"' || c == '\'' || c == '<' || c == '(' || c == ',' || c == ';') {
        return false;
      }
      if (c == '/' && k >= from + 2 && text.charAt(k - 1) == '/' && text.charAt(k - 2) == ':') {
        return true;
      }
    }
    return false;
  }

  /** Reads a group of digits joined by single spaces or dashes starting at {@code i}; returns where to resume. */
  private static int digits(CharSequence text, int i, int from, int to, List<Span> out) {
    if (i > from && isAlnum(text.charAt(i - 1))) {
      // inside a word or number (hashes, identifiers): skip the whole run
      int k = i;
      while (k < to && isAlnum(text.charAt(k))) {
        k++;
      }
      if (i - 2 >= from && Character.isUpperCase(text.charAt(i - 1)) && Character.isUpperCase(text.charAt(i - 2))) {
        iban(text, i - 2, to, out);
        nino(text, i - 2, from, to, out);
      }
      return k;
    }
    StringBuilder d = new StringBuilder(24);
    StringBuilder shape = new StringBuilder(24);
    int k = i;
    int end = i;
    while (k < to && d.length() <= 19) {
      char c = text.charAt(k);
      if (c >= '0' && c <= '9') {
        d.append(c);
        shape.append('d');
        k++;
        end = k;
      } else if ((c == ' ' || c == '-') && k + 1 < to && isDigit(text.charAt(k + 1)) && k > i
          && isDigit(text.charAt(k - 1))) {
        shape.append(c);
        k++;
      } else {
        break;
      }
    }
    if (end < to && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '.' && end + 1 < to
        && isDigit(text.charAt(end + 1)))) {
      return Math.max(end, i + 1);
    }
    if (i - 3 >= from && text.charAt(i - 1) == ' ' && Character.isUpperCase(text.charAt(i - 2))
        && Character.isUpperCase(text.charAt(i - 3))) {
      nino(text, i - 3, from, to, out); // "AB 12 34 56 C"
    }
    String digits = d.toString();
    String sh = shape.toString();
    int n = digits.length();
    boolean plus = i > from && text.charAt(i - 1) == '+';
    if (n >= 13 && n <= 19 && luhn(digits) && digits.charAt(0) >= '2' && digits.charAt(0) <= '6'
        && (CARD_SHAPE.matcher(sh).matches() || (!sh.contains(" ") && !sh.contains("-")
        && knownIin(digits) && CARD_CONTEXT.matcher(around(text, i, end, from, to)).find()))) {
      out.add(new Span("pii", "credit-card", i, end, 0.95, true, 20));
    } else if (sh.equals("ddd-dd-dddd") && validSsn(digits)) {
      out.add(new Span("pii", "us-ssn", i, end, 0.8, true, 20));
    } else if (n == 9 && !sh.contains("-") && !sh.contains(" ") && validSsn(digits)
        && SSN_CONTEXT.matcher(around(text, i, end, from, to)).find()) {
      out.add(new Span("pii", "us-ssn", i, end, 0.7, true, 20));
    } else if (plus && n >= 8 && n <= 15) {
      out.add(new Span("pii", "phone", i - 1, end, 0.7, false, 10));
    } else if (n == 10 && PHONE_SHAPE.matcher(sh).matches() && i > from && text.charAt(i - 1) != '-') {
      out.add(new Span("pii", "phone", i, end, 0.5, false, 10));
    } else if (n >= 9 && n <= 11 && digits.charAt(0) == '0' && digits.charAt(1) != '0' && sh.matches("d+[ -]d.*")
        && PHONE_CONTEXT.matcher(before(text, i, from)).find()) {
      out.add(new Span("pii", "phone", i, end, 0.6, false, 10)); // a national number (020 7946 0000) labelled as one
    }
    return Math.max(end, i + 1);
  }

  private static void iban(CharSequence text, int s, int to, List<Span> out) {
    Matcher m = IBAN.matcher(text).region(s, Math.min(to, s + 48)).useTransparentBounds(true);
    if (m.lookingAt()) {
      String v = m.group(1).replace(" ", "");
      if (v.length() >= 15 && v.length() <= 34 && mod97(v)) {
        out.add(new Span("pii", "iban", m.start(1), m.end(1), 0.95, true, 20));
      }
    }
  }

  private static void nanp(CharSequence text, int i, int from, int to, List<Span> out) {
    if (i > from && Character.isLetterOrDigit(text.charAt(i - 1))) {
      return;
    }
    Matcher m = NANP_PAREN.matcher(text).region(i, Math.min(to, i + 16)).useTransparentBounds(true);
    if (m.lookingAt()) {
      out.add(new Span("pii", "phone", i, m.end(), 0.6, false, 10));
    }
  }

  /** A National Insurance number: the spaced form alone, the compact form only next to a word that names it. */
  private static void nino(CharSequence text, int s, int from, int to, List<Span> out) {
    Matcher m = NINO.matcher(text).region(s, Math.min(to, s + 14)).useTransparentBounds(true);
    if (m.lookingAt() && (!m.group(2).isEmpty() || NINO_CONTEXT.matcher(around(text, s, m.end(), from, to)).find())) {
      out.add(new Span("pii", "uk-nino", m.start(), m.end(), 0.8, true, 20));
    }
  }

  /** The 24 characters before {@code i} on its line. */
  private static String before(CharSequence text, int i, int from) {
    int s = Math.max(from, i - 24);
    String b = text.subSequence(s, i).toString();
    int nl = b.lastIndexOf('\n');
    return nl >= 0 ? b.substring(nl + 1) : b;
  }

  private static String around(CharSequence text, int s, int e, int from, int to) {
    return text.subSequence(Math.max(from, s - 48), Math.min(to, e + 16)).toString();
  }

  private static boolean isLocalPart(char c) {
    return isAlnum(c) || c == '.' || c == '%' || c == '+' || c == '-'; // [A-Za-z0-9._%+-]
  }

  private static boolean isDomain(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAlnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  static boolean luhn(String digits) {
    int sum = 0;
    boolean dbl = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int v = digits.charAt(i) - '0';
      if (dbl) {
        v *= 2;
        if (v > 9) {
          v -= 9;
        }
      }
      sum += v;
      dbl = !dbl;
    }
    return sum % 10 == 0;
  }

  private static boolean knownIin(String d) {
    int two = Integer.parseInt(d.substring(0, 2));
    int four = Integer.parseInt(d.substring(0, 4));
    int n = d.length();
    return (d.charAt(0) == '4' && (n == 16 || n == 13 || n == 19)) || (two >= 51 && two <= 55 && n == 16)
        || (four >= 2221 && four <= 2720 && n == 16) || ((two == 34 || two == 37) && n == 15)
        || ((four == 6011 || two == 65) && n == 16);
  }

  private static boolean validSsn(String d) {
    String area = d.substring(0, 3);
    return !area.equals("000") && !area.equals("666") && d.charAt(0) != '9' && !d.substring(3, 5).equals("00")
        && !d.substring(5).equals("0000") && !d.equals("123456789");
  }

  static boolean mod97(String iban) {
    String r = iban.substring(4) + iban.substring(0, 4);
    int mod = 0;
    for (int i = 0; i < r.length(); i++) {
      char c = r.charAt(i);
      int v;
      if (c >= '0' && c <= '9') {
        v = c - '0';
        mod = (mod * 10 + v) % 97;
      } else if (c >= 'A' && c <= 'Z') {
        v = c - 'A' + 10;
        mod = (mod * 100 + v) % 97;
      } else {
        return false;
      }
    }
    return mod == 1;
  }
}
