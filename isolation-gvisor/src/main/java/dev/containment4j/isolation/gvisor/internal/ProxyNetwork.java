/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import dev.containment4j.SandboxSetupException;
import dev.containment4j.spi.EgressGateway;
import dev.containment4j.spi.IsolationSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code network.mode: proxy} for one gVisor backend: checks once, when the backend opens, that every sandbox can get
 * its own {@link ProxyNetns} (root, {@code unshare}, Perl, a proxy that can adopt a socket) and fails closed otherwise;
 * then makes one per sandbox.
 */
public final class ProxyNetwork {
  private static final List<Path> UNSHARE = List.of(Path.of("/usr/bin/unshare"), Path.of("/bin/unshare"));
  private static final List<Path> PERL = List.of(Path.of("/usr/bin/perl"), Path.of("/bin/perl"));
  /** Perl starts in a few ms; a loaded machine may take longer. */
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  /** For {@code ExecResult.isolation().notes()}. */
  static final String NOTE = "egress proxy at 127.0.0.1:" + ProxyNetns.PORT + " inside (runsc --network=host in"
      + " the sandbox's own network namespace: only lo and the proxy's listener)";

  private final EgressGateway gateway;
  private final List<String> command;

  private ProxyNetwork(EgressGateway gateway, List<String> command) {
    this.gateway = gateway;
    this.command = command;
  }

  /**
   * Whether sandboxes of this spec reach the proxy: {@code network.mode: proxy} as root. Rootless runsc cannot join a
   * network namespace made outside its own user namespace, so rootless sandboxes keep no network at all.
   */
  public static boolean applies(IsolationSpec spec, GvisorSettings settings) {
    return spec.policy().network().mode() == dev.containment4j.policy.Policy.NetworkMode.PROXY
        && !settings.rootless();
  }

  /**
   * Checks the prerequisites and makes (and drops) one namespace to prove them.
   *
   * @throws SandboxSetupException naming what is missing and the fix
   */
  static ProxyNetwork open(IsolationSpec spec) {
    EgressGateway gateway = spec.egress().orElseThrow(() -> refuse("no egress proxy was started for this spec (the"
        + " engine starts it when network.mode is proxy and dev.containment4j:containment4j-egress is on the class"
        + " path)"));
    if (!gateway.canServeListeningSockets()) {
      throw refuse("the egress proxy cannot adopt a socket descriptor here (it needs Netty's native epoll transport;"
          + " is -Dcontainment.egress.nio=true set, or is netty-transport-native-epoll missing for this CPU?)");
    }
    Path unshare = first(UNSHARE).orElseThrow(() -> refuse("unshare (util-linux) not found at " + UNSHARE
        + "; install util-linux"));
    Path perl = first(PERL).orElseThrow(() -> refuse("perl not found at " + PERL
        + "; install perl-base (Debian/Ubuntu) or perl-interpreter (Fedora)"));
    ProxyNetwork n = new ProxyNetwork(gateway, ProxyNetns.command(unshare.toString(), perl.toString()));
    n.create().close();
    return n;
  }

  private static Optional<Path> first(List<Path> candidates) {
    return candidates.stream().filter(Files::isExecutable).findFirst();
  }

  /** A new namespace with the listener, for one sandbox. */
  ProxyNetns create() {
    try {
      return ProxyNetns.create(command, gateway, DEADLINE);
    } catch (RuntimeException e) {
      throw refuse("cannot create the sandbox's network namespace with the proxy's listener (" + String.join(" ",
          command.subList(0, 4)) + "): " + e.getMessage());
    }
  }

  EgressGateway gateway() {
    return gateway;
  }

  static SandboxSetupException refuse(String why) {
    return new SandboxSetupException(GvisorBackend.ID, -1, "", "network.mode: proxy with gVisor: " + why
        + "; nothing was run. Or use network.mode: none (no network)");
  }
}
