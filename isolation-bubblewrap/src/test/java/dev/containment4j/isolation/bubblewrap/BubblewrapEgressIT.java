/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.containment4j.testing.NoNetworkProbe;
import dev.containment4j.testing.HostNetworkTargets;
import dev.containment4j.testing.ProxyListenerAbuse;
import dev.containment4j.testing.TestHttpOrigin;
import dev.containment4j.testing.TestTlsOrigin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code network.mode: proxy} with real bwrap and the real egress proxy: the sandbox keeps {@code --unshare-net}, and
 * its only way out is the proxy's listener, taken from inside the sandbox's namespace (no relay). Origins listen on
 * 127.0.0.1 and are named through {@code network.hosts}.
 */
@EnabledIfBubblewrap
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BubblewrapEgressIT {
  private static final String SECRET = "ghp_realSecretValue0123456789abcdefXYZ";

  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ALWAYS)
  Path tmp;

  private TestHttpOrigin origin;
  private TestHttpOrigin other;

  @BeforeAll
  void origins() throws IOException {
    origin = TestHttpOrigin.plain("origin");
    other = TestHttpOrigin.plain("other");
  }

  @AfterAll
  void stop() {
    origin.close();
    other.close();
  }

  private int port() {
    return origin.port();
  }

  private Policy policy(Policy.TlsMode tls, List<String> allow, Map<String, String> hosts,
      List<Policy.Credential> credentials) {
    Policy d = Policy.defaults();
    Policy.Isolation i = d.isolation();
    return new Policy("bubblewrap-egress-it",
        new Policy.Isolation(Policy.Backend.BUBBLEWRAP, i.filesystem(),
            new Policy.Limits(Duration.ofSeconds(60), 1024, 256, 1 << 20), i.env(), Map.of()),
        new Policy.Network(Policy.NetworkMode.PROXY, allow, List.of(), true, tls, hosts, List.of("127.0.0.0/8"),
            credentials),
        d.guard(), d.content(), d.trust(), new Policy.Audit(Optional.of(tmp.resolve("audit.jsonl"))));
  }

  private Policy policy() {
    return policy(Policy.TlsMode.PASSTHROUGH,
        List.of("origin.test:" + port(), "other.test:" + other.port()),
        Map.of("origin.test", "127.0.0.1", "other.test", "127.0.0.1"),
        List.of(new Policy.Credential("origin.test", "Authorization", Secret.of("Bearer " + SECRET, "test"),
            "GITHUB_TOKEN")));
  }

  private Containment containment(Policy p) {
    return Containment.with(p).withWorkdir(tmp)
        .withGuard((call, ctx) -> Verdict.allow(Layer.GUARD, "", "", "test"))
        .withFilter((text, ctx) -> FilterResult.pass(text));
  }

  private static ToolResult sh(Containment c, String script) {
    return c.run(ToolCall.command("/bin/sh", "-c", script));
  }

  @Test
  void curlPythonAndJavaReachAnAllowedNameThroughTheProxy() throws IOException {
    Files.writeString(tmp.resolve("Fetch.java"), String.join("\n",
        "public class Fetch {",
        "  public static void main(String[] a) throws Exception {",
        "    var c = (java.net.HttpURLConnection) new java.net.URL(a[0]).openConnection();",
        "    System.out.println(c.getResponseCode() + \" \" + new String(c.getInputStream().readAllBytes()).trim());",
        "  }",
        "}"));
    String url = "http://origin.test:" + port() + "/";
    // SOCKS to a host without a bound credential (a tunnel to a bound host needs interception)
    String otherUrl = "http://other.test:" + other.port() + "/";
    List<AuditEvent> events = new CopyOnWriteArrayList<>();
    try (Containment base = containment(policy())) {
      Containment c = base.onEvent(events::add);
      ToolResult r = sh(c, "echo \"$HTTP_PROXY\"; curl -sS --max-time 20 " + url
          + "; curl -sS --max-time 20 -x \"$ALL_PROXY\" " + otherUrl
          + "; /usr/bin/python3 -c 'import urllib.request; print(urllib.request.urlopen(\"" + url
          + "\", timeout=20).read().decode().strip())'"
          + "; java -Xshare:auto -XX:TieredStopAtLevel=1 Fetch.java " + url + " 2>&1 | grep -v JAVA_TOOL_OPTIONS");
      assertThat(r.exitCode()).as(r.stderr()).hasValue(0);
      assertThat(r.stdout()).startsWith("http://127.0.0.1:3128\n");
      assertThat(r.stdout().lines().filter(l -> l.contains("hello from origin")).count()).as(r.stdout() + r.stderr())
          .isEqualTo(3);
      assertThat(r.stdout()).contains("hello from other");
      assertThat(r.stdout()).contains("200 hello from origin");
      assertThat(r.isolation().notes()).anyMatch(n -> n.contains("egress proxy at 127.0.0.1:3128"));
    }
    // the connections of this call's sandbox reach this call's listeners, with its call id
    List<AuditEvent> egress = events.stream().filter(e -> e.type().startsWith("egress.")).toList();
    assertThat(egress).hasSizeGreaterThanOrEqualTo(4).allSatisfy(e -> {
      assertThat(e.type()).isEqualTo("egress.allow");
      assertThat(e.callId()).isNotEmpty();
      assertThat(e.fields().get("host")).isIn("origin.test", "other.test");
      assertThat(e.fields()).containsKeys("port", "bytesUp", "bytesDown", "durationMs");
    });
    String callId = events.stream().filter(e -> e.type().equals("sandbox.start")).findFirst().orElseThrow().callId();
    assertThat(egress).allSatisfy(e -> assertThat(e.callId()).isEqualTo(callId));
    assertThat(egress).anySatisfy(e -> assertThat(e.fields()).containsEntry("protocol", "socks5")
        .containsEntry("host", "other.test"));
    assertThat(egress).anySatisfy(e -> assertThat(e.fields()).containsEntry("host", "origin.test")
        .containsEntry("port", port()));
  }

  @Test
  void deniedNamesIpLiteralsAndOtherPortsAreRefusedByTheProxy() {
    List<AuditEvent> events = new CopyOnWriteArrayList<>();
    try (Containment base = containment(policy())) {
      Containment c = base.onEvent(events::add);
      ToolResult r = sh(c, "curl -sS --max-time 20 -o /dev/null -w '%{http_code}\\n' http://evil.test/"
          + "; curl -sS --max-time 20 -o /dev/null -w '%{http_code}\\n' http://127.0.0.1:" + port() + "/"
          + "; curl -sS --max-time 20 -o /dev/null -w '%{http_code}\\n' http://origin.test:1/"
          + "; curl -sS --max-time 20 -o /dev/null -w '%{http_code}\\n' https://evil.test/"
          + "; curl -sS --max-time 20 -x \"$ALL_PROXY\" http://evil.test/; echo socks=$?");
      assertThat(r.stdout()).as(r.stderr()).startsWith("403\n403\n403\n000\n");
      assertThat(r.stderr()).contains("CONNECT tunnel failed, response 403");
      // curl 7.88: 97 = the SOCKS5 server refused (ruleset)
      assertThat(r.stdout()).contains("socks=97");
    }
    assertThat(events.stream().filter(e -> e.type().equals("egress.deny")).map(e -> e.fields().get("reason")))
        .contains("not-allowed", "ip-literal", "port-not-allowed");
  }

  @Test
  void noDnsNoRouteAndNoDirectConnectionFromInside() {
    try (Containment c = containment(policy())) {
      ToolResult r = sh(c, NoNetworkProbe.command(port()));
      NoNetworkProbe.assertNothingGotOut(r.stdout(), r.stderr());
    }
  }

  @Test
  void credentialBindingFromInsideInjectsTheSecretOnlyForTheBoundHost() throws IOException {
    origin.authorizations().clear();
    other.authorizations().clear();
    String url = "http://origin.test:" + port() + "/";
    String otherUrl = "http://other.test:" + other.port() + "/";
    try (Containment c = containment(policy())) {
      ToolResult r = sh(c, "env; echo; curl -sS --max-time 20 -H \"Authorization: Bearer $GITHUB_TOKEN\" " + url
          + "; curl -sS --max-time 20 -o /dev/null -w 'foreign=%{http_code}\\n' -H 'Authorization: Bearer attacker' "
          + url + "; curl -sS --max-time 20 -o /dev/null -w 'leak=%{http_code}\\n' -H \"X-Token: $GITHUB_TOKEN\" "
          + otherUrl);
      assertThat(r.stdout()).as(r.stderr()).contains("GITHUB_TOKEN=containment-placeholder-", "hello from origin",
          "foreign=403", "leak=403").doesNotContain(SECRET);
      assertThat(r.stderr()).doesNotContain(SECRET);
    }
    assertThat(origin.authorizations()).containsExactly("Bearer " + SECRET);
    assertThat(other.authorizations()).isEmpty();
    String audit = Files.readString(tmp.resolve("audit.jsonl"));
    assertThat(audit).contains("credential-foreign", "credential-leak").doesNotContain(SECRET);
  }

  /**
   * A hostile client inside the sandbox, speaking raw HTTP to the proxy's listener: a request with the attacker's key
   * hidden behind ambiguous framing, a transfer coding an origin could read another way, the key in another credential
   * header or in the query string. Only the bound secret ever reaches the origin.
   */
  @Test
  void hostileRawRequestsFromInsideNeverCarryAForeignKeyToTheOrigin() throws IOException {
    origin.authorizations().clear();
    String a = "origin.test:" + port();
    String smuggled = "GET http://" + a + "/s HTTP/1.1\r\nHost: " + a + "\r\nAuthorization: Bearer attacker\r\n\r\n";
    String body = "0\r\n\r\n" + smuggled;
    Files.writeString(tmp.resolve("hostile.py"), String.join("\n",
        "import socket, sys",
        "def send(name, raw):",
        "    s = socket.create_connection(('127.0.0.1', 3128), timeout=10)",
        "    s.sendall(raw.encode('latin-1'))",
        "    out = b''",
        "    while True:",
        "        b = s.recv(65536)",
        "        if not b: break",
        "        out += b",
        "    print(name, out.split(b'\\r\\n', 1)[0].decode())",
        "h = 'Host: " + a + "\\r\\nConnection: close\\r\\n'",
        "send('smuggle', 'POST http://" + a + "/a HTTP/1.1\\r\\n' + h + 'Content-Length: " + body.length()
            + "\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n' + " + pyString(body) + ")",
        "send('te', 'POST http://" + a + "/b HTTP/1.1\\r\\n' + h"
            + " + 'Transfer-Encoding: chunked, identity\\r\\n\\r\\n' + " + pyString(body) + ")",
        "send('apikey', 'GET http://" + a + "/c HTTP/1.1\\r\\n' + h + 'X-Api-Key: attacker\\r\\n\\r\\n')",
        "send('query', 'GET http://" + a + "/d?access_token=attacker HTTP/1.1\\r\\n' + h + '\\r\\n')",
        ""));
    try (Containment c = containment(policy())) {
      ToolResult r = sh(c, "/usr/bin/python3 hostile.py");
      assertThat(r.stdout()).as(r.stderr()).contains("smuggle HTTP/1.1 400", "te HTTP/1.1 400", "apikey HTTP/1.1 403",
          "query HTTP/1.1 403");
    }
    assertThat(origin.authorizations()).isEmpty();
    assertThat(Files.readString(tmp.resolve("audit.jsonl"))).contains("credential-foreign").doesNotContain(SECRET);
  }

  /** {@code s} as a Python string literal (CR and LF escaped). */
  private static String pyString(String s) {
    return "'" + s.replace("\r", "\\r").replace("\n", "\\n").replace("'", "\\'") + "'";
  }

  @Test
  void interceptionFromInsideWorksWithTheCaVariables() throws Exception {
    // an HTTPS origin with a self-signed certificate for secure.test, trusted by the proxy only
    TestTlsOrigin origin = TestTlsOrigin.create(tmp, "secure.test");
    TestHttpOrigin secure = TestHttpOrigin.https("secure", origin);
    int sport = secure.port();
    Policy p = policy(Policy.TlsMode.INTERCEPT, List.of("secure.test:" + sport), Map.of("secure.test", "127.0.0.1"),
        List.of());
    List<AuditEvent> events = new CopyOnWriteArrayList<>();
    try (EgressProxy proxy = EgressProxy.builder(p.network()).upstreamTrust(origin.trust()).events(events::add)
        .stateDirectory(tmp).start();
        IsolationBackend backend = new BubblewrapProvider().open(new IsolationSpec(p, tmp.toRealPath(),
            Path.of(System.getProperty("user.home")), Map.of("PATH", "/usr/local/bin:/usr/bin:/bin"), events::add,
            Optional.of(proxy)))) {
      String url = "https://secure.test:" + sport + "/";
      ExecResult r = backend.exec(ExecRequest.of(List.of("/bin/sh", "-c", "curl -sS --max-time 20 " + url
          + "; /usr/bin/python3 -c 'import urllib.request; print(urllib.request.urlopen(\"" + url
          + "\", timeout=20).read().decode().strip())'"), tmp.toRealPath()).withCallId("intercept-1"));
      assertThat(r.stdout()).as(r.stderr()).isEqualTo("hello from secure\nhello from secure\n");
    } finally {
      secure.close();
    }
    assertThat(events).filteredOn(e -> e.type().equals("egress.allow"))
        .anySatisfy(e -> assertThat(e.fields()).containsEntry("protocol", "https-intercepted"))
        .allSatisfy(e -> assertThat(e.callId()).isEqualTo("intercept-1"));
  }

  /**
   * From inside: h2 (curl's default over ALPN) and HTTP/1.1 on the intercepted path, and a SOCKS5 client of the
   * intercepted host (ALL_PROXY) intercepted too, each with the proxy's CA from the sandbox's variables.
   */
  @Test
  void http2AndSocksFromInsideAreIntercepted() throws Exception {
    TestTlsOrigin origin = TestTlsOrigin.create(tmp, "secure.test");
    TestHttpOrigin secure = TestHttpOrigin.https("secure", origin);
    int sport = secure.port();
    Policy p = policy(Policy.TlsMode.INTERCEPT, List.of("secure.test:" + sport), Map.of("secure.test", "127.0.0.1"),
        List.of());
    List<AuditEvent> events = new CopyOnWriteArrayList<>();
    try (EgressProxy proxy = EgressProxy.builder(p.network()).upstreamTrust(origin.trust()).events(events::add)
        .stateDirectory(tmp).start();
        IsolationBackend backend = new BubblewrapProvider().open(new IsolationSpec(p, tmp.toRealPath(),
            Path.of(System.getProperty("user.home")), Map.of("PATH", "/usr/local/bin:/usr/bin:/bin"), events::add,
            Optional.of(proxy)))) {
      String url = "https://secure.test:" + sport + "/";
      String curl = "curl -sS --max-time 20 -w '%{http_version}\\n' ";
      ExecResult r = backend.exec(ExecRequest.of(List.of("/bin/sh", "-c", curl + "--http2 " + url + "; " + curl
          + "--http1.1 " + url + "; " + curl + "--proxy \"$ALL_PROXY\" " + url), tmp.toRealPath())
          .withCallId("h2-socks"));
      assertThat(r.stdout()).as(r.stderr())
          .isEqualTo("hello from secure\n2\nhello from secure\n1.1\nhello from secure\n2\n");
    } finally {
      secure.close();
    }
    assertThat(events).filteredOn(e -> e.type().equals("egress.allow"))
        .extracting(e -> e.fields().get("protocol") + "/" + e.fields().getOrDefault("version", "1.1"))
        .contains("https-intercepted/h2", "https-intercepted/1.1");
  }

  @Test
  void everyCallOfASessionGetsItsOwnListenerAndItsOwnEvents() {
    String url = "http://origin.test:" + port() + "/";
    List<AuditEvent> events = new CopyOnWriteArrayList<>();
    try (Containment base = containment(policy());
        dev.containment4j.ContainmentSession s = base.onEvent(events::add).openSession()) {
      for (String id : List.of("first-call", "second-call")) {
        ToolResult r = s.run(ToolCall.command("curl", "-sS", "--max-time", "20", url).withId(id));
        assertThat(r.stdout()).as(r.stderr()).isEqualTo("hello from origin\n");
      }
    }
    assertThat(events).filteredOn(e -> e.type().equals("egress.allow")).extracting(AuditEvent::callId)
        .containsExactly("first-call", "second-call");
  }

  @Test
  void aCallThatHitsTheWallLimitLeavesTheNextOneWorking() {
    Policy p = policy();
    Policy.Limits l = p.isolation().limits();
    Policy shortWall = new Policy(p.source(), new Policy.Isolation(p.isolation().backend(),
        p.isolation().filesystem(), new Policy.Limits(Duration.ofSeconds(10), l.memoryMb(), l.pids(), l.outputBytes()),
        p.isolation().env(), p.isolation().backends()), p.network(), p.guard(), p.content(), p.trust(), p.audit());
    try (Containment c = containment(shortWall)) {
      ToolResult slow = sh(c, "curl -sS --max-time 20 http://origin.test:" + port() + "/; sleep 60");
      assertThat(slow.timedOut()).isTrue();
      assertThat(slow.stdout()).contains("hello from origin");
      ToolResult next = sh(c, "curl -sS --max-time 20 http://origin.test:" + port() + "/");
      assertThat(next.stdout()).as(next.stderr()).isEqualTo("hello from origin\n");
    }
  }

  /** The proxy's listener used as anything but a proxy ({@link ProxyListenerAbuse}) only refuses. */
  @Test
  @Tag("escape")
  void theProxyListenerUsedAsAnythingButAProxyOnlyRefuses() {
    try (Containment c = containment(policy())) {
      ProxyListenerAbuse.check(sh(c, ProxyListenerAbuse.script("http://origin.test:" + port() + "/")),
          "hello from origin");
    }
  }

  /** Host services around the proxy ({@link HostNetworkTargets}): nothing arrives, /proc/net shows none of them. */
  @Test
  @Tag("escape")
  void hostServicesAroundTheProxyAreUnreachableAndUnlisted() throws Exception {
    try (HostNetworkTargets targets = HostNetworkTargets.start(Path.of("target").toAbsolutePath());
        Containment c = containment(policy())) {
      targets.check(sh(c, targets.script()));
    }
  }

  @Test
  @Tag("escape")
  void theToolHoldsNoListenerAndCannotTakeTheProxyPortOver() {
    String py = String.join("\n",
        "import os, socket",
        "print('fds', sorted(int(f) for f in os.listdir('/proc/self/fd')))",
        "for opt in [None, socket.SO_REUSEADDR, socket.SO_REUSEPORT]:",
        "    s = socket.socket()",
        "    if opt: s.setsockopt(socket.SOL_SOCKET, opt, 1)",
        "    try: s.bind(('127.0.0.1', 3128)); s.listen(1); print('took-over', opt)",
        "    except OSError as e: print('in-use', opt, e.errno)",
        "try: socket.socket(socket.AF_UNIX); print('unix-socket')",
        "except PermissionError: print('no-unix')");
    try (Containment c = containment(policy())) {
      ToolResult r = sh(c, "exec /usr/bin/python3 -c \"$(cat <<'PY'\n" + py + "\nPY\n)\"");
      // 0-2 and the directory listing's own descriptor: no listening socket from the binder
      assertThat(r.stdout()).as(r.stderr()).contains("fds [0, 1, 2, 3]\n", "no-unix")
          .doesNotContain("took-over", "unix-socket");
      assertThat(r.stdout().lines().filter(l -> l.startsWith("in-use")).count()).isEqualTo(3);
    }
  }

  @Test
  void theSandboxListenerIsClosedWhenTheCallEnds() throws IOException {
    try (Containment c = containment(policy())) {
      assertThat(sh(c, "true").exitCode()).hasValue(0);
      long before = TestTlsOrigin.socketDescriptors();
      for (int i = 0; i < 8; i++) {
        assertThat(sh(c, "true").exitCode()).hasValue(0);
      }
      // each call adopted one listening socket; none of them is still open
      assertThat(TestTlsOrigin.socketDescriptors()).isLessThan(before + 3);
    }
  }
}
