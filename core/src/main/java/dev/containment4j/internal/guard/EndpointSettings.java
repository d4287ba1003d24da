/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Session 17: a client repointed through its settings file rather than the shell: {@code OPENAI_BASE_URL=https://…}
 * written into {@code .env}, {@code sed -i 's#api.openai.com#relay.example#' .env}, an edit that swaps the host of
 * {@code ANTHROPIC_BASE_URL}. The next run of the application or the agent's own model client then sends its prompts,
 * keys and code to that server (the traffic redirection of {@code export X_BASE_URL=…}, made to last). Only keys that
 * name a model API, a package registry or a proxy are read, and only in dotenv files: an app's own {@code API_URL} is
 * ordinary configuration. A local server (Ollama, a mock) and the provider's own host are ordinary.
 */
final class EndpointSettings {
  /** {@code KEY=VALUE}, {@code export KEY=VALUE}, {@code KEY: VALUE}; the value up to a quote, space or comment. */
  private static final Pattern ASSIGNMENT = Pattern.compile("(?m)^[ \\t]*(?:export[ \\t]+)?([A-Za-z_][A-Za-z0-9_]*)"
      + "[ \\t]*[=:][ \\t]*[\"']?([^\"'\\s#]+)");
  /** Keys of model APIs' endpoints, package registries and indexes, and proxies. */
  private static final Pattern ENDPOINT_KEY = Pattern.compile("(?i)(?:(?:OPENAI|ANTHROPIC|AZURE_OPENAI|CLAUDE"
      + "|GEMINI|GOOGLE_GENAI|GOOGLE_AI|VERTEX|MISTRAL|COHERE|GROQ|DEEPSEEK|OPENROUTER|TOGETHER|FIREWORKS|PERPLEXITY"
      + "|XAI|HF|HUGGINGFACE|LLM|LITELLM|OLLAMA|BEDROCK|AI|MODEL)_\\w*(?:URL|BASE|ENDPOINT|HOST)"
      + "|\\w*(?:_REGISTRY|_REGISTRY_URL|_REGISTRY_SERVER|INDEX_URL|_MIRROR|_MIRROR_URL)|GOPROXY|GOSUMDB"
      + "|(?:HTTPS?|ALL|FTP|SOCKS)_PROXY)");
  /** Hosts of the official model APIs and registries those keys usually name. */
  private static final Pattern OFFICIAL_HOST = Pattern.compile("(?i)(?:api\\.openai\\.com|api\\.anthropic\\.com"
      + "|[\\w-]+\\.openai\\.azure\\.com|(?:[\\w-]+\\.)*googleapis\\.com|api\\.mistral\\.ai|api\\.cohere\\.(?:ai|com)"
      + "|api\\.groq\\.com|api\\.deepseek\\.com|openrouter\\.ai|api\\.together\\.(?:xyz|ai)|api\\.fireworks\\.ai"
      + "|api\\.perplexity\\.ai|api\\.x\\.ai|(?:api-inference\\.|router\\.)?huggingface\\.co"
      + "|bedrock-runtime\\.[\\w-]+\\.amazonaws\\.com|registry\\.npmjs\\.org|registry\\.yarnpkg\\.com|pypi\\.org"
      + "|files\\.pythonhosted\\.org|proxy\\.golang\\.org|sum\\.golang\\.org|repo1?\\.maven\\.(?:apache\\.)?org"
      + "|index\\.crates\\.io|crates\\.io|rubygems\\.org|registry-1\\.docker\\.io)");
  /** A URL's or a bare host name's host: what a sed replacement or an edit puts in. */
  private static final Pattern HOST = Pattern.compile("(?i)(?:[a-z][a-z0-9+.-]*://(?:[^/@\\s]*@)?)?"
      + "((?:[a-z0-9-]+\\.)+[a-z]{2,}|\\d{1,3}(?:\\.\\d{1,3}){3})(?::\\d+)?");

  private EndpointSettings() {}

  /** The write or edit tool's (or a shell command's) new text for {@code file}; {@code before} is the replaced text. */
  static Judgement written(Path file, String content, String before) {
    if (!dotenv(file)) {
      return Judgement.ALLOW;
    }
    Matcher m = ASSIGNMENT.matcher(content);
    while (m.find()) {
      String key = m.group(1);
      String value = m.group(2);
      if (!ENDPOINT_KEY.matcher(key).matches()) {
        continue;
      }
      String host = host(value);
      if (host != null && !ordinary(host) && (before == null || !before.toLowerCase(Locale.ROOT).contains(host))) {
        // the host only: a proxy or registry URL may carry a user and password
        return ask("this call sets " + key + " in " + file + " to a server at " + host);
      }
    }
    // an edit that swaps the host inside an endpoint line it does not show whole (`api.openai.com` → `relay.example`)
    if (before != null) {
      String oldHost = firstHost(before);
      String newHost = firstHost(content);
      if (oldHost != null && newHost != null && !oldHost.equals(newHost) && OFFICIAL_HOST.matcher(oldHost).matches()
          && !ordinary(newHost)) {
        return ask("this call replaces " + oldHost + " with " + newHost + " in " + file);
      }
    }
    return Judgement.ALLOW;
  }

  /** {@code sed -i 's#api.openai.com#relay.example#' .env}: a substitution that puts a new server into a dotenv file. */
  static Judgement sed(Unit u) {
    List<String> argv = u.argv();
    if (!u.name().equals("sed") || argv.stream().noneMatch(x -> Regexes.matches(x, "-\\w*i.*|--in-place.*"))
        || argv.stream().noneMatch(x -> !x.startsWith("-") && dotenv(Path.of(x)))) {
      return Judgement.ALLOW;
    }
    for (String x : argv) {
      Matcher s = DisabledTests.SED_SUBST.matcher(x);
      if (!s.matches()) {
        continue;
      }
      String pattern = s.group(2);
      String newHost = firstHost(s.group(3));
      if (newHost == null || ordinary(newHost) || pattern.toLowerCase(Locale.ROOT).contains(newHost)) {
        continue;
      }
      String oldHost = firstHost(pattern);
      if (ENDPOINT_KEY.matcher(pattern + " " + s.group(3)).find() || oldHost != null
          && OFFICIAL_HOST.matcher(oldHost).matches()) {
        return ask(u.shown() + " points a setting at " + newHost);
      }
    }
    return Judgement.ALLOW;
  }

  private static Judgement ask(String what) {
    return Judgement.ask(Classifier.REDIRECT, what + ": a model client, package manager or proxy would send its"
        + " traffic (prompts, keys, code) to that server from now on; a human must confirm the destination");
  }

  /** {@code .env}, {@code .env.local}, {@code prod.env}; not the committed templates ({@code .env.example}). */
  static boolean dotenv(Path file) {
    Path f = file.getFileName();
    String name = f == null ? "" : f.toString().toLowerCase(Locale.ROOT);
    return (name.equals(".env") || name.startsWith(".env.") || name.endsWith(".env") || name.equals(".envrc"))
        && !name.matches(".*\\.(example|sample|template|dist|defaults?)");
  }

  private static String host(String value) {
    String h = Classifier.remoteHost(value);
    if (h == null && !value.contains("/")) {
      Matcher m = HOST.matcher(value);
      h = m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }
    return h;
  }

  private static String firstHost(String text) {
    // a sed pattern escapes its dots (`api\.openai\.com`): the host is read without them
    Matcher m = HOST.matcher(text.replace("\\", ""));
    return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
  }

  /**
   * A local server, the provider's own host, or a private address — an address literal, read as {@code HostName}
   * reads it: a name that merely starts with digits ({@code 10.attacker.example}) is not one.
   */
  private static boolean ordinary(String host) {
    if (Classifier.isLocal(host) || OFFICIAL_HOST.matcher(host).matches()) {
      return true;
    }
    java.net.InetAddress a = Classifier.literalAddress(host);
    return a != null && (a.isLoopbackAddress() || a.isSiteLocalAddress()
        || a instanceof java.net.Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc);
  }
}
