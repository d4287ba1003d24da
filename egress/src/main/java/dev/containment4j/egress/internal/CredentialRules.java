/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import dev.containment4j.internal.net.HostName;
import dev.containment4j.internal.net.HostPattern;
import dev.containment4j.policy.Policy;
import dev.containment4j.policy.Secret;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code network.credentials}: the sandbox holds a random placeholder per binding (fresh for every proxy, so it means
 * nothing outside this run); on a request to the bound host the proxy strips the header and sets the real value. A
 * request to a bound host that carries anything but the placeholder in that header or in {@code Authorization} is
 * refused (an attacker's own key through an allowed domain), and a placeholder sent to any other host is refused and
 * reported. Thread-safe.
 */
public final class CredentialRules {
  private final List<Binding> bindings;

  /** One compiled binding; {@link #toString()} never shows the secret or the placeholder. */
  record Binding(HostPattern host, String header, Secret value, String sandboxEnv, String placeholder) {
    @Override
    public String toString() {
      return header + " for " + host;
    }
  }

  public CredentialRules(List<Policy.Credential> credentials, SecureRandom random) {
    List<Binding> out = new ArrayList<>();
    for (Policy.Credential c : credentials) {
      HostPattern p;
      try {
        p = HostPattern.parse(c.host());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("network.credentials: " + e.getMessage(), e);
      }
      byte[] b = new byte[16];
      random.nextBytes(b);
      out.add(new Binding(p, c.header().strip(), c.value(), c.sandboxEnv(),
          "containment-placeholder-" + HexFormat.of().formatHex(b)));
    }
    this.bindings = List.copyOf(out);
  }

  /** Variable name to placeholder, for the sandbox environment. */
  public Map<String, String> placeholders() {
    Map<String, String> m = new LinkedHashMap<>();
    for (Binding b : bindings) {
      if (b.sandboxEnv() != null && !b.sandboxEnv().isBlank()) {
        m.put(b.sandboxEnv(), b.placeholder());
      }
    }
    return m;
  }

  /** Whether a credential is bound to {@code host} (then its traffic must be inspectable). */
  public boolean binds(HostName host) {
    return bindings.stream().anyMatch(b -> b.host().matchesHost(host));
  }

  /** Names of the headers injected for {@code host} (for audit events). */
  public List<String> injectedHeaders(HostName host) {
    return bindings.stream().filter(b -> b.host().matchesHost(host)).map(Binding::header).toList();
  }

  /**
   * Checks and rewrites the headers of one request to {@code host}. Returns the denial, or empty after injecting the
   * bound values.
   */
  public Optional<Denial> apply(HostName host, String uri, HttpHeaders headers) {
    for (Binding b : bindings) {
      if (!b.host().matchesHost(host) && carries(b.placeholder(), uri, headers)) {
        return Optional.of(Denial.forbidden("credential-leak", "network.credentials: " + b,
            "the placeholder of the credential bound to " + b.host() + " was sent to " + host.authority()
                + "; it is only valid for " + b.host() + " and was not forwarded",
            "nothing to change if this was not intended; bind a credential to " + host.authority()
                + " in network.credentials if it needs one"));
      }
    }
    List<Binding> mine = bindings.stream().filter(b -> b.host().matchesHost(host)).toList();
    for (Binding b : mine) {
      List<String> seen = new ArrayList<>(headers.getAll(b.header()));
      if (!b.header().equalsIgnoreCase(HttpHeaderNames.AUTHORIZATION.toString())) {
        seen.addAll(headers.getAll(HttpHeaderNames.AUTHORIZATION));
      }
      for (String v : seen) {
        if (!containsPlaceholder(v, b.placeholder())) {
          return Optional.of(Denial.forbidden("credential-foreign", "network.credentials: " + b,
              "the request to " + host.authority() + " carries a credential in " + headerOf(v, b, headers)
                  + " that is not the one the policy binds to this host; the proxy only sends the bound credential"
                  + " there, and refuses others",
              "use the credential from $" + (b.sandboxEnv() == null ? "(bound variable)" : b.sandboxEnv())
                  + " as given; if another account is meant, the user changes network.credentials"));
        }
      }
    }
    for (Binding b : mine) {
      headers.remove(b.header());
      if (!b.header().equalsIgnoreCase(HttpHeaderNames.AUTHORIZATION.toString())) {
        headers.remove(HttpHeaderNames.AUTHORIZATION);
      }
    }
    for (Binding b : mine) {
      headers.add(b.header(), b.value().reveal());
    }
    return Optional.empty();
  }

  private static String headerOf(String value, Binding b, HttpHeaders headers) {
    return headers.getAll(b.header()).contains(value) ? b.header() : "Authorization";
  }

  private static boolean carries(String placeholder, String uri, HttpHeaders headers) {
    if (uri.contains(placeholder)) {
      return true;
    }
    for (Map.Entry<String, String> h : headers) {
      if (containsPlaceholder(h.getValue(), placeholder)) {
        return true;
      }
    }
    return false;
  }

  /** The placeholder as is, or inside a {@code Basic} credential (user or password). */
  static boolean containsPlaceholder(String value, String placeholder) {
    if (value.contains(placeholder)) {
      return true;
    }
    String v = value.strip();
    if (v.length() > 6 && v.substring(0, 6).toLowerCase(Locale.ROOT).equals("basic ")) {
      try {
        String decoded = new String(Base64.getDecoder().decode(v.substring(6).strip()), StandardCharsets.UTF_8);
        return decoded.contains(placeholder);
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    return false;
  }
}
