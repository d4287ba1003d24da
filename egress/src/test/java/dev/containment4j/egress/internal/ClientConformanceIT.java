/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.egress.EgressProxy;
import dev.containment4j.policy.Policy;
import dev.containment4j.policy.Secret;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What agents' clients actually send, through the real proxy to an origin that is not Netty (python's http.server and
 * git http-backend), on both the plain absolute-form path and the intercepted HTTPS path: chunked bodies both ways,
 * {@code Expect: 100-continue}, HEAD/204/304, close-delimited responses and closing origins, keep-alive across hosts
 * (judged again per request), pipelining, 100 MB uploads under backpressure, gzip untouched, WebSocket, git clone and
 * push, pip, IPv6 literals, and fronting on the plain path. Credential binding is checked on every one of them: the
 * origin sees the real secret only on the bound hosts, a foreign key is refused, the placeholder elsewhere is refused.
 */
@Tag("integration")
class ClientConformanceIT {
  private static final String SECRET = "ghs_REAL_conformance_7d1e40";
  private static final String AUTH = "Basic " + Base64.getEncoder().encodeToString(("x-access-token:" + SECRET)
      .getBytes(StandardCharsets.UTF_8));
  @TempDir
  static Path tmp;
  private static ConformanceOrigin origin;
  private static EgressProxy proxy;
  private static final ProxyClients.Events EVENTS = new ProxyClients.Events();
  private static Map<String, String> env;
  private static String ca;
  private static String plain;
  private static String tls;

  @BeforeAll
  static void start() throws Exception {
    ProxyClients.requireTool("python3");
    ProxyClients.requireTool("git");
    ProxyClients.requireTool("curl");
    Files.createDirectories(tmp.resolve("origin"));
    origin = new ConformanceOrigin(tmp.resolve("origin"), AUTH);
    Policy.Network n = ProxyClients.network(
        List.of("plain.test:" + origin.http, "other.test:" + origin.http, "tls.test:" + origin.https,
            "[::1]:" + origin.http6, "[::1]:" + origin.https6),
        List.of(), Map.of("plain.test", "127.0.0.1", "other.test", "127.0.0.1", "tls.test", "127.0.0.1"),
        List.of("127.0.0.0/8", "::1/128"), Policy.TlsMode.INTERCEPT, List.of(
            new Policy.Credential("plain.test", "Authorization", Secret.of(AUTH, "${env:T}"), "PLAIN_TOKEN"),
            new Policy.Credential("tls.test", "Authorization", Secret.of(AUTH, "${env:T}"), "TLS_TOKEN")));
    proxy = EgressProxy.builder(n).upstreamTrust(origin.pki.trust()).events(EVENTS).start();
    env = new HashMap<>(proxy.environment());
    Path home = Files.createDirectories(tmp.resolve("home"));
    env.put("HOME", home.toString());
    env.put("GIT_TERMINAL_PROMPT", "0");
    ca = proxy.caCertificate().orElseThrow().toString();
    plain = "http://plain.test:" + origin.http;
    tls = "https://tls.test:" + origin.https;
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
    if (origin != null) {
      origin.close();
    }
  }

  @BeforeEach
  void clear() throws Exception {
    origin.seen();
    EVENTS.all.clear();
  }

  /** One way in: the plain path, or the intercepted path with the client speaking HTTP/1.1 or h2 to the proxy. */
  record Base(String url, String curlVersion, HttpClient.Version java) {
    @Override
    public String toString() {
      return url + " (" + curlVersion + ")";
    }
  }

  private static List<Base> bases() {
    return List.of(new Base(plain, "--http1.1", HttpClient.Version.HTTP_1_1),
        new Base(tls, "--http1.1", HttpClient.Version.HTTP_1_1), new Base(tls, "--http2", HttpClient.Version.HTTP_2));
  }

