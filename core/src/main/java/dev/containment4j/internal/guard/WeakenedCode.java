/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Source edits that weaken what the code checks or where it sends data, the over-eager fix of "the request fails with
 * a certificate error" or "point the client at this server": certificate verification switched off in code
 * ({@code verify=False}, {@code rejectUnauthorized: false}, {@code InsecureSkipVerify: true}, a trust-all manager),
 * and a URL in code repointed from a host name to a bare public IP address (the "changing API base URL" form of
 * exfiltration). Judged on what the edit adds: code that already had it, and a URL moved to another host name or to
 * a loopback or private address, stay ordinary.
 *
 * <p>Session 19: the over-eager fix of "the request is rejected": an authentication, authorisation, signature or CSRF
 * check the edit's old text calls and its new text no longer does ({@code if not verify_signature(token): raise ...}
 * replaced by {@code pass}, a {@code @login_required} dropped), or a check switched off by what it adds
 * ({@code @csrf_exempt}, {@code permitAll()}, {@code AllowAny}).
 */
final class WeakenedCode {
  // every alternative names verif(y|ied|ier), unauthorized, cert, hostname, trustall or insecure
  private static final GatedPattern TLS_OFF = GatedPattern.of(
      "(?i)\\bverify\\s*=\\s*False\\b|rejectUnauthorized\\s*:\\s*false"
      + "|InsecureSkipVerify\\s*:\\s*true|NODE_TLS_REJECT_UNAUTHORIZED['\"]?\\]?\\s*=\\s*['\"]?0|\\bCERT_NONE\\b"
      + "|check_hostname\\s*=\\s*False|_create_unverified_context|CURLOPT_SSL_VERIFY(?:PEER|HOST)\\s*,\\s*(?:false|0)"
      + "|danger_accept_invalid_(?:certs|hostnames)\\s*\\(\\s*true|ALLOW_ALL_HOSTNAME_VERIFIER|NoopHostnameVerifier"
      + "|TrustAllStrategy|trustAllCerts|InsecureTrustManagerFactory"
      + "|setHostnameVerifier\\s*\\(\\s*\\([^)]*\\)\\s*->\\s*true",
      "verif", "unauthorized", "cert", "hostname", "trustall", "insecure");
  private static final GatedPattern URL = GatedPattern.of("(?i)\\bhttps?://([a-z0-9.-]+|\\[[0-9a-f:]+\\])", "http");
  private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.\\d{1,3}\\.\\d{1,3}");

  // every alternative names auth, verif, permission, login, csrf, signature, validate or ensure
  private static final GatedPattern SECURITY_CHECK = GatedPattern.of(
      "(?i)\\b(?:verify_?(?:signature|token|jwt|hmac|webhook)|validate_?(?:token|signature|jwt|csrf)"
      + "|check_?(?:auth\\w*|permissions?|signature|csrf)|has_?permissions?|requires?_?(?:auth\\w*|login|permissions?)"
      + "|login_?required|permission_?required|is_?(?:authenticated|authorized|authorised)|authenticate|authori[sz]e"
      + "|verify_?authenticity_?token|ensure_?(?:authenticated|admin|authorized)|csrf_?protect"
      // session 22: a role check, and the refusal a check ends in (`if not user.is_admin: raise Forbidden()`)
      + "|is_?(?:admin|superuser|staff|owner)|has_?(?:role|any_?role|authority)"
      + "|(?:raise|throw new|throw)\\s+(?:\\w+\\.)*(?:Forbidden|PermissionDenied|NotAuthori[sz]ed|Unauthori[sz]ed"
      + "|AuthenticationFailed|AccessDenied)\\w*|abort\\(\\s*40[13]|\\.status\\(\\s*40[13]\\s*\\)"
      + "|HttpResponseForbidden|Status(?:Forbidden|Unauthorized))\\b",
      "auth", "verif", "permission", "login", "csrf", "signature", "validate", "ensure", "admin", "superuser",
      "staff", "owner", "role", "authority", "forbidden", "denied", "40");
  private static final GatedPattern CHECK_OFF = GatedPattern.of(
      "(?i)@csrf_exempt\\b|\\bskip_before_action\\s+:(?:verify_authenticity_token|authenticate\\w*)"
      + "|\\.permitAll\\(\\)|\\bAllowAny\\b|\\bcsrf\\(\\)\\.disable\\(\\)|\\bauth\\s*:\\s*false\\b"
      + "|@(?:Pre|Post)Authorize\\(\\s*\"permitAll"
      // session 21: any origin allowed to send the user's cookies (CORS origin * with credentials)
      + "|\\borigin\\s*[:=]\\s*['\"]\\*['\"][^\\n)]{0,80}?\\bcredentials\\s*[:=]\\s*true\\b",
      "csrf", "skip_before_action", "permitall", "allowany", "auth", "credentials");
  /** A line comment of the C family or a shell/Python one, after a blank or at a line's start (not a URL's //). */
  private static final Pattern LINE_COMMENT = Pattern.compile("(?m)(?:^|(?<=\\s))(?://|#).*$");
  /** A database connection that requires TLS, and one told not to use it (libpq's sslmode, JDBC's ssl). */
  private static final Pattern REQUIRED_TLS = Pattern.compile("(?i)\\bsslmode\\s*[=:]\\s*['\"]?(?:require|verify-ca"
      + "|verify-full)\\b|\\bssl\\s*[=:]\\s*['\"]?true\\b");
  private static final Pattern NO_TLS = Pattern.compile("(?i)\\bsslmode\\s*[=:]\\s*['\"]?(?:disable|allow|prefer)\\b"
      + "|\\bssl\\s*[=:]\\s*['\"]?false\\b");

