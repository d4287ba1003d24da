/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import dev.containment4j.internal.net.HostName;
import dev.containment4j.internal.net.HostPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code network.allow} and {@code network.deny}, compiled. Deny beats allow; no match is a denial; an empty allow
 * list allows nothing. An allow entry without a port allows only the web ports 80 and 443 (so an allowed name is not
 * also an SSH or SMTP channel); other ports must be written out. A deny entry without a port denies every port.
 * Immutable and thread-safe; does no I/O.
 */
public final class DomainPolicy {
  /** Ports an allow entry without {@code :port} covers. */
  public static final Set<Integer> DEFAULT_PORTS = Set.of(80, 443);

  private final List<HostPattern> allow;
  private final List<HostPattern> deny;

  public DomainPolicy(List<String> allow, List<String> deny) {
    this.allow = compile(allow, "network.allow");
    this.deny = compile(deny, "network.deny");
  }

  private static List<HostPattern> compile(List<String> entries, String key) {
    List<HostPattern> out = new ArrayList<>();
    for (String e : entries) {
      try {
        out.add(HostPattern.parse(e));
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException(key + ": " + ex.getMessage(), ex);
      }
    }
    return List.copyOf(out);
  }

  /** The allow entry that admits {@code host:port}, or the denial. */
  public Decision decide(HostName host, int port) {
    for (HostPattern d : deny) {
      if (d.matches(host, port)) {
        return new Decision(Optional.empty(), Optional.of(Denial.forbidden("denied", "network.deny: " + d,
            "connection to " + host.authority() + ":" + port + " is denied by network.deny entry '" + d + "'",
            "remove '" + d + "' from network.deny, if the user wants " + host.authority() + " reachable")));
      }
    }
    for (HostPattern a : allow) {
      if (a.matchesHost(host) && (a.port().isPresent() ? a.port().getAsInt() == port : DEFAULT_PORTS.contains(port))) {
        return new Decision(Optional.of(a), Optional.empty());
      }
    }
    return new Decision(Optional.empty(), Optional.of(notAllowed(host, port)));
  }

  private Denial notAllowed(HostName host, int port) {
    boolean otherPort = allow.stream().anyMatch(a -> a.matchesHost(host));
    String entry = host.authority() + (DEFAULT_PORTS.contains(port) ? "" : ":" + port);
    if (allow.isEmpty()) {
      return Denial.forbidden("not-allowed", "network.allow (empty: no network)",
          "connection to " + host.authority() + ":" + port + " refused: this sandbox has no network access",
          "add '" + entry + "' to network.allow in the policy, if the user wants it reachable");
    }
    if (otherPort) {
      return Denial.forbidden("port-not-allowed", "network.allow",
          host.authority() + " is allowed, but not on port " + port
              + " (entries without :port cover only 80 and 443)",
          "add '" + host.authority() + ":" + port + "' to network.allow, if the user wants that port");
    }
    if (host.isAddress()) {
      return Denial.forbidden("ip-literal", "network.allow",
          "connection to the IP address " + host.authority() + ":" + port
              + " refused: only allowed host names are reachable; use the host name",
          "add '" + entry + "' to network.allow (and its range to network.allowPrivate if private), if the user"
              + " wants this address reachable");
    }
    return Denial.forbidden("not-allowed", "network.allow",
        "connection to " + host.authority() + ":" + port + " refused: the host is not in network.allow",
        "add '" + entry + "' to network.allow in the policy, if the user wants it reachable");
  }

  /**
   * Outcome of {@link #decide}.
   *
   * @param allowedBy the allow entry, when allowed
   * @param denial the denial, when denied
   */
  public record Decision(Optional<HostPattern> allowedBy, Optional<Denial> denial) {
    public boolean allowed() {
      return allowedBy.isPresent();
    }
  }
}
