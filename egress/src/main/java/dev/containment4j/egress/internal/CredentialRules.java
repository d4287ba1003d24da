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
  /**
   * Headers that carry API credentials besides the bound one: a request to a bound host with any other value in them
   * is refused, as in {@code Authorization} (an attacker's key sent the way another API of that host takes it).
   */
  private static final List<String> CREDENTIAL_HEADERS = List.of("authorization", "x-api-key", "api-key",
      "x-goog-api-key", "x-auth-token", "private-token", "x-access-token", "x-github-token");
  /** Query parameters that carry credentials: on a bound host, only the placeholder (or nothing) may be in them. */
  private static final java.util.Set<String> CREDENTIAL_PARAMETERS = java.util.Set.of("access_token", "api_key",
      "apikey", "api-key", "key", "token", "auth", "auth_token", "private_token", "client_secret", "password");
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
      String header = c.header().strip();
      if (header.isEmpty() || !header.chars().allMatch(ch -> ch > 0x20 && ch < 0x7f && ch != ':')) {
        throw new IllegalArgumentException("network.credentials: header '" + Authority.printable(header)
            + "' for " + c.host() + " is not a header name");
      }
      if (RequestFraming.hasControl(c.value().reveal())) {
        // never the value itself: it is the secret
        throw new IllegalArgumentException("network.credentials: the value for " + header + " on " + c.host()
            + " (" + c.value().origin() + ") contains a line break or another control character, which a header"
            + " value cannot carry; check the variable or file (a trailing newline?)");
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

  /**
   * The spellings of the real secrets injected for {@code host} that an echo could show: each whole value, each of
   * its words of 8 characters or more (the token of {@code Bearer <token>}), and for {@code Basic} values the decoded
   * {@code user:password} and password. Used to mask them in the answer ({@link SecretMask}) and to refuse them on the
   * way to any other host.
   */
  public List<String> secretForms(HostName host) {
    if (bindings.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Binding b : bindings) {
      if (b.host().matchesHost(host)) {
        out.addAll(forms(b));
      }
    }
    return out;
  }

  private static List<String> forms(Binding b) {
    String v = b.value().reveal();
    List<String> out = new ArrayList<>();
    out.add(v);
    for (String word : v.split("[ \\t]+")) {
      if (word.length() >= 8 && !word.equals(v)) {
        out.add(word);
      }
    }
    String s = v.strip();
    if (s.length() > 6 && s.substring(0, 6).equalsIgnoreCase("basic ")) {
      try {
        String decoded = new String(Base64.getDecoder().decode(s.substring(6).strip()), StandardCharsets.UTF_8);
        out.add(decoded);
        int colon = decoded.indexOf(':');
        if (colon >= 0 && decoded.length() - colon - 1 >= 8) {
          out.add(decoded.substring(colon + 1));
        }
      } catch (IllegalArgumentException e) {
        // not base64: the value itself is masked
      }
    }
    return out;
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
    if (bindings.isEmpty()) {
      return Optional.empty();
    }
    String decodedUri = percentDecoded(uri);
    for (Binding b : bindings) {
      if (b.host().matchesHost(host)) {
        continue;
      }
      if (carries(b.placeholder(), uri, headers) || decodedUri.contains(b.placeholder())) {
        return Optional.of(Denial.forbidden("credential-leak", "network.credentials: " + b,
            "the placeholder of the credential bound to " + b.host() + " was sent to " + host.authority()
                + "; it is only valid for " + b.host() + " and was not forwarded",
            "nothing to change if this was not intended; bind a credential to " + host.authority()
                + " in network.credentials if it needs one"));
      }
      for (String secret : forms(b)) {
        // the sandbox never holds the real value; if it has it anyway (an echo, a leak elsewhere), it goes nowhere
        if (secret.length() >= 8 && (carries(secret, uri, headers) || decodedUri.contains(secret))) {
          return Optional.of(Denial.forbidden("credential-leak", "network.credentials: " + b,
              "the request to " + host.authority() + " carries the real value of the credential bound to "
                  + b.host() + "; it was not forwarded",
              "nothing to change: the sandbox is not meant to hold that value"));
        }
      }
    }
    List<Binding> mine = bindings.stream().filter(b -> b.host().matchesHost(host)).toList();
    // a value may hold the placeholder of any credential bound to this host (two APIs of one host, two headers)
    List<String> placeholders = mine.stream().map(Binding::placeholder).toList();
    for (Binding b : mine) {
      List<String> names = new ArrayList<>(CREDENTIAL_HEADERS);
      if (!names.contains(b.header().toLowerCase(Locale.ROOT))) {
        names.add(b.header());
      }
      for (String name : names) {
        for (String v : headers.getAll(name)) {
          if (placeholders.stream().noneMatch(p -> containsPlaceholder(v, p))) {
            return Optional.of(foreign(host, b, "the header " + name));
          }
        }
      }
      Optional<String> param = foreignParameter(uri, placeholders);
      if (param.isPresent()) {
        return Optional.of(foreign(host, b, "the query parameter '" + param.get() + "'"));
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

  private static Denial foreign(HostName host, Binding b, String where) {
    return Denial.forbidden("credential-foreign", "network.credentials: " + b,
        "the request to " + host.authority() + " carries a credential in " + where + " that is not the one the"
            + " policy binds to this host; the proxy only sends the bound credential there, and refuses others",
        "use the credential from $" + (b.sandboxEnv() == null ? "(bound variable)" : b.sandboxEnv())
            + " as given; if another account is meant, the user changes network.credentials");
  }

  /** The name of a credential-carrying query parameter whose value is not empty and not the placeholder. */
  private static Optional<String> foreignParameter(String uri, List<String> placeholders) {
    int q = uri.indexOf('?');
    if (q < 0) {
      return Optional.empty();
    }
    for (String pair : uri.substring(q + 1).split("[&;]")) {
      int eq = pair.indexOf('=');
      String name = percentDecoded(eq < 0 ? pair : pair.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "" : percentDecoded(pair.substring(eq + 1)).strip();
      if (CREDENTIAL_PARAMETERS.contains(name) && !value.isEmpty()
          && placeholders.stream().noneMatch(value::contains)) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }

  /** {@code %XX} escapes decoded (bytes as Latin-1), {@code +} as space; malformed escapes are left as they are. */
  static String percentDecoded(String s) {
    if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0
          && Character.digit(s.charAt(i + 2), 16) >= 0) {
        b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        b.append(c == '+' ? ' ' : c);
      }
    }
    return b.toString();
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
