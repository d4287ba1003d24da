/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.egress.EgressProxy;
import dev.containment4j.event.AuditEvent;
import dev.containment4j.policy.Policy;
import dev.containment4j.policy.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The TLS front door of intercepted tunnels under hostile ClientHellos: split over TCP segments and over TLS records,
 * large post-quantum hellos, SNI spelled oddly, an IP literal or missing, ECH and GREASE extensions; plain bytes where
 * TLS is expected; resumed sessions. The SNI is read and checked however the hello arrives, or the connection is
 * refused; what decides in the end is the Host of every request.
 */
@Tag("integration")
class TlsFrontDoorIT {
  private static final String SECRET = "ghp_REAL_frontdoor_77e1a0c3";
  private final ProxyClients.Events events = new ProxyClients.Events();
  private final List<AutoCloseable> closers = new ArrayList<>();
  private final TestOrigins.Pki upstreamPki = new TestOrigins.Pki();
  private RawOrigin secure;
  private RawOrigin passthrough;

  @BeforeEach
  void setUp() throws Exception {
    secure = new RawOrigin(upstreamPki.serverContext("sec.test"));
    passthrough = new RawOrigin(upstreamPki.serverContext("pass.test"));
    closers.add(secure);
    closers.add(passthrough);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : closers) {
      c.close();
    }
  }

  private EgressProxy start() throws Exception {
    Policy.Network n = new Policy.Network(Policy.NetworkMode.PROXY, List.of("sec.test:" + secure.port(),
        "other.test:" + secure.port(), "plain443.test:443", "pass.test:" + passthrough.port(),
        "cdn-other.test:" + passthrough.port()), List.of(), true, Policy.TlsMode.PASSTHROUGH,
        Map.of("sec.test", "127.0.0.1", "other.test", "127.0.0.1", "plain443.test", "127.0.0.1", "pass.test",
            "127.0.0.1", "cdn-other.test", "127.0.0.1"),
        List.of("127.0.0.0/8"), List.of(
            new Policy.Credential("sec.test", "Authorization", Secret.of("Bearer " + SECRET, "${env:T}"), "SEC_TOKEN"),
            new Policy.Credential("plain443.test", "Authorization", Secret.of("Bearer " + SECRET, "${env:T}"),
                "P_TOKEN")),
        List.of("sec.test", "plain443.test"), List.of());
    EgressProxy p = EgressProxy.builder(n).upstreamTrust(upstreamPki.trust()).events(events).start();
    closers.add(0, p);
    return p;
  }

  private Socket connectTo(EgressProxy proxy, String authority) throws IOException {
    Socket s = ProxyClients.connect(proxy);
    s.setTcpNoDelay(true);
    s.getOutputStream().write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    assertThat(ProxyClients.readHead(s)).startsWith("HTTP/1.1 200");
    return s;
  }

  /** What the proxy answers to the hello: "server-hello", "alert" or "closed". */
  private static String answer(Socket s) throws IOException {
    s.setSoTimeout(5000);
    InputStream in = s.getInputStream();
    try {
      int type = in.read();
      if (type < 0) {
        return "closed";
      }
      byte[] rest = in.readNBytes(4);
      if (type == 0x16 && rest.length == 4 && rest[0] == 3) {
        return "server-hello";
      }
      return type == 0x15 ? "alert" : "other " + type;
    } catch (java.net.SocketException e) {
      return "closed"; // reset
    }
  }

  /** Writes {@code bytes} in pieces of {@code segment} bytes, each flushed on its own (separate TCP segments). */
  private static void write(Socket s, byte[] bytes, int segment) throws Exception {
    OutputStream out = s.getOutputStream();
    for (int off = 0; off < bytes.length; off += segment) {
      out.write(bytes, off, Math.min(segment, bytes.length - off));
      out.flush();
      if (segment < bytes.length && off / segment % 16 == 15) {
        Thread.sleep(1); // now and then, so that the proxy reads the hello in many pieces
      }
    }
  }

  @Test
  void theSniIsReadHoweverTheClientHelloIsSplitAndAMismatchIsRefused() throws Exception {
    EgressProxy proxy = start();
    String target = "sec.test:" + secure.port();
    // SNI spelling, ECH/GREASE, expected answer
    record Hello(String sni, boolean ech, boolean accepted) {}
    Map<String, Hello> hellos = new LinkedHashMap<>();
    hellos.put("exact", new Hello("sec.test", false, true));
    hellos.put("upper case, trailing dot", new Hello("SEC.Test.", false, true));
    hellos.put("no SNI", new Hello(null, false, true));
    hellos.put("another allowed host", new Hello("other.test", false, false));
    hellos.put("IP literal", new Hello("127.0.0.1", false, false));
    hellos.put("ECH + GREASE, outer SNI = target", new Hello("sec.test", true, true));
    hellos.put("ECH + GREASE, outer SNI another name", new Hello("public.example", true, false));
    Map<String, int[]> splits = new LinkedHashMap<>(); // record payload size, TCP segment size
    splits.put("one record, one write", new int[] {16384, 100_000});
    splits.put("one record, 7-byte segments", new int[] {16384, 7});
    splits.put("five records", new int[] {400, 100_000});
    splits.put("records of 2 bytes, 14-byte segments", new int[] {2, 14});
    List<String> wrong = new ArrayList<>();
    int refusals = 0;
    for (var h : hellos.entrySet()) {
      byte[] hello = RawClientHello.handshake(h.getValue().sni(), h.getValue().ech());
      assertThat(hello.length).as("a post-quantum hello is over 1,500 bytes").isGreaterThan(1500);
      for (var split : splits.entrySet()) {
        try (Socket s = connectTo(proxy, target)) {
          write(s, RawClientHello.records(hello, split.getValue()[0]), split.getValue()[1]);
          String got = answer(s);
          boolean accepted = got.equals("server-hello");
          if (accepted != h.getValue().accepted()) {
            wrong.add(h.getKey() + " / " + split.getKey() + ": " + got);
          }
          if (!accepted) {
            refusals++;
          }
        }
      }
    }
    assertThat(wrong).as("hellos answered wrongly").isEmpty();
    List<AuditEvent> denied = events.await("egress.deny", refusals);
    assertThat(denied).as("every refused hello is reported").hasSize(refusals)
        .allSatisfy(e -> assertThat(e.fields()).containsEntry("reason", "sni-mismatch")
            .containsEntry("port", secure.port()).containsKeys("bytesUp", "bytesDown", "durationMs"));
    assertThat(secure.requests).isEmpty();
  }

  @Test
  void aPassthroughTunnelCarriesOnlyAHelloForItsOwnHost() throws Exception {
    EgressProxy proxy = start();
    String target = "pass.test:" + passthrough.port();
    Map<String, String> got = new LinkedHashMap<>();
    for (String sni : new String[] {"pass.test", "PASS.test.", null, "cdn-other.test", "127.0.0.1"}) {
      try (Socket s = connectTo(proxy, target)) {
        write(s, RawClientHello.records(RawClientHello.handshake(sni, false), 300), 7);
        got.put("CONNECT, SNI " + sni, answer(s));
      }
    }
    // the hello sent together with the CONNECT request, before the proxy's answer (one write, one segment)
    for (String sni : new String[] {"pass.test", "cdn-other.test"}) {
      try (Socket s = ProxyClients.connect(proxy)) {
        java.io.ByteArrayOutputStream both = new java.io.ByteArrayOutputStream();
        both.writeBytes(("CONNECT " + target + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        both.writeBytes(RawClientHello.records(RawClientHello.handshake(sni, true), 16384));
        s.getOutputStream().write(both.toByteArray());
        assertThat(ProxyClients.readHead(s)).startsWith("HTTP/1.1 200");
        got.put("early hello, SNI " + sni + ", ECH", answer(s));
      }
    }
    // SOCKS5
    try (Socket s = ProxyClients.connect(proxy)) {
      var out = s.getOutputStream();
      out.write(new byte[] {5, 1, 0});
      assertThat(s.getInputStream().readNBytes(2)).containsExactly(5, 0);
      byte[] name = "pass.test".getBytes(StandardCharsets.US_ASCII);
      java.io.ByteArrayOutputStream cmd = new java.io.ByteArrayOutputStream();
      cmd.write(new byte[] {5, 1, 0, 3, (byte) name.length});
      cmd.write(name);
      cmd.write(new byte[] {(byte) (passthrough.port() >> 8), (byte) passthrough.port()});
      out.write(cmd.toByteArray());
      assertThat(s.getInputStream().readNBytes(10)[1]).isEqualTo((byte) 0);
      write(s, RawClientHello.records(RawClientHello.handshake("cdn-other.test", false), 16384), 100_000);
      got.put("SOCKS5, SNI cdn-other.test", answer(s));
    }
    // the proxy passes a trailing dot on (same name); the JDK origin itself refuses such an SNI with an alert
    assertThat(got.get("CONNECT, SNI PASS.test.")).isIn("server-hello", "alert");
    assertThat(got).containsEntry("CONNECT, SNI pass.test", "server-hello")
        .containsEntry("early hello, SNI pass.test, ECH", "server-hello").containsEntry("CONNECT, SNI null", "server-hello")
        .containsEntry("CONNECT, SNI cdn-other.test", "closed").containsEntry("CONNECT, SNI 127.0.0.1", "closed")
        .containsEntry("early hello, SNI cdn-other.test, ECH", "closed")
        .containsEntry("SOCKS5, SNI cdn-other.test", "closed");
    assertThat(events.await("egress.deny", 4)).hasSize(4).allSatisfy(e -> assertThat(e.fields())
        .containsEntry("reason", "sni-mismatch").containsEntry("port", passthrough.port())
        .containsKeys("host", "bytesUp", "bytesDown", "durationMs"));
    assertThat(events.of("egress.deny")).extracting(e -> e.fields().get("protocol"))
        .containsExactly("connect", "connect", "connect", "socks5");
    Thread.sleep(300);
    assertThat(events.of("egress.allow")).as("refused tunnels report no allow").hasSize(4)
        .allSatisfy(e -> assertThat((Long) e.fields().get("bytesUp")).isPositive());
    // a real TLS client through the passthrough tunnel: end to end with the origin's own certificate
    try (Socket s = connectTo(proxy, target)) {
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, upstreamPki.trust().getTrustManagers(), null);
      SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(s, "pass.test", passthrough.port(), true);
      ssl.startHandshake();
      ssl.getOutputStream().write(("GET /through HTTP/1.1\r\nHost: " + target + "\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      assertThat(ProxyClients.readAll(ssl, 3000)).startsWith("HTTP/1.1 200");
    }
    assertThat(passthrough.paths()).containsExactly("/through");
  }

  @Test
  void plainBytesInsideAnInterceptedTunnelTo443AreRefusedAndNoSecretLeavesInClear() throws Exception {
    EgressProxy proxy = start();
    String ph = proxy.environment().get("P_TOKEN");
    try (Socket s = connectTo(proxy, "plain443.test:443")) {
      s.getOutputStream().write(("GET /clear HTTP/1.1\r\nHost: plain443.test\r\nAuthorization: Bearer " + ph
          + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String a = ProxyClients.readAll(s, 3000);
      assertThat(a).as("refused before any connection to port 443").startsWith("HTTP/1.1 400")
          .contains("X-Containment-Deny: bad-request").doesNotContain(SECRET);
    }
    // an SSH banner where TLS is expected: not HTTP either
    try (Socket s = connectTo(proxy, "sec.test:" + secure.port())) {
      s.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(ProxyClients.readAll(s, 3000)).startsWith("HTTP/1.1 400");
    }
    assertThat(events.await("egress.deny", 2)).hasSize(2).allSatisfy(e -> assertThat(e.fields())
        .containsKeys("host", "port", "bytesUp", "bytesDown", "durationMs"));
    assertThat(events.of("egress.deny").get(0).fields()).containsEntry("host", "plain443.test")
        .containsEntry("port", 443);
    assertThat(secure.requests).isEmpty();
  }

  @Test
  void aResumedSessionStillHasEveryRequestsHostChecked() throws Exception {
    EgressProxy proxy = start();
    SSLContext tls = ProxyClients.trustingProxyCa(proxy, "TLSv1.3");
    String target = "sec.test:" + secure.port();
    List<byte[]> ids = new ArrayList<>();
    List<String> answers = new ArrayList<>();
    for (String host : List.of(target, "other.test:" + secure.port(), target)) {
      try (Socket s = connectTo(proxy, target)) {
        SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(s, "sec.test", secure.port(), true);
        var params = ssl.getSSLParameters();
        params.setApplicationProtocols(new String[] {"http/1.1"});
        ssl.setSSLParameters(params);
        ssl.startHandshake();
        ids.add(ssl.getSession().getId());
        ssl.getOutputStream().write(("GET /resumed HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        answers.add(ProxyClients.readAll(ssl, 3000));
      }
    }
    assertThat(answers.get(0)).startsWith("HTTP/1.1 200");
    assertThat(answers.get(1)).as("resumed or not, a Host naming another server").startsWith("HTTP/1.1 421");
    assertThat(answers.get(2)).startsWith("HTTP/1.1 200");
    System.out.printf("TLS 1.3 session ids equal across connections: %s%n",
        java.util.Arrays.equals(ids.get(0), ids.get(1)));
    assertThat(secure.requests).hasSize(2).allSatisfy(r -> assertThat(r.header("Authorization"))
        .isEqualTo("Bearer " + SECRET));
  }

  @Test
  void alpnOffersTheProxyDoesNotSpeakFallBackToHttp11() throws Exception {
    EgressProxy proxy = start();
    SSLContext tls = ProxyClients.trustingProxyCa(proxy, "TLS");
    for (String[] offer : List.of(new String[] {"spdy/3.1", "http/1.0"}, new String[0])) {
      try (Socket s = connectTo(proxy, "sec.test:" + secure.port())) {
        SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(s, "sec.test", secure.port(), true);
        var params = ssl.getSSLParameters();
        params.setApplicationProtocols(offer);
        ssl.setSSLParameters(params);
        ssl.startHandshake();
        ssl.getOutputStream().write(("GET /alpn HTTP/1.1\r\nHost: sec.test:" + secure.port()
            + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(ProxyClients.readAll(ssl, 3000)).as(String.join(",", offer)).startsWith("HTTP/1.1 200");
      }
    }
  }
}
