/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code network.mode: proxy} through {@code Containment}: the engine finds this module's provider, starts the proxy,
 * hands its variables to the backend and closes it with the containment. Uses {@code backend: none} (the only backend
 * on this module's class path), so the proxy is reached through its variables only; sandbox backends additionally
 * remove every other route.
 */
@Tag("integration")
class ContainmentWiringIT {

  @Test
  void proxyModeRoutesToolTrafficThroughTheProxy(@TempDir Path work) throws Exception {
    boolean curl = Files.isExecutable(Path.of("/usr/bin/curl"));
    Assumptions.assumeTrue(curl || System.getProperty("containment.test.require", "").contains("curl"),
        "curl not installed");
    HttpServer origin = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
    origin.createContext("/", ex -> {
      byte[] b = "hello through the proxy\n".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(200, b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    origin.start();
    int port = origin.getAddress().getPort();
    Policy d = Policy.defaults();
    Policy policy = new Policy("wiring-test",
        new Policy.Isolation(Policy.Backend.NONE, d.isolation().filesystem(), d.isolation().limits(),
            d.isolation().env(), Map.of()),
        new Policy.Network(Policy.NetworkMode.PROXY, List.of("origin.test:" + port), List.of(), true,
            Policy.TlsMode.PASSTHROUGH, Map.of("origin.test", "127.0.0.1"), List.of("127.0.0.0/8"), List.of()),
        d.guard(), d.content(), d.trust(), new Policy.Audit(java.util.Optional.of(work.resolve("audit.jsonl"))));
    try (Containment c = Containment.with(policy).withWorkdir(work)
        .withGuard((call, ctx) -> Verdict.allow(Layer.GUARD, "test", "test", "wiring test"))) {
      ToolResult ok = c.run(ToolCall.command("curl", "-sS", "--max-time", "20", "http://origin.test:" + port + "/"));
      assertThat(ok.stdout()).as(ok.stderr()).contains("hello through the proxy");
      ToolResult denied = c.run(ToolCall.command("curl", "-sS", "--max-time", "20", "http://elsewhere.test/"));
      assertThat(denied.stdout()).contains("not in network.allow");
    } finally {
      origin.stop(0);
    }
    // backend none reaches the host listener directly, so its connections cannot be attributed to a call: the events
    // reach the engine's audit log (the JSONL file and SLF4J), not per-call onEvent listeners (bubblewrap's per-call
    // listener can: BubblewrapEgressIT)
    String audit = Files.readString(work.resolve("audit.jsonl"));
    assertThat(audit).contains("\"egress.allow\"", "\"egress.deny\"", "origin.test", "elsewhere.test");
  }
}
