/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.egress.EgressProxy;
import dev.containment4j.event.AuditEvent;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.EgressGateway;
import io.netty.channel.epoll.Epoll;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two sandboxes on one proxy, each with its own listening socket served by the proxy (as bubblewrap and gVisor
 * sandboxes are): one flooding the proxy with tunnels and connections must not leave the other without.
 */
@Tag("integration")
class PerSandboxLimitsIT {
  private final List<AutoCloseable> closers = new ArrayList<>();
  private final List<AuditEvent> eventsA = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final List<AuditEvent> eventsB = new java.util.concurrent.CopyOnWriteArrayList<>();
  private TestOrigins.Origin origin;

  @BeforeEach
  void setUp() throws Exception {
    origin = TestOrigins.http("o", java.net.InetAddress.getByName("127.0.0.1"), 0);
    closers.add(origin);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : closers) {
      c.close();
    }
  }

  /** A listening TCP socket on loopback, as a sandbox's binder would create it; its descriptor is handed over. */
  private static int listeningSocket() throws IOException {
    io.netty.channel.unix.Socket s = io.netty.channel.unix.Socket.newSocketStream();
    s.bind(new InetSocketAddress("127.0.0.1", 0));
    s.listen(128);
    return s.intValue();
  }

  private static boolean tunnel(int port, String authority, List<Socket> keep) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
    s.setSoTimeout(5000);
    keep.add(s);
    s.getOutputStream().write(("CONNECT " + authority + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
    try {
      return ProxyClients.readHead(s).startsWith("HTTP/1.1 200");
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void aSandboxFloodingTheProxyLeavesAnotherItsShare() throws Exception {
    Assumptions.assumeTrue(Epoll.isAvailable(), "served sockets need Netty's epoll transport: "
        + Epoll.unavailabilityCause());
    Policy.Network n = ProxyClients.network(List.of("o.test:" + origin.port()), List.of(),
        Map.of("o.test", "127.0.0.1"), List.of("127.0.0.0/8"), Policy.TlsMode.PASSTHROUGH, List.of());
    EgressProxy proxy = EgressProxy.builder(n).limits(32, 16, Duration.ofSeconds(5), Duration.ofSeconds(60)).start();
    closers.add(0, proxy);
    EgressGateway.ServedSocket a = proxy.serve(listeningSocket(), "call-a", eventsA::add);
    EgressGateway.ServedSocket b = proxy.serve(listeningSocket(), "call-b", eventsB::add);
    closers.add(0, a);
    closers.add(0, b);
    String target = "o.test:" + origin.port();
    List<Socket> held = new ArrayList<>();
    try {
      int openedA = 0;
      for (int i = 0; i < 16; i++) {
        if (tunnel(a.address().getPort(), target, held)) {
          openedA++;
        }
      }
      System.out.printf("sandbox A flooding: %d of 16 tunnels opened (proxy cap 16)%n", openedA);
      assertThat(openedA).as("sandbox A's share").isPositive().isLessThan(16);
      for (int i = 0; i < 3; i++) {
        assertThat(tunnel(b.address().getPort(), target, held)).as("sandbox B's tunnel %d while A floods", i)
            .isTrue();
      }
      assertThat(tunnel(proxy.address().getPort(), target, held)).as("the host listener while A floods").isTrue();
      // connections: A opening many more (silent ones, never a request) does not lock B out
      for (int i = 0; i < 40; i++) {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", a.address().getPort()), 5000);
        held.add(s);
      }
      assertThat(tunnel(b.address().getPort(), target, held)).as("sandbox B after A opened 40 connections").isTrue();
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
    assertThat(eventsA).anySatisfy(e -> assertThat(e.fields()).containsEntry("reason", "too-many-tunnels"));
    assertThat(eventsA).allSatisfy(e -> assertThat(e.callId()).isEqualTo("call-a"));
    assertThat(eventsB).noneSatisfy(e -> assertThat(e.type()).isEqualTo("egress.deny"));
  }
}
