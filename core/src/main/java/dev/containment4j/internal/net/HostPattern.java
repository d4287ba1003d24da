/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.net;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Syntax of a {@code network.allow}/{@code network.deny} entry: {@code example.com}, {@code *.example.com}
 * (subdomains only, not the apex), optionally with {@code :port}. First version; the egress module refines
 * canonicalisation (IDN, IP forms).
 */
public final class HostPattern {
  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

  private HostPattern() {}

  /** The problem with {@code entry} and how to fix it, or empty when it is valid. */
  public static Optional<String> problem(String entry) {
    if (entry == null || entry.isBlank()) {
      return Optional.of("empty host; write a name such as pypi.org or *.pythonhosted.org");
    }
    String host = entry.strip().toLowerCase(Locale.ROOT);
    int colon = host.lastIndexOf(':');
    if (colon >= 0) {
      String port = host.substring(colon + 1);
      if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
        return Optional.of("'" + entry + "': the port must be a number from 1 to 65535");
      }
      host = host.substring(0, colon);
    }
    if (host.startsWith("*.")) {
      host = host.substring(2);
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    if (host.isEmpty() || host.length() > 253) {
      return Optional.of("'" + entry + "' is not a host name");
    }
    for (String label : host.split("\\.", -1)) {
      if (!LABEL.matcher(label).matches()) {
        return Optional.of("'" + entry + "' is not a valid host name (label '" + label + "'); use names like"
            + " example.com or *.example.com (subdomains only)");
      }
    }
    return Optional.empty();
  }
}
