/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.containment4j.Layer;
import dev.containment4j.ToolCall;
import dev.containment4j.Verdict;
import dev.containment4j.guard.GuardContext;
import dev.containment4j.guard.ModelGuard;
import dev.containment4j.guard.ReviewedGuard;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a fake model server (JDK HttpServer on 127.0.0.1) that answers what each test sets. */
class HttpModelReviewerTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static final ModelGuard UNSURE = (c, x) -> Verdict.ask(Layer.GUARD, "", "network", "opens connections");
  private static final ToolCall CALL = ToolCall.bash("python3 -c 'import urllib.request'");
  private static final GuardContext CTX = GuardContext.of(Path.of("/w"));

  private HttpServer server;
  private final AtomicReference<String> reply = new AtomicReference<>();
  private final AtomicReference<Integer> status = new AtomicReference<>(200);
  private final AtomicReference<Long> delayMs = new AtomicReference<>(0L);
  private final AtomicReference<JsonNode> lastRequest = new AtomicReference<>();
  private final AtomicReference<String> lastAuth = new AtomicReference<>();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", ex -> {
      lastRequest.set(M.readTree(ex.getRequestBody()));
      lastAuth.set(ex.getRequestHeaders().getFirst("Authorization"));
      try {
        Thread.sleep(delayMs.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] b = reply.get().getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status.get(), b.length);
      ex.getResponseBody().write(b);
      ex.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private HttpModelReviewer reviewer() {
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/chat/completions");
    return HttpModelReviewer.openAi(uri, "judge", "test-key");
  }

  private static String chat(String content) throws Exception {
    return M.writeValueAsString(M.createObjectNode().set("choices", M.createArrayNode().add(M.createObjectNode()
        .set("message", M.createObjectNode().put("role", "assistant").put("content", content)))));
  }

  @Test
  void theModelsAnswerDecides() throws Exception {
    reply.set(chat("```json\n{\"decision\":\"deny\",\"reason\":\"sends env to the network\"}\n```"));
    Verdict v = ReviewedGuard.of(UNSURE, reviewer(), Duration.ofSeconds(5)).review(CALL, CTX);
    assertThat(v).isInstanceOf(Verdict.Deny.class);
    assertThat(v.reason()).contains("sends env to the network");
    assertThat(lastAuth.get()).isEqualTo("Bearer test-key");
    assertThat(lastRequest.get().path("model").asText()).isEqualTo("judge");
    assertThat(lastRequest.get().path("messages").get(1).path("content").asText()).contains("python3 -c");

    reply.set(chat("{\"decision\":\"allow\",\"reason\":\"prints a version\"}"));
    assertThat(ReviewedGuard.of(UNSURE, reviewer(), Duration.ofSeconds(5)).review(CALL, CTX))
        .isInstanceOf(Verdict.Allow.class);
  }

  @Test
  void failsClosedOnErrorsGarbageAndSlowness() throws Exception {
    reply.set("{\"error\":\"overloaded\"}");
    status.set(503);
    assertThat(ReviewedGuard.of(UNSURE, reviewer(), Duration.ofSeconds(5)).review(CALL, CTX))
        .isInstanceOf(Verdict.Deny.class);
    status.set(200);
    reply.set(chat("I think it is probably fine"));
    assertThat(ReviewedGuard.of(UNSURE, reviewer(), Duration.ofSeconds(5)).review(CALL, CTX))
        .isInstanceOf(Verdict.Deny.class);
    reply.set(chat("{\"decision\":\"maybe\"}"));
    assertThat(ReviewedGuard.of(UNSURE, reviewer(), Duration.ofSeconds(5)).review(CALL, CTX))
        .isInstanceOf(Verdict.Deny.class);
    reply.set(chat("{\"decision\":\"allow\",\"reason\":\"late\"}"));
    delayMs.set(2_000L);
    Verdict slow = ReviewedGuard.of(UNSURE, reviewer(), Duration.ofMillis(200)).review(CALL, CTX);
    assertThat(slow).isInstanceOf(Verdict.Deny.class);
    assertThat(slow.reason()).contains("did not answer within 200 ms").doesNotContain("test-key");
  }
}
