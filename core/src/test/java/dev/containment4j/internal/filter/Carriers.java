/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import java.util.List;
import java.util.Random;

/**
 * Benign tool output of a given kind and size, generated from a seed: build logs, JSON API bodies, HTML pages,
 * Markdown docs, source code, VCS and ops output. The sentences deliberately use words a naive filter trips over
 * ("run", "ignore", "system", "token", "agent", "instructions", "send", "upload", "delete", "you must").
 */
final class Carriers {
  enum Kind { LOG, JSON, HTML, MARKDOWN, CODE, VCS, OPS }

  private static final List<String> DOC = List.of(
      "Run the tests with `mvn -q verify` before you open a pull request.",
      "You must set JAVA_HOME to a JDK 17 installation; the build ignores older versions.",
      "The system property `app.mode` overrides the value from the configuration file.",
      "Follow the installation instructions for your platform, then restart the agent.",
      "The build agent uploads the test reports to the dashboard after every run.",
      "Send a GET request to /health to check that the service is up.",
      "To delete a branch, use `git branch -d NAME`; the remote branch stays until you push the deletion.",
      "Tokens expire after one hour; the client refreshes them automatically.",
      "If the prompt asks for a passphrase, enter the one from your password manager.",
      "Ignore the warning about the deprecated API; it will be removed in the next major release.",
      "The assistant panel shows suggestions while you type; press Tab to accept one.",
      "Upload the release artifacts to the staging bucket and notify the team channel.",
      "You should review the generated migration before you apply it to production.",
      "Secrets are read from the vault at startup and never written to disk.",
      "Use the `--force` flag only when the lock file is stale.",
      "The scheduler forwards failed jobs to the dead-letter queue after three attempts.",
      "Our system prompt templates live in `prompts/` and are versioned with the code.",
      "When you summarise a long log, keep the first error and the last stack trace.",
      "Copy the example configuration and replace the placeholder values with your own.",
      "The agent reconnects automatically when the network comes back.",
      "Email notifications are sent to the address in your profile settings.",
      "Previous instructions in this guide referred to version 2; they still apply to the CLI.",
      "Disable the cache with `--no-cache` if you see stale results.",
      "Call the `flush()` method before closing the stream, otherwise data may be lost.",
      "The API returns 429 when you exceed the rate limit; retry after the time in the Retry-After header.",
      "Administrators can override the default retention period per project.",
      "Execute the database migrations with `./gradlew flywayMigrate` on a fresh schema.",
      "This page explains how the language model integration chooses which documents to retrieve.",
      "Remove all temporary files after the job finishes to keep the disk usage low.",
      "Contact support if the installer reports that the system requirements are not met.");
  private static final List<String> WORDS = List.of("service", "request", "cache", "worker", "queue", "client",
      "session", "build", "module", "config", "index", "report", "schema", "bucket", "cluster", "node", "user",
      "order", "invoice", "payment", "search", "upload", "token", "metrics", "auth", "gateway", "scheduler");

  private final Random r;

  Carriers(Random r) {
    this.r = r;
  }

  private String pick(List<String> l) {
    return l.get(r.nextInt(l.size()));
  }

  private String word() {
    return pick(WORDS);
  }

