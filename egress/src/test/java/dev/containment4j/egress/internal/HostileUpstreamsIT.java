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
import java.io.BufferedInputStream;
import java.io.IOException;
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

/**
 * Origins that answer wrongly, against the real proxy: two responses to one request, bodies after HEAD/204/304,
 * Content-Length with Transfer-Encoding, 1xx and 101 nobody asked for, a response that never ends, and a bound host
 * that echoes the request's headers (the real secret must never come back to the sandbox). Also where the placeholder
 * may travel besides the bound header (Cookie, body, a redirect a client follows).
 */
@Tag("integration")
class HostileUpstreamsIT {
  private static final String SECRET = "ghp_REAL_upstream_4c1d9e8f0a";
  private static final String STRAY = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nevil";
  private final ProxyClients.Events events = new ProxyClients.Events();
  private final List<AutoCloseable> closers = new ArrayList<>();
  private final TestOrigins.Pki upstreamPki = new TestOrigins.Pki();
  private ScriptedOrigin plain;
  private ScriptedOrigin secure;

  @BeforeEach
  void setUp() throws Exception {
    plain = new ScriptedOrigin(null, HostileUpstreamsIT::answer);
    secure = new ScriptedOrigin(upstreamPki.serverContext("sbound.test"), HostileUpstreamsIT::answer);
    closers.add(plain);
    closers.add(secure);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable c : closers) {
      c.close();
    }
  }

  /** What the hostile origin answers to each path. */
  private static byte[] answer(String head) {
    String path = ScriptedOrigin.path(head);
    String auth = ScriptedOrigin.header(head, "Authorization");
    return switch (path.replaceAll("\\?.*", "")) {
      case "/two" -> ScriptedOrigin.ascii("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok" + STRAY);
      case "/cl-te" -> ScriptedOrigin.ascii("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"
          + "4\r\nbody\r\n0\r\n\r\n" + STRAY);
      case "/101" -> ScriptedOrigin.ascii("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
          + "Connection: Upgrade\r\n\r\n" + STRAY);
      case "/interim" -> ScriptedOrigin.ascii("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
          + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
      case "/head" -> ScriptedOrigin.ascii("HTTP/1.1 200 OK\r\nContent-Length: " + STRAY.length() + "\r\n\r\n" + STRAY);
      case "/204" -> ScriptedOrigin.ascii("HTTP/1.1 204 No Content\r\nContent-Length: " + STRAY.length() + "\r\n\r\n"
          + STRAY);
      case "/304" -> ScriptedOrigin.ascii("HTTP/1.1 304 Not Modified\r\nContent-Length: " + STRAY.length()
          + "\r\n\r\n" + STRAY);
      case "/never" -> ScriptedOrigin.ascii("HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n0123456789");
      case "/echo" -> {
        String body = "you sent:\r\n" + head;
        yield ScriptedOrigin.ascii("HTTP/1.1 401 Unauthorized\r\nX-Echo: " + auth + "\r\nWWW-Authenticate: Bearer"
            + " error=\"invalid_token\", token=\"" + (auth == null ? "" : auth.substring(7)) + "\"\r\nContent-Length: "
            + body.length() + "\r\n\r\n" + body);
      }
      case "/echo-chunked" -> {
        StringBuilder b = new StringBuilder("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        String body = "token " + (auth == null ? "" : auth.substring(7)) + " is not valid; header " + auth;
        for (int i = 0; i < body.length(); i += 5) {
          String piece = body.substring(i, Math.min(body.length(), i + 5));
          b.append(Integer.toHexString(piece.length())).append("\r\n").append(piece).append("\r\n");
        }
        yield ScriptedOrigin.ascii(b.append("0\r\nX-Trailer: ").append(auth).append("\r\n\r\n").toString());
      }
      case "/redirect" -> ScriptedOrigin.ascii("HTTP/1.1 302 Found\r\nLocation: " + path.substring(path.indexOf('=') + 1)
          + "\r\nContent-Length: 0\r\n\r\n");
      default -> {
        String body = "ok " + path;
        yield ScriptedOrigin.ascii("HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
      }
    };
  }

  private EgressProxy start(EgressProxy.Builder b) {
    EgressProxy p = b.events(events).start();
    closers.add(0, p);
    return p;
  }

  private EgressProxy.Builder builder() throws Exception {
    Policy.Network n = new Policy.Network(Policy.NetworkMode.PROXY, List.of("bound.test:" + plain.port(),
        "plain.test:" + plain.port(), "sbound.test:" + secure.port()), List.of(), true, Policy.TlsMode.PASSTHROUGH,
        Map.of("bound.test", "127.0.0.1", "plain.test", "127.0.0.1", "sbound.test", "127.0.0.1"),
        List.of("127.0.0.0/8"), List.of(
            new Policy.Credential("bound.test", "Authorization", Secret.of("Bearer " + SECRET, "${env:T}"), "B_TOKEN"),
            new Policy.Credential("sbound.test", "Authorization", Secret.of("Bearer " + SECRET, "${env:T}"),
                "S_TOKEN")),
        List.of("sbound.test"), List.of());
    return EgressProxy.builder(n).upstreamTrust(upstreamPki.trust());
  }

  private static String get(String method, String url, String... headers) {
    int authority = url.indexOf("://") + 3;
    int path = url.indexOf('/', authority);
    StringBuilder b = new StringBuilder(method + " " + url + " HTTP/1.1\r\nHost: " + url.substring(authority, path)
        + "\r\n");
    for (String h : headers) {
      b.append(h).append("\r\n");
    }
    return b.append("\r\n").toString();
  }

  @Test
  void answersAnOriginFramesWronglyNeverBecomeTheAnswerToAnotherRequest() throws Exception {
    EgressProxy proxy = start(builder());
    String base = "http://plain.test:" + plain.port();
    Map<String, String> methods = new LinkedHashMap<>();
    for (String p : List.of("/two", "/cl-te", "/101", "/interim", "/204", "/304")) {
      methods.put(p, "GET");
    }
    methods.put("/head", "HEAD");
    List<String> wrong = new ArrayList<>();
    for (var c : methods.entrySet()) {
      // one request, then the next on the same connection once the first is answered; then both pipelined
      String first;
      String second = "";
      try (Socket s = ProxyClients.connect(proxy)) {
        s.getOutputStream().write(get(c.getValue(), base + c.getKey()).getBytes(StandardCharsets.US_ASCII));
        InputStream in = new BufferedInputStream(s.getInputStream());
        try {
          Http1.Response r = Http1.read(in, c.getValue().equals("HEAD"));
          while (r.status() < 200 && r.status() != 101) {
            r = Http1.read(in, false);
          }
          first = r.status() + " " + r.text();
          if (r.header("content-length") != null && r.header("transfer-encoding") != null) {
            wrong.add(c.getKey() + ": the client got Content-Length and Transfer-Encoding together");
          }
        } catch (IOException e) {
          first = "closed (" + e.getMessage() + ")";
        }
        try {
          s.getOutputStream().write(get("GET", base + "/after").getBytes(StandardCharsets.US_ASCII));
          second = Http1.read(in, false).text();
        } catch (IOException e) {
          second = "closed"; // after a 502 the proxy closes the connection
        }
      }
      String pipelined;
      try (Socket s = ProxyClients.connect(proxy)) {
        s.getOutputStream().write((get(c.getValue(), base + c.getKey()) + get("GET", base + "/after2"))
            .getBytes(StandardCharsets.US_ASCII));
        pipelined = ProxyClients.readAll(s, 1500);
      }
      System.out.printf("%s: first %s | next %s | pipelined %s%n", c.getKey(), first.replace("\r\n", " "), second,
          pipelined.replace("\r\n", " "));
      if (first.contains("evil") || second.contains("evil") || pipelined.contains("evil")) {
        wrong.add(c.getKey() + ": the stray response reached the client: " + first + " / " + second + " / "
            + pipelined.replace("\r\n", " "));
      }
      if (List.of("/cl-te", "/101").contains(c.getKey()) && !first.startsWith("502")) {
        wrong.add(c.getKey() + ": an answer that cannot be read one way must be a 502, was " + first);
      }
      if (c.getKey().equals("/101") && (first.startsWith("101") || pipelined.contains(" 101 "))) {
        wrong.add("/101: a 101 nobody asked for was relayed");
      }
    }
    assertThat(wrong).isEmpty();
    assertThat(events.all).isNotEmpty().allSatisfy(e -> assertThat(e.fields())
        .containsKeys("host", "port", "bytesUp", "bytesDown", "durationMs"));
  }

  @Test
  void aResponseThatNeverEndsIsCutAtTheIdleTimeoutAndReportedWithWhatMoved() throws Exception {
    EgressProxy proxy = start(builder().limits(64, 16, Duration.ofSeconds(5), Duration.ofMillis(1500)));
    long t0 = System.nanoTime();
    try (Socket s = ProxyClients.connect(proxy)) {
      s.getOutputStream().write(get("GET", "http://plain.test:" + plain.port() + "/never")
          .getBytes(StandardCharsets.US_ASCII));
      String got = ProxyClients.readAll(s, 6000); // until the proxy closes
      assertThat(got).startsWith("HTTP/1.1 200").endsWith("0123456789");
    }
    long took = (System.nanoTime() - t0) / 1_000_000;
    assertThat(took).as("closed at the idle timeout").isBetween(1400L, 5000L);
    AuditEvent e = events.await("egress.allow", 1).get(0);
    assertThat(e.fields()).containsEntry("host", "plain.test").containsEntry("port", plain.port())
        .containsEntry("aborted", true).containsEntry("bytesDown", 10L);
    assertThat((Long) e.fields().get("durationMs")).isBetween(1400L, took + 100);
    assertThat((Long) e.fields().get("bytesUp")).isZero();
  }

  /** The request and the whole answer, inside an intercepted tunnel to sbound.test, over HTTP/1.1. */
  private String intercepted(EgressProxy proxy, String request) throws Exception {
    try (Socket s = ProxyClients.connect(proxy)) {
      SSLSocket ssl = ProxyClients.interceptedTunnel(proxy, s, "sbound.test", secure.port(), "http/1.1");
      ssl.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      return ProxyClients.readAll(ssl, 1500);
    }
  }

  @Test
  void theRealSecretEchoedByTheBoundHostNeverReachesTheSandbox() throws Exception {
    EgressProxy proxy = start(builder());
    String ph = proxy.environment().get("B_TOKEN");
    String base = "http://bound.test:" + plain.port();
    Map<String, String> answers = new LinkedHashMap<>();
    answers.put("plain, Content-Length", ProxyClients.raw(proxy, get("GET", base + "/echo", "Authorization: Bearer "
        + ph, "Connection: close")));
    answers.put("plain, chunked in 5-byte pieces, trailer", ProxyClients.raw(proxy, get("GET", base + "/echo-chunked",
        "Authorization: Bearer " + ph, "Connection: close")));
    String sph = proxy.environment().get("S_TOKEN");
    String sHost = "sbound.test:" + secure.port();
    answers.put("intercepted, Content-Length", intercepted(proxy, "GET /echo HTTP/1.1\r\nHost: " + sHost
        + "\r\nAuthorization: Bearer " + sph + "\r\nConnection: close\r\n\r\n"));
    answers.put("intercepted, chunked", intercepted(proxy, "GET /echo-chunked HTTP/1.1\r\nHost: " + sHost
        + "\r\nAuthorization: Bearer " + sph + "\r\nConnection: close\r\n\r\n"));
    for (var a : answers.entrySet()) {
      assertThat(a.getValue()).as(a.getKey()).contains("HTTP/1.1 ").doesNotContain(SECRET)
          .doesNotContain(SECRET.substring(4));
    }
    assertThat(answers.get("plain, Content-Length")).as("the echo arrives, with the secret masked")
        .contains("you sent:").contains("Authorization: " + "*".repeat(("Bearer " + SECRET).length()));
    assertThat(plain.heads).as("the origin did get the real secret").allSatisfy(h ->
        assertThat(ScriptedOrigin.header(h, "Authorization")).isEqualTo("Bearer " + SECRET));
    assertThat(secure.heads).allSatisfy(h ->
        assertThat(ScriptedOrigin.header(h, "Authorization")).isEqualTo("Bearer " + SECRET));
    // had the sandbox learnt the real secret anyway, it could not send it anywhere else
    int before = plain.heads.size();
    String other = "http://plain.test:" + plain.port();
    assertThat(ProxyClients.raw(proxy, get("GET", other + "/x", "X-Stolen: " + SECRET))).startsWith("HTTP/1.1 403")
        .contains("credential-leak").doesNotContain(SECRET);
    assertThat(ProxyClients.raw(proxy, get("GET", other + "/x?t=" + SECRET))).startsWith("HTTP/1.1 403");
    assertThat(plain.heads).hasSize(before);
    assertThat(events.all).allSatisfy(e -> assertThat(e.toString()).doesNotContain(SECRET));
  }

  @Test
  void thePlaceholderOutsideTheBoundHeader() throws Exception {
    ProxyClients.requireTool("curl");
    EgressProxy proxy = start(builder());
    String ph = proxy.environment().get("B_TOKEN");
    String bound = "http://bound.test:" + plain.port();
    String other = "http://plain.test:" + plain.port();
    // a redirect from the bound host to another one, followed by a client that re-sends the credential: refused
    var r = ProxyClients.curl(proxy, "-L", "--location-trusted", "-H", "Authorization: Bearer " + ph,
        bound + "/redirect?to=" + other + "/landing");
    assertThat(r.out()).contains("HTTP/1.1 302").contains("HTTP/1.1 403").contains("credential-leak");
    // a client that drops the credential on the other host (curl's default) gets there
    var r2 = ProxyClients.curl(proxy, "-L", "-H", "Authorization: Bearer " + ph, bound + "/redirect?to=" + other
        + "/landing2");
    assertThat(r2.out()).contains("ok /landing2");
    assertThat(plain.heads).noneMatch(h -> h.startsWith("GET /landing "));
    assertThat(plain.heads).filteredOn(h -> ScriptedOrigin.header(h, "Host").startsWith("plain.test")).isNotEmpty()
        .allSatisfy(h -> assertThat(h).doesNotContain(SECRET).doesNotContain(ph));
    // Cookie and path on the bound host: the placeholder goes on as it is (only the bound header is swapped)
    assertThat(ProxyClients.raw(proxy, get("GET", bound + "/c/" + ph, "Cookie: s=" + ph, "Connection: close")))
        .startsWith("HTTP/1.1 200");
    String last = plain.heads.get(plain.heads.size() - 1);
    assertThat(last).contains("Cookie: s=" + ph).contains("/c/" + ph).contains("Authorization: Bearer " + SECRET);
    // to another host: in the path (also percent-encoded), a Cookie, Basic credentials: refused
    for (String leak : List.of(get("GET", other + "/p/" + ph), get("GET", other + "/p/%63" + ph.substring(1)),
        get("GET", other + "/c", "Cookie: s=" + ph), get("GET", other + "/b", "Authorization: Basic "
            + java.util.Base64.getEncoder().encodeToString(("x:" + ph).getBytes(StandardCharsets.US_ASCII))))) {
      assertThat(ProxyClients.raw(proxy, leak)).as(leak).startsWith("HTTP/1.1 403").contains("credential-leak");
    }
    // bodies are not inspected (docs/egress.md, "What the proxy cannot see"): the placeholder in a JSON body goes on
    String json = "{\"token\":\"" + ph + "\"}";
    assertThat(ProxyClients.raw(proxy, "POST " + other + "/json HTTP/1.1\r\nHost: plain.test:" + plain.port()
        + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length() + "\r\nConnection: close\r\n\r\n"
        + json)).startsWith("HTTP/1.1 200");
  }
}
