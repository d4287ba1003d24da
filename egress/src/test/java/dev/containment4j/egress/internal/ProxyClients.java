/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import static org.assertj.core.api.Assertions.fail;

import dev.containment4j.egress.EgressProxy;
import dev.containment4j.event.AuditEvent;
import dev.containment4j.policy.Policy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Clients for the ITs: real curl and python3 processes, raw sockets, and policy helpers. */
final class ProxyClients {
  private ProxyClients() {}

  /** Skips visibly when {@code tool} is missing, or fails when {@code -Dcontainment.test.require} names it. */
  static void requireTool(String tool) {
    boolean found = Arrays.stream(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
        .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    if (!found) {
      String required = System.getProperty("containment.test.require", "");
      if (Arrays.asList(required.split(",")).contains(tool)) {
        fail(tool + " is required (containment.test.require) but not on PATH");
      }
      Assumptions.abort(tool + " not on PATH");
    }
  }

  static Policy.Network network(List<String> allow, List<String> deny, Map<String, String> hosts,
      List<String> allowPrivate, Policy.TlsMode tls, List<Policy.Credential> credentials) {
    return new Policy.Network(Policy.NetworkMode.PROXY, allow, deny, true, tls, hosts, allowPrivate, credentials);
  }

  /** Process result. */
  record Run(int exit, String out, String err) {}

  static Run run(Map<String, String> env, String... argv) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.environment().put("HOME", System.getProperty("java.io.tmpdir"));
    pb.environment().putAll(env);
    // output to files, so that a client that hangs is cut off by the timeout instead of blocking a pipe read
    Path out = Files.createTempFile("client", ".out");
    Path err = Files.createTempFile("client", ".err");
    try {
      Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      p.getOutputStream().close();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        fail("timed out: " + String.join(" ", argv) + "\n" + Files.readString(err));
      }
      return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** curl through the proxy; {@code -sS -i} so the status line and headers come back too. */
  static Run curl(EgressProxy proxy, String... args) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(List.of("curl", "-sS", "-i", "--max-time", "20", "-x",
        "http://127.0.0.1:" + proxy.address().getPort()));
    argv.addAll(List.of(args));
    return run(Map.of(), argv.toArray(String[]::new));
  }

  /** Sends raw bytes to the proxy and returns everything it answers until it closes or goes quiet. */
  static String raw(EgressProxy proxy, String request) throws IOException {
    try (Socket s = connect(proxy)) {
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      return readAll(s, 5000);
    }
  }

  static Socket connect(EgressProxy proxy) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", proxy.address().getPort()), 5000);
    s.setSoTimeout(5000);
    return s;
  }

  static String readAll(Socket s, int quietMillis) throws IOException {
    s.setSoTimeout(quietMillis);
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    InputStream in = s.getInputStream();
    byte[] b = new byte[8192];
    try {
      int n;
      while ((n = in.read(b)) >= 0) {
        buf.write(b, 0, n);
      }
    } catch (SocketTimeoutException e) {
      // quiet: return what came
    }
    return buf.toString(StandardCharsets.ISO_8859_1);
  }

  /** Reads one response head (up to the blank line). */
  static String readHead(Socket s) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    InputStream in = s.getInputStream();
    while (true) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      buf.write(c);
      String soFar = buf.toString(StandardCharsets.ISO_8859_1);
      if (soFar.endsWith("\r\n\r\n")) {
        break;
      }
    }
    return buf.toString(StandardCharsets.ISO_8859_1);
  }

  /** Collects audit events. */
  /** A TLS context that trusts the proxy's interception CA (and nothing else), as a sandbox's clients do. */
  static javax.net.ssl.SSLContext trustingProxyCa(EgressProxy proxy, String protocol) throws Exception {
    java.security.cert.X509Certificate ca;
    try (InputStream in = Files.newInputStream(proxy.caCertificate().orElseThrow())) {
      ca = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
          .generateCertificate(in);
    }
    javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance(protocol);
    tls.init(null, TestOrigins.Pki.trust(ca).getTrustManagers(), null);
    return tls;
  }

  /**
   * {@code CONNECT host:port} on {@code s} (a 200 expected), then a TLS handshake inside that trusts the proxy's CA
   * and offers {@code alpn}: an intercepted tunnel.
   */
  static javax.net.ssl.SSLSocket interceptedTunnel(EgressProxy proxy, Socket s, String host, int port, String alpn)
      throws Exception {
    s.getOutputStream().write(("CONNECT " + host + ":" + port + " HTTP/1.1\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII));
    org.assertj.core.api.Assertions.assertThat(readHead(s)).startsWith("HTTP/1.1 200");
    javax.net.ssl.SSLSocket ssl = (javax.net.ssl.SSLSocket) trustingProxyCa(proxy, "TLS").getSocketFactory()
        .createSocket(s, host, port, true);
    var params = ssl.getSSLParameters();
    params.setApplicationProtocols(new String[] {alpn});
    ssl.setSSLParameters(params);
    ssl.startHandshake();
    return ssl;
  }

  /**
   * What a log appender holds, copied while the appender is locked: proxy threads still log while a test reads, and
   * {@code ListAppender.list} is a plain list ({@code AppenderBase.doAppend} appends under the appender's lock).
   */
  static <E> List<E> logged(ch.qos.logback.core.read.ListAppender<E> appender) {
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  static final class Events implements dev.containment4j.event.AuditListener {
    final List<AuditEvent> all = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(AuditEvent event) {
      all.add(event);
    }

    List<AuditEvent> of(String type) {
      return all.stream().filter(e -> e.type().equals(type)).toList();
    }

    /** Waits until at least {@code n} events of {@code type} arrived (tunnels report when they close). */
    List<AuditEvent> await(String type, int n) throws InterruptedException {
      for (int i = 0; i < 100 && of(type).size() < n; i++) {
        Thread.sleep(50);
      }
      return of(type);
    }
  }
}