  private static ProxyClients.Run curl(Base b, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of(b.curlVersion()));
    argv.addAll(List.of(args));
    return curl(argv.toArray(String[]::new));
  }

  private static String placeholder(Base base) {
    return placeholder(base.url());
  }

  private static String placeholder(String base) {
    return env.get(base.startsWith("https") ? "TLS_TOKEN" : "PLAIN_TOKEN");
  }

  /** curl through the proxy with the proxy's CA, no -i (bodies go where -o says). */
  private static ProxyClients.Run curl(String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("curl", "-sS", "--max-time", "60", "-x",
        "http://127.0.0.1:" + proxy.address().getPort(), "--cacert", ca));
    argv.addAll(List.of(args));
    return ProxyClients.run(Map.of(), argv.toArray(String[]::new));
  }

  private static ProxyClients.Run python(String code, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("python3", "-c", code));
    argv.addAll(List.of(args));
    return ProxyClients.run(env, argv.toArray(String[]::new));
  }

  private static HttpClient java(Base b) throws Exception {
    return java(b.java());
  }

  private static HttpClient java() throws Exception {
    return java(HttpClient.Version.HTTP_2);
  }

  private static HttpClient java(HttpClient.Version version) throws Exception {
    SSLContext ssl = SSLContext.getInstance("TLS");
    try (InputStream in = Files.newInputStream(Path.of(ca))) {
      var cert = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
          .generateCertificate(in);
      ssl.init(null, TestOrigins.Pki.trust(cert).getTrustManagers(), null);
    }
    return HttpClient.newBuilder().version(version).sslContext(ssl).connectTimeout(Duration.ofSeconds(10))
        .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.address().getPort()))).build();
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  static String sha256(Path p) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(p)) {
      byte[] b = new byte[1 << 16];
      for (int n; (n = in.read(b)) > 0;) {
        md.update(b, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** The origin's deterministic body of n bytes (bytes 0..255 repeated). */
  static byte[] pattern(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) i;
    }
    return b;
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  private static void assertBoundSecretOnly(List<ConformanceOrigin.Seen> seen) {
    assertThat(seen).isNotEmpty().allSatisfy(s -> assertThat(s.header("Authorization")).as(s.path())
        .isEqualTo(s.server().startsWith("tls") || s.header("Host").startsWith("plain.test") ? AUTH : null));
  }

  @Test
  void chunkedBodiesBothWaysWithCurlAndJava() throws Exception {
    byte[] data = random(300_000);
    Path f = Files.write(tmp.resolve("chunk.bin"), data);
    for (Base b : bases()) {
      String base = b.url();
      HttpClient java = java(b);
      var up = curl(b, "-H", "Transfer-Encoding: chunked", "-H", "Authorization: Bearer " + placeholder(base),
          "--data-binary", "@" + f, base + "/echo");
      assertThat(up.out()).as(base + up.err()).contains("\"len\": 300000", sha256(data));
      Path out = tmp.resolve("down.bin");
      var down = curl(b, "-o", out.toString(), base + "/chunked?n=300000");
      assertThat(down.exit()).as(down.err()).isZero();
      assertThat(sha256(out)).as(base).isEqualTo(sha256(pattern(300_000)));
      // Java streams a body of unknown length chunked; for http:// it may also offer an h2c upgrade
      HttpResponse<String> r = java.send(HttpRequest.newBuilder(URI.create(base + "/echo"))
          .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(data))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(base + r.body()).isEqualTo(200);
      assertThat(r.body()).contains(sha256(data));
      HttpResponse<byte[]> chunked = java.send(HttpRequest.newBuilder(URI.create(base + "/chunked?n=77777")).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(sha256(chunked.body())).isEqualTo(sha256(pattern(77_777)));
    }
    var seen = origin.seen();
    assertThat(seen).filteredOn(s -> s.path().equals("/echo")).hasSize(6)
        .allSatisfy(s -> assertThat(s.header("Transfer-Encoding")).isEqualTo("chunked"));
    assertBoundSecretOnly(seen);
  }

  @Test
  void expectContinueIsRelayedNotWaitedOut() throws Exception {
    byte[] data = random(2_000_000);
    Path f = Files.write(tmp.resolve("expect.bin"), data);
    for (Base b : bases()) {
      String base = b.url();
      // curl would wait 30 s for the 100 if the proxy swallowed it; --max-time 20 makes that a failure
      var r = ProxyClients.run(Map.of(), "curl", b.curlVersion(), "-sS", "-i", "--max-time", "20",
          "--expect100-timeout", "30", "-x", "http://127.0.0.1:" + proxy.address().getPort(), "--cacert", ca, "-H",
          "Expect: 100-continue", "--data-binary", "@" + f, base + "/echo");
      assertThat(r.out()).as(b + r.err()).containsPattern("HTTP/(1.1|2) 100").contains(sha256(data));
      HttpResponse<String> j = java(b).send(HttpRequest.newBuilder(URI.create(base + "/echo")).expectContinue(true)
          .POST(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(j.body()).as(b.toString()).contains(sha256(data));
      assertThat(j.version()).isEqualTo(b.java());
    }
    var seen = origin.seen();
    assertThat(seen).hasSize(6).allSatisfy(s -> assertThat(s.header("Expect")).isEqualToIgnoringCase("100-continue"));
    assertBoundSecretOnly(seen);
  }

  private static final String KEEP_ALIVE_SCRIPT = String.join("\n",
      "import http.client, json, os, ssl, sys, urllib.parse",
      "p = urllib.parse.urlsplit(os.environ['HTTP_PROXY'])",
      "base = urllib.parse.urlsplit(sys.argv[1])",
      "if base.scheme == 'https':",
      "    c = http.client.HTTPSConnection(p.hostname, p.port, timeout=20,",
      "        context=ssl.create_default_context(cafile=os.environ['SSL_CERT_FILE']))",
      "    c.set_tunnel(base.hostname, base.port)",
      "    prefix = ''",
      "else:",
      "    c = http.client.HTTPConnection(p.hostname, p.port, timeout=20)",
      "    prefix = sys.argv[1]",
      "out = []",
      "for m, path in [('HEAD', '/head'), ('GET', '/status/204'), ('GET', '/status/304'), ('GET', '/head'),",
      "                ('HEAD', '/chunked?n=5000'), ('GET', '/chunked?n=5000'), ('POST', '/echo')]:",
      "    c.request(m, prefix + path, body=b'x' * 10 if m == 'POST' else None)",
      "    r = c.getresponse()",
      "    out.append([m, path, r.status, len(r.read())])",
      "print(json.dumps(out))");

  @Test
  void headAnd204And304KeepTheConnectionInStep() throws Exception {
    for (String base : List.of(plain, tls)) {
      var r = python(KEEP_ALIVE_SCRIPT, base);
      assertThat(r.out().strip()).as(base + r.err()).isEqualTo("[[\"HEAD\", \"/head\", 200, 0], "
          + "[\"GET\", \"/status/204\", 204, 0], [\"GET\", \"/status/304\", 304, 0], [\"GET\", \"/head\", 200, 1234], "
          + "[\"HEAD\", \"/chunked?n=5000\", 200, 0], [\"GET\", \"/chunked?n=5000\", 200, 5000], "
          + "[\"POST\", \"/echo\", 200, 89]]");
      var seen = origin.seen();
      assertThat(seen).hasSize(7);
      assertThat(seen).extracting(ConformanceOrigin.Seen::conn).as("one upstream connection: both sides kept alive")
          .containsOnly(seen.get(0).conn());
      assertBoundSecretOnly(seen);
    }
  }

  /**
   * HTTP/2 between the client and the proxy (ALPN h2 on the intercepted path), HTTP/1.1 to the origin: every stream is
   * judged like an HTTP/1.1 request (:authority against the CONNECT host, credential binding), concurrently.
   */
  @Test
  void http2ClientsAreJudgedStreamByStream() throws Exception {
    String w = "%{http_version} %{http_code}";
    var ok = curl("--http2", "-o", "/dev/null", "-w", w, "-H", "Authorization: Bearer " + placeholder(tls),
        tls + "/h2");
    assertThat(ok.out()).as(ok.err()).isEqualTo("2 200");
    var foreign = curl("--http2", "-i", "-H", "Authorization: Bearer ghp_ATTACKER", tls + "/h2-foreign");
    assertThat(foreign.out()).contains("HTTP/2 403", "credential-foreign");
    var fronting = curl("--http2", "-o", "/dev/null", "-w", w, "-H", "Host: other.test:" + origin.https,
        tls + "/h2-front");
    assertThat(fronting.out()).isEqualTo("2 421");
    var leak = curl("--http2", "-o", "/dev/null", "-w", w, "-H", "X-Key: " + placeholder(tls),
        "https://[::1]:" + origin.https6 + "/h2-leak");
    assertThat(leak.out()).isEqualTo("2 403");

    HttpClient java = java(HttpClient.Version.HTTP_2);
    List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      all.add(java.sendAsync(HttpRequest.newBuilder(URI.create(tls + "/stream-" + i))
          .header("Authorization", "Bearer " + placeholder(tls)).build(), HttpResponse.BodyHandlers.ofString()));
    }
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> r = all.get(i).get(30, TimeUnit.SECONDS);
      assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
      assertThat(r.body()).isEqualTo("ok tls /stream-" + i + "\n");
    }
    // one after the other: the streams of one client connection share one upstream connection
    for (int i = 0; i < 10; i++) {
      HttpResponse<String> r = java.send(HttpRequest.newBuilder(URI.create(tls + "/seq-" + i)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.body()).isEqualTo("ok tls /seq-" + i + "\n");
    }
    var seen = origin.seen();
    assertThat(seen.stream().filter(x -> x.path().startsWith("/seq-")).map(ConformanceOrigin.Seen::conn)
        .distinct().count()).isEqualTo(1);
    assertThat(seen).extracting(ConformanceOrigin.Seen::path).hasSize(31).contains("/h2", "/stream-19", "/seq-9")
        .doesNotContain("/h2-foreign", "/h2-front", "/h2-leak");
    assertThat(seen).allSatisfy(x -> {
      assertThat(x.header("Authorization")).isEqualTo(AUTH);
      assertThat(x.header("Host")).isEqualTo("tls.test:" + origin.https);
      assertThat(x.headers().keySet()).noneMatch(k -> k.startsWith("x-http2"));
    });
    assertThat(EVENTS.await("egress.allow", 31)).filteredOn(e -> "h2".equals(e.fields().get("version")))
        .hasSize(31).allSatisfy(e -> assertThat(e.fields()).containsEntry("protocol", "https-intercepted"));
    assertThat(EVENTS.of("egress.deny")).extracting(e -> e.fields().get("reason"))
        .contains("credential-foreign", "host-mismatch", "credential-leak");
  }

  /**
   * A tunnel to an intercepted host is intercepted whichever way it was opened (CONNECT or SOCKS5) and whatever the
   * client speaks inside: TLS (HTTP/1.1 or h2) is terminated, plain HTTP is read as such; the same checks hold.
   */
  @Test
  void socks5AndPlainHttpTunnelsAreInterceptedLikeConnect() throws Exception {
    String socks = "127.0.0.1:" + proxy.address().getPort();
    for (String version : List.of("--http1.1", "--http2")) {
      var ok = ProxyClients.run(Map.of(), "curl", version, "-sS", "--max-time", "20", "--socks5-hostname", socks,
          "--cacert", ca, "-H", "Authorization: Bearer " + placeholder(tls), tls + "/socks-tls");
      assertThat(ok.out()).as(version + ok.err()).isEqualTo("ok tls /socks-tls\n");
    }
    var plainOk = ProxyClients.run(Map.of(), "curl", "-sS", "--max-time", "20", "--socks5-hostname", socks,
        plain + "/socks-plain");
    assertThat(plainOk.out()).as(plainOk.err()).isEqualTo("ok plain /socks-plain\n");
    var foreign = ProxyClients.run(Map.of(), "curl", "-sS", "-i", "--max-time", "20", "--socks5-hostname", socks,
        "--cacert", ca, "-H", "Authorization: Bearer ghp_ATTACKER", tls + "/socks-foreign");
    assertThat(foreign.out()).contains(" 403", "credential-foreign");
    var fronting = ProxyClients.run(Map.of(), "curl", "-sS", "-i", "--max-time", "20", "--socks5-hostname", socks,
        "-H", "Host: other.test:" + origin.http, plain + "/socks-front");
    assertThat(fronting.out()).startsWith("HTTP/1.1 421");
    // CONNECT with plain HTTP inside (curl --proxytunnel): read as HTTP too, the bound token injected
    var tunnelled = curl("--proxytunnel", plain + "/connect-plain");
    assertThat(tunnelled.out()).as(tunnelled.err()).isEqualTo("ok plain /connect-plain\n");
    var seen = origin.seen();
    assertThat(seen).extracting(ConformanceOrigin.Seen::path).containsExactly("/socks-tls", "/socks-tls",
        "/socks-plain", "/connect-plain");
    assertThat(seen).allSatisfy(x -> assertThat(x.header("Authorization")).isEqualTo(AUTH));
    assertThat(EVENTS.await("egress.allow", 4)).extracting(e -> e.fields().get("protocol") + "/"
        + e.fields().getOrDefault("version", "1.1"))
        .contains("https-intercepted/1.1", "https-intercepted/h2", "http-in-tunnel/1.1");
  }

  @Test
  void closeDelimitedResponsesAndClosingOrigins() throws Exception {
    for (Base b : bases()) {
      String base = b.url();
      Path out = tmp.resolve("close.bin");
      var r = curl(b, "-o", out.toString(), base + "/close?n=250000");
      assertThat(r.exit()).as(b + r.err()).isZero();
      assertThat(sha256(out)).isEqualTo(sha256(pattern(250_000)));
      HttpResponse<byte[]> j = java(b).send(HttpRequest.newBuilder(URI.create(base + "/close?n=99999")).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertThat(sha256(j.body())).as(base).isEqualTo(sha256(pattern(99_999)));
    }
    // an origin that closes after a Content-Length response: the client's connection to the proxy stays usable
    try (Socket s = ProxyClients.connect(proxy)) {
      OutputStream o = s.getOutputStream();
      InputStream in = new java.io.BufferedInputStream(s.getInputStream());
      String host = "plain.test:" + origin.http;
      o.write(("GET " + plain + "/bye HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      assertThat(Http1.read(in, false).text()).isEqualTo("bye\n");
      o.write(("GET " + plain + "/after HTTP/1.1\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      assertThat(Http1.read(in, false).text()).startsWith("ok plain /after");
    }
    // an HTTP/1.0 client cannot read chunked framing: it gets the body delimited by the close
    try (Socket s = ProxyClients.connect(proxy)) {
      s.getOutputStream().write(("GET " + plain + "/chunked?n=5000 HTTP/1.0\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      Http1.Response r = Http1.read(new java.io.BufferedInputStream(s.getInputStream()), false);
      assertThat(r.header("Transfer-Encoding")).isNull();
      assertThat(r.body()).isEqualTo(pattern(5000));
    }
    assertBoundSecretOnly(origin.seen());
  }

  private static String get(String url, String... headers) {
    StringBuilder b = new StringBuilder("GET " + url + " HTTP/1.1\r\nHost: " + URI.create(url).getRawAuthority()
        + "\r\n");
    for (String h : headers) {
      b.append(h).append("\r\n");
    }
    return b.append("\r\n").toString();
  }

  @Test
  void aKeptAliveClientIsJudgedAgainForEveryRequest() throws Exception {
    String other = "http://other.test:" + origin.http;
    String ph = "Authorization: Bearer " + placeholder(plain);
    try (Socket s = ProxyClients.connect(proxy)) {
      OutputStream o = s.getOutputStream();
      InputStream in = new java.io.BufferedInputStream(s.getInputStream());
      o.write(get(plain + "/a", ph).getBytes(StandardCharsets.US_ASCII));
      assertThat(Http1.read(in, false).status()).isEqualTo(200);
      o.write(get(other + "/b").getBytes(StandardCharsets.US_ASCII));
      assertThat(Http1.read(in, false).status()).isEqualTo(200);
      o.write(get(other + "/c", "X-Token: " + placeholder(plain)).getBytes(StandardCharsets.US_ASCII));
      Http1.Response leak = Http1.read(in, false);
      assertThat(leak.status()).isEqualTo(403);
      assertThat(leak.header("X-Containment-Deny")).startsWith("credential-leak");
    }
    for (String refused : List.of("http://evil.test/x", "http://plain.test:" + origin.https + "/x",
        "http://127.0.0.1:" + origin.http + "/x")) {
      try (Socket s = ProxyClients.connect(proxy)) {
        OutputStream o = s.getOutputStream();
        InputStream in = new java.io.BufferedInputStream(s.getInputStream());
        o.write(get(plain + "/a").getBytes(StandardCharsets.US_ASCII));
        assertThat(Http1.read(in, false).status()).isEqualTo(200);
        o.write(get(refused).getBytes(StandardCharsets.US_ASCII));
        assertThat(Http1.read(in, false).status()).as(refused).isEqualTo(403);
      }
    }
    // the same in one write (pipelined): each request is judged on its own, in order
    try (Socket s = ProxyClients.connect(proxy)) {
      s.getOutputStream().write((get(plain + "/p1") + "HEAD " + plain + "/head HTTP/1.1\r\nHost: plain.test:"
          + origin.http + "\r\n\r\n" + get(other + "/p2") + get(plain + "/chunked?n=3000") + get("http://evil.test/p3")
          + get(plain + "/never")).getBytes(StandardCharsets.US_ASCII));
      InputStream in = new java.io.BufferedInputStream(s.getInputStream());
      assertThat(Http1.read(in, false).text()).startsWith("ok plain /p1");
      assertThat(Http1.read(in, true).header("Content-Length")).isEqualTo("1234");
      assertThat(Http1.read(in, false).text()).startsWith("ok plain /p2");
      assertThat(Http1.read(in, false).body()).isEqualTo(pattern(3000));
      assertThat(Http1.read(in, false).status()).isEqualTo(403);
    }
    var seen = origin.seen();
    assertThat(seen).extracting(ConformanceOrigin.Seen::path).containsExactly("/a", "/b", "/a", "/a", "/a", "/p1",
        "/head", "/p2", "/chunked?n=3000");
    assertBoundSecretOnly(seen);
  }

  @Test
  void hundredMegabyteUploadsStreamUnderBackpressure() throws Exception {
    int size = 100 * 1024 * 1024;
    Path f = tmp.resolve("100m.bin");
    try (OutputStream o = Files.newOutputStream(f)) {
      byte[] block = random(1 << 20);
      for (int i = 0; i < 100; i++) {
        o.write(block);
      }
    }
    String sha = sha256(f);
    var metric = ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider m ? m.metric() : null;
    for (Base b : bases()) {
      String base = b.url();
      AtomicLong peak = new AtomicLong();
      var sampler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
      if (metric != null) {
        sampler.scheduleAtFixedRate(() -> peak.accumulateAndGet(metric.usedDirectMemory(), Math::max), 0, 20,
            TimeUnit.MILLISECONDS);
      }
      // the origin reads slowly (?slow): without backpressure the proxy would hold most of the 100 MB
      var r = curl(b, "-H", "Authorization: Bearer " + placeholder(base), "--data-binary", "@" + f,
          base + "/echo?slow");
      sampler.shutdownNow();
      assertThat(r.out()).as(base + r.err()).contains("\"len\": " + size, sha);
      assertThat(peak.get()).as("direct memory held by the proxy during the upload").isLessThan(64L << 20);
    }
    var seen = origin.seen();
    assertThat(seen).hasSize(3).filteredOn(s -> s.server().equals("plain"))
        .allSatisfy(s -> assertThat(s.header("Expect")).isEqualTo("100-continue"));
    assertBoundSecretOnly(seen);
  }

  @Test
  void gzipBodiesPassThroughUntouched() throws Exception {
    var buf = new java.io.ByteArrayOutputStream();
    try (var gz = new GZIPOutputStream(buf)) {
      gz.write("compressed by the client\n".repeat(1000).getBytes(StandardCharsets.UTF_8));
    }
    Path gzipped = Files.write(tmp.resolve("body.gz"), buf.toByteArray());
    for (Base b : bases()) {
      String base = b.url();
      Path out = tmp.resolve("gz.out");
      Path head = tmp.resolve("gz.head");
      var r = curl(b, "-D", head.toString(), "-o", out.toString(), base + "/gzip");
      assertThat(r.exit()).as(r.err()).isZero();
      String headers = Files.readString(head).toLowerCase(java.util.Locale.ROOT);
      assertThat(headers).contains("content-encoding: gzip", "content-length: " + Files.size(out));
      assertThat(headers).contains("x-sha256: " + sha256(out));
      var up = curl(b, "-H", "Content-Encoding: gzip", "--data-binary", "@" + gzipped, base + "/echo");
      assertThat(up.out()).contains(sha256(buf.toByteArray()));
    }
    var seen = origin.seen();
    assertThat(seen).filteredOn(s -> s.method().equals("POST"))
        .allSatisfy(s -> assertThat(s.header("Content-Encoding")).isEqualTo("gzip"));
    assertBoundSecretOnly(seen);
  }

  @Test
  void webSocketsWorkEndToEndAfterTheUpgradeIsJudged() throws Exception {
    String key = "dGhlIHNhbXBsZSBub25jZQ==";
    String upgrade = "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
        + "\r\nSec-WebSocket-Version: 13";
    try (Socket s = ProxyClients.connect(proxy)) {
      s.getOutputStream().write(get(plain + "/ws", upgrade, "Authorization: Bearer " + placeholder(plain))
          .getBytes(StandardCharsets.US_ASCII));
      InputStream in = new java.io.BufferedInputStream(s.getInputStream());
      Http1.Response r = Http1.read(in, false);
      assertThat(r.status()).isEqualTo(101);
      assertThat(r.header("Sec-WebSocket-Accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
      byte[] mask = {1, 2, 3, 4};
      byte[] text = "hello".getBytes(StandardCharsets.US_ASCII);
      byte[] frame = new byte[6 + text.length];
      frame[0] = (byte) 0x81;
      frame[1] = (byte) (0x80 | text.length);
      System.arraycopy(mask, 0, frame, 2, 4);
      for (int i = 0; i < text.length; i++) {
        frame[6 + i] = (byte) (text[i] ^ mask[i % 4]);
      }
      s.getOutputStream().write(frame);
      assertThat(in.readNBytes(7)).isEqualTo(new byte[] {(byte) 0x81, 5, 'h', 'e', 'l', 'l', 'o'});
    }
    // the upgrade request is a request like any other: the placeholder to another host is refused
    try (Socket s = ProxyClients.connect(proxy)) {
      s.getOutputStream().write(get("http://other.test:" + origin.http + "/ws", upgrade,
          "Authorization: Bearer " + placeholder(plain)).getBytes(StandardCharsets.US_ASCII));
      assertThat(Http1.read(new java.io.BufferedInputStream(s.getInputStream()), false).status()).isEqualTo(403);
    }
    // intercepted: Java's WebSocket client, through CONNECT, TLS to the proxy, TLS again to the origin
    CompletableFuture<String> echoed = new CompletableFuture<>();
    WebSocket ws = java().newWebSocketBuilder().header("Authorization", "Bearer " + placeholder(tls))
        .buildAsync(URI.create("wss://tls.test:" + origin.https + "/ws"), new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            echoed.complete(data.toString());
            return null;
          }
        }).get(20, TimeUnit.SECONDS);
    ws.sendText("through the intercepting proxy", true).get(10, TimeUnit.SECONDS);
    assertThat(echoed.get(20, TimeUnit.SECONDS)).isEqualTo("through the intercepting proxy");
    ws.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    var seen = origin.seen();
    assertThat(seen).extracting(ConformanceOrigin.Seen::server).containsExactly("plain", "tls");
    assertBoundSecretOnly(seen);
  }

  @Test
  void gitClonesAndPushesOverInterceptedHttpsWithTheBoundToken() throws Exception {
    Path work = Files.createDirectories(tmp.resolve("git-client"));
    String repo = tls + "/git/repo.git";
    var clone = ProxyClients.run(env, "git", "-C", work.toString(), "clone", "-q", repo, "a");
    assertThat(clone.exit()).as(clone.err()).isZero();
    assertThat(Files.readString(work.resolve("a/README"))).isEqualTo("seeded through no proxy\n");
    // a pack above git's 64 KiB post buffer goes up chunked
    Files.write(work.resolve("a/blob.bin"), random(300_000));
    ConformanceOrigin.git(work.resolve("a"), "add", "blob.bin");
    ConformanceOrigin.git(work.resolve("a"), "-c", "user.name=agent", "-c", "user.email=a@a", "commit", "-q", "-m",
        "pushed through the proxy");
    var push = ProxyClients.run(env, "git", "-C", work.resolve("a").toString(), "-c", "http.postBuffer=65536", "push",
        "-q", "origin", "main");
    assertThat(push.exit()).as(push.err()).isZero();
    assertThat(ConformanceOrigin.git(origin.gitRoot.resolve("repo.git"), "log", "--format=%s", "main").out())
        .contains("pushed through the proxy");
    var seen = origin.seen();
    assertThat(seen).allSatisfy(s -> assertThat(s.header("Authorization")).isEqualTo(AUTH));
    assertThat(seen).anySatisfy(s -> assertThat(s.header("Transfer-Encoding")).isEqualTo("chunked"));

    // the plain path, with the placeholder in the URL as many agents write it
    var plainClone = ProxyClients.run(env, "git", "-C", work.toString(), "clone", "-q",
        "http://x-access-token:" + placeholder(plain) + "@plain.test:" + origin.http + "/git/repo.git", "b");
    assertThat(plainClone.exit()).as(plainClone.err()).isZero();
    assertThat(origin.seen()).isNotEmpty().allSatisfy(s -> assertThat(s.header("Authorization")).isEqualTo(AUTH));

    // an attacker's own token to the bound host: refused, and nothing reaches the origin
    var foreign = ProxyClients.run(env, "git", "-C", work.toString(), "-c",
        "http.extraHeader=Authorization: Bearer ghp_ATTACKER_OWN_TOKEN", "clone", "-q", repo, "c");
    assertThat(foreign.exit()).isNotZero();
    assertThat(foreign.err()).contains("403");
    assertThat(origin.seen()).isEmpty();
    assertThat(EVENTS.of("egress.deny")).anySatisfy(e -> assertThat(e.fields()).containsEntry("reason",
        "credential-foreign"));
    assertThat(EVENTS.all).allSatisfy(e -> assertThat(e.toString()).doesNotContain(SECRET));
  }

  @Test
  void pipDownloadsFromALocalIndexOnBothPaths() throws Exception {
    var pip = python("import pip");
    org.junit.jupiter.api.Assumptions.assumeTrue(pip.exit() == 0, "pip not installed for python3");
    for (String base : List.of(plain, tls)) {
      Path out = Files.createDirectories(tmp.resolve("pip-" + (base.startsWith("https") ? "tls" : "plain")));
      var r = ProxyClients.run(env, "python3", "-m", "pip", "download", "-q", "--no-deps", "--no-cache-dir",
          "--disable-pip-version-check", "--trusted-host", "plain.test", "--index-url", base + "/simple/",
          "-d", out.toString(), "demo");
      assertThat(r.exit()).as(base + r.out() + r.err()).isZero();
      assertThat(out.resolve("demo-1.0-py3-none-any.whl")).exists();
    }
    assertBoundSecretOnly(origin.seen());
  }

  @Test
  void npmReadsALocalRegistryOnBothPaths() throws Exception {
    ProxyClients.requireTool("npm");
    for (String base : List.of(plain, tls)) {
      var r = ProxyClients.run(env, "npm", "view", "demo", "version", "--registry", base + "/npm/", "--cache",
          tmp.resolve("npm-cache").toString(), "--no-update-notifier", "--fetch-retries", "0");
      assertThat(r.out().strip()).as(base + r.out() + r.err()).isEqualTo("1.0.0");
    }
    assertBoundSecretOnly(origin.seen());
  }

  @Test
  void pythonRequestsOnBothPathsWithTheBoundToken() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(python("import requests").exit() == 0,
        "python3 has no 'requests' module here");
    for (String base : List.of(plain, tls)) {
      var r = python("import os, sys, requests\n"
          + "t = os.environ['TLS_TOKEN' if sys.argv[1].startswith('https') else 'PLAIN_TOKEN']\n"
          + "print(requests.get(sys.argv[1] + '/requests', auth=('x-access-token', t), timeout=20).text)",
          base);
      assertThat(r.out()).as(base + r.err()).contains("/requests");
    }
    assertBoundSecretOnly(origin.seen());
  }

  @Test
  void ipv6LiteralTargetsOnBothPaths() throws Exception {
    var r = curl("-i", "http://[::1]:" + origin.http6 + "/v6");
    assertThat(r.out()).as(r.err()).startsWith("HTTP/1.1 200").contains("ok plain6 /v6");
    var t = curl("https://[::1]:" + origin.https6 + "/v6s");
    assertThat(t.out()).as(t.err()).contains("ok tls6 /v6s");
    var socks = ProxyClients.run(Map.of(), "curl", "-sS", "--max-time", "20", "--socks5-hostname",
        "127.0.0.1:" + proxy.address().getPort(), "http://[::1]:" + origin.http6 + "/socks");
    assertThat(socks.out()).as(socks.err()).contains("ok plain6 /socks");
    var otherPort = curl("-i", "http://[::1]:" + origin.http + "/no");
    assertThat(otherPort.out()).startsWith("HTTP/1.1 403");
    var seen = origin.seen();
    assertThat(seen).extracting(ConformanceOrigin.Seen::path).containsExactly("/v6", "/v6s", "/socks");
    assertThat(seen).allSatisfy(s -> assertThat(s.header("Authorization")).isNull());
  }

  @Test
  void absoluteFormWithUserinfoOrADisagreeingHostIsRefused() throws Exception {
    String host = "plain.test:" + origin.http;
    Map<String, Integer> cases = new java.util.LinkedHashMap<>();
    cases.put("GET http://user:pw@" + host + "/u HTTP/1.1\r\nHost: " + host + "\r\n\r\n", 400);
    cases.put("GET " + plain + "/f HTTP/1.1\r\nHost: other.test:" + origin.http + "\r\n\r\n", 421);
    cases.put("GET " + plain + "/f HTTP/1.1\r\nHost: plain.test:" + origin.https + "\r\n\r\n", 421);
    cases.put("GET " + plain + "/f HTTP/1.1\r\nHost: " + host + "\r\nHost: other.test\r\n\r\n", 400);
    cases.put("GET " + plain + "/ok HTTP/1.1\r\nHost: PLAIN.test.:" + origin.http + "\r\n\r\n", 200);
    cases.put("GET " + plain + "/ok10 HTTP/1.0\r\n\r\n", 200);
    for (var c : cases.entrySet()) {
      try (Socket s = ProxyClients.connect(proxy)) {
        s.getOutputStream().write(c.getKey().getBytes(StandardCharsets.US_ASCII));
        Http1.Response r = Http1.read(new java.io.BufferedInputStream(s.getInputStream()), false);
        assertThat(r.status()).as(c.getKey()).isEqualTo(c.getValue());
      }
    }
    assertThat(origin.seen()).extracting(ConformanceOrigin.Seen::path).containsExactly("/ok", "/ok10");
    assertThat(EVENTS.of("egress.deny")).anySatisfy(e -> assertThat(e.fields()).containsEntry("reason",
        "host-mismatch"));
  }

  @Test
  void requestTrailersCannotCarryCredentials() throws Exception {
    for (String trailer : List.of("Authorization: Bearer ghp_ATTACKER", "X-Key: " + placeholder(plain))) {
      try (Socket s = ProxyClients.connect(proxy)) {
        s.getOutputStream().write(("POST " + plain + "/echo HTTP/1.1\r\nHost: plain.test:" + origin.http
            + "\r\nTransfer-Encoding: chunked\r\nTrailer: " + trailer.substring(0, trailer.indexOf(':'))
            + "\r\n\r\n5\r\nhello\r\n0\r\n" + trailer + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        Http1.Response r = Http1.read(new java.io.BufferedInputStream(s.getInputStream()), false);
        assertThat(r.status()).isEqualTo(200);
      }
    }
    var seen = origin.seen();
    assertThat(seen).hasSize(2).allSatisfy(s -> {
      assertThat(s.trailers()).isEmpty();
      assertThat(s.header("Authorization")).isEqualTo(AUTH);
      assertThat(s.len()).isEqualTo(5);
    });
  }
}
