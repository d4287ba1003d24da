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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * An origin that reads the proxy's bytes strictly (RFC 9112, no leniency) and records them. Whatever the proxy sends
 * that a lenient origin could read differently (a framing header other than one decimal Content-Length or
 * {@code Transfer-Encoding: chunked}, both at once, obs-fold, bare LF, CR or NUL in a value) is recorded as a
 * problem; a request hidden in a body the proxy framed differently shows as a request the proxy never judged.
 */
final class RawOrigin implements AutoCloseable {
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  /** One request as read; header names lower case. */
  record Request(int connection, String method, String path, Map<String, List<String>> headers, int bodyBytes) {
    String header(String name) {
      List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
      return v == null ? null : String.join(",", v);
    }
  }

  final List<Request> requests = new CopyOnWriteArrayList<>();
  final List<String> problems = new CopyOnWriteArrayList<>();
  private final ServerSocket server;
  private final AtomicInteger connections = new AtomicInteger();
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "raw-origin");
    t.setDaemon(true);
    return t;
  });

  /** @param tls the server's TLS, or null for plain HTTP */
  RawOrigin(SSLContext tls) throws IOException {
    server = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
    server.bind(new InetSocketAddress("127.0.0.1", 0), 128);
    threads.execute(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  List<String> paths() {
    return requests.stream().map(Request::path).toList();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        int id = connections.incrementAndGet();
        threads.execute(() -> serve(id, s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(int id, Socket s) {
    try (s) {
      s.setSoTimeout(20_000);
      InputStream in = new BufferedInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      while (true) {
        String line = line(in, id);
        if (line == null) {
          return;
        }
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || !parts[2].matches("HTTP/1\\.[01]") || !TOKEN.matcher(parts[0]).matches()) {
          problems.add(id + ": not a request line: " + printable(line));
          return;
        }
        Map<String, List<String>> h = new LinkedHashMap<>();
        String l;
        while ((l = line(in, id)) != null && !l.isEmpty()) {
          int c = l.indexOf(':');
          if (c <= 0 || !TOKEN.matcher(l.substring(0, c)).matches()) {
            problems.add(id + ": not a header line (obs-fold or bad name): " + printable(l));
            continue;
          }
          String v = l.substring(c + 1).strip();
          if (!v.chars().allMatch(ch -> ch == '\t' || ch >= 0x20 && ch != 0x7f)) {
            problems.add(id + ": control character in " + l.substring(0, c));
          }
          h.computeIfAbsent(l.substring(0, c).toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(v);
        }
        if (l == null) {
          return;
        }
        List<String> te = h.get("transfer-encoding");
        List<String> cl = h.get("content-length");
        int body;
        if (te != null) {
          if (cl != null) {
            problems.add(id + ": Content-Length and Transfer-Encoding together");
          }
          if (te.size() != 1 || !te.get(0).equals("chunked")) {
            problems.add(id + ": Transfer-Encoding " + te);
            return;
          }
          body = chunked(in, id);
        } else if (cl != null) {
          if (cl.size() != 1 || !cl.get(0).matches("[0-9]{1,9}")) {
            problems.add(id + ": Content-Length " + cl);
            return;
          }
          body = in.readNBytes(Integer.parseInt(cl.get(0))).length;
        } else {
          body = 0;
        }
        requests.add(new Request(id, parts[0], parts[1], h, body));
        if (parts[1].startsWith("/big?n=")) {
          long n = Long.parseLong(parts[1].substring(7));
          out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + n + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          byte[] chunk = new byte[64 * 1024];
          for (long left = n; left > 0; left -= chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, left));
          }
        } else {
          byte[] reply = ("ok " + parts[1] + "\n").getBytes(StandardCharsets.US_ASCII);
          out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + reply.length + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
          out.write(reply);
        }
        out.flush();
      }
    } catch (IOException e) {
      // the connection ended
    }
  }

  private int chunked(InputStream in, int id) throws IOException {
    int total = 0;
    while (true) {
      String size = line(in, id);
      if (size == null || !size.matches("[0-9a-fA-F]{1,8}")) {
        problems.add(id + ": bad chunk size line: " + (size == null ? "end" : printable(size)));
        throw new IOException("bad chunk");
      }
      int n = Integer.parseInt(size, 16);
      if (n == 0) {
        for (String t = line(in, id); t != null && !t.isEmpty(); t = line(in, id)) {
          problems.add(id + ": trailer " + printable(t));
        }
        return total;
      }
      total += in.readNBytes(n).length;
      String end = line(in, id);
      if (end == null || !end.isEmpty()) {
        problems.add(id + ": chunk data longer than its size");
        throw new IOException("bad chunk");
      }
    }
  }

  /** A CRLF-terminated line; a bare LF, a lone CR or a NUL is a problem. Null at the end of the stream. */
  private String line(InputStream in, int id) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\r') {
        int n = in.read();
        if (n == '\n') {
          return b.toString(StandardCharsets.ISO_8859_1);
        }
        problems.add(id + ": CR without LF");
        b.write(c);
        if (n < 0) {
          break;
        }
        b.write(n);
        continue;
      }
      if (c == '\n') {
        problems.add(id + ": bare LF");
        return b.toString(StandardCharsets.ISO_8859_1);
      }
      if (c == 0) {
        problems.add(id + ": NUL");
      }
      b.write(c);
    }
    if (b.size() > 0) {
      problems.add(id + ": stream ended inside a line");
    }
    return null;
  }

  private static String printable(String s) {
    return Authority.printable(s);
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }
}
