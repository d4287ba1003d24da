/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.egress.EgressProxy;
import dev.containment4j.policy.Policy;
import dev.containment4j.policy.Secret;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
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
import org.junit.jupiter.api.Timeout;

/**
 * Hostile HTTP/2 clients on an intercepted tunnel, frame by frame ({@link RawH2}), against a strict HTTP/1.1 origin
 * ({@link RawOrigin}): nothing a stream carries may reach the origin as something the proxy did not judge (an
 * injected header, a second request line, a smuggled body), floods end the connection without hurting others, and
 * the secret goes only where it belongs.
 */
@Tag("integration")
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a flood write that blocks must not hang the build
class Http2HostileIT {
  private static final String SECRET = "ghp_REAL_h2_6a0e3b5c91";
  private static final String ATTACKER = "ghp_ATTACKER_h2_1f1f1f";
  private final ProxyClients.Events events = new ProxyClients.Events();
  private final List<AutoCloseable> closers = new ArrayList<>();
  private final TestOrigins.Pki upstreamPki = new TestOrigins.Pki();
  private RawOrigin secure;
  private ScriptedOrigin broken;
  private ScriptedOrigin echo;

  @BeforeEach
  void setUp() throws Exception {
    secure = new RawOrigin(upstreamPki.serverContext("sec.test"));
    broken = new ScriptedOrigin(upstreamPki.serverContext("broken.test"), head -> ScriptedOrigin.ascii(
        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok"));
    echo = new ScriptedOrigin(upstreamPki.serverContext("echo.test"), head -> {
      String body = "you sent " + ScriptedOrigin.header(head, "Authorization");
      return ScriptedOrigin.ascii("HTTP/1.1 401 Unauthorized\r\nX-Echo: " + ScriptedOrigin.header(head, "Authorization")
          + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
    });
    closers.add(secure);
    closers.add(broken);
    closers.add(echo);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : closers) {
      c.close();
    }
  }

  private EgressProxy start(Duration idle) throws Exception {
    Policy.Network n = new Policy.Network(Policy.NetworkMode.PROXY, List.of("sec.test:" + secure.port(),
        "broken.test:" + broken.port(), "evil.test:" + secure.port(), "echo.test:" + echo.port()), List.of(), true,
        Policy.TlsMode.INTERCEPT, Map.of("sec.test", "127.0.0.1", "broken.test", "127.0.0.1", "evil.test",
            "127.0.0.1", "echo.test", "127.0.0.1"),
        List.of("127.0.0.0/8"), List.of(new Policy.Credential("sec.test", "Authorization",
            Secret.of("Bearer " + SECRET, "${env:T}"), "SEC_TOKEN"), new Policy.Credential("echo.test", "Authorization",
            Secret.of("Bearer " + SECRET, "${env:T}"), "ECHO_TOKEN")), List.of(), List.of());
    EgressProxy p = EgressProxy.builder(n).upstreamTrust(upstreamPki.trust())
        .limits(256, 256, Duration.ofSeconds(10), idle).events(events).start();
    closers.add(0, p);
    return p;
  }

  /** An h2 connection inside an intercepted tunnel to {@code host}. */
  private RawH2 h2(EgressProxy proxy, String host, int port) throws Exception {
    return h2(proxy, host, port, 0);
  }

  private RawH2 h2(EgressProxy proxy, String host, int port, int receiveBuffer) throws Exception {
    Socket s = new Socket();
    if (receiveBuffer > 0) {
      s.setReceiveBufferSize(receiveBuffer);
    }
    s.connect(new java.net.InetSocketAddress("127.0.0.1", proxy.address().getPort()), 5000);
    s.setSoTimeout(5000);
    SSLSocket ssl = ProxyClients.interceptedTunnel(proxy, s, host, port, "h2");
    assertThat(ssl.getApplicationProtocol()).isEqualTo("h2");
    RawH2 c = new RawH2(ssl);
    closers.add(0, c);
    return c;
  }

  private static String[] h(String name, String value) {
    return new String[] {name, value};
  }

  @Test
  void whatAStreamCarriesNeverReachesTheOriginAsSomethingUnjudged() throws Exception {
    EgressProxy proxy = start(Duration.ofMinutes(1));
    String ph = proxy.environment().get("SEC_TOKEN");
    String sec = "sec.test:" + secure.port();
    String injected = "Authorization: Bearer " + ATTACKER;
    Map<String, List<String[]>> refused = new LinkedHashMap<>();
    refused.put(":authority and host disagree", RawH2.get(sec, "/a1", h("host", "evil.test:" + secure.port())));
    refused.put("only host, naming another server", List.of(h(":method", "GET"), h(":scheme", "https"),
        h(":path", "/a2"), h("host", "evil.test:" + secure.port())));
    refused.put(":authority of another server", RawH2.get("evil.test:" + secure.port(), "/a3"));
    refused.put("connection header", RawH2.get(sec, "/c1", h("connection", "keep-alive")));
    refused.put("transfer-encoding", RawH2.get(sec, "/c2", h("transfer-encoding", "chunked")));
    refused.put("te other than trailers", RawH2.get(sec, "/c3", h("te", "gzip")));
    refused.put("CR LF in a value", RawH2.get(sec, "/v1", h("x-a", "a\r\n" + injected)));
    refused.put("LF in a value", RawH2.get(sec, "/v2", h("x-a", "a\n" + injected)));
    refused.put("NUL in a value", RawH2.get(sec, "/v3", h("x-a", "a\0b")));
    refused.put("CR LF in :path", RawH2.get(sec, "/p1 HTTP/1.1\r\n" + injected + "\r\nX-B: b"));
    refused.put("space in :path", RawH2.get(sec, "/p2 HTTP/1.1"));
    refused.put("NUL in :path", RawH2.get(sec, "/p3\0x"));
    refused.put("CR LF in :method", List.of(h(":method", "GET /m1 HTTP/1.1\r\n" + injected + "\r\n"),
        h(":scheme", "https"), h(":authority", sec), h(":path", "/m1")));
    refused.put("upper-case name", RawH2.get(sec, "/u1", h("X-Upper", "1")));
    refused.put("name with a colon", RawH2.get(sec, "/u2", h("x:a", "1")));
    refused.put("foreign key", RawH2.get(sec, "/k1", h("authorization", "Bearer " + ATTACKER)));
    List<String> wrong = new ArrayList<>();
    for (var c : refused.entrySet()) {
      try (RawH2 c2 = h2(proxy, "sec.test", secure.port())) {
        c2.request(1, true, c.getValue());
        RawH2.Outcome o = c2.await(1, 5000);
        if (o.status() == 200 || o.resetCode() == -2) {
          wrong.add(c.getKey() + ": " + o.summary());
        }
      }
    }
    // allowed: te: trailers, the placeholder split over CONTINUATION frames, request trailers
    try (RawH2 c = h2(proxy, "sec.test", secure.port())) {
      c.request(1, true, RawH2.get(sec, "/ok-te", h("te", "trailers")));
      assertThat(c.await(1, 5000).summary()).isEqualTo("status 200");
      byte[] block = RawH2.hpack(RawH2.get(sec, "/ok-split", h("authorization", "Bearer " + ph)));
      int third = block.length / 3;
      c.frame(RawH2.HEADERS, RawH2.END_STREAM, 3, java.util.Arrays.copyOfRange(block, 0, third));
      c.frame(RawH2.CONTINUATION, 0, 3, java.util.Arrays.copyOfRange(block, third, 2 * third));
      c.frame(RawH2.CONTINUATION, RawH2.END_HEADERS, 3, java.util.Arrays.copyOfRange(block, 2 * third,
          block.length));
      c.flush();
      assertThat(c.await(3, 5000).summary()).isEqualTo("status 200");
      c.frame(RawH2.HEADERS, RawH2.END_HEADERS, 5, RawH2.hpack(List.of(h(":method", "POST"), h(":scheme", "https"),
          h(":authority", sec), h(":path", "/ok-trailers"))));
      c.frame(RawH2.DATA, 0, 5, "hello".getBytes(StandardCharsets.US_ASCII));
      c.frame(RawH2.HEADERS, RawH2.END_HEADERS | RawH2.END_STREAM, 5, RawH2.hpack(List.of(h("grpc-status", "0"),
          h("x-trailer-key", "Bearer " + ATTACKER))));
      c.flush();
      assertThat(c.await(5, 5000).summary()).isEqualTo("status 200");
    }
    assertThat(wrong).as("answered 200, or left hanging").isEmpty();
    assertThat(secure.problems).as("what a strict origin found in the proxy's bytes").isEmpty();
    assertThat(secure.paths()).containsExactlyInAnyOrder("/ok-te", "/ok-split", "/ok-trailers");
    assertThat(secure.requests).allSatisfy(r -> {
      assertThat(r.header("Authorization")).isEqualTo("Bearer " + SECRET);
      assertThat(r.header("te")).isNull();
      assertThat(r.headers().toString()).doesNotContain(ATTACKER);
    });
    assertThat(events.all).isNotEmpty().allSatisfy(e -> {
      assertThat(e.toString()).doesNotContain(SECRET);
      assertThat(e.fields()).containsKeys("host", "port", "bytesUp", "bytesDown", "durationMs");
    });
  }

  @Test
  void aBodyLongerThanItsContentLengthIsNotForwarded() throws Exception {
    EgressProxy proxy = start(Duration.ofMinutes(1));
    String sec = "sec.test:" + secure.port();
    String smuggled = "0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: " + sec + "\r\nAuthorization: Bearer " + ATTACKER
        + "\r\n\r\n";
    try (RawH2 c = h2(proxy, "sec.test", secure.port())) {
      c.frame(RawH2.HEADERS, RawH2.END_HEADERS, 1, RawH2.hpack(List.of(h(":method", "POST"), h(":scheme", "https"),
          h(":authority", sec), h(":path", "/cl"), h("content-length", "5"))));
      c.frame(RawH2.DATA, RawH2.END_STREAM, 1, ("hello" + smuggled).getBytes(StandardCharsets.US_ASCII));
      c.flush();
      assertThat(c.await(1, 5000).status()).isNotEqualTo(200);
    }
    Thread.sleep(300);
    assertThat(secure.paths()).noneMatch(p -> p.contains("smuggled"));
    assertThat(secure.requests).filteredOn(r -> r.path().equals("/cl")).allSatisfy(r ->
        assertThat(r.bodyBytes()).isLessThanOrEqualTo(5));
    assertThat(secure.problems).isEmpty();
  }

  @Test
  void floodsEndTheConnectionAndOthersAreServedMeanwhile() throws Exception {
    EgressProxy proxy = start(Duration.ofMinutes(1));
    String sec = "sec.test:" + secure.port();
    Map<String, Boolean> ended = new LinkedHashMap<>();
    // rapid reset (CVE-2023-44487): open and cancel streams as fast as possible
    try (RawH2 c = h2(proxy, "sec.test", secure.port())) {
      byte[] cancel = {0, 0, 0, 8};
      for (int i = 0, stream = 1; i < 2000; i++, stream += 2) {
        c.frame(RawH2.HEADERS, RawH2.END_HEADERS | RawH2.END_STREAM, stream, RawH2.hpack(RawH2.get(sec, "/rr" + i)));
        c.frame(RawH2.RST_STREAM, 0, stream, cancel);
      }
      c.flush();
      ended.put("rapid reset", c.endsWithin(5000));
    } catch (java.io.IOException e) {
      ended.put("rapid reset", true); // reset while still writing
    }
    int rapid = secure.requests.size();
    // CONTINUATION flood on a later stream (the head deadline only covers the first)
    try (RawH2 c = h2(proxy, "sec.test", secure.port())) {
      c.request(1, true, RawH2.get(sec, "/before-continuation"));
      assertThat(c.await(1, 5000).summary()).isEqualTo("status 200");
      c.frame(RawH2.HEADERS, RawH2.END_STREAM, 3, RawH2.hpack(List.<String[]>of(h(":method", "GET"))));
      for (int i = 0; i < 200_000; i++) {
        c.frame(RawH2.CONTINUATION, 0, 3, new byte[0]);
      }
      c.flush();
      ended.put("CONTINUATION flood", c.endsWithin(5000));
    } catch (java.io.IOException e) {
      ended.put("CONTINUATION flood", true);
    }
    // PING and SETTINGS floods from clients that never read the acknowledgements
    for (int type : new int[] {RawH2.PING, RawH2.SETTINGS}) {
      String name = type == RawH2.PING ? "PING flood" : "SETTINGS flood";
      try (RawH2 c = h2(proxy, "sec.test", secure.port(), 4096)) {
        // enough that the acknowledgements cannot all wait in the kernel's socket buffers
        for (int i = 0; i < 1_000_000; i++) {
          c.frame(type, 0, 0, type == RawH2.PING ? new byte[8] : new byte[0]);
        }
        c.flush();
        ended.put(name, c.endsWithin(5000));
      } catch (java.io.IOException e) {
        ended.put(name, true);
      }
      long t0 = System.nanoTime();
      try (RawH2 other = h2(proxy, "sec.test", secure.port())) {
        other.request(1, true, RawH2.get(sec, "/meanwhile-" + type));
        assertThat(other.await(1, 5000).summary()).isEqualTo("status 200");
      }
      System.out.printf("h2 %s: another client's request took %d ms%n", name, (System.nanoTime() - t0) / 1_000_000);
    }
    System.out.printf("h2 floods ended by the proxy: %s; rapid-reset streams that reached the origin: %d of 2000%n",
        ended, rapid);
    assertThat(ended).allSatisfy((k, v) -> assertThat(v).as(k).isTrue());
    for (int i = 0; i < 50 && proxy.openTunnels() > 0; i++) {
      Thread.sleep(100);
    }
    assertThat(proxy.openTunnels()).as("upstream connections left open").isZero();
  }

  @Test
  void theRealSecretEchoedOverH2IsMasked() throws Exception {
    EgressProxy proxy = start(Duration.ofMinutes(1));
    String ph = proxy.environment().get("ECHO_TOKEN");
    try (RawH2 c = h2(proxy, "echo.test", echo.port())) {
      c.request(1, true, RawH2.get("echo.test:" + echo.port(), "/echo", h("authorization", "Bearer " + ph)));
      RawH2.Outcome o = c.await(1, 5000);
      assertThat(o.status()).isEqualTo(401);
      assertThat(o.body()).startsWith("you sent ").doesNotContain(SECRET);
      assertThat(o.headers().get("x-echo").toString()).doesNotContain(SECRET).matches("\\*+");
    }
    assertThat(echo.heads).singleElement().satisfies(h -> assertThat(ScriptedOrigin.header(h, "Authorization"))
        .isEqualTo("Bearer " + SECRET));
  }

  @Test
  void anIdleH2ConnectionIsClosedAtTheIdleTimeout() throws Exception {
    EgressProxy proxy = start(Duration.ofMillis(1500));
    try (RawH2 c = h2(proxy, "sec.test", secure.port())) {
      c.request(1, true, RawH2.get("sec.test:" + secure.port(), "/idle"));
      assertThat(c.await(1, 5000).summary()).isEqualTo("status 200");
      long t0 = System.nanoTime();
      assertThat(c.endsWithin(6000)).as("closed by the proxy").isTrue();
      assertThat((System.nanoTime() - t0) / 1_000_000).isBetween(1000L, 5000L);
    }
  }

  @Test
  void anOriginsAnswerThatCannotBeFramedIsA502OnTheStream() throws Exception {
    EgressProxy proxy = start(Duration.ofMinutes(1));
    try (RawH2 c = h2(proxy, "broken.test", broken.port())) {
      c.request(1, true, RawH2.get("broken.test:" + broken.port(), "/two-lengths"));
      RawH2.Outcome o = c.await(1, 5000);
      assertThat(o.status()).isEqualTo(502);
      assertThat(o.headers().get("x-containment-deny").toString()).startsWith("upstream-malformed");
      // the connection and its other streams go on
      c.request(3, true, RawH2.get("broken.test:" + broken.port(), "/again"));
      assertThat(c.await(3, 5000).status()).isEqualTo(502);
    }
    assertThat(events.await("egress.deny", 2)).hasSize(2).allSatisfy(e -> assertThat(e.fields())
        .containsEntry("reason", "upstream-malformed").containsEntry("host", "broken.test")
        .containsEntry("port", broken.port()).containsEntry("version", "h2")
        .containsKeys("bytesUp", "bytesDown", "durationMs"));
  }
}