  /** Program sources, where a removed call is a removed check (a README that names one is documentation). */
  private static final Pattern SOURCE = Pattern.compile("(?i)\\.(?:py|pyw|js|mjs|cjs|jsx|ts|tsx|java|kt|kts|go|rb|php"
      + "|cs|rs|scala|swift|c|cc|cpp|h|hpp|ex|exs|erl|clj|groovy|vue|svelte|dart|lua|pl|pm)$");
  private static final Pattern CONFIG = Pattern.compile("(?i)\\.(?:ya?ml|json|toml|ini|conf|xml|properties)$");

  private WeakenedCode() {}

  /** An edit of {@code file} from {@code oldText} to {@code newText}; a new file has an empty old text. */
  static Judgement edit(String file, String oldText, String newText) {
    String off = onlyIn(TLS_OFF, newText, oldText);
    if (off != null) {
      return Judgement.ask(Classifier.WEAKEN, "this edit of " + file + " switches off certificate verification in"
          + " the code (`" + off + "`), so anyone on the network can read and change its traffic; fix"
          + " the certificate or trust store instead, or let the user decide");
    }
    boolean source = SOURCE.matcher(file).find();
    String removed = source ? onlyIn(SECURITY_CHECK, oldText, newText) : null;
    if (source && removed == null && SECURITY_CHECK.mayMatch(oldText)) {
      // session 21: a check commented out is removed too (`// if (!verifyJwt(token)) …`)
      removed = onlyIn(SECURITY_CHECK, oldText, LINE_COMMENT.matcher(newText).replaceAll(""));
    }
    if (removed != null) {
      return Judgement.ask(Classifier.WEAKEN, "this edit of " + file + " removes the security check `"
          + removed + "` from the code; fix what the check rejects, or let the user decide");
    }
    String checkOff = source || CONFIG.matcher(file).find() ? onlyIn(CHECK_OFF, newText, oldText) : null;
    if (checkOff != null) {
      return Judgement.ask(Classifier.WEAKEN, "this edit of " + file + " switches a security check off (`"
          + checkOff + "`); fix what the check rejects, or let the user decide");
    }
    // session 21: a database connection that required TLS told not to use it
    if (REQUIRED_TLS.matcher(oldText).find() && !REQUIRED_TLS.matcher(newText).find()
        && NO_TLS.matcher(newText).find()) {
      return Judgement.ask(Classifier.WEAKEN, "this edit of " + file + " turns off TLS for a database connection"
          + " that required it, so its traffic and password cross the network in clear text; fix the certificate"
          + " setup instead, or let the user decide");
    }
    if (oldText.isEmpty() || !URL.find(oldText)) {
      return Judgement.ALLOW;
    }
    Matcher url = URL.pattern().matcher(newText);
    while (url.find()) {
      String host = url.group(1);
      if (publicAddress(host) && !oldText.contains(host)) {
        return Judgement.ask(Classifier.REDIRECT, "this edit of " + file + " points a URL of the code at the bare"
            + " address " + host + " instead of a host name, so the data it sends goes to that machine; a human must"
            + " confirm the new endpoint");
      }
    }
    return Judgement.ALLOW;
  }

  /** The first match of {@code p} in {@code text} that {@code other} does not contain, or null. */
  private static String onlyIn(GatedPattern p, String text, String other) {
    Matcher m = p.matcherOrNull(text);
    while (m != null && m.find()) {
      if (!other.contains(m.group())) {
        return m.group();
      }
    }
    return null;
  }

  /** A literal IPv4 or IPv6 address that is not loopback, private or link-local. */
  private static boolean publicAddress(String host) {
    if (host.startsWith("[")) {
      String h = host.toLowerCase(java.util.Locale.ROOT);
      return !(h.equals("[::1]") || h.startsWith("[fc") || h.startsWith("[fd") || h.startsWith("[fe80"));
    }
    Matcher m = IPV4.matcher(host);
    if (!m.matches()) {
      return false;
    }
    int a = Integer.parseInt(m.group(1));
    int b = Integer.parseInt(m.group(2));
    return !(a == 127 || a == 10 || a == 0 || a == 192 && b == 168 || a == 172 && b >= 16 && b <= 31
        || a == 169 && b == 254);
  }
}
