/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.containment4j.egress.EgressProxy;
import dev.containment4j.event.AuditEvent;
import dev.containment4j.policy.Policy;
import dev.containment4j.policy.Secret;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Hostile clients against the real proxy, on the absolute-form path and inside intercepted HTTPS, with a strict raw
 * origin behind it ({@link RawOrigin}): requests that two parsers could read differently (smuggling), credentials in
 * unusual places, and resource abuse (slow DNS, idle keep-alive connections at the cap, silent and trickling clients,
 * clients that never read). Every case states what the proxy answered and what reached the origin.
 */
@Tag("integration")
class HostileClientsIT {
  private static final String SECRET = "ghp_REAL_hostile_0b7c55e1d2";
  private static final String ATTACKER = "ghp_ATTACKER_KEY_9a9a9a";
  private static final Pattern STATUS = Pattern.compile("HTTP/1\\.1 (\\d{3}) ");
  private final ProxyClients.Events events = new ProxyClients.Events();
  private final List<AutoCloseable> closers = new ArrayList<>();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final TestOrigins.Pki upstreamPki = new TestOrigins.Pki();
  private final List<String> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
  private RawOrigin origin;
  private RawOrigin secure;

  @BeforeEach
  void setUp() throws Exception {
    origin = new RawOrigin(null);
    secure = new RawOrigin(upstreamPki.serverContext("sec.test"));
    closers.add(origin);
    closers.add(secure);
    logs.start();
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : closers) {
      c.close();
    }
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
  }

  /** raw.test and sec.test carry a bound credential (so their tunnels are intercepted); other.test is tunnelled. */
  private Policy.Network policy() {
    int p = origin.port();
    return new Policy.Network(Policy.NetworkMode.PROXY, List.of("raw.test:" + p, "other.test:" + p,
            "sec.test:" + secure.port(), "*.slow.test:" + p, "fast.test:" + p), List.of(), true,
        Policy.TlsMode.PASSTHROUGH, Map.of("raw.test", "127.0.0.1", "other.test", "127.0.0.1", "sec.test", "127.0.0.1"),
        List.of("127.0.0.0/8"), List.of(
            new Policy.Credential("raw.test", "Authorization", Secret.of("Bearer " + SECRET, "${env:T}"), "RAW_TOKEN"),
            new Policy.Credential("sec.test", "Authorization", Secret.of("Bearer " + SECRET, "${env:T}"),
                "SEC_TOKEN")), List.of("raw.test", "sec.test"), List.of());
  }

  private EgressProxy start(EgressProxy.Builder b) {
    EgressProxy p = b.upstreamTrust(trust()).events(events).start();
    closers.add(0, p);
    return p;
  }

  private javax.net.ssl.TrustManagerFactory trust() {
    try {
      return upstreamPki.trust();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends {@code request} on a new connection and returns all the proxy answers until it closes or goes quiet. */
  private String send(EgressProxy proxy, String request) throws IOException {
    return send(proxy, request, 1000);
  }

  private String send(EgressProxy proxy, String request, int quietMillis) throws IOException {
    try (Socket s = ProxyClients.connect(proxy)) {
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      String a = readUntilQuietOrClosed(s, quietMillis);
      answers.add(a);
      return a;
    }
  }

  /** The same inside an intercepted TLS tunnel to sec.test. */
  private String sendTls(EgressProxy proxy, String request) throws Exception {
    try (Socket s = ProxyClients.connect(proxy)) {
      SSLSocket ssl = tunnel(proxy, s);
      ssl.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      ssl.getOutputStream().flush();
      String a = readUntilQuietOrClosed(ssl, 1000);
      answers.add(a);
      return a;
    }
  }

  /**
   * What arrives until the peer closes (with or without TLS close_notify) or is quiet for {@code quietMillis} after
   * answering; the first answer may take 5 s (a cold proxy on a loaded machine).
   */
  private static String readUntilQuietOrClosed(Socket s, int quietMillis) throws IOException {
    s.setSoTimeout(Math.max(quietMillis, 5000));
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    byte[] b = new byte[8192];
    try {
      for (int n; (n = s.getInputStream().read(b)) >= 0;) {
        buf.write(b, 0, n);
        s.setSoTimeout(quietMillis);
      }
    } catch (IOException e) {
      // quiet, reset, or TLS ended without close_notify: what came is the answer
    }
    return buf.toString(StandardCharsets.ISO_8859_1);
  }

  private SSLSocket tunnel(EgressProxy proxy, Socket s) throws Exception {
    return ProxyClients.interceptedTunnel(proxy, s, "sec.test", secure.port(), "http/1.1");
  }

  private static List<Integer> statuses(String answer) {
    List<Integer> out = new ArrayList<>();
    Matcher m = STATUS.matcher(answer);
    while (m.find()) {
      out.add(Integer.parseInt(m.group(1)));
    }
    return out;
  }

  /**
   * Requests two HTTP parsers could frame differently, each smuggling a request with the attacker's key in what the
   * proxy should read as a body. {@code target} is the absolute-form prefix (empty inside a tunnel), {@code host} the
   * Host. Value: the first statuses the proxy may answer with (200 where the proxy reads the message one clear way and
   * forwards it canonically framed).
   */
  private static Map<String, List<Integer>> smuggling(String target, String host, Map<String, String> requests) {
    String smuggled = "GET /smuggled HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + ATTACKER + "\r\n\r\n";
    String chunkedSmuggle = "0\r\n\r\n" + smuggled;
    Map<String, List<Integer>> cases = new LinkedHashMap<>();
    java.util.function.BiConsumer<String, String> add = (name, headersAndBody) -> requests.put(name,
        "POST " + target + "/" + name + " HTTP/1.1\r\nHost: " + host + "\r\n" + headersAndBody);
    add.accept("cl-te", "Content-Length: " + chunkedSmuggle.length() + "\r\nTransfer-Encoding: chunked\r\n\r\n"
        + chunkedSmuggle);
    cases.put("cl-te", List.of(400));
    add.accept("te-cl", "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n" + chunkedSmuggle);
    cases.put("te-cl", List.of(400));
    add.accept("te-chunked-identity", "Transfer-Encoding: chunked, identity\r\n\r\n" + chunkedSmuggle);
    cases.put("te-chunked-identity", List.of(400));
    add.accept("te-identity", "Transfer-Encoding: identity\r\nContent-Length: 0\r\n\r\n" + smuggled);
    cases.put("te-identity", List.of(400));
    add.accept("te-identity-alone", "Transfer-Encoding: identity\r\n\r\n" + smuggled);
    cases.put("te-identity-alone", List.of(400));
    add.accept("te-xchunked", "Transfer-Encoding: xchunked\r\n\r\n" + chunkedSmuggle);
    cases.put("te-xchunked", List.of(400));
    add.accept("te-folded", "Transfer-Encoding: identity\r\n chunked\r\n\r\n" + chunkedSmuggle);
    cases.put("te-folded", List.of(400));
    add.accept("te-twice", "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n" + chunkedSmuggle);
    cases.put("te-twice", List.of(400));
    add.accept("te-space-before-colon", "Transfer-Encoding : chunked\r\n\r\n" + chunkedSmuggle);
    cases.put("te-space-before-colon", List.of(400));
    add.accept("te-tab", "Transfer-Encoding:\tchunked\r\n\r\n" + chunkedSmuggle);
    cases.put("te-tab", List.of(200, 400));
    add.accept("te-upper", "TRANSFER-ENCODING: CHUNKED\r\n\r\n" + chunkedSmuggle);
    cases.put("te-upper", List.of(200, 400));
    add.accept("cl-twice-differ", "Content-Length: 0\r\nContent-Length: " + smuggled.length() + "\r\n\r\n" + smuggled);
    cases.put("cl-twice-differ", List.of(400));
    add.accept("cl-list-differ", "Content-Length: 0, " + smuggled.length() + "\r\n\r\n" + smuggled);
    cases.put("cl-list-differ", List.of(400));
    add.accept("cl-list-same", "Content-Length: 5, 5\r\n\r\nhello" + smuggled);
    cases.put("cl-list-same", List.of(200, 400));
    add.accept("cl-plus", "Content-Length: +5\r\n\r\nhello" + smuggled);
    cases.put("cl-plus", List.of(400));
    add.accept("cl-hex", "Content-Length: 0x5\r\n\r\nhello" + smuggled);
    cases.put("cl-hex", List.of(400));
    add.accept("cl-negative", "Content-Length: -1\r\n\r\n" + smuggled);
    cases.put("cl-negative", List.of(400));
    add.accept("chunk-size-junk", "Transfer-Encoding: chunked\r\n\r\n5 ;x\r\nhello\r\n0\r\n\r\n" + smuggled);
    cases.put("chunk-size-junk", List.of(200, 400));
    add.accept("cr-in-value", "X-A: a\rTransfer-Encoding: chunked\r\nContent-Length: 0\r\n\r\n" + chunkedSmuggle);
    cases.put("cr-in-value", List.of(400));
    add.accept("nul-in-value", "X-A: a\0b\r\nContent-Length: 0\r\n\r\n");
    cases.put("nul-in-value", List.of(400));
    add.accept("ctl-in-value", "X-A: a\u0001b\r\nContent-Length: 0\r\n\r\n");
    cases.put("ctl-in-value", List.of(400));
    add.accept("obs-fold", "X-Folded: a\r\n b\r\nContent-Length: 0\r\n\r\n");
    cases.put("obs-fold", List.of(200, 400));
    add.accept("auth-space-before-colon", "Authorization : Bearer " + ATTACKER + "\r\nContent-Length: 0\r\n\r\n");
    cases.put("auth-space-before-colon", List.of(400, 403));
    add.accept("auth-folded", "Authorization: Bearer\r\n " + ATTACKER + "\r\nContent-Length: 0\r\n\r\n");
    cases.put("auth-folded", List.of(400, 403));
    requests.put("bare-lf", (target.isEmpty() ? "GET /bare-lf" : "GET " + target + "/bare-lf") + " HTTP/1.1\nHost: "
        + host + "\nContent-Length: 0\n\n");
    cases.put("bare-lf", List.of(200, 400));
    return cases;
  }

  @Test
  void requestsThatParsersCouldFrameDifferentlyNeverSmuggleAnythingToTheOrigin() throws Exception {
    EgressProxy proxy = start(EgressProxy.builder(policy()));
    Map<String, String> plain = new LinkedHashMap<>();
    String host = "raw.test:" + origin.port();
    Map<String, List<Integer>> plainCases = smuggling("http://" + host, host, plain);
    Map<String, String> tls = new LinkedHashMap<>();
    String secHost = "sec.test:" + secure.port();
    Map<String, List<Integer>> tlsCases = smuggling("", secHost, tls);
    List<String> wrong = new ArrayList<>();
    for (var c : plain.entrySet()) {
      List<Integer> s = statuses(send(proxy, c.getValue()));
      if (s.isEmpty() || !plainCases.get(c.getKey()).contains(s.get(0))) {
        wrong.add("absolute-form " + c.getKey() + ": " + s);
      }
    }
    for (var c : tls.entrySet()) {
      List<Integer> s = statuses(sendTls(proxy, c.getValue()));
      if (s.isEmpty() || !tlsCases.get(c.getKey()).contains(s.get(0))) {
        wrong.add("intercepted " + c.getKey() + ": " + s);
      }
    }
    assertThat(wrong).as("first answers").isEmpty();
    // refusals of a request's headers name the host it was for (a request line with a bare LF is unreadable: '?')
    assertThat(events.of("egress.deny")).filteredOn(e -> "POST".equals(e.fields().get("method")))
        .filteredOn(e -> "HTTP/1.1 syntax".equals(e.fields().get("rule"))
            || e.fields().get("message").toString().contains("read it differently")).isNotEmpty()
        .allSatisfy(e -> assertThat(e.fields().get("host")).as(e.toString()).isIn("raw.test", "sec.test"));
    for (RawOrigin o : List.of(origin, secure)) {
      assertThat(o.problems).as("what a strict origin found in the proxy's bytes").isEmpty();
      assertThat(o.paths()).as("only requests the proxy judged").noneMatch(p -> p.contains("smuggled"));
      assertThat(o.requests).allSatisfy(r -> assertThat(r.header("Authorization")).as(r.path())
          .isEqualTo("Bearer " + SECRET));
    }
    assertNothingLeaked();
  }

  @Test
  void credentialsInUnusualPlacesAreJudged() throws Exception {
    EgressProxy proxy = start(EgressProxy.builder(policy()));
    String ph = proxy.environment().get("RAW_TOKEN");
    String raw = "http://raw.test:" + origin.port();
    String other = "http://other.test:" + origin.port();
    Map<String, Integer> cases = new LinkedHashMap<>();
    cases.put(get(raw + "/upper", "AUTHORIZATION: Bearer " + ATTACKER), 403);
    cases.put(get(raw + "/lower", "authorization: Bearer " + ph), 200);
    cases.put(get(raw + "/dup", "Authorization: Bearer " + ph, "authorization: Bearer " + ATTACKER), 403);
    cases.put(get(raw + "/basic", "Authorization: Basic " + Base64.getEncoder().encodeToString((ATTACKER + ":x")
        .getBytes(StandardCharsets.UTF_8))), 403);
    cases.put(get(raw + "/api-key", "X-Api-Key: " + ATTACKER), 403);
    cases.put(get(raw + "/private-token", "Private-Token: " + ATTACKER), 403);
    cases.put(get(raw + "/q?access_token=" + ATTACKER), 403);
    cases.put(get(raw + "/q2?page=2&api_key=" + ATTACKER), 403);
    cases.put(get(raw + "/q3?page=2&token=" + ph), 200);
    cases.put(get(raw + "/proxy-auth", "Proxy-Authorization: Bearer " + ATTACKER), 200);
    cases.put(get(other + "/cookie", "Cookie: t=" + ph), 403);
    cases.put(get(other + "/proxy-auth-ph", "Proxy-Authorization: Basic " + Base64.getEncoder().encodeToString(
        ("u:" + ph).getBytes(StandardCharsets.UTF_8))), 200);
    cases.put(get(other + "/pct?t=%63" + ph.substring(1)), 403);
    cases.put(get(raw + "/userinfo").replace("http://raw.test", "http://" + ATTACKER + ":x@raw.test"), 400);
    cases.put(get(raw + "/injected", "X-A: a\r\nAuthorization: Bearer " + ATTACKER), 403);
    List<String> wrong = new ArrayList<>();
    for (var c : cases.entrySet()) {
      List<Integer> s = statuses(send(proxy, c.getKey()));
      if (s.size() != 1 || s.get(0).intValue() != c.getValue()) {
        wrong.add(c.getKey().lines().findFirst().orElseThrow() + " -> " + s + ", expected " + c.getValue());
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(origin.paths()).containsExactlyInAnyOrder("/lower", "/q3?page=2&token=" + ph, "/proxy-auth",
        "/proxy-auth-ph");
    assertThat(origin.requests).allSatisfy(r -> {
      assertThat(r.header("Proxy-Authorization")).isNull();
      assertThat(r.headers().toString()).doesNotContain(ATTACKER);
    });
    assertThat(origin.requests).filteredOn(r -> r.header("Host").startsWith("raw.test"))
        .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + SECRET));
    assertNothingLeaked();
  }

  @Test
  void keptAliveAndPipelinedRequestsToAnotherHostNeverShareAnUpstreamConnectionOrACredential() throws Exception {
    EgressProxy proxy = start(EgressProxy.builder(policy()));
    String ph = proxy.environment().get("RAW_TOKEN");
    String raw = "http://raw.test:" + origin.port();
    String other = "http://other.test:" + origin.port();
    String a = send(proxy, get(raw + "/p1", "Authorization: Bearer " + ph) + get(other + "/p2")
        + get(raw + "/p3") + get(other + "/p4", "Connection: close"));
    assertThat(statuses(a)).as(a).containsExactly(200, 200, 200, 200);
    var seen = origin.requests;
    assertThat(seen).extracting(RawOrigin.Request::path).containsExactly("/p1", "/p2", "/p3", "/p4");
    assertThat(seen.get(0).header("Authorization")).isEqualTo("Bearer " + SECRET);
    assertThat(seen.get(1).header("Authorization")).isNull();
    assertThat(seen.get(2).header("Authorization")).isEqualTo("Bearer " + SECRET);
    assertThat(seen.get(3).header("Authorization")).isNull();
    for (int i = 1; i < 4; i++) {
      assertThat(seen.get(i).connection()).as("upstream connection of request %d: another host", i + 1)
          .isNotEqualTo(seen.get(i - 1).connection());
    }
    // the placeholder to the other host on a kept-alive connection is refused, and nothing after it is read
    String b = send(proxy, get(raw + "/q1", "Authorization: Bearer " + ph) + get(other + "/q2",
        "Authorization: Bearer " + ph) + get(raw + "/q3"));
    assertThat(statuses(b)).containsExactly(200, 403);
    assertThat(b).contains("credential-leak");
    assertThat(origin.paths()).doesNotContain("/q2", "/q3");
    // inside one intercepted tunnel: a request naming another host is refused (421), whatever came before
    String c = sendTls(proxy, "GET /t1 HTTP/1.1\r\nHost: sec.test:" + secure.port() + "\r\n\r\n"
        + "GET /t2 HTTP/1.1\r\nHost: raw.test:" + origin.port() + "\r\n\r\n");
    assertThat(statuses(c)).containsExactly(200, 421);
    assertThat(secure.paths()).containsExactly("/t1");
    // HTTP/1.0 without Host, and Expect: 100-continue sent with its body at once
    assertThat(statuses(send(proxy, "GET " + raw + "/ten HTTP/1.0\r\n\r\n"))).containsExactly(200);
    assertThat(statuses(send(proxy, "POST " + raw + "/expect HTTP/1.1\r\nHost: raw.test:" + origin.port()
        + "\r\nExpect: 100-continue\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"))).endsWith(200);
    assertThat(origin.requests).filteredOn(r -> r.path().equals("/expect")).singleElement()
        .satisfies(r -> assertThat(r.bodyBytes()).isEqualTo(5));
    assertNothingLeaked();
  }

  @Test
  void aClientThatShutsItsSendingSideAfterTheRequestStillGetsTheAnswer() throws Exception {
    EgressProxy proxy = start(EgressProxy.builder(policy()));
    Map<String, Integer> got = new LinkedHashMap<>();
    for (String way : List.of("http", "connect", "socks5")) {
      try (Socket s = ProxyClients.connect(proxy)) {
        OutputStream out = s.getOutputStream();
        String request = "GET /half-" + way + " HTTP/1.1\r\nHost: other.test:" + origin.port()
            + "\r\nConnection: close\r\n\r\n";
        if (way.equals("http")) {
          request = get("http://raw.test:" + origin.port() + "/half-http", "Connection: close");
        } else if (way.equals("connect")) {
          out.write(("CONNECT other.test:" + origin.port() + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          assertThat(ProxyClients.readHead(s)).startsWith("HTTP/1.1 200");
        } else {
          out.write(new byte[] {5, 1, 0});
          assertThat(s.getInputStream().readNBytes(2)).containsExactly(5, 0);
          byte[] name = "other.test".getBytes(StandardCharsets.US_ASCII);
          java.io.ByteArrayOutputStream cmd = new java.io.ByteArrayOutputStream();
          cmd.write(new byte[] {5, 1, 0, 3, (byte) name.length});
          cmd.write(name);
          cmd.write(new byte[] {(byte) (origin.port() >> 8), (byte) origin.port()});
          out.write(cmd.toByteArray());
          assertThat(s.getInputStream().readNBytes(10)[1]).isEqualTo((byte) 0);
        }
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        s.shutdownOutput();
        List<Integer> st = statuses(readUntilQuietOrClosed(s, 1000));
        got.put(way, st.isEmpty() ? 0 : st.get(0));
      }
    }
    assertThat(got).containsOnly(Map.entry("http", 200), Map.entry("connect", 200), Map.entry("socks5", 200));
  }

  @Test
  void aSecretThatCouldSplitAHeaderIsRefusedAtStartWithoutShowingIt() {
    Policy.Network n = ProxyClients.network(List.of("raw.test"), List.of(), Map.of(), List.of(),
        Policy.TlsMode.PASSTHROUGH, List.of(new Policy.Credential("raw.test", "Authorization",
            Secret.of("Bearer " + SECRET + "\r\nX-Injected: 1", "${file:/run/token}"), "T")));
    assertThatThrownBy(() -> EgressProxy.builder(n).start()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("${file:/run/token}").hasMessageNotContaining(SECRET);
  }

  @Test
  void aSlowResolverHoldsUpOnlyItsOwnNames() throws Exception {
    InetAddress lo = InetAddress.getByName("127.0.0.1");
    EgressProxy proxy = start(EgressProxy.builder(policy()).lookupTimeout(Duration.ofMillis(1500)).resolver(name -> {
      if (name.endsWith(".slow.test")) {
        try {
          Thread.sleep(30_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return List.of(lo);
    }));
    ExecutorService clients = Executors.newFixedThreadPool(24);
    try {
      List<CompletableFuture<String>> slow = new ArrayList<>();
      long start = System.nanoTime();
      for (int i = 0; i < 24; i++) {
        String name = "n" + i + ".slow.test:" + origin.port();
        slow.add(CompletableFuture.supplyAsync(() -> {
          try {
            return send(proxy, get("http://" + name + "/slow", "Connection: close"), 8000);
          } catch (IOException e) {
            return e.toString();
          }
        }, clients));
      }
      Thread.sleep(300);
      long worst = 0;
      for (int i = 0; i < 5; i++) {
        long t0 = System.nanoTime();
        String r = send(proxy, get("http://fast.test:" + origin.port() + "/fast" + i, "Connection: close"));
        worst = Math.max(worst, System.nanoTime() - t0);
        assertThat(statuses(r)).as("a name that resolves at once, during the slow lookups").containsExactly(200);
      }
      System.out.printf("fast lookups during 24 slow ones: worst %d ms%n",
          TimeUnit.NANOSECONDS.toMillis(worst));
      assertThat(Duration.ofNanos(worst)).isLessThan(Duration.ofMillis(3000));
      for (CompletableFuture<String> f : slow) {
        assertThat(statuses(f.get(20, TimeUnit.SECONDS))).as("a slow name is answered, not left hanging")
            .singleElement().isIn(502, 503);
      }
      assertThat(Duration.ofNanos(System.nanoTime() - start)).as("slow names answered within the lookup deadline")
          .isLessThan(Duration.ofSeconds(10));
    } finally {
      clients.shutdownNow();
    }
    assertThat(events.of("egress.deny")).filteredOn(e -> e.fields().get("host").toString().endsWith(".slow.test"))
        .hasSize(24).allSatisfy(e -> assertThat(e.fields().get("reason")).isIn("dns-failure", "busy"));
  }

  @Test
  void idleKeptAliveConnectionsYieldToANewClientAtTheConnectionCap() throws Exception {
    EgressProxy proxy = start(EgressProxy.builder(policy()).limits(16, 64, Duration.ofSeconds(5),
        Duration.ofSeconds(60)));
    String raw = "http://raw.test:" + origin.port();
    List<Socket> idle = new ArrayList<>();
    try {
      for (int i = 0; i < 16; i++) {
        Socket s = ProxyClients.connect(proxy);
        idle.add(s);
        s.getOutputStream().write(get(raw + "/idle" + i).getBytes(StandardCharsets.US_ASCII));
        assertThat(Http1.read(new BufferedInputStream(s.getInputStream()), false).status()).isEqualTo(200);
      }
      for (int i = 0; i < 3; i++) {
        assertThat(statuses(send(proxy, get(raw + "/new" + i, "Connection: close")))).as("client %d over the cap", i)
            .containsExactly(200);
      }
      assertThat(idle.get(0).getInputStream().read()).as("the longest idle connection was closed").isEqualTo(-1);
      // a connection in the middle of an exchange is not idle: it completes
      Socket busy = idle.get(15);
      busy.getOutputStream().write(("POST " + raw + "/busy HTTP/1.1\r\nHost: raw.test:" + origin.port()
          + "\r\nContent-Length: 10\r\n\r\nhello").getBytes(StandardCharsets.US_ASCII));
      Thread.sleep(200);
      busy.getOutputStream().write("world".getBytes(StandardCharsets.US_ASCII));
      assertThat(Http1.read(new BufferedInputStream(busy.getInputStream()), false).status()).isEqualTo(200);
    } finally {
      for (Socket s : idle) {
        s.close();
      }
    }
  }

  @Test
  void tricklingAndSilentClientsAreCutOffOnEveryPathWhileOthersAreServed() throws Exception {
    EgressProxy proxy = start(EgressProxy.builder(policy()).limits(64, 16, Duration.ofMillis(800),
        Duration.ofSeconds(30)));
    String fast = get("http://raw.test:" + origin.port() + "/meanwhile", "Connection: close");
    // what each client sends first, then one byte (if any) per round that never completes anything
    Map<String, byte[][]> trickles = new LinkedHashMap<>();
    byte[] none = {};
    trickles.put("socks5 command", new byte[][] {{5, 1, 0}, {5, 1, 0, 3, (byte) 200}, {'a'}});
    trickles.put("connect head", new byte[][] {("CONNECT raw.test:" + origin.port() + " HTTP/1.1\r\nX-a: b")
        .getBytes(StandardCharsets.US_ASCII), {'b'}});
    trickles.put("silent after CONNECT to an intercepted host", new byte[][] {("CONNECT sec.test:" + secure.port()
        + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII), none});
    trickles.put("tls handshake trickle", new byte[][] {("CONNECT sec.test:" + secure.port()
        + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII), {0x16, 3, 1, 2, 0}, {1}});
    for (var t : trickles.entrySet()) {
      try (Socket s = ProxyClients.connect(proxy)) {
        long start = System.nanoTime();
        boolean closed = false;
        byte[][] parts = t.getValue();
        for (int i = 0; i < 40 && !closed; i++) {
          long t0 = System.nanoTime();
          assertThat(statuses(send(proxy, fast))).as("others are served").containsExactly(200);
          assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
          try {
            // after the opening parts, the last one again and again (a header, a TLS record that never ends)
            s.getOutputStream().write(parts[Math.min(i, parts.length - 1)]);
            s.getOutputStream().flush();
            s.setSoTimeout(50);
            while (s.getInputStream().read() >= 0) {
              // replies (SOCKS method, CONNECT 200) and then the end
            }
            closed = true;
          } catch (java.net.SocketTimeoutException e) {
            closed = false;
          } catch (IOException e) {
            closed = true;
          }
        }
        assertThat(closed).as(t.getKey() + ": cut off").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as(t.getKey()).isLessThan(Duration.ofSeconds(6));
      }
    }
    assertThat(origin.paths()).allMatch(p -> p.equals("/meanwhile"));
  }

  @Test
  void aClientThatNeverReadsHoldsBoundedMemoryAndTheEventCountsWhatMoved() throws Exception {
    EgressProxy proxy = start(EgressProxy.builder(policy()));
    LongSupplier direct = directMemory();
    long size = 512L << 20;
    String fast = get("http://raw.test:" + origin.port() + "/meanwhile", "Connection: close");
    Map<String, String> ways = new LinkedHashMap<>();
    ways.put("connect", "GET /big?n=" + size + " HTTP/1.1\r\nHost: other.test\r\n\r\n");
    ways.put("http", get("http://raw.test:" + origin.port() + "/big?n=" + size));
    ways.put("https-intercepted", "GET /big?n=" + size + " HTTP/1.1\r\nHost: sec.test:" + secure.port() + "\r\n\r\n");
    for (var w : ways.entrySet()) {
      long before = direct.getAsLong();
      AtomicLong peak = new AtomicLong(before);
      var sampler = Executors.newSingleThreadScheduledExecutor();
      sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(direct.getAsLong(), Math::max), 0, 10,
          TimeUnit.MILLISECONDS);
      try (Socket s = new Socket()) {
        s.setReceiveBufferSize(8192);
        s.connect(new InetSocketAddress("127.0.0.1", proxy.address().getPort()), 5000);
        OutputStream out;
        if (w.getKey().equals("connect")) {
          s.getOutputStream().write(("CONNECT other.test:" + origin.port() + " HTTP/1.1\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
          assertThat(ProxyClients.readHead(s)).startsWith("HTTP/1.1 200");
          out = s.getOutputStream();
        } else if (w.getKey().equals("http")) {
          out = s.getOutputStream();
        } else {
          out = tunnel(proxy, s).getOutputStream();
        }
        out.write(w.getValue().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        Thread.sleep(1500); // never read
        long t0 = System.nanoTime();
        assertThat(statuses(send(proxy, fast))).containsExactly(200);
        System.out.printf("%s, client never reading: another client's request took %d ms,"
            + " direct memory peak %d KiB above %d KiB%n", w.getKey(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime()
            - t0), (peak.get() - before) >> 10, before >> 10);
      } finally {
        sampler.shutdownNow();
      }
      assertThat(peak.get() - before).as(w.getKey() + ": direct memory held for a client that never reads")
          .isLessThan(16L << 20);
    }
    List<AuditEvent> allowed = events.await("egress.allow", 6);
    for (String protocol : List.of("http", "https-intercepted")) {
      assertThat(allowed).as(protocol + ": the abandoned exchange is reported with what moved")
          .filteredOn(e -> protocol.equals(e.fields().get("protocol")))
          .filteredOn(e -> Boolean.TRUE.equals(e.fields().get("aborted"))).singleElement()
          .satisfies(e -> assertThat((Long) e.fields().get("bytesDown")).isPositive().isLessThan(size / 4));
    }
    AuditEvent tunnel = allowed.stream().filter(e -> "connect".equals(e.fields().get("protocol"))).findFirst()
        .orElseThrow();
    assertThat(tunnel.fields()).containsEntry("host", "other.test").containsEntry("port", origin.port())
        .containsEntry("bytesUp", (long) ways.get("connect").length()).containsKey("durationMs");
    assertThat((Long) tunnel.fields().get("bytesDown")).as("what the proxy actually moved, not the announced size")
        .isPositive().isLessThan(size / 4);
    assertThat((Long) tunnel.fields().get("durationMs")).isGreaterThanOrEqualTo(1400);
  }

  /** Netty's direct memory in use: the default allocator's own count, or Netty's global one. */
  private static LongSupplier directMemory() {
    if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider m) {
      return () -> m.metric().usedDirectMemory();
    }
    long probe = io.netty.util.internal.PlatformDependent.usedDirectMemory();
    assertThat(probe).as("a way to measure Netty's direct memory").isNotNegative();
    return io.netty.util.internal.PlatformDependent::usedDirectMemory;
  }

  private static String get(String url, String... headers) {
    int authority = url.indexOf("://") + 3;
    int path = url.indexOf('/', authority);
    StringBuilder b = new StringBuilder("GET " + url + " HTTP/1.1\r\nHost: " + url.substring(authority, path)
        + "\r\n");
    for (String h : headers) {
      b.append(h).append("\r\n");
    }
    return b.append("\r\n").toString();
  }

  private void assertNothingLeaked() throws InterruptedException {
    events.await("egress.allow", 1);
    assertThat(answers).allSatisfy(a -> assertThat(a).doesNotContain(SECRET));
    assertThat(events.all).isNotEmpty().allSatisfy(e -> {
      assertThat(e.toString()).doesNotContain(SECRET);
      assertThat(e.fields()).containsKeys("host", "port", "bytesUp", "bytesDown", "durationMs");
    });
    assertThat(ProxyClients.logged(logs)).allSatisfy(e -> assertThat(e.getFormattedMessage()
        + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())).doesNotContain(SECRET));
  }
}