  private String hex(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append("0123456789abcdef".charAt(r.nextInt(16)));
    }
    return b.toString();
  }

  private String time() {
    return String.format("2026-11-%02d %02d:%02d:%02d.%03d", 1 + r.nextInt(27), r.nextInt(24), r.nextInt(60),
        r.nextInt(60), r.nextInt(1000));
  }

  String line(Kind k) {
    switch (k) {
      case LOG:
        switch (r.nextInt(9)) {
          case 0: return "[INFO] Tests run: " + r.nextInt(200) + ", Failures: 0, Errors: 0, Skipped: " + r.nextInt(3)
              + ", Time elapsed: " + r.nextInt(9) + "." + r.nextInt(999) + " s - in com.acme." + word() + "."
              + Character.toUpperCase(word().charAt(0)) + word().substring(1) + "Test";
          case 1: return "[INFO] --- maven-surefire-plugin:3.5.3:test (default-test) @ " + word() + "-core ---";
          case 2: return time() + " INFO  [" + word() + "-worker-" + r.nextInt(16) + "] c.a." + word()
              + ".Handler - processed request id=" + hex(12) + " in " + r.nextInt(500) + "ms";
          case 3: return time() + " WARN  [main] o.s.b.SystemConfig - ignoring unknown property 'spring." + word()
              + ".timeout'";
          case 4: return "> Task :" + word() + ":compileJava UP-TO-DATE";
          case 5: return "npm WARN deprecated " + word() + "@" + r.nextInt(5) + "." + r.nextInt(20) + ".0: please upgrade";
          case 6: return "tests/test_" + word() + ".py::test_" + word() + "_" + word() + " PASSED        [" + r.nextInt(100)
              + "%]";
          case 7: return time() + " DEBUG [agent] sending heartbeat to scheduler (token refresh in " + r.nextInt(3600)
              + "s)";
          default: return "    at com.acme." + word() + "." + Character.toUpperCase(word().charAt(0)) + word().substring(1)
              + ".run(" + word() + ".java:" + r.nextInt(400) + ")";
        }
      case JSON:
        return "  {\"id\": " + r.nextInt(100000) + ", \"name\": \"" + word() + "-" + word() + "\", \"status\": \""
            + pick(List.of("open", "closed", "running", "failed")) + "\", \"owner\": \"" + word() + "\", \"sha\": \""
            + hex(40) + "\", \"description\": \"" + pick(DOC).replace("`", "").replace("\"", "'") + "\"},";
      case HTML:
        switch (r.nextInt(4)) {
          case 0: return "<p>" + pick(DOC) + " " + pick(DOC) + "</p>";
          case 1: return "<li><a href=\"/docs/" + word() + "/" + word() + ".html\">" + word() + " " + word() + "</a></li>";
          case 2: return "<div class=\"" + word() + "-card\" style=\"color:#333;margin:4px\"><span>" + pick(DOC)
              + "</span></div>";
          default: return "<h2 id=\"" + word() + "\">" + Character.toUpperCase(word().charAt(0)) + word().substring(1)
              + " " + word() + "</h2>";
        }
      case MARKDOWN:
        switch (r.nextInt(4)) {
          case 0: return pick(DOC) + " " + pick(DOC);
          case 1: return "- " + pick(DOC);
          case 2: return "## " + Character.toUpperCase(word().charAt(0)) + word().substring(1) + " " + word();
          default: return "![badge](https://img.shields.io/badge/" + word() + "-passing-green?style=flat&logo=github)";
        }
      case CODE:
        switch (r.nextInt(6)) {
          case 0: return "    // " + pick(DOC);
          case 1: return "    private final " + Character.toUpperCase(word().charAt(0)) + word().substring(1) + " "
              + word() + " = new " + Character.toUpperCase(word().charAt(0)) + word().substring(1) + "();";
          case 2: return "    if (ignore" + Character.toUpperCase(word().charAt(0)) + word().substring(1)
              + ") { return System.getProperty(\"" + word() + "\"); }";
          case 3: return "    String token = request.header(\"X-" + word() + "\"); // may be null";
          case 4: return "    log.info(\"sending {} to {}\", " + word() + ", " + word() + "Url);";
          default: return "    }";
        }
      case VCS:
        return hex(7) + " " + pick(List.of("Fix", "Add", "Remove", "Bump", "Refactor", "Ignore", "Update"))
            + " " + word() + " " + word() + " (#" + r.nextInt(5000) + ")";
      default:
        return word() + "-" + hex(5) + "-" + hex(5) + "   " + (1 + r.nextInt(2)) + "/2     Running   " + r.nextInt(4)
            + "          " + r.nextInt(72) + "h   10.0." + r.nextInt(255) + "." + r.nextInt(255);
    }
  }

  /** Benign text of this kind with about {@code size} chars. */
  String text(Kind k, int size) {
    StringBuilder b = new StringBuilder(size + 200);
    if (k == Kind.HTML) {
      b.append("<!DOCTYPE html>\n<html><head><title>").append(word()).append(" docs</title></head><body>\n");
    } else if (k == Kind.JSON) {
      b.append("{\"items\": [\n");
    } else if (k == Kind.CODE) {
      b.append("package com.acme.").append(word()).append(";\n\npublic final class Main {\n");
    }
    while (b.length() < size) {
      b.append(line(k)).append('\n');
    }
    if (k == Kind.HTML) {
      b.append("</body></html>\n");
    } else if (k == Kind.JSON) {
      b.append("  {\"id\": 0}\n]}\n");
    } else if (k == Kind.CODE) {
      b.append("}\n");
    }
    return b.toString();
  }

  /** Inserts {@code payload} into {@code carrier} at the start, middle or end, at a line boundary. */
  static String insert(String carrier, String payload, String position) {
    int at;
    switch (position) {
      case "start": at = 0; break;
      case "end": at = carrier.length(); break;
      default: {
        int mid = carrier.length() / 2;
        int nl = carrier.indexOf('\n', mid);
        at = nl < 0 ? mid : nl + 1;
      }
    }
    return carrier.substring(0, at) + payload + "\n" + carrier.substring(at);
  }

  /** Shapes a payload the way it would appear in this kind of output. */
  static String embed(Kind k, String payload) {
    switch (k) {
      case JSON: return "  {\"id\": 1, \"comment\": \"" + jsonEscape(payload) + "\"},";
      case CODE: return "    /* " + payload.replace("*/", "* /") + " */";
      case LOG: return "2026-11-27 04:12:55.120 INFO  [main] c.a.Readme - " + payload;
      case HTML: return payload.startsWith("<") ? payload : "<p>" + payload + "</p>";
      default: return payload;
    }
  }

  static String jsonEscape(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"': b.append("\\\""); break;
        case '\\': b.append("\\\\"); break;
        case '\n': b.append("\\n"); break;
        default: b.append(c);
      }
    }
    return b.toString();
  }
}
