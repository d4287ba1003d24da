/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * A hostile origin: it reads each request head (and a Content-Length body) and answers with whatever bytes its
 * script returns for it, however wrong: two responses to one request, bodies after HEAD/204/304, 1xx and 101 where
 * nothing asked for them, a response that never ends, an echo of the request's headers. A null answer means stall:
 * the connection stays open and nothing more is sent.
 */
final class ScriptedOrigin implements AutoCloseable {
  /** One request head as received, CRLF line ends kept. */
  final List<String> heads = new CopyOnWriteArrayList<>();
  final AtomicInteger connections = new AtomicInteger();
  private final ServerSocket server;
  private final Function<String, byte[]> script;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "scripted-origin");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param tls the server's TLS, or null
   * @param script from a request head to the bytes to answer with, or null to stall
   */
  ScriptedOrigin(SSLContext tls, Function<String, byte[]> script) throws IOException {
    this.script = script;
    server = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
    server.bind(new InetSocketAddress("127.0.0.1", 0), 128);
    threads.execute(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  /** The request path of a head. */
  static String path(String head) {
    return head.split(" ", 3)[1];
  }

  /** The value of header {@code name} in a head, or null. */
  static String header(String head, String name) {
    for (String line : head.split("\r\n")) {
      int c = line.indexOf(':');
      if (c > 0 && line.substring(0, c).trim().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return line.substring(c + 1).trim();
      }
    }
    return null;
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        connections.incrementAndGet();
        threads.execute(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      s.setSoTimeout(30_000);
      InputStream in = new BufferedInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      while (true) {
        String head = head(in);
        if (head == null) {
          return;
        }
        heads.add(head);
        String cl = header(head, "Content-Length");
        if (cl != null) {
          in.readNBytes(Integer.parseInt(cl));
        } else if ("chunked".equalsIgnoreCase(header(head, "Transfer-Encoding"))) {
          skipChunked(in);
        }
        byte[] answer = script.apply(head);
        if (answer == null) {
          while (in.read() >= 0) {
            // stalled: hold the connection until the proxy closes it
          }
          return;
        }
        out.write(answer);
        out.flush();
      }
    } catch (IOException e) {
      // the connection ended
    }
  }

  private static String head(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      b.write(c);
      if (c == '\n' && b.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
        return b.toString(StandardCharsets.ISO_8859_1);
      }
    }
    return null;
  }

  private static void skipChunked(InputStream in) throws IOException {
    while (true) {
      StringBuilder line = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0 && c != '\n') {
        line.append((char) c);
      }
      int n = Integer.parseInt(line.toString().trim().split(";")[0], 16);
      if (n == 0) {
        while (true) {
          StringBuilder t = new StringBuilder();
          while ((c = in.read()) >= 0 && c != '\n') {
            t.append((char) c);
          }
          if (t.toString().trim().isEmpty()) {
            return;
          }
        }
      }
      in.readNBytes(n + 2);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }
}
