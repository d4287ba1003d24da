/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containment4j.internal.net.HostName;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The conformance origin ({@code src/test/resources/conformance/origin.py}): python's http.server, independent of
 * Netty, on 127.0.0.1 and ::1, plain and TLS (certificates from a test CA the proxy trusts upstream), with a bare git
 * repository served by {@code git http-backend} behind the bound credential. Records every request it gets.
 */
final class ConformanceOrigin implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  final TestOrigins.Pki pki = new TestOrigins.Pki();
  final Path dir;
  final Path gitRoot;
  final int http;
  final int http6;
  final int https;
  final int https6;
  private final Process process;
  private final HttpClient direct = HttpClient.newHttpClient();

  /** One request as the origin saw it. */
  record Seen(String server, String method, String path, String conn, Map<String, String> headers, long len,
      String sha256, List<String> trailers) {
    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  /**
   * @param auth the Authorization value the git endpoint requires (the bound credential's real value)
   */
  ConformanceOrigin(Path dir, String auth) throws Exception {
    this.dir = dir;
    Path script = dir.resolve("origin.py");
    try (var in = Objects.requireNonNull(getClass().getResourceAsStream("/conformance/origin.py"))) {
      Files.copy(in, script);
    }
    Path cert = pem(dir, "tls", HostName.parse("tls.test"));
    Path cert6 = pem(dir, "tls6", HostName.parse("[::1]"));
    gitRoot = dir.resolve("git");
    seedRepository();
    process = new ProcessBuilder("python3", script.toString(), "--cert", cert.toString(), "--key",
        dir.resolve("tls.key").toString(), "--cert6", cert6.toString(), "--key6", dir.resolve("tls6.key").toString(),
        "--auth", auth, "--git-root", gitRoot.toString())
        .redirectError(dir.resolve("origin.err").toFile()).start();
    String line = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
        .readLine();
    if (line == null) {
      throw new IllegalStateException("origin did not start: " + Files.readString(dir.resolve("origin.err")));
    }
    JsonNode ports = JSON.readTree(line);
    http = ports.get("http").asInt();
    http6 = ports.get("http6").asInt();
    https = ports.get("https").asInt();
    https6 = ports.get("https6").asInt();
  }

  private Path pem(Path dir, String name, HostName host) throws IOException {
    Path cert = dir.resolve(name + ".pem");
    Files.writeString(cert, CertificateAuthority.pem(pki.ca.leaf(host)));
    Files.writeString(dir.resolve(name + ".key"), "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(pki.ca.leafKey().getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    return cert;
  }

  /** A bare repository with one commit, pushable over smart HTTP. */
  private void seedRepository() throws Exception {
    Path bare = gitRoot.resolve("repo.git");
    Path seed = dir.resolve("seed");
    Files.createDirectories(seed);
    git(dir, "init", "-q", "--bare", "-b", "main", bare.toString());
    git(bare, "config", "http.receivepack", "true");
    git(seed, "init", "-q", "-b", "main");
    Files.writeString(seed.resolve("README"), "seeded through no proxy\n");
    git(seed, "add", "README");
    git(seed, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "seed");
    git(seed, "push", "-q", bare.toString(), "main");
  }

  static ProxyClients.Run git(Path cwd, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("git", "-C", cwd.toString()));
    argv.addAll(List.of(args));
    ProxyClients.Run r = ProxyClients.run(Map.of(), argv.toArray(String[]::new));
    if (r.exit() != 0) {
      throw new IllegalStateException(String.join(" ", argv) + ": " + r.err());
    }
    return r;
  }

  /** What reached the origin since the last call (read directly, not through the proxy). */
  List<Seen> seen() throws Exception {
    HttpResponse<String> r = direct.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http
        + "/_log?clear=1")).build(), HttpResponse.BodyHandlers.ofString());
    List<Seen> out = new ArrayList<>();
    for (JsonNode n : JSON.readTree(r.body())) {
      Map<String, String> h = new java.util.LinkedHashMap<>();
      for (JsonNode kv : n.get("headers")) {
        h.merge(kv.get(0).asText().toLowerCase(java.util.Locale.ROOT), kv.get(1).asText(), (a, b) -> a + "," + b);
      }
      List<String> trailers = new ArrayList<>();
      n.get("trailers").forEach(t -> trailers.add(t.asText()));
      out.add(new Seen(n.get("server").asText(), n.get("method").asText(), n.get("path").asText(),
          n.get("conn").asText(), h, n.get("len").asLong(), n.get("sha256").asText(), trailers));
    }
    return out;
  }

  @Override
  public void close() {
    process.destroy();
  }
}
