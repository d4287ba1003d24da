/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.Containment;
import dev.containment4j.ContainmentSession;
import dev.containment4j.ExecResult;
import dev.containment4j.Layer;
import dev.containment4j.ToolCall;
import dev.containment4j.ToolResult;
import dev.containment4j.Verdict;
import dev.containment4j.egress.EgressProxy;
import dev.containment4j.event.AuditEvent;
import dev.containment4j.guard.FilterResult;
import dev.containment4j.isolation.gvisor.internal.GvisorBackend;
import dev.containment4j.policy.Policy;
import dev.containment4j.policy.Secret;
import dev.containment4j.spi.ExecRequest;
import dev.containment4j.spi.IsolationBackend;
import dev.containment4j.spi.IsolationSpec;
import dev.containment4j.testing.EnabledIfGvisor;
import dev.containment4j.testing.NoNetworkProbe;
import dev.containment4j.testing.HostNetworkTargets;
import dev.containment4j.testing.ProxyListenerAbuse;
import dev.containment4j.testing.TestHttpOrigin;
import dev.containment4j.testing.TestTlsOrigin;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code network.mode: proxy} with real runsc and the real egress proxy: each sandbox runs with
 * {@code --network=host} inside a network namespace of its own that holds only {@code lo} and the proxy's listener.
 * Origins listen on the host's 127.0.0.1 and are named through {@code network.hosts}. Needs root (rootless sandboxes
 * keep no network; {@code SandboxPlannerTest} covers that note).
 */
