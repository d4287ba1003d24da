/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.containment4j.internal.net.HostName;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Real HTTP and HTTPS origins on loopback that record what reached them. */
final class TestOrigins {
  private TestOrigins() {}

  /** One request as the origin saw it. */
  record Seen(String method, String path, Map<String, List<String>> headers, int remotePort, long bodyBytes) {
    String header(String name) {
      return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> String.join(",", e.getValue())).findFirst().orElse(null);
    }
  }

  /** A running origin. */
  static final class Origin implements AutoCloseable {
    final String name;
    final HttpServer server;
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    Origin(String name, HttpServer server) {
      this.name = name;
      this.server = server;
    }

    int port() {
      return server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  static Origin http(String name, InetAddress bind, int port) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(bind, port), 64);
    return start(name, s);
  }

  static Origin https(String name, InetAddress bind, SSLContext tls) throws IOException {
    HttpsServer s = HttpsServer.create(new InetSocketAddress(bind, 0), 64);
    s.setHttpsConfigurator(new HttpsConfigurator(tls));
    return start(name, s);
  }

  private static Origin start(String name, HttpServer s) {
    Origin o = new Origin(name, s);
    s.createContext("/", ex -> handle(o, ex));
    s.setExecutor(Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "origin-" + name);
      t.setDaemon(true);
      return t;
    }));
    s.start();
    return o;
  }

  private static void handle(Origin o, HttpExchange ex) throws IOException {
    long body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.transferTo(OutputStream.nullOutputStream());
    }
    String path = ex.getRequestURI().toString();
    o.seen.add(new Seen(ex.getRequestMethod(), path, Map.copyOf(ex.getRequestHeaders()),
        ex.getRemoteAddress().getPort(), body));
    if (path.startsWith("/big")) {
      long n = Long.parseLong(path.substring(path.indexOf('=') + 1));
      ex.sendResponseHeaders(200, n);
      byte[] chunk = new byte[64 * 1024];
      try (OutputStream out = ex.getResponseBody()) {
        for (long left = n; left > 0; left -= chunk.length) {
          out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
      }
      return;
    }
    byte[] reply = ("ok " + o.name + " " + path + "\n").getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(200, reply.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(reply);
    }
  }

  /** A test PKI for upstream servers: its own CA, trusted only where the test says so. */
  static final class Pki {
    final CertificateAuthority ca = CertificateAuthority.create(new SecureRandom(), Duration.ofDays(1));

    SSLContext serverContext(String host) throws Exception {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("leaf", ca.leafKey(), "pw".toCharArray(),
          new Certificate[] {ca.leaf(HostName.parse(host)), ca.certificate()});
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, "pw".toCharArray());
      SSLContext c = SSLContext.getInstance("TLS");
      c.init(kmf.getKeyManagers(), null, null);
      return c;
    }

    TrustManagerFactory trust() throws Exception {
      return trust(ca.certificate());
    }

    static TrustManagerFactory trust(java.security.cert.X509Certificate cert) throws Exception {
      KeyStore ts = KeyStore.getInstance("PKCS12");
      ts.load(null, null);
      ts.setCertificateEntry("ca", cert);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ts);
      return tmf;
    }
  }
}
