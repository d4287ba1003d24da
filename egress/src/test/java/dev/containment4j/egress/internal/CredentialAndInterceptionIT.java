/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import static dev.containment4j.egress.internal.ProxyClients.curl;
import static dev.containment4j.egress.internal.ProxyClients.network;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.containment4j.egress.EgressProxy;
import dev.containment4j.policy.Policy;
import dev.containment4j.policy.Secret;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Credential binding and TLS interception with real clients: the secret reaches only the bound host, a foreign key to
 * it is refused, the placeholder elsewhere is refused, and the secret never shows in the environment, logs or audit.
 */
@Tag("integration")
class CredentialAndInterceptionIT {
  private static final String SECRET = "ghp_REAL_SECRET_5f0c2a9e71";
  private final ProxyClients.Events events = new ProxyClients.Events();
  private final List<AutoCloseable> closers = new ArrayList<>();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final TestOrigins.Pki upstreamPki = new TestOrigins.Pki();
  private TestOrigins.Origin api;
  private TestOrigins.Origin other;
  private TestOrigins.Origin secure;

  @BeforeEach
  void setUp() throws Exception {
    InetAddress lo = InetAddress.getByName("127.0.0.1");
    api = TestOrigins.http("api", lo, 0);
    other = TestOrigins.http("other", lo, 0);
    secure = TestOrigins.https("secure", lo, upstreamPki.serverContext("secure.test"));
    closers.addAll(List.of(api, other, secure));
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

  private Policy.Network policy(Policy.TlsMode tls) {
    return network(List.of("api.test:" + api.port(), "other.test:" + other.port(), "secure.test:" + secure.port()),
        List.of(), Map.of("api.test", "127.0.0.1", "other.test", "127.0.0.1", "secure.test", "127.0.0.1"),
        List.of("127.0.0.0/8"), tls, List.of(
            new Policy.Credential("api.test", "Authorization", Secret.of("Bearer " + SECRET, "${env:API_TOKEN}"),
                "API_TOKEN"),
            new Policy.Credential("secure.test", "Authorization", Secret.of("Bearer " + SECRET, "${env:API_TOKEN}"),
                "SECURE_TOKEN")));
  }

  private EgressProxy start(EgressProxy.Builder b) {
    EgressProxy p = b.events(events).start();
    closers.add(0, p);
    return p;
  }

  @Test
  void plainHttpGetsTheSecretOnlyForTheBoundHost() throws Exception {
    ProxyClients.requireTool("curl");
    EgressProxy proxy = start(EgressProxy.builder(policy(Policy.TlsMode.PASSTHROUGH)));
    String placeholder = proxy.environment().get("API_TOKEN");
    assertThat(placeholder).startsWith("containment-placeholder-");

    var ok = curl(proxy, "-H", "Authorization: Bearer " + placeholder, "http://api.test:" + api.port() + "/user");
    assertThat(ok.out()).startsWith("HTTP/1.1 200").contains("ok api /user");
    assertThat(api.seen.get(0).header("Authorization")).isEqualTo("Bearer " + SECRET);

    var basic = curl(proxy, "-u", "x-access-token:" + placeholder, "http://api.test:" + api.port() + "/basic");
    assertThat(basic.out()).startsWith("HTTP/1.1 200");
    assertThat(api.seen.get(1).header("Authorization")).isEqualTo("Bearer " + SECRET);

    var foreign = curl(proxy, "-H", "Authorization: Bearer ghp_ATTACKER_KEY", "http://api.test:" + api.port() + "/x");
    assertThat(foreign.out()).startsWith("HTTP/1.1 403").contains("credential-foreign");
    var foreignBasic = curl(proxy, "-u", "attacker:pw", "http://api.test:" + api.port() + "/x");
    assertThat(foreignBasic.out()).startsWith("HTTP/1.1 403");
    assertThat(api.seen).hasSize(2);

    var leak = curl(proxy, "-H", "X-Key: " + placeholder, "http://other.test:" + other.port() + "/steal");
    assertThat(leak.out()).startsWith("HTTP/1.1 403").contains("credential-leak");
    var leakQuery = curl(proxy, "http://other.test:" + other.port() + "/steal?k=" + placeholder);
    assertThat(leakQuery.out()).startsWith("HTTP/1.1 403");
    var plain = curl(proxy, "-H", "Authorization: Bearer mine", "http://other.test:" + other.port() + "/fine");
    assertThat(plain.out()).startsWith("HTTP/1.1 200");
    assertThat(other.seen).hasSize(1);
    assertThat(other.seen.get(0).header("Authorization")).isEqualTo("Bearer mine");

    // with passthrough TLS, a tunnel to a bound host would let any credential through: refused
    var tunnel = curl(proxy, "--proxytunnel", "http://api.test:" + api.port() + "/t");
    assertThat(tunnel.err()).contains("403");
    assertSecretNeverLeaked(proxy);
  }

  @Test
  void interceptedHttpsInjectsVerifiesUpstreamAndRefusesFronting() throws Exception {
    ProxyClients.requireTool("curl");
    EgressProxy proxy = start(EgressProxy.builder(policy(Policy.TlsMode.INTERCEPT))
        .upstreamTrust(upstreamPki.trust()));
    Map<String, String> env = proxy.environment();
    String ca = proxy.caCertificate().orElseThrow().toString();
    assertThat(Files.readString(proxy.caCertificate().orElseThrow())).contains("BEGIN CERTIFICATE")
        .doesNotContain("PRIVATE");
    assertThat(env).containsEntry("NODE_EXTRA_CA_CERTS", ca).containsKeys("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE",
        "CURL_CA_BUNDLE", "GIT_SSL_CAINFO");
    assertThat(env.get("JAVA_TOOL_OPTIONS")).contains("-Djavax.net.ssl.trustStore=");
    String url = "https://secure.test:" + secure.port();
    String placeholder = env.get("SECURE_TOKEN");

    var ok = curl(proxy, "--cacert", ca, "-H", "Authorization: token " + placeholder, url + "/repo");
    assertThat(finalStatus(ok.out())).as(ok.err()).isEqualTo("200");
    assertThat(ok.out()).contains("ok secure /repo");
    assertThat(secure.seen.get(0).header("Authorization")).isEqualTo("Bearer " + SECRET);

    var foreign = curl(proxy, "--cacert", ca, "-H", "Authorization: token ghp_ATTACKER", url + "/repo");
    assertThat(finalStatus(foreign.out())).isEqualTo("403");
    assertThat(foreign.out()).contains("credential-foreign");

    var fronting = curl(proxy, "--cacert", ca, "-H", "Host: api.test", url + "/front");
    assertThat(finalStatus(fronting.out())).isEqualTo("421");
    assertThat(fronting.out()).contains("host-mismatch");
    assertThat(secure.seen).hasSize(1);

    // the clients' own trust settings from the environment: python (SSL_CERT_FILE) and java (trust store)
    ProxyClients.requireTool("python3");
    var py = ProxyClients.run(env, "python3", "-c", "import urllib.request, os\n"
        + "r = urllib.request.Request('" + url + "/py', headers={'Authorization': 'token ' + os.environ['SECURE_TOKEN']})\n"
        + "print(urllib.request.urlopen(r, timeout=20).read().decode())");
    assertThat(py.out()).as(py.err()).contains("ok secure /py");
    KeyStore ts = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(proxy.caCertificate().orElseThrow().resolveSibling("truststore.p12"))) {
      ts.load(in, "changeit".toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ts);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    HttpClient java = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(10))
        .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.address().getPort()))).build();
    HttpResponse<String> r = java.send(HttpRequest.newBuilder(URI.create(url + "/java")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("ok secure /java");
    assertThat(secure.seen.get(secure.seen.size() - 1).header("Authorization")).isEqualTo("Bearer " + SECRET);

    // SNI naming another host than the CONNECT target: the handshake is refused
    try (Socket s = ProxyClients.connect(proxy)) {
      s.getOutputStream().write(("CONNECT secure.test:" + secure.port() + " HTTP/1.1\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      assertThat(ProxyClients.readHead(s)).startsWith("HTTP/1.1 200");
      SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(s, "secure.test", secure.port(), false);
      var params = ssl.getSSLParameters();
      params.setServerNames(List.of(new SNIHostName("api.test")));
      ssl.setSSLParameters(params);
      assertThatThrownBy(ssl::startHandshake).isInstanceOf(SSLException.class);
    }
    assertThat(events.of("egress.deny")).anySatisfy(e -> assertThat(e.fields()).containsEntry("reason",
        "sni-mismatch"));
    assertSecretNeverLeaked(proxy);
  }

  @Test
  void pipelinedInterceptedRequestsAreAnsweredInOrderAndEachGetsTheSecret() throws Exception {
    EgressProxy proxy = start(EgressProxy.builder(policy(Policy.TlsMode.INTERCEPT))
        .upstreamTrust(upstreamPki.trust()));
    String placeholder = proxy.environment().get("SECURE_TOKEN");
    SSLContext tls = ProxyClients.trustingProxyCa(proxy, "TLS");
    String authority = "secure.test:" + secure.port();
    try (Socket s = ProxyClients.connect(proxy)) {
      s.getOutputStream().write(("CONNECT " + authority + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      assertThat(ProxyClients.readHead(s)).startsWith("HTTP/1.1 200");
      SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(s, "secure.test", secure.port(), true);
      // three requests in one write, before any answer: the canonical Host, another spelling of it, no port
      String auth = "Authorization: token " + placeholder + "\r\n";
      ssl.getOutputStream().write(("GET /first HTTP/1.1\r\nHost: " + authority + "\r\n" + auth + "\r\n"
          + "POST /second HTTP/1.1\r\nHost: SECURE.test.:" + secure.port() + "\r\n" + auth
          + "Content-Length: 5\r\n\r\nhello"
          + "GET /third HTTP/1.1\r\nHost: secure.test\r\n" + auth + "\r\n").getBytes(StandardCharsets.US_ASCII));
      ssl.getOutputStream().flush();
      String answers = ProxyClients.readAll(ssl, 3000);
      assertThat(answers.split("HTTP/1.1 200", -1)).hasSize(4);
      assertThat(answers).containsSubsequence("ok secure /first", "ok secure /second", "ok secure /third");
    }
    assertThat(secure.seen).extracting(TestOrigins.Seen::path).containsExactly("/first", "/second", "/third");
    assertThat(secure.seen).allSatisfy(x -> assertThat(x.header("Authorization")).isEqualTo("Bearer " + SECRET));
    assertThat(secure.seen.get(1).bodyBytes()).isEqualTo(5);
    assertSecretNeverLeaked(proxy);
  }

  /**
   * Per-host interception: {@code network.tlsIntercept} opens chosen hosts under {@code tls: passthrough};
   * {@code network.tlsPassthrough} keeps chosen hosts (pinned certificates, mTLS) closed under {@code tls: intercept}.
   * Which one happened shows in the certificate the client gets: the proxy's CA, or the origin's own.
   */
  @Test
  void perHostListsDecideWhichTunnelsAreIntercepted() throws Exception {
    ProxyClients.requireTool("curl");
    TestOrigins.Origin pinned = TestOrigins.https("pinned", InetAddress.getByName("127.0.0.1"),
        upstreamPki.serverContext("pinned.test"));
    closers.add(pinned);
    java.nio.file.Path originCa = Files.createTempFile("origin-ca", ".pem");
    closers.add(() -> Files.deleteIfExists(originCa));
    Files.writeString(originCa, CertificateAuthority.pem(upstreamPki.ca.certificate()));
    Policy.Network base = policy(Policy.TlsMode.PASSTHROUGH);
    List<String> allow = new ArrayList<>(base.allow());
    allow.add("pinned.test:" + pinned.port());
    Map<String, String> hosts = new java.util.HashMap<>(base.hosts());
    hosts.put("pinned.test", "127.0.0.1");
    String secureUrl = "https://secure.test:" + secure.port() + "/s";
    String pinnedUrl = "https://pinned.test:" + pinned.port() + "/p";
    for (Policy.Network n : List.of(
        new Policy.Network(base.mode(), allow, List.of(), true, Policy.TlsMode.PASSTHROUGH, hosts,
            base.allowPrivate(), base.credentials(), List.of("secure.test"), List.of()),
        new Policy.Network(base.mode(), allow, List.of(), true, Policy.TlsMode.INTERCEPT, hosts,
            base.allowPrivate(), base.credentials(), List.of(), List.of("*.other.example", "pinned.test")))) {
      EgressProxy proxy = start(EgressProxy.builder(n).upstreamTrust(upstreamPki.trust()));
      String proxyCa = proxy.caCertificate().orElseThrow().toString();
      String token = "Authorization: token " + proxy.environment().get("SECURE_TOKEN");
      var intercepted = curl(proxy, "--cacert", proxyCa, "-H", token, secureUrl);
      assertThat(finalStatus(intercepted.out())).as("%s: %s", n.tls(), intercepted.err()).isEqualTo("200");
      assertThat(secure.seen.get(secure.seen.size() - 1).header("Authorization")).isEqualTo("Bearer " + SECRET);
      var notTheOrigin = curl(proxy, "--cacert", originCa.toString(), secureUrl);
      assertThat(notTheOrigin.out() + notTheOrigin.err()).as("%s: the origin's own certificate is not shown",
          n.tls()).doesNotContain("ok secure");
      var tunnelled = curl(proxy, "--cacert", originCa.toString(), pinnedUrl);
      assertThat(finalStatus(tunnelled.out())).as("%s: %s", n.tls(), tunnelled.err()).isEqualTo("200");
      assertThat(tunnelled.out()).contains("ok pinned /p");
      var notMinted = curl(proxy, "--cacert", proxyCa, pinnedUrl);
      assertThat(notMinted.out()).as("%s: no leaf minted for a passthrough host", n.tls())
          .doesNotContain("ok pinned");
      assertSecretNeverLeaked(proxy);
    }
  }

  @Test
  void anUpstreamThatTheTrustStoreDoesNotVouchForIsRefused() throws Exception {
    ProxyClients.requireTool("curl");
    // no upstreamTrust: the JDK's default roots, which do not include the test CA
    EgressProxy proxy = start(EgressProxy.builder(policy(Policy.TlsMode.INTERCEPT)));
    String ca = proxy.caCertificate().orElseThrow().toString();
    var r = curl(proxy, "--cacert", ca, "https://secure.test:" + secure.port() + "/x");
    assertThat(finalStatus(r.out())).as(r.out()).isEqualTo("502");
    assertThat(r.out()).contains("upstream-unreachable");
    assertThat(secure.seen).isEmpty();
  }

  /** The status of the last response in curl -i output (after a CONNECT's own 200). */
  private static String finalStatus(String out) {
    var m = java.util.regex.Pattern.compile("HTTP/(?:1\\.1|2) (\\d{3})").matcher(out);
    String last = "";
    while (m.find()) {
      last = m.group(1);
    }
    return last;
  }

  @Test
  void anUpstreamCertificateForAnotherNameIsRefused() throws Exception {
    ProxyClients.requireTool("curl");
    // wrong.test reaches the origin whose (trusted) certificate names secure.test only: hostname verification fails
    Policy.Network n = network(List.of("wrong.test:" + secure.port()), List.of(), Map.of("wrong.test", "127.0.0.1"),
        List.of("127.0.0.0/8"), Policy.TlsMode.INTERCEPT, List.of());
    EgressProxy proxy = start(EgressProxy.builder(n).upstreamTrust(upstreamPki.trust()));
    String ca = proxy.caCertificate().orElseThrow().toString();
    var r = curl(proxy, "--cacert", ca, "https://wrong.test:" + secure.port() + "/x");
    assertThat(finalStatus(r.out())).as(r.out() + r.err()).isEqualTo("502");
    assertThat(secure.seen).isEmpty();
  }

  private void assertSecretNeverLeaked(EgressProxy proxy) throws InterruptedException {
    events.await("egress.allow", 1);
    assertThat(proxy.environment().toString()).doesNotContain(SECRET);
    assertThat(events.all).isNotEmpty().allSatisfy(e -> assertThat(e.toString()).doesNotContain(SECRET));
    assertThat(ProxyClients.logged(logs)).isNotEmpty().allSatisfy(e -> assertThat(e.getFormattedMessage()
        + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage())).doesNotContain(SECRET));
  }
}