@EnabledIfGvisor
@Tag("integration")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GvisorEgressIT {
  private TestHttpOrigin origin;
  private TestHttpOrigin other;
  private GvisorFixture fx;

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

  @BeforeEach
  void fixture() throws IOException {
    fx = GvisorFixture.create();
  }

  @AfterEach
  void cleanup() {
    fx.delete();
  }

  private int port() {
    return origin.port();
  }

  private Policy policy(int poolSize, Policy.TlsMode tls, List<String> allow, Map<String, String> hosts) {
    Policy base = fx.policy(poolSize);
    return new Policy("gvisor-egress-it", base.isolation(),
        new Policy.Network(Policy.NetworkMode.PROXY, allow, List.of(), true, tls, hosts, List.of("127.0.0.0/8"),
            List.of()),
        base.guard(), base.content(), base.trust(), base.audit());
  }

  private Policy policy(int poolSize) {
    return policy(poolSize, Policy.TlsMode.PASSTHROUGH,
        List.of("origin.test:" + port(), "other.test:" + other.port()),
        Map.of("origin.test", "127.0.0.1", "other.test", "127.0.0.1"));
  }

  private Containment containment(Policy p) {
    return Containment.with(p).withWorkdir(fx.workdir)
        .withGuard((call, ctx) -> Verdict.allow(Layer.GUARD, "", "", "test"))
        .withFilter((text, ctx) -> FilterResult.pass(text));
  }

  private static ToolCall sh(String script) {
    return ToolCall.command("/bin/sh", "-c", script);
  }

  @Test
  void curlAndPythonReachAnAllowedNameThroughTheProxy() {
    String url = "http://origin.test:" + port() + "/";
    String otherUrl = "http://other.test:" + other.port() + "/";
    List<AuditEvent> events = new CopyOnWriteArrayList<>();
    try (Containment base = containment(policy(0))) {
      Containment c = base.onEvent(events::add);
      ToolResult r = c.run(sh("echo \"$HTTP_PROXY\"; curl -sS --max-time 20 " + url
          + "; curl -sS --max-time 20 -x \"$ALL_PROXY\" " + otherUrl
          + "; python3 -c 'import urllib.request; print(urllib.request.urlopen(\"" + url
          + "\", timeout=20).read().decode().strip())'"));
      assertThat(r.exitCode()).as(r.stdout() + r.stderr()).hasValue(0);
      assertThat(r.stdout()).startsWith("http://127.0.0.1:3128\n");
      assertThat(r.stdout().lines().filter(l -> l.equals("hello from origin")).count()).as(r.stdout())
          .isEqualTo(2);
      assertThat(r.stdout()).contains("hello from other");
      assertThat(r.isolation().notes()).anyMatch(n -> n.contains("egress proxy at 127.0.0.1:3128"));
      assertThat(r.isolation().limits()).anySatisfy(l -> assertThat(l.name() + "=" + l.value())
          .isEqualTo("network=proxy"));
    }
    List<AuditEvent> egress = events.stream().filter(e -> e.type().startsWith("egress.")).toList();
    assertThat(egress).hasSizeGreaterThanOrEqualTo(3).allSatisfy(e -> {
      assertThat(e.type()).isEqualTo("egress.allow");
      assertThat(e.fields().get("host")).isIn("origin.test", "other.test");
    });
    // this call's connections carry this call's id
    assertThat(callIds(events)).hasSize(1);
    String callId = callIds(events).get(0);
    assertThat(egress).allSatisfy(e -> assertThat(e.callId()).isEqualTo(callId));
    assertThat(egress).anySatisfy(e -> assertThat(e.fields()).containsEntry("protocol", "socks5")
        .containsEntry("host", "other.test"));
  }

  @Test
  void deniedNamesGet403AndThereIsNoDnsNoRouteAndNoDirectConnection() {
    List<AuditEvent> events = new CopyOnWriteArrayList<>();
    try (Containment base = containment(policy(0))) {
      Containment c = base.onEvent(events::add);
      ToolResult r = c.run(sh("curl -sS --max-time 20 -o /dev/null -w '%{http_code}\\n' http://evil.test/"
          + "; curl -sS --max-time 20 -o /dev/null -w '%{http_code}\\n' http://127.0.0.1:" + port() + "/"
          + "; curl -sS --max-time 20 -o /dev/null -w '%{http_code}\\n' http://origin.test:1/"
          + "; curl -sS --max-time 20 -x \"$ALL_PROXY\" http://evil.test/; echo socks=$?"
          + "; curl -sS --noproxy '*' --max-time 5 http://127.0.0.1:" + port() + "/; echo direct=$?"
          + "; " + NoNetworkProbe.command(port()) + "; sed -n '3,$s/:.*//p' /proc/net/dev"));
      assertThat(r.stdout()).as(r.stderr()).startsWith("403\n403\n403\n").contains("socks=97", "direct=7")
          .doesNotContain("hello from");
      NoNetworkProbe.assertNothingGotOut(r.stdout(), r.stderr());
      // the only interface is lo (/proc/net/dev: two header lines, then "    lo: counters"; busybox is not on every host)
      assertThat(r.stdout().lines().filter(l -> l.startsWith(" ")).map(String::strip).toList())
          .containsExactly("lo");
    }
    assertThat(events.stream().filter(e -> e.type().equals("egress.deny")).map(e -> e.fields().get("reason")))
        .contains("not-allowed", "ip-literal", "port-not-allowed");
  }

  @Test
  void aPooledSessionsCallsEachReachTheProxyWithTheirOwnCallIdAndLeaveNothingBehind() throws Exception {
    String url = "http://origin.test:" + port() + "/";
    List<AuditEvent> events = new CopyOnWriteArrayList<>();
    long socketsBefore = TestTlsOrigin.socketDescriptors();
    Set<Long> binders;
    Set<String> namespaces;
    try (Containment base = containment(policy(1))) {
      Containment c = base.onEvent(events::add);
      try (ContainmentSession s = c.openSession()) {
        ToolResult first = s.run(sh("curl -sS --max-time 20 " + url + "; echo state > /tmp/kept"));
        ToolResult second = s.run(sh("cat /tmp/kept; python3 -c 'import urllib.request; print(urllib.request"
            + ".urlopen(\"" + url + "\", timeout=20).read().decode().strip())'"));
        assertThat(first.stdout()).as(first.stderr()).isEqualTo("hello from origin\n");
        assertThat(second.stdout()).as(second.stderr()).isEqualTo("state\nhello from origin\n");
        binders = binders();
        assertThat(binders).isNotEmpty();
        namespaces = binders.stream().map(GvisorEgressIT::netns).collect(Collectors.toSet());
        // the sandbox's processes (runsc's sandbox and gofer) share the binder's namespace, not the host's
        assertThat(namespaces).doesNotContain(netns(ProcessHandle.current().pid()));
        assertThat(processesIn(namespaces)).hasSizeGreaterThan(binders.size());
      }
    }
    List<String> ids = events.stream().filter(e -> e.type().equals("egress.allow")).map(AuditEvent::callId)
        .toList();
    assertThat(ids).containsExactlyElementsOf(callIds(events)).doesNotHaveDuplicates();
    // closing the Containment waited for the sandbox deletes: no binder, no process in those namespaces, no socket
    assertThat(binders).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive))
        .isEmpty());
    assertThat(processesIn(namespaces)).isEmpty();
    assertThat(TestTlsOrigin.socketDescriptors()).isLessThanOrEqualTo(socketsBefore + 2);
  }

  @Test
  void aKilledJvmsBindersExitByThemselvesAndItsSandboxesAreReaped() throws Exception {
    Process child = null;
    try {
      String java = ProcessHandle.current().info().command().orElse("java");
      child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ReaperChild.class.getName(),
          fx.root.toString(), "proxy").redirectError(ProcessBuilder.Redirect.DISCARD).start();
      BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
      String line;
      Path inst = null;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("READY ")) {
          inst = Path.of(line.substring(6));
          break;
        }
      }
      assertThat(inst).as("child JVM opened a backend in proxy mode").isNotNull();
      List<ProcessHandle> binders = ProcessHandle.of(child.pid()).orElseThrow().children()
          .filter(ph -> ph.info().commandLine().orElse("").contains("containment-gvisor-netns")).toList();
      assertThat(binders).as("the session's and the pooled sandbox's binders").hasSize(2);
      Set<String> namespaces = binders.stream().map(ph -> netns(ph.pid())).collect(Collectors.toSet());

      child.destroyForcibly();
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      // their standard input closed with the JVM
      for (ProcessHandle b : binders) {
        b.onExit().get(10, TimeUnit.SECONDS);
      }
      assertThat(processesIn(namespaces)).as("the orphaned sandboxes still hold the namespaces").isNotEmpty();
      GvisorFixture other = GvisorFixture.create();
      // opening the next backend runs the reaper
      try (GvisorBackend next = (GvisorBackend) new GvisorBackendProvider().open(other.spec(
          other.policy(0, fx.stateDir)))) {
        assertThat(next).isNotNull();
        assertThat(processesIn(namespaces)).isEmpty();
        assertThat(inst).doesNotExist();
      } finally {
        other.delete();
      }
    } finally {
      if (child != null) {
        child.destroyForcibly();
      }
    }
  }

  @Test
  void interceptionWorksInsideWithTheCaVariables() throws Exception {
    TestTlsOrigin tls = TestTlsOrigin.create(fx.root, "secure.test");
    TestHttpOrigin secure = TestHttpOrigin.https("secure", tls);
    int sport = secure.port();
    Policy p = policy(0, Policy.TlsMode.INTERCEPT, List.of("secure.test:" + sport), Map.of("secure.test",
        "127.0.0.1"));
    List<AuditEvent> events = new CopyOnWriteArrayList<>();
    // the proxy's state directory (CA certificate, trust stores) under the system /tmp: hidden by the sandbox's
    // private /tmp unless the backend binds it
    Path caDir = Files.createTempDirectory("gvisor-egress-ca");
    try (EgressProxy proxy = EgressProxy.builder(p.network()).upstreamTrust(tls.trust()).events(events::add)
        .stateDirectory(caDir).start();
        IsolationBackend backend = new GvisorBackendProvider().open(new IsolationSpec(p, fx.workdir, fx.home,
            Map.of("PATH", "/usr/local/bin:/usr/bin:/bin"), events::add, Optional.of(proxy)))) {
      String url = "https://secure.test:" + sport + "/";
      ExecResult r = backend.exec(ExecRequest.of(List.of("/bin/sh", "-c", "test -r \"$SSL_CERT_FILE\" && echo ca-ok"
          + "; curl -sS --max-time 30 " + url), fx.workdir).withCallId("intercept-1"));
      assertThat(r.stdout()).as(r.stderr()).isEqualTo("ca-ok\nhello from secure\n");
    } finally {
      secure.close();
      deleteTree(caDir);
    }
    assertThat(events).filteredOn(e -> e.type().equals("egress.allow"))
        .anySatisfy(e -> assertThat(e.fields()).containsEntry("protocol", "https-intercepted"))
        .allSatisfy(e -> assertThat(e.callId()).isEqualTo("intercept-1"));
  }

  /**
   * A hostile client inside gVisor, speaking raw HTTP to the proxy's listener through the Sentry's host sockets: the
   * smuggling cases of {@code HostileClientsIT} (a request with the attacker's key hidden behind framing two parsers
   * could read differently) and a foreign key in other credential places, to a host with a bound credential. Only
   * the placeholder request gets through, carrying the bound secret.
   */
  /** Host services around the proxy ({@link HostNetworkTargets}): nothing arrives, /proc/net shows none of them. */
  @Test
  @Tag("escape")
  void hostServicesAroundTheProxyAreUnreachableAndUnlisted() throws Exception {
    try (HostNetworkTargets targets = HostNetworkTargets.start(Path.of("target").toAbsolutePath());
        Containment c = containment(policy(0))) {
      targets.check(c.run(sh(targets.script())));
    }
  }

  /** The proxy's listener used as anything but a proxy ({@link ProxyListenerAbuse}) only refuses. */
  @Test
  @Tag("escape")
  void theProxyListenerUsedAsAnythingButAProxyOnlyRefuses() {
    try (Containment c = containment(policy(0))) {
      ProxyListenerAbuse.check(c.run(sh(ProxyListenerAbuse.script("http://origin.test:" + port() + "/"))),
          "hello from origin");
    }
  }

  @Test
  void hostileRawRequestsFromInsideNeverCarryAForeignKeyToTheOrigin() throws IOException {
    String secret = "ghp_gvisorRealSecret0123456789abcdef";
    origin.authorizations().clear();
    Policy base = policy(0);
    Policy.Network n = base.network();
    Policy p = new Policy(base.source(), base.isolation(), new Policy.Network(n.mode(), n.allow(), n.deny(),
        n.blockPrivateAddresses(), n.tls(), n.hosts(), n.allowPrivate(), List.of(new Policy.Credential("origin.test",
            "Authorization", Secret.of("Bearer " + secret, "test"), "GITHUB_TOKEN"))),
        base.guard(), base.content(), base.trust(), base.audit());
    String a = "origin.test:" + port();
    String smuggled = "GET http://" + a + "/smuggled HTTP/1.1\\r\\nHost: " + a
        + "\\r\\nAuthorization: Bearer attacker\\r\\n\\r\\n";
    String chunked = "0\\r\\n\\r\\n" + smuggled;
    String py = String.join("\n",
        "import os, socket",
        "def send(name, head, body=''):",
        "    s = socket.create_connection(('127.0.0.1', 3128), timeout=10)",
        "    s.sendall(('POST http://" + a + "/' + name + ' HTTP/1.1\\r\\nHost: " + a
            + "\\r\\nConnection: close\\r\\n' + head + '\\r\\n' + body).encode('latin-1'))",
        "    out = b''",
        "    while True:",
        "        b = s.recv(65536)",
        "        if not b: break",
        "        out += b",
        "    print(name, out.split(b'\\r\\n', 1)[0].decode())",
        "c = '" + chunked + "'",
        "m = '" + smuggled + "'",
        "send('cl-te', 'Content-Length: %d\\r\\nTransfer-Encoding: chunked\\r\\n' % len(c), c)",
        "send('te-cl', 'Transfer-Encoding: chunked\\r\\nContent-Length: 4\\r\\n', c)",
        "send('te-chunked-identity', 'Transfer-Encoding: chunked, identity\\r\\n', c)",
        "send('te-xchunked', 'Transfer-Encoding: xchunked\\r\\n', c)",
        "send('te-twice', 'Transfer-Encoding: chunked\\r\\nTransfer-Encoding: identity\\r\\n', c)",
        "send('te-folded', 'Transfer-Encoding: identity\\r\\n chunked\\r\\n', c)",
        "send('cl-twice-differ', 'Content-Length: 0\\r\\nContent-Length: %d\\r\\n' % len(m), m)",
        "send('cl-plus', 'Content-Length: +5\\r\\n', 'hello' + m)",
        "send('cr-in-value', 'X-A: a\\rTransfer-Encoding: chunked\\r\\nContent-Length: 0\\r\\n', c)",
        "send('auth-folded', 'Authorization: Bearer\\r\\n attacker\\r\\nContent-Length: 0\\r\\n')",
        "send('auth-upper', 'AUTHORIZATION: Bearer attacker\\r\\nContent-Length: 0\\r\\n')",
        "send('apikey', 'X-Api-Key: attacker\\r\\nContent-Length: 0\\r\\n')",
        "send('placeholder', 'Authorization: Bearer ' + os.environ['GITHUB_TOKEN'] + '\\r\\nContent-Length: 0\\r\\n')",
        "");
    Files.writeString(fx.workdir.resolve("hostile.py"), py);
    try (Containment c = containment(p)) {
      ToolResult r = c.run(sh("python3 hostile.py"));
      assertThat(r.exitCode()).as(r.stdout() + r.stderr()).hasValue(0);
      for (String framing : List.of("cl-te", "te-cl", "te-chunked-identity", "te-xchunked", "te-twice", "te-folded",
          "cl-twice-differ", "cl-plus", "cr-in-value")) {
        assertThat(r.stdout()).contains(framing + " HTTP/1.1 400");
      }
      assertThat(r.stdout()).containsPattern("auth-folded HTTP/1.1 40[03]")
          .contains("auth-upper HTTP/1.1 403", "apikey HTTP/1.1 403", "placeholder HTTP/1.1 200")
          .doesNotContain(secret);
    }
    // the one request that reached the origin is the placeholder's, with the bound secret swapped in
    assertThat(origin.authorizations()).containsExactly("Bearer " + secret);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** The ids of the calls the engine ran, in order. */
  private static List<String> callIds(List<AuditEvent> events) {
    return events.stream().filter(e -> e.type().equals("sandbox.start") && e.fields().containsKey("argv0"))
        .map(AuditEvent::callId).toList();
  }

  /** The JVM's live network namespace binders. */
  private static Set<Long> binders() {
    return ProcessHandle.current().children().filter(ph -> ph.info().commandLine().orElse("")
        .contains("containment-gvisor-netns")).map(ProcessHandle::pid).collect(Collectors.toSet());
  }

  private static String netns(long pid) {
    try {
      return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "net")).toString();
    } catch (IOException e) {
      return "gone";
    }
  }

  /** Every process (but the test JVM) whose network namespace is one of {@code namespaces}. */
  private static List<Long> processesIn(Set<String> namespaces) {
    long self = ProcessHandle.current().pid();
    return ProcessHandle.allProcesses().map(ProcessHandle::pid).filter(pid -> pid != self)
        .filter(pid -> namespaces.contains(netns(pid))).toList();
  }
}
