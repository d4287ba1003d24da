/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import static dev.containment4j.egress.internal.ProxyClients.curl;
import static dev.containment4j.egress.internal.ProxyClients.network;
import static dev.containment4j.egress.internal.ProxyClients.raw;
import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.egress.EgressProxy;
import dev.containment4j.event.AuditEvent;
import dev.containment4j.policy.Policy;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Real traffic through the real proxy to origins on 127.0.0.1, addressed by names through network.hosts. */
@Tag("integration")
class ProxyTrafficIT {
  private TestOrigins.Origin alpha;
  private final ProxyClients.Events events = new ProxyClients.Events();
  private final List<AutoCloseable> closers = new ArrayList<>();

  @BeforeEach
  void origins() throws Exception {
    alpha = TestOrigins.http("alpha", InetAddress.getByName("127.0.0.1"), 0);
    closers.add(alpha);
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closers) {
      c.close();
    }
  }

  private EgressProxy proxy(Policy.Network network) {
    return proxy(EgressProxy.builder(network));
  }

  private EgressProxy proxy(EgressProxy.Builder b) {
    EgressProxy p = b.events(events).start();
    closers.add(0, p);
    return p;
  }

  private Policy.Network alphaOnly() {
    return network(List.of("alpha.test:" + alpha.port()), List.of(), Map.of("alpha.test", "127.0.0.1",
        "private.test", "10.1.2.3", "metadata.test", "169.254.169.254"), List.of("127.0.0.0/8"),
        Policy.TlsMode.PASSTHROUGH, List.of());
  }

  @Test
  void allowedNameWorksWithCurlOverHttpConnectAndSocks() throws Exception {
    ProxyClients.requireTool("curl");
    EgressProxy proxy = proxy(alphaOnly());
    String url = "http://alpha.test:" + alpha.port();

    var forward = curl(proxy, url + "/one", url + "/two");
    assertThat(forward.out()).contains("ok alpha /one", "ok alpha /two");
    assertThat(alpha.seen).hasSize(2);
    assertThat(alpha.seen.get(0).remotePort()).as("keep-alive: one upstream connection reused")
        .isEqualTo(alpha.seen.get(1).remotePort());
    assertThat(alpha.seen.get(0).header("Host")).isEqualTo("alpha.test:" + alpha.port());
    assertThat(alpha.seen.get(0).header("Proxy-Connection")).isNull();

    assertThat(curl(proxy, "--proxytunnel", url + "/tunnel").out()).contains("ok alpha /tunnel");
    var socks = ProxyClients.run(Map.of(), "curl", "-sS", "--max-time", "20", "--socks5-hostname",
        "127.0.0.1:" + proxy.address().getPort(), url + "/socks");
    assertThat(socks.out()).contains("ok alpha /socks");

    List<AuditEvent> allowed = events.await("egress.allow", 4);
    assertThat(allowed).extracting(e -> e.fields().get("protocol")).contains("http", "connect", "socks5");
    assertThat(allowed).allSatisfy(e -> {
      assertThat(e.fields()).containsEntry("host", "alpha.test").containsEntry("port", alpha.port())
          .containsEntry("address", "127.0.0.1").containsKeys("bytesUp", "bytesDown", "durationMs", "rule");
      assertThat((Long) e.fields().get("bytesDown")).isPositive();
    });
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrderOneAtATime() throws Exception {
    EgressProxy proxy = proxy(alphaOnly());
    String url = "http://alpha.test:" + alpha.port();
    // three requests in one write, the second with a body: each waits for the previous answer, none is refused
    String answers = raw(proxy, "GET " + url + "/first HTTP/1.1\r\nHost: alpha.test\r\n\r\n"
        + "POST " + url + "/second HTTP/1.1\r\nHost: alpha.test\r\nContent-Length: 5\r\n\r\nhello"
        + "GET " + url + "/third HTTP/1.1\r\nHost: alpha.test\r\nConnection: close\r\n\r\n");
    assertThat(answers.split("HTTP/1.1 200", -1)).hasSize(4);
    assertThat(answers).containsSubsequence("ok alpha /first", "ok alpha /second", "ok alpha /third");
    assertThat(alpha.seen).extracting(TestOrigins.Seen::path).containsExactly("/first", "/second", "/third");
    assertThat(alpha.seen.get(1).bodyBytes()).isEqualTo(5);
    assertThat(events.await("egress.allow", 3)).hasSize(3);
  }

  @Test
  void bulkTransfersKeepFlowingUnderBackpressure() throws Exception {
    ProxyClients.requireTool("curl");
    EgressProxy proxy = proxy(alphaOnly());
    String url = "http://alpha.test:" + alpha.port() + "/big?n=" + (200L << 20);
    for (String[] mode : new String[][] {{"--proxytunnel"}, {"--no-buffer"}}) {
      var r = ProxyClients.run(Map.of(), "curl", "-sS", "--max-time", "60", "-o", "/dev/null", "-w", "%{size_download}",
          "-x", "http://127.0.0.1:" + proxy.address().getPort(), mode[0], url);
      assertThat(r.out()).as(r.err()).isEqualTo(Long.toString(200L << 20));
    }
    // a reader that pauses: the proxy stops reading upstream instead of buffering, then resumes
    var slow = ProxyClients.run(Map.of(), "curl", "-sS", "--max-time", "60", "--limit-rate", "20M", "-o", "/dev/null",
        "-w", "%{size_download}", "--socks5-hostname", "127.0.0.1:" + proxy.address().getPort(),
        "http://alpha.test:" + alpha.port() + "/big?n=" + (30L << 20));
    assertThat(slow.out()).as(slow.err()).isEqualTo(Long.toString(30L << 20));
  }

  @Test
  void allowedNameWorksWithPythonAndJavaClients() throws Exception {
    ProxyClients.requireTool("python3");
    EgressProxy proxy = proxy(alphaOnly());
    String url = "http://alpha.test:" + alpha.port();
    var py = ProxyClients.run(proxy.environment(), "python3", "-c",
        "import urllib.request; print(urllib.request.urlopen('" + url + "/py', timeout=20).read().decode())");
    assertThat(py.out()).as(py.err()).contains("ok alpha /py");

    HttpClient java = HttpClient.newBuilder()
        .proxy(ProxySelector.of(new InetSocketAddress("127.0.0.1", proxy.address().getPort())))
        .connectTimeout(Duration.ofSeconds(10)).build();
    HttpResponse<String> r = java.send(HttpRequest.newBuilder(URI.create(url + "/java")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("ok alpha /java");
    HttpResponse<String> post = java.send(HttpRequest.newBuilder(URI.create(url + "/post"))
        .POST(HttpRequest.BodyPublishers.ofString("x".repeat(300_000))).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(200);
    assertThat(alpha.seen.stream().filter(s -> s.path().equals("/post")).findFirst().orElseThrow().bodyBytes())
        .isEqualTo(300_000);
  }

  @Test
  void refusesDeniedNamesIpLiteralsOtherPortsAndPrivateAddressesWithAReason() throws Exception {
    ProxyClients.requireTool("curl");
    Policy.Network n = network(List.of("alpha.test:" + alpha.port(), "private.test", "metadata.test",
        "loop.test:" + alpha.port(), "*.example.test"), List.of("evil.example.test"),
        Map.of("alpha.test", "127.0.0.1", "private.test", "10.1.2.3", "metadata.test", "169.254.169.254",
            "loop.test", "127.0.0.1"), List.of(), Policy.TlsMode.PASSTHROUGH, List.of());
    EgressProxy proxy = proxy(n);

    var notAllowed = curl(proxy, "http://other.test:" + alpha.port() + "/");
    assertThat(notAllowed.out()).startsWith("HTTP/1.1 403").contains("X-Containment-Deny: not-allowed")
        .contains("fix: add 'other.test:" + alpha.port() + "' to network.allow");
    assertThat(curl(proxy, "http://evil.example.test/").out()).startsWith("HTTP/1.1 403")
        .contains("network.deny");
    assertThat(curl(proxy, "http://127.0.0.1:" + alpha.port() + "/").out()).contains("X-Containment-Deny: ip-literal");
    assertThat(curl(proxy, "http://2130706433:" + alpha.port() + "/").out()).contains("ip-literal");
    assertThat(curl(proxy, "http://alpha.test:" + (alpha.port() == 1 ? 2 : 1) + "/").out())
        .contains("port-not-allowed");
    assertThat(curl(proxy, "http://private.test/").out()).startsWith("HTTP/1.1 403")
        .contains("private-address").contains("10.1.2.3");
    assertThat(curl(proxy, "http://metadata.test/").out()).contains("private-address").contains("metadata");
    // blockPrivateAddresses without allowPrivate: a name pointing at loopback is refused
    assertThat(curl(proxy, "http://loop.test:" + alpha.port() + "/").out()).contains("private-address")
        .contains("loopback");
    assertThat(curl(proxy, "--proxytunnel", "http://other.test:" + alpha.port() + "/").err())
        .contains("403");
    assertThat(alpha.seen).isEmpty();
    assertThat(events.of("egress.deny")).hasSizeGreaterThanOrEqualTo(8)
        .allSatisfy(e -> assertThat(e.fields()).containsKeys("host", "port", "reason", "rule"));
  }

  @Test
  void rebindingCannotRedirectAConnection() throws Exception {
    ProxyClients.requireTool("curl");
    // the allowed origin on 127.0.0.2; a "secret" service on 127.0.0.1 at the same port
    TestOrigins.Origin good;
    TestOrigins.Origin secret;
    try {
      good = TestOrigins.http("good", InetAddress.getByName("127.0.0.2"), 0);
      secret = TestOrigins.http("secret", InetAddress.getByName("127.0.0.1"), good.port());
    } catch (java.net.BindException e) {
      org.junit.jupiter.api.Assumptions.abort("cannot bind 127.0.0.2 and 127.0.0.1 to one port here");
      return;
    }
    closers.add(good);
    closers.add(secret);
    AtomicInteger lookups = new AtomicInteger();
    EgressProxy proxy = proxy(EgressProxy.builder(network(List.of("rebind.test:" + good.port()), List.of(), Map.of(),
        List.of("127.0.0.2/32"), Policy.TlsMode.PASSTHROUGH, List.of())).resolver(name -> {
          // first answer passes the check, every later one points at the secret service
          int n = lookups.incrementAndGet();
          return List.of(InetAddress.getByName(n == 1 ? "127.0.0.2" : "127.0.0.1"));
        }));
    String url = "http://rebind.test:" + good.port();
    assertThat(curl(proxy, url + "/first").out()).contains("ok good /first");
    assertThat(lookups).as("one lookup per connection: the checked address is dialed").hasValue(1);
    assertThat(curl(proxy, url + "/second").out()).contains("private-address");
    assertThat(curl(proxy, "--proxytunnel", url + "/third").err()).contains("403");
    assertThat(secret.seen).isEmpty();
  }

  @Test
  void malformedRequestsAreRefusedCleanly() throws Exception {
    EgressProxy proxy = proxy(alphaOnly());
    assertThat(raw(proxy, "CONNECT nonsense HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400");
    assertThat(raw(proxy, "CONNECT alpha.test HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400");
    assertThat(raw(proxy, "CONNECT evil.test@alpha.test:" + alpha.port() + " HTTP/1.1\r\n\r\n"))
        .startsWith("HTTP/1.1 400");
    assertThat(raw(proxy, "CONNECT alpha.test%00.evil:443 HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400");
    assertThat(raw(proxy, "CONNECT alpha.test:99999 HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400");
    assertThat(raw(proxy, "GET / HTTP/1.1\r\nHost: alpha.test\r\n\r\n")).startsWith("HTTP/1.1 400");
    assertThat(raw(proxy, "GET http://user:pw@alpha.test:" + alpha.port() + "/ HTTP/1.1\r\n\r\n"))
        .startsWith("HTTP/1.1 400");
    assertThat(raw(proxy, "TRACE http://alpha.test:" + alpha.port() + "/ HTTP/1.1\r\n\r\n"))
        .startsWith("HTTP/1.1 405");
    assertThat(raw(proxy, "\u0004\u0001\u0000\u0050\u007f\u0000\u0000\u0001\u0000")).isEmpty(); // SOCKS4
    assertThat(raw(proxy, "garbage\r\n\r\n")).startsWith("HTTP/1.1 400");
    String longHeader = "GET http://alpha.test:" + alpha.port() + "/ HTTP/1.1\r\nX-Big: " + "a".repeat(64 * 1024)
        + "\r\n\r\n";
    assertThat(raw(proxy, longHeader)).startsWith("HTTP/1.1 431");
    String longLine = "GET http://alpha.test:" + alpha.port() + "/" + "a".repeat(20_000) + " HTTP/1.1\r\n\r\n";
    assertThat(raw(proxy, longLine)).startsWith("HTTP/1.1 414");
    assertThat(raw(proxy, "GET http://alpha.test:" + alpha.port() + "/fine HTTP/1.1\r\nConnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 200").contains("ok alpha /fine");
    assertThat(alpha.seen).hasSize(1);
  }

  @Test
  void slowlorisIsCutOffWhileOthersAreServed() throws Exception {
    EgressProxy proxy = proxy(EgressProxy.builder(alphaOnly())
        .limits(64, 16, Duration.ofMillis(800), Duration.ofSeconds(30)));
    try (Socket slow = ProxyClients.connect(proxy); Socket silent = ProxyClients.connect(proxy)) {
      OutputStream out = slow.getOutputStream();
      out.write(("GET http://alpha.test:" + alpha.port() + "/ HTTP/1.1\r\n").getBytes(StandardCharsets.US_ASCII));
      long start = System.nanoTime();
      boolean closed = false;
      for (int i = 0; i < 40 && !closed; i++) {
        assertThat(raw(proxy, "GET http://alpha.test:" + alpha.port() + "/meanwhile HTTP/1.1\r\n"
            + "Connection: close\r\n\r\n")).as("other clients are served").startsWith("HTTP/1.1 200");
        try {
          out.write("X-a: b\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          slow.setSoTimeout(100);
          closed = slow.getInputStream().read() < 0;
        } catch (java.net.SocketTimeoutException e) {
          closed = false;
        } catch (java.io.IOException e) {
          closed = true;
        }
      }
      assertThat(closed).as("slow header sender disconnected").isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      silent.setSoTimeout(5000);
      assertThat(silent.getInputStream().read()).as("a client that never sends is closed too").isEqualTo(-1);
    }
  }

  @Test
  void aFloodOfTunnelsIsCappedWithoutHurtingOpenOnes() throws Exception {
    EgressProxy proxy = proxy(EgressProxy.builder(alphaOnly())
        .limits(64, 4, Duration.ofSeconds(5), Duration.ofSeconds(30)));
    List<Socket> tunnels = new ArrayList<>();
    try {
      for (int i = 0; i < 4; i++) {
        Socket s = ProxyClients.connect(proxy);
        tunnels.add(s);
        s.getOutputStream().write(("CONNECT alpha.test:" + alpha.port() + " HTTP/1.1\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        assertThat(ProxyClients.readHead(s)).startsWith("HTTP/1.1 200");
      }
      for (int i = 0; i < 10; i++) {
        String refused = raw(proxy, "CONNECT alpha.test:" + alpha.port() + " HTTP/1.1\r\n\r\n");
        assertThat(refused).startsWith("HTTP/1.1 503").contains("too-many-tunnels");
      }
      // the open tunnels still carry traffic
      for (Socket s : tunnels) {
        s.getOutputStream().write(("GET /inside HTTP/1.1\r\nHost: alpha.test\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        String head = ProxyClients.readHead(s);
        assertThat(head).startsWith("HTTP/1.1 200");
        int len = Integer.parseInt(head.replaceAll("(?s).*[Cc]ontent-[Ll]ength: (\\d+).*", "$1"));
        new DataInputStream(s.getInputStream()).readFully(new byte[len]);
      }
      tunnels.remove(0).close();
      boolean served = false;
      for (int i = 0; i < 50 && !served; i++) {
        served = raw(proxy, "CONNECT alpha.test:" + alpha.port() + " HTTP/1.1\r\n\r\n").startsWith("HTTP/1.1 200");
        if (!served) {
          Thread.sleep(50);
        }
      }
      assertThat(served).as("a freed slot is usable again").isTrue();
    } finally {
      for (Socket s : tunnels) {
        s.close();
      }
    }
  }

  @Test
  void socksRepliesCarryTheRightCodes() throws Exception {
    Policy.Network n = network(List.of("alpha.test:" + alpha.port(), "nx.test", "closed.test:1"), List.of(),
        Map.of("alpha.test", "127.0.0.1", "closed.test", "127.0.0.1"), List.of("127.0.0.0/8"),
        Policy.TlsMode.PASSTHROUGH, List.of());
    EgressProxy proxy = proxy(EgressProxy.builder(n).resolver(name -> {
      throw new UnknownHostException(name);
    }));
    assertThat(socks(proxy, 1, "alpha.test", alpha.port())).isEqualTo(0x00);
    assertThat(socks(proxy, 1, "denied.test", 443)).isEqualTo(0x02);
    assertThat(socks(proxy, 1, "nx.test", 443)).isEqualTo(0x04);
    assertThat(socks(proxy, 1, "closed.test", 1)).isEqualTo(0x05);
    assertThat(socks(proxy, 2, "alpha.test", alpha.port())).as("BIND").isEqualTo(0x07);
    assertThat(socks(proxy, 3, "alpha.test", alpha.port())).as("UDP ASSOCIATE").isEqualTo(0x07);
    assertThat(socks(proxy, 1, "bad_name.test", 443)).isEqualTo(0x08);
    assertThat(events.of("egress.deny")).extracting(e -> e.fields().get("protocol")).containsOnly("socks5");
  }

  /** One SOCKS5 no-auth handshake and command; returns the reply code. */
  private static int socks(EgressProxy proxy, int command, String host, int port) throws Exception {
    try (Socket s = ProxyClients.connect(proxy)) {
      OutputStream out = s.getOutputStream();
      DataInputStream in = new DataInputStream(s.getInputStream());
      out.write(new byte[] {5, 1, 0});
      byte[] method = new byte[2];
      in.readFully(method);
      assertThat(method).containsExactly(5, 0);
      byte[] name = host.getBytes(StandardCharsets.US_ASCII);
      byte[] req = new byte[7 + name.length];
      req[0] = 5;
      req[1] = (byte) command;
      req[3] = 3;
      req[4] = (byte) name.length;
      System.arraycopy(name, 0, req, 5, name.length);
      req[5 + name.length] = (byte) (port >> 8);
      req[6 + name.length] = (byte) port;
      out.write(req);
      byte[] reply = new byte[2];
      in.readFully(reply);
      return reply[1];
    }
  }
}
