/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import static dev.containment4j.egress.internal.ProxyClients.curl;
import static dev.containment4j.egress.internal.ProxyClients.network;
import static dev.containment4j.egress.internal.ProxyClients.raw;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.containment4j.egress.EgressProxy;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.EgressGateway;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Session 11's sweep through the proxy: every way of naming the host's loopback (and names that lead there) that a
 * sandboxed client could try, over absolute-form HTTP, CONNECT, SOCKS5 (domain, IPv4 and IPv6 address types) and
 * SOCKS4/4a. Judged on the host: "secret" services listen on {@code 127.0.0.1} and {@code ::1} and count every
 * connection; none may arrive.
 */
@Tag("integration")
@Tag("escape")
class ForbiddenTargetsIT {
  /** Loopback and unspecified addresses spelt every way a URL parser, inet_aton or a SOCKS client accepts. */
  private static final List<String> LOOPBACK_SPELLINGS = List.of("127.0.0.1", "127.1", "127.0.1", "2130706433",
      "0x7f000001", "0x7f.0.0.1", "017700000001", "0177.0.0.1", "0.0.0.0", "0", "127.000.000.001", "[::1]",
      "[0:0:0:0:0:0:0:1]", "[::ffff:127.0.0.1]", "[0:0:0:0:0:ffff:7f00:1]", "[::ffff:7f00:1]", "[::127.0.0.1]",
      "[::]", "[64:ff9b::7f00:1]", "[2002:7f00:1::]", "localhost", "localhost.", "LOCALHOST", "LocalHost.",
      "\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54", "ip6-localhost", "ip6-loopback",
      "localhost.localdomain");

  private Counting secret4;
  private Counting secret6;
  private TestOrigins.Origin alpha;
  private final ProxyClients.Events events = new ProxyClients.Events();
  private final List<AutoCloseable> closers = new ArrayList<>();

  @BeforeEach
  void listeners() throws Exception {
    secret4 = Counting.on(InetAddress.getByName("127.0.0.1"), 0);
    closers.add(secret4);
    try {
      secret6 = Counting.on(InetAddress.getByName("::1"), secret4.port());
    } catch (IOException e) {
      secret6 = Counting.on(InetAddress.getByName("::1"), 0);
    }
    closers.add(secret6);
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
    EgressProxy p = EgressProxy.builder(network).events(events).start();
    closers.add(0, p);
    return p;
  }

  private int port() {
    return secret4.port();
  }

  /**
   * A policy that names the loopback's host names (as a careless author, or an {@code /etc/hosts} entry, would) and
   * leaves {@code blockPrivateAddresses} on without exemptions: every spelling is refused by name, by IP literal or
   * by the address it resolves to, on every protocol.
   */
  @Test
  void everySpellingOfTheLoopbackIsRefusedOnEveryProtocol() throws Exception {
    List<String> allow = new ArrayList<>();
    for (String name : List.of("localhost", "ip6-localhost", "ip6-loopback", "localhost.localdomain")) {
      allow.add(name + ":" + port());
      allow.add(name + ":" + secret6.port());
    }
    EgressProxy proxy = proxy(network(allow, List.of(), Map.of(), List.of(), Policy.TlsMode.PASSTHROUGH, List.of()));
    List<String> answers = new ArrayList<>();
    for (String host : LOOPBACK_SPELLINGS) {
      for (int p : List.of(port(), secret6.port())) {
        String authority = host + ":" + p;
        answers.add(host + " http " + firstLine(raw(proxy, "GET http://" + authority + "/ HTTP/1.1\r\nHost: "
            + authority + "\r\nConnection: close\r\n\r\n")));
        answers.add(host + " connect " + firstLine(raw(proxy, "CONNECT " + authority + " HTTP/1.1\r\nHost: "
            + authority + "\r\n\r\n")));
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        answers.add(host + " socks5-domain " + socks5(proxy, 3, bare.getBytes(StandardCharsets.UTF_8), p));
      }
    }
    for (String literal : List.of("127.0.0.1", "0.0.0.0", "::1", "::", "::ffff:127.0.0.1")) {
      byte[] address = InetAddress.getByName(literal).getAddress();
      answers.add(literal + " socks5-address " + socks5(proxy, address.length == 4 ? 1 : 4, address, port()));
    }
    assertThat(answers).as("every answer").allSatisfy(a -> assertThat(a).doesNotContain("HTTP/1.1 200")
        .doesNotContain("reply 0"));
    assertThat(secret4.accepted()).as("connections that reached 127.0.0.1").isZero();
    assertThat(secret6.accepted()).as("connections that reached ::1").isZero();
    assertThat(events.of("egress.allow")).isEmpty();
  }

