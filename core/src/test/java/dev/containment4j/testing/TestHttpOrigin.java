/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An origin on the host's 127.0.0.1 for the egress tests of the backends: answers every request with
 * {@code hello from NAME} and records the {@code Authorization} headers it receives, so a test can tell which secret
 * reached which host.
 */
public final class TestHttpOrigin implements AutoCloseable {
  private final HttpServer server;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  private TestHttpOrigin(HttpServer server, String name) {
    this.server = server;
    server.createContext("/", ex -> reply(ex, name));
    server.start();
  }

  /** A plain HTTP origin on an ephemeral port. */
  public static TestHttpOrigin plain(String name) throws IOException {
    return new TestHttpOrigin(HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64),
        name);
  }

  /** An HTTPS origin on an ephemeral port, with the certificate of {@code tls}. */
  public static TestHttpOrigin https(String name, TestTlsOrigin tls) throws IOException {
    HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
    s.setHttpsConfigurator(new HttpsConfigurator(tls.server()));
    return new TestHttpOrigin(s, name);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The {@code Authorization} headers received so far (live; clear it between tests that share the origin). */
  public List<String> authorizations() {
    return authorizations;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void reply(HttpExchange ex, String name) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth != null) {
      authorizations.add(auth);
    }
    byte[] b = ("hello from " + name + "\n").getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(200, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }
}
