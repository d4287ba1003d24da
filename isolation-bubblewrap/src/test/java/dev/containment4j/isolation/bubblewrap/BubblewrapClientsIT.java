/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.containment4j.Containment;
import dev.containment4j.ExecResult;
import dev.containment4j.Layer;
import dev.containment4j.ToolCall;
import dev.containment4j.ToolResult;
import dev.containment4j.Verdict;
import dev.containment4j.egress.EgressProxy;
import dev.containment4j.event.AuditEvent;
import dev.containment4j.guard.FilterResult;
import dev.containment4j.policy.Policy;
import dev.containment4j.policy.Secret;
import dev.containment4j.spi.ExecRequest;
import dev.containment4j.spi.IsolationBackend;
import dev.containment4j.spi.IsolationSpec;
import dev.containment4j.testing.EnabledIfBubblewrap;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real clients from inside a real bwrap sandbox ({@code network.mode: proxy}), through the real egress proxy, to an
 * origin that is not Netty ({@code clients/origin.py}: python's http.server with {@code git http-backend} and a
 * WebSocket echo): git smart HTTP on the plain and the intercepted path with a bound token, WebSocket through a
 * CONNECT tunnel and as an absolute-form upgrade, and Node's built-in {@code fetch}.
 */
@EnabledIfBubblewrap
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BubblewrapClientsIT {
  private static final String SECRET = "ghs_REAL_sandbox_clients_5c2a91";
  private static final String AUTH = "Basic " + Base64.getEncoder()
      .encodeToString(("x-access-token:" + SECRET).getBytes(StandardCharsets.UTF_8));

  /** The sandbox's working directory (bound into the sandbox). */
  @TempDir
  Path work;
  /** The origin's repository, certificate and key: never inside the sandbox. */
  private Path originDir;

  private Process origin;
  private int http;
  private int https;
  private TrustManagerFactory originTrust;
  private final HttpClient direct = HttpClient.newHttpClient();

  @BeforeAll
  void startOrigin(@TempDir Path dir) throws Exception {
    originDir = dir;
    requireTool("python3");
    requireTool("git");
    requireTool("openssl");
    Path bare = originDir.resolve("git/repo.git");
    Path seed = Files.createDirectories(originDir.resolve("seed"));
    run(originDir, "git", "init", "-q", "--bare", "-b", "main", bare.toString());
    run(seed, "git", "init", "-q", "-b", "main");
    Files.writeString(seed.resolve("README"), "seeded outside the sandbox\n");
    run(seed, "git", "add", "README");
    run(seed, "git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "seed");
    run(seed, "git", "push", "-q", bare.toString(), "main");
    // for git's "dumb" HTTP protocol: the static info/refs and objects/info/packs files
    run(bare, "git", "update-server-info");
    run(originDir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
        "-keyout", "key.pem", "-out", "cert.pem", "-days", "2", "-subj", "/CN=gits.test",
        "-addext", "subjectAltName=DNS:gits.test");
    originTrust = trustOnly(originDir.resolve("cert.pem"));
    Path script = originDir.resolve("origin.py");
    copyResource("/clients/origin.py", script);
    origin = new ProcessBuilder("python3", script.toString(), "--auth", AUTH, "--git-root",
        originDir.resolve("git").toString(), "--cert", originDir.resolve("cert.pem").toString(), "--key",
        originDir.resolve("key.pem").toString()).redirectError(originDir.resolve("origin.err").toFile()).start();
    String line = new BufferedReader(new InputStreamReader(origin.getInputStream(), StandardCharsets.UTF_8))
        .readLine();
    Matcher m = Pattern.compile("\"http\": (\\d+), \"https\": (\\d+)").matcher(String.valueOf(line));
    if (!m.find()) {
      fail("origin did not start: " + line + " " + Files.readString(originDir.resolve("origin.err")));
    }
    http = Integer.parseInt(m.group(1));
    https = Integer.parseInt(m.group(2));
  }

  @AfterAll
  void stopOrigin() throws InterruptedException {
    if (origin != null) {
      origin.destroy();
      origin.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @BeforeEach
  void forgetSeenAuthorizations() throws Exception {
    seenGitAuthorizations(true);
  }

  private Policy policy(Policy.TlsMode tls, List<String> allow, String boundHost) {
    Policy d = Policy.defaults();
    Policy.Isolation i = d.isolation();
    return new Policy("bubblewrap-clients-it",
        new Policy.Isolation(Policy.Backend.BUBBLEWRAP, i.filesystem(),
            new Policy.Limits(Duration.ofSeconds(60), 1024, 256, 1 << 20), i.env(), Map.of()),
        new Policy.Network(Policy.NetworkMode.PROXY, allow, List.of(), true, tls,
            Map.of("git.test", "127.0.0.1", "gits.test", "127.0.0.1", "ws.test", "127.0.0.1"),
            List.of("127.0.0.0/8"),
            List.of(new Policy.Credential(boundHost, "Authorization", Secret.of(AUTH, "test"), "GITHUB_TOKEN"))),
        d.guard(), d.content(), d.trust(), new Policy.Audit(Optional.of(work.resolve("audit.jsonl"))));
  }

  /** Plain path: git.test carries the bound token, ws.test (same origin) carries none, so it may be tunnelled. */
  private Policy plainPolicy() {
    return policy(Policy.TlsMode.PASSTHROUGH, List.of("git.test:" + http, "ws.test:" + http), "git.test");
  }

  private Containment containment(Policy p) {
    return Containment.with(p).withWorkdir(work)
        .withGuard((call, ctx) -> Verdict.allow(Layer.GUARD, "", "", "test"))
        .withFilter((text, ctx) -> FilterResult.pass(text));
  }

  private static ToolResult sh(Containment c, String script) {
    return c.run(ToolCall.command("/bin/sh", "-c", script));
  }

  @Test
  void gitLsRemoteAndCloneOverPlainHttpSmartAndDumbWithTheBoundToken() throws Exception {
    String repo = "git.test:" + http + "/git/repo.git";
    List<AuditEvent> events = new CopyOnWriteArrayList<>();
    try (Containment base = containment(plainPolicy())) {
      ToolResult r = sh(base.onEvent(events::add), "rm -rf a; git ls-remote http://x-access-token:$GITHUB_TOKEN@"
          + repo + " && git clone -q http://x-access-token:$GITHUB_TOKEN@" + repo + " a && cat a/README"
          + " && rm -rf d && GIT_SMART_HTTP=0 git clone -q http://x-access-token:$GITHUB_TOKEN@" + repo
          + " d && echo dumb: $(cat d/README)"
          + " && git -c 'http.extraHeader=Authorization: Bearer ghp_ATTACKER_OWN' ls-remote http://" + repo
          + "; echo foreign=$?");
      assertThat(r.stdout()).as(r.stderr()).contains("refs/heads/main", "seeded outside the sandbox", "dumb: seeded outside the sandbox",
          "foreign=128")
          .doesNotContain(SECRET);
      assertThat(r.stderr()).contains("403").doesNotContain(SECRET);
    }
    // the origin saw the real token only, never the placeholder and never the attacker's key
    assertThat(seenGitAuthorizations(false)).isNotEmpty().allSatisfy(a -> assertThat(a).isEqualTo(AUTH));
    assertThat(events).filteredOn(e -> e.type().equals("egress.deny"))
        .anySatisfy(e -> assertThat(e.fields()).containsEntry("reason", "credential-foreign"));
    assertThat(events).allSatisfy(e -> assertThat(e.toString()).doesNotContain(SECRET));
  }

  @Test
  void gitCloneOverInterceptedHttpsWithTheBoundToken() throws Exception {
    Policy p = policy(Policy.TlsMode.INTERCEPT, List.of("gits.test:" + https), "gits.test");
    List<AuditEvent> events = new CopyOnWriteArrayList<>();
    try (EgressProxy proxy = EgressProxy.builder(p.network()).upstreamTrust(originTrust).events(events::add)
        .stateDirectory(work).start();
        IsolationBackend backend = new BubblewrapProvider().open(new IsolationSpec(p, work.toRealPath(),
            Path.of(System.getProperty("user.home")), Map.of("PATH", "/usr/local/bin:/usr/bin:/bin"), events::add,
            Optional.of(proxy)))) {
      ExecResult r = backend.exec(ExecRequest.of(List.of("/bin/sh", "-c", "rm -rf b; git clone -q "
          + "https://x-access-token:$GITHUB_TOKEN@gits.test:" + https + "/git/repo.git b && cat b/README"),
          work.toRealPath()).withCallId("git-https"));
      assertThat(r.stdout()).as(r.stderr()).isEqualTo("seeded outside the sandbox\n");
    }
    assertThat(seenGitAuthorizations(false)).isNotEmpty().allSatisfy(a -> assertThat(a).isEqualTo(AUTH));
    assertThat(events).filteredOn(e -> e.type().equals("egress.allow"))
        .anySatisfy(e -> assertThat(e.fields()).containsEntry("protocol", "https-intercepted"));
    assertThat(events).allSatisfy(e -> assertThat(e.toString()).doesNotContain(SECRET));
  }

  @Test
  void webSocketsThroughAConnectTunnelAndAsAnAbsoluteFormUpgrade() throws IOException {
    copyResource("/clients/ws_client.py", work.resolve("ws_client.py"));
    List<AuditEvent> events = new CopyOnWriteArrayList<>();
    try (Containment base = containment(plainPolicy())) {
      ToolResult r = sh(base.onEvent(events::add), "/usr/bin/python3 ws_client.py connect ws.test " + http
          + " && /usr/bin/python3 ws_client.py absolute ws.test " + http);
      assertThat(r.exitCode()).as(r.stdout() + r.stderr()).hasValue(0);
      for (String mode : List.of("connect", "absolute")) {
        assertThat(r.stdout()).contains(mode + " upgrade HTTP/1.1 101", mode + " echo 1 frame 0 via " + mode,
            mode + " echo 1 frame 2 via " + mode, mode + " closed 8 1000");
      }
      assertThat(r.stdout()).contains("connect tunnel HTTP/1.1 200");
    }
    assertThat(events).filteredOn(e -> e.type().equals("egress.allow"))
        .filteredOn(e -> "ws.test".equals(e.fields().get("host"))).hasSizeGreaterThanOrEqualTo(2);
  }

  /**
   * An origin answering with two Content-Length headers: the proxy's decoder refuses the answer and discards the
   * rest; the client gets a 502 naming the reason at once, not a relayed guess and not a connection left hanging.
   */
  @Test
  void anOriginsAnswerThatCannotBeFramedOneWayIsA502NotAHang() {
    List<AuditEvent> events = new CopyOnWriteArrayList<>();
    try (Containment base = containment(plainPolicy())) {
      ToolResult r = sh(base.onEvent(events::add), "curl -sS --max-time 20 -D - http://ws.test:" + http
          + "/dup-cl; echo rc=$?; curl -sS --max-time 20 http://ws.test:" + http + "/after");
      assertThat(r.stdout()).as(r.stderr()).startsWith("HTTP/1.1 502").contains("upstream-malformed", "rc=0",
          "ok /after").doesNotContain("dup");
    }
    assertThat(events).filteredOn(e -> e.type().equals("egress.deny"))
        .anySatisfy(e -> assertThat(e.fields()).containsEntry("reason", "upstream-malformed"));
  }

  /**
   * Node's built-in {@code fetch} (undici) ignores the proxy variables unless {@code NODE_USE_ENV_PROXY=1} on a Node
   * that knows it (24+, 22.21+): the sandbox sets it. An older Node's fetch has no network inside (no resolver, no
   * route), while its {@code http} module reaches the proxy when asked to.
   */
  @Test
  void nodeFetchUsesTheProxyWhereNodeCanAndHasNoNetworkOtherwise() {
    requireTool("node");
    String url = "http://ws.test:" + http;
    String js = "console.log('node', process.versions.node);"
        + "fetch('" + url + "/fetch').then(r => r.text()).then(t => console.log('fetch', t.trim()),"
        + " e => console.log('fetch-error', e.cause && e.cause.code));"
        + "require('http').get({host: '127.0.0.1', port: 3128, path: '" + url + "/http',"
        + " headers: {Host: 'ws.test:" + http + "'}}, r => { let b = ''; r.on('data', d => b += d);"
        + " r.on('end', () => console.log('http', r.statusCode, b.trim())); });";
    try (Containment c = containment(plainPolicy())) {
      ToolResult r = sh(c, "echo NODE_USE_ENV_PROXY=$NODE_USE_ENV_PROXY; node -e \"" + js + "\"");
      assertThat(r.stdout()).as(r.stderr()).contains("NODE_USE_ENV_PROXY=1\n", "http 200 ok /http");
      Matcher v = Pattern.compile("node (\\d+)\\.(\\d+)").matcher(r.stdout());
      assertThat(v.find()).as(r.stdout()).isTrue();
      int major = Integer.parseInt(v.group(1));
      int minor = Integer.parseInt(v.group(2));
      if (major >= 24 || (major == 22 && minor >= 21)) {
        assertThat(r.stdout()).contains("fetch ok /fetch");
      } else {
        // no resolver inside: the name cannot even be looked up, so nothing leaves the sandbox
        assertThat(r.stdout()).containsPattern("fetch-error (ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ENETUNREACH)");
      }
    }
  }

  private List<String> seenGitAuthorizations(boolean clear) throws Exception {
    HttpResponse<String> r = direct.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/_auth"
        + (clear ? "?clear" : ""))).build(), HttpResponse.BodyHandlers.ofString());
    List<String> seen = new ArrayList<>();
    Matcher m = Pattern.compile("null|\"([^\"]*)\"").matcher(r.body());
    while (m.find()) {
      seen.add(m.group(1));
    }
    return seen;
  }

  private void copyResource(String name, Path to) throws IOException {
    try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream(name), name)) {
      Files.copy(in, to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static TrustManagerFactory trustOnly(Path pem) throws Exception {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    try (InputStream in = Files.newInputStream(pem)) {
      ks.setCertificateEntry("origin", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    return tmf;
  }

  private static void run(Path dir, String... argv) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", argv) + " failed: " + out);
    }
  }

  /** Skips visibly when {@code tool} is missing, or fails when {@code -Dcontainment.test.require} names it. */
  private static void requireTool(String tool) {
    boolean found = Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
        .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    if (!found) {
      if (Arrays.asList(System.getProperty("containment.test.require", "").split(",")).contains(tool)) {
        fail(tool + " is required (containment.test.require) but not on PATH");
      }
      Assumptions.abort(tool + " not on PATH");
    }
  }
}
