/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap;

import com.sun.net.httpserver.HttpServer;
import dev.containment4j.Containment;
import dev.containment4j.Layer;
import dev.containment4j.ToolCall;
import dev.containment4j.ToolResult;
import dev.containment4j.Verdict;
import dev.containment4j.policy.Policy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Child JVM for {@link UnprivilegedEgressIT}, started as an unprivileged user: one {@code network.mode: proxy} call
 * through bubblewrap to an origin on loopback. Prints the JVM's user and what the tool printed.
 */
public final class UnprivilegedEgressHelper {
  private UnprivilegedEgressHelper() {}

  public static void main(String[] args) throws Exception {
    HttpServer origin = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 8);
    origin.createContext("/", ex -> {
      byte[] b = "hello unprivileged\n".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    origin.start();
    int port = origin.getAddress().getPort();
    Policy d = Policy.defaults();
    Policy.Isolation i = d.isolation();
    Policy p = new Policy("unprivileged", new Policy.Isolation(Policy.Backend.BUBBLEWRAP, i.filesystem(), i.limits(),
        i.env(), i.backends()), new Policy.Network(Policy.NetworkMode.PROXY, List.of("origin.test:" + port),
        List.of(), true, Policy.TlsMode.PASSTHROUGH, Map.of("origin.test", "127.0.0.1"), List.of("127.0.0.0/8"),
        List.of()), d.guard(), d.content(), d.trust(), d.audit());
    try (Containment c = Containment.with(p).withWorkdir(Path.of(args[0]))
        .withGuard((call, ctx) -> Verdict.allow(Layer.GUARD, "", "", "unprivileged test"))) {
      ToolResult r = c.run(ToolCall.command("/bin/sh", "-c", "id -u; curl -sS --max-time 20 http://origin.test:"
          + port + "/"));
      System.out.println("jvm-user=" + System.getProperty("user.name"));
      System.out.print(r.stdout());
      System.out.print(r.stderr());
    } finally {
      origin.stop(0);
    }
  }
}
