/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containment4j.ToolCall;
import dev.containment4j.Verdict;
import dev.containment4j.guard.GuardContext;
import dev.containment4j.guard.Reviewer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A {@link Reviewer} that asks a language model over HTTP whether an uncertain call should run. It speaks the
 * OpenAI-compatible chat completions format ({@code choices[0].message.content}) or the Anthropic messages format
 * ({@code content[0].text}); the model must answer with a JSON object {@code {"decision":"allow|ask|deny",
 * "reason":"..."}}. Anything else is an error, and {@link dev.containment4j.guard.ReviewedGuard} then fails closed.
 *
 * <p>Like the auto-mode classifiers it copies, it sees the proposed call and the classifier's question, never the
 * session's tool outputs. The API key is sent only in the request header and never appears in exceptions.
 *
 * <pre>{@code
 * Reviewer judge = HttpModelReviewer.openAi(URI.create("https://llm.internal/v1/chat/completions"), "judge-small",
 *     System.getenv("JUDGE_KEY"));
 * ModelGuard guard = ReviewedGuard.forPolicy(policy, judge, Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class HttpModelReviewer implements Reviewer {
  /** Wire formats. */
  public enum Format {
    OPENAI, ANTHROPIC
  }

  static final String INSTRUCTIONS = "You review one tool call an AI coding agent proposes, before it runs."
      + " A rule-based classifier was unsure about it. Decide: allow (ordinary development work inside the"
      + " workspace), deny (deletes or overwrites data outside the workspace, reads or sends credentials, sends"
      + " data to third parties, runs downloaded code, weakens security, changes agent or sandbox settings,"
      + " persistence, destroys shared or cloud resources), or ask (a human must decide)."
      + " Answer with JSON only: {\"decision\":\"allow|ask|deny\",\"reason\":\"one sentence for the agent\"}.";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI endpoint;
  private final String model;
  private final String apiKey;
  private final Format format;
  private final HttpClient client;
  private final Duration requestTimeout;

  private HttpModelReviewer(URI endpoint, String model, String apiKey, Format format, Duration requestTimeout) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.model = Objects.requireNonNull(model, "model");
    this.apiKey = apiKey;
    this.format = format;
    this.requestTimeout = requestTimeout;
    this.client = HttpClient.newBuilder().connectTimeout(requestTimeout).build();
  }

  /** An OpenAI-compatible chat completions endpoint; {@code apiKey} may be null for local servers. */
  public static HttpModelReviewer openAi(URI endpoint, String model, String apiKey) {
    return new HttpModelReviewer(endpoint, model, apiKey, Format.OPENAI, Duration.ofSeconds(10));
  }

  /** An Anthropic messages endpoint. */
  public static HttpModelReviewer anthropic(URI endpoint, String model, String apiKey) {
    return new HttpModelReviewer(endpoint, model, apiKey, Format.ANTHROPIC, Duration.ofSeconds(10));
  }

  /** A copy with another per-request timeout (the guard's own timeout still bounds the whole review). */
  public HttpModelReviewer withRequestTimeout(Duration timeout) {
    return new HttpModelReviewer(endpoint, model, apiKey, format, timeout);
  }

  @Override
  public Review review(ToolCall call, GuardContext context, Verdict.Ask question) throws IOException,
      InterruptedException {
    String user = "Workspace: " + context.workdir() + "\nWorking directory: " + context.cwd()
        + "\nProposed call: " + call.describe() + "\nClassifier category: " + question.category()
        + "\nClassifier concern: " + question.reason();
    ObjectNode body = JSON.createObjectNode();
    body.put("model", model);
    body.put("max_tokens", 200);
    ArrayNode messages = body.putArray("messages");
    if (format == Format.ANTHROPIC) {
      body.put("system", INSTRUCTIONS);
    } else {
      messages.addObject().put("role", "system").put("content", INSTRUCTIONS);
      body.put("temperature", 0);
    }
    messages.addObject().put("role", "user").put("content", user);
    HttpRequest.Builder req = HttpRequest.newBuilder(endpoint).timeout(requestTimeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
    if (apiKey != null && !apiKey.isEmpty()) {
      if (format == Format.ANTHROPIC) {
        req.header("x-api-key", apiKey).header("anthropic-version", "2023-06-01");
      } else {
        req.header("Authorization", "Bearer " + apiKey);
      }
    }
    HttpResponse<String> resp = client.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (resp.statusCode() != 200) {
      throw new IOException("the review model at " + endpoint.getHost() + " answered HTTP " + resp.statusCode());
    }
    JsonNode root = JSON.readTree(resp.body());
    JsonNode text = format == Format.ANTHROPIC ? root.path("content").path(0).path("text")
        : root.path("choices").path(0).path("message").path("content");
    if (!text.isTextual()) {
      throw new IOException("the review model's answer has no text (" + format + " format expected)");
    }
    return parseAnswer(text.asText());
  }

  /** Reads the model's JSON answer (it may be wrapped in prose or a code fence). */
  static Review parseAnswer(String text) throws IOException {
    int open = text.indexOf('{');
    int close = text.lastIndexOf('}');
    if (open < 0 || close < open) {
      throw new IOException("the review model did not answer with a JSON object");
    }
    JsonNode a = JSON.readTree(text.substring(open, close + 1));
    String d = a.path("decision").asText("").toLowerCase(Locale.ROOT).strip();
    String reason = a.path("reason").asText("");
    switch (d) {
      case "allow":
        return Review.allow(reason);
      case "deny":
        return Review.deny(reason);
      case "ask":
        return Review.ask(reason);
      default:
        throw new IOException("the review model answered an unknown decision '" + d + "'");
    }
  }
}