  /** SOCKS4 (an IPv4 address) and SOCKS4a (a name) have no place in the proxy: closed, nothing dialed. */
  @Test
  void socks4AndSocks4aAreClosedWithoutDialing() throws Exception {
    EgressProxy proxy = proxy(network(List.of("localhost:" + port(), "alpha.test:" + alpha.port()), List.of(),
        Map.of("alpha.test", "127.0.0.1"), List.of("127.0.0.0/8"), Policy.TlsMode.PASSTHROUGH, List.of()));
    String p = new String(new char[] {(char) (port() >> 8), (char) (port() & 0xff)});
    assertThat(raw(proxy, "\u0004\u0001" + p + "\u007f\u0000\u0000\u0001user\u0000")).isEmpty();
    assertThat(raw(proxy, "\u0004\u0001" + p + "\u0000\u0000\u0000\u0001user\u0000localhost\u0000")).isEmpty();
    String pa = new String(new char[] {(char) (alpha.port() >> 8), (char) (alpha.port() & 0xff)});
    assertThat(raw(proxy, "\u0004\u0001" + pa + "\u0000\u0000\u0000\u0001\u0000alpha.test\u0000")).isEmpty();
    assertThat(secret4.accepted()).isZero();
    assertThat(alpha.seen).isEmpty();
  }

