/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.socksx.v5.Socks5CommandStatus;
import java.util.Objects;

/**
 * Why the proxy refused something, written for the model that asked: the reason code, the rule that decided, what
 * happened and what the user could change. Never carries a secret.
 *
 * @param reason short machine-readable code ({@code not-allowed}, {@code denied}, {@code private-address}, ...)
 * @param rule the policy key or check that decided ({@code network.allow}, {@code network.deny: *.evil.com}, ...)
 * @param message what was refused and why
 * @param fix what the user could change in the policy, or empty when nothing should be changed
 * @param status the HTTP status to answer with
 * @param socks the SOCKS5 reply code to answer with
 */
public record Denial(
    String reason, String rule, String message, String fix, HttpResponseStatus status, Socks5CommandStatus socks) {

  public Denial {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(message, "message");
    fix = fix == null ? "" : fix;
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(socks, "socks");
  }

  static Denial forbidden(String reason, String rule, String message, String fix) {
    return new Denial(reason, rule, message, fix, HttpResponseStatus.FORBIDDEN, Socks5CommandStatus.FORBIDDEN);
  }

  static Denial badRequest(String message) {
    return new Denial("bad-request", "request syntax", message, "", HttpResponseStatus.BAD_REQUEST,
        Socks5CommandStatus.ADDRESS_UNSUPPORTED);
  }

  /** The body of the HTTP answer: three short lines a model can act on. */
  public String body() {
    return "containment egress proxy: " + message + "\nrule: " + rule + "\n"
        + (fix.isEmpty() ? "" : "fix: " + fix + "\n");
  }

  /** The value of the {@code X-Containment-Deny} header (one line, ASCII). */
  public String header() {
    return ascii(reason + "; rule=" + rule + "; " + message);
  }

  private static String ascii(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return b.toString();
  }

  /** Thrown through futures to carry a denial. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Denial denial;

    Refused(Denial denial) {
      super(denial.reason() + ": " + denial.message(), null, false, false);
      this.denial = denial;
    }

    Denial denial() {
      return denial;
    }
  }
}