  /**
   * An intranet policy ({@code allowPrivate: 127.0.0.0/8}, names in {@code network.hosts}): only the allowed name on
   * the allowed port reaches the loopback. Look-alikes of a wildcard, other ports, a {@code Host} that names another
   * server, a second request smuggled in a body or folded header, and a redirect the client follows are each judged
   * on their own and refused.
   */
  @Test
  void anIntranetPolicyReachesOnlyItsAllowedNameAndPort() throws Exception {
    ProxyClients.requireTool("curl");
    Map<String, String> hosts = Map.of("alpha.test", "127.0.0.1", "api.alpha.test", "127.0.0.1",
        "evil-alpha.test", "127.0.0.1", "evilalpha.test", "127.0.0.1", "alpha.test.evil.net", "127.0.0.1",
        "api.alpha.test.evil.net", "127.0.0.1", "secret.test", "127.0.0.1");
    EgressProxy proxy = proxy(network(List.of("alpha.test:" + alpha.port(), "*.alpha.test:" + alpha.port()),
        List.of(), hosts, List.of("127.0.0.0/8"), Policy.TlsMode.PASSTHROUGH, List.of()));
    String a = "http://alpha.test:" + alpha.port();
    assertThat(curl(proxy, a + "/allowed").out()).contains("ok alpha /allowed");
    assertThat(curl(proxy, "http://api.alpha.test:" + alpha.port() + "/sub").out()).contains("ok alpha /sub");

    for (String lookAlike : List.of("evil-alpha.test", "evilalpha.test", "alpha.test.evil.net",
        "api.alpha.test.evil.net", "secret.test")) {
      for (int p : List.of(alpha.port(), port())) {
        assertThat(curl(proxy, "http://" + lookAlike + ":" + p + "/lookalike").out()).as(lookAlike)
            .startsWith("HTTP/1.1 403");
        assertThat(curl(proxy, "--proxytunnel", "http://" + lookAlike + ":" + p + "/lookalike").err()).as(lookAlike)
            .contains("403");
      }
    }
    assertThat(curl(proxy, "http://alpha.test:" + port() + "/").out()).contains("port-not-allowed");
    assertThat(curl(proxy, "http://alpha.test/").out()).contains("port-not-allowed");
    assertThat(raw(proxy, "GET " + a + "/host HTTP/1.1\r\nHost: secret.test:" + port() + "\r\n\r\n"))
        .startsWith("HTTP/1.1 421");
    assertThat(raw(proxy, "GET " + a + "/host HTTP/1.1\r\nHost: 127.0.0.1:" + port() + "\r\n\r\n"))
        .startsWith("HTTP/1.1 421");
    // a tunnel to the allowed name whose first request names another host: the proxy cannot see inside a
    // passthrough tunnel, so the other host is the origin's business; nothing can reach another address or port
    String smuggled = "GET http://127.0.0.1:" + port() + "/smuggled HTTP/1.1\r\nHost: 127.0.0.1:" + port()
        + "\r\n\r\n";
    assertThat(raw(proxy, "POST " + a + "/cl-te HTTP/1.1\r\nHost: alpha.test\r\nContent-Length: "
        + (5 + smuggled.length()) + "\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled))
        .startsWith("HTTP/1.1 400");
    assertThat(raw(proxy, "POST " + a + "/fold HTTP/1.1\r\nHost: alpha.test\r\nTransfer-Encoding:\r\n chunked\r\n"
        + "Content-Length: " + (5 + smuggled.length()) + "\r\n\r\n0\r\n\r\n" + smuggled)).startsWith("HTTP/1.1 400");
    assertThat(raw(proxy, "GET " + a + "/first HTTP/1.1\r\nHost: alpha.test\r\n\r\n" + smuggled))
        .contains("ok alpha /first").contains("ip-literal");

    try (Redirector r = new Redirector(List.of("http://127.0.0.1:" + port() + "/redirected",
        "http://localhost:" + port() + "/redirected", "http://secret.test:" + port() + "/redirected",
        "http://[::1]:" + secret6.port() + "/redirected"))) {
      closers.add(r);
      EgressProxy withRedirector = proxy(network(List.of("alpha.test:" + alpha.port(), "redirector.test:" + r.port()),
          List.of(), Map.of("redirector.test", "127.0.0.1", "secret.test", "127.0.0.1", "alpha.test", "127.0.0.1"),
          List.of("127.0.0.0/8"), Policy.TlsMode.PASSTHROUGH, List.of()));
      for (int i = 0; i < 4; i++) {
        var followed = curl(withRedirector, "-L", "http://redirector.test:" + r.port() + "/" + i);
        // judged again: 403, or 400 for [::1], where curl 7.88 follows with a Host header without brackets
        assertThat(followed.out()).as("redirect %d", i).contains("HTTP/1.1 302").contains("X-Containment-Deny: ")
            .doesNotContain("HTTP/1.1 200");
      }
    }
    assertThat(alpha.seen).extracting(TestOrigins.Seen::path).containsExactly("/allowed", "/sub", "/first");
    assertThat(secret4.accepted()).as("connections that reached the secret service").isZero();
    assertThat(secret6.accepted()).isZero();
  }

  /**
   * A deny entry under an allowed wildcard, spelt as IDNA spells dots and letters (ideographic and full-width full
   * stops, full-width letters, upper case, a trailing dot): every spelling is the denied name.
   */
  @Test
  void aDeniedNameUnderAnAllowedWildcardIsDeniedInEverySpelling() throws Exception {
    EgressProxy proxy = proxy(network(List.of("*.alpha.test:" + alpha.port()), List.of("evil.alpha.test"),
        Map.of("evil.alpha.test", "127.0.0.1", "ok.alpha.test", "127.0.0.1"), List.of("127.0.0.0/8"),
        Policy.TlsMode.PASSTHROUGH, List.of()));
    int p = alpha.port();
    for (String spelling : List.of("evil.alpha.test", "EVIL.alpha.test.", "evil\u3002alpha\u3002test",
        "evil\uff0ealpha\uff0etest", "evil\uff61alpha.test", "\uff45\uff56\uff49\uff4c.alpha.test")) {
      String authority = spelling + ":" + p;
      assertThat(raw(proxy, "GET http://" + authority + "/spelt HTTP/1.1\r\nHost: " + authority + "\r\n\r\n"))
          .as(spelling).doesNotContain("HTTP/1.1 200");
      assertThat(raw(proxy, "CONNECT " + authority + " HTTP/1.1\r\n\r\n")).as(spelling)
          .doesNotContain("HTTP/1.1 200");
      assertThat(socks5(proxy, 3, spelling.getBytes(StandardCharsets.UTF_8), p)).as(spelling)
          .isNotEqualTo("reply 0");
    }
    assertThat(raw(proxy, "GET http://ok.alpha.test:" + p + "/ok HTTP/1.1\r\nHost: ok.alpha.test:" + p
        + "\r\nConnection: close\r\n\r\n")).contains("ok alpha /ok");
    assertThat(alpha.seen).extracting(TestOrigins.Seen::path).containsExactly("/ok");
  }

  /** SOCKS5 dials the address it checked, as HTTP and CONNECT do: a resolver that changes its answer steers nothing. */
  @Test
  void socks5DialsTheAddressItChecked() throws Exception {
    AtomicInteger lookups = new AtomicInteger();
    EgressProxy proxy = EgressProxy.builder(network(List.of("rebind.test:" + port()), List.of(), Map.of(),
        List.of("127.0.0.2/32"), Policy.TlsMode.PASSTHROUGH, List.of())).events(events).resolver(name -> {
          int n = lookups.incrementAndGet();
          return List.of(InetAddress.getByName(n == 1 ? "127.0.0.2" : "127.0.0.1"));
        }).start();
    closers.add(0, proxy);
    byte[] name = "rebind.test".getBytes(StandardCharsets.US_ASCII);
    assertThat(socks5(proxy, 3, name, port())).as("127.0.0.2 has no listener").isNotEqualTo("reply 0");
    assertThat(socks5(proxy, 3, name, port())).as("the second answer is refused").isEqualTo("reply 2");
    assertThat(lookups).hasValue(2);
    assertThat(secret4.accepted()).isZero();
  }

  /**
   * The host listener of a {@code Containment}'s proxy (the one {@code backend: none} and Seatbelt tools reach) is
   * for this user's processes: another user of the host (uid 65534 here, through {@code setpriv}) is closed before
   * anything is read and reported, while this user's client is served. Before session 11 the other user was served.
   */
  @Test
  void aContainmentsHostListenerServesOnlyItsOwnUser() throws Exception {
    ProxyClients.requireTool("curl");
    org.assertj.core.api.Assumptions.assumeThat(LoopbackPeers.ownUid()).as("root, to run a client as another user")
        .isZero();
    org.assertj.core.api.Assumptions.assumeThat(Path.of("/usr/bin/setpriv")).as("util-linux setpriv").isExecutable();
    Policy d = Policy.defaults();
    Policy policy = new Policy(d.source(), d.isolation(), network(List.of("alpha.test:" + alpha.port()), List.of(),
        Map.of("alpha.test", "127.0.0.1"), List.of("127.0.0.0/8"), Policy.TlsMode.PASSTHROUGH, List.of()),
        d.guard(), d.content(), d.trust(), d.audit());
    try (EgressGateway gateway = new dev.containment4j.egress.NettyEgressProvider().open(policy, events)) {
      String proxyUrl = "http://127.0.0.1:" + gateway.address().getPort();
      String url = "http://alpha.test:" + alpha.port();
      var mine = ProxyClients.run(Map.of(), "curl", "-sS", "--max-time", "10", "-x", proxyUrl, url + "/mine");
      assertThat(mine.out()).as(mine.err()).contains("ok alpha /mine");
      for (String[] how : new String[][] {{"-x", proxyUrl}, {"--socks5-hostname",
          "127.0.0.1:" + gateway.address().getPort()}}) {
        var other = ProxyClients.run(Map.of(), "/usr/bin/setpriv", "--reuid=65534", "--regid=65534",
            "--clear-groups", "curl", "-sS", "--max-time", "10", how[0], how[1], url + "/other-user");
        assertThat(other.exit()).as(other.out()).isNotZero();
      }
    }
    assertThat(alpha.seen).extracting(TestOrigins.Seen::path).containsExactly("/mine");
    assertThat(events.await("egress.deny", 2)).extracting(e -> e.fields().get("reason")).containsOnly("foreign-user");
  }

  private static String firstLine(String answer) {
    int end = answer.indexOf("\r\n");
    return end < 0 ? "closed:" + answer : answer.substring(0, end);
  }

  /** One SOCKS5 no-auth CONNECT with the given address type; returns {@code reply N} or how it ended. */
  private static String socks5(EgressProxy proxy, int addressType, byte[] address, int port) throws IOException {
    try (Socket s = ProxyClients.connect(proxy)) {
      OutputStream out = s.getOutputStream();
      DataInputStream in = new DataInputStream(s.getInputStream());
      out.write(new byte[] {5, 1, 0});
      byte[] method = new byte[2];
      in.readFully(method);
      int extra = addressType == 3 ? 1 : 0;
      byte[] req = new byte[6 + extra + address.length];
      req[0] = 5;
      req[1] = 1;
      req[3] = (byte) addressType;
      if (addressType == 3) {
        req[4] = (byte) address.length;
      }
      System.arraycopy(address, 0, req, 4 + extra, address.length);
      req[4 + extra + address.length] = (byte) (port >> 8);
      req[5 + extra + address.length] = (byte) port;
      out.write(req);
      byte[] reply = new byte[2];
      in.readFully(reply);
      return "reply " + reply[1];
    } catch (java.io.EOFException | java.net.SocketException e) {
      return "closed";
    }
  }

  /** A listener that counts the connections it accepts, and closes them. */
  private static final class Counting implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger accepted = new AtomicInteger();

    private Counting(ServerSocket server) {
      this.server = server;
      Thread t = new Thread(() -> {
        while (!server.isClosed()) {
          try {
            server.accept().close();
            accepted.incrementAndGet();
          } catch (IOException e) {
            return;
          }
        }
      }, "counting-" + server.getLocalPort());
      t.setDaemon(true);
      t.start();
    }

    static Counting on(InetAddress address, int port) throws IOException {
      ServerSocket s = new ServerSocket();
      s.bind(new InetSocketAddress(address, port));
      return new Counting(s);
    }

    int port() {
      return server.getLocalPort();
    }

    int accepted() throws InterruptedException {
      Thread.sleep(200);
      return accepted.get();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  /** An origin that answers the n-th path ({@code /0}, {@code /1}, …) with a 302 to the n-th target. */
  private static final class Redirector implements AutoCloseable {
    private final HttpServer server;

    Redirector(List<String> targets) throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
      server.createContext("/", ex -> {
        int i = Integer.parseInt(ex.getRequestURI().getPath().substring(1));
        ex.getResponseHeaders().add("Location", targets.get(i));
        ex.sendResponseHeaders(302, -1);
        ex.close();
      });
      server.start();
    }

    int port() {
      return server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
