/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Resolves {@code ${env:NAME}} references on the host, in place, in every string value of the document (list items
 * and mapping values; never keys, numbers or booleans). {@code $${env:NAME}} stands for the literal text
 * {@code ${env:NAME}}; other {@code ${...}} text is left alone. Not allowed in {@code isolation.env.set} (those values
 * enter the sandbox; {@code isolation.env.pass} passes a host variable explicitly) nor in workspace configurations
 * (untrusted files must not pull host values). Remembers what it substituted so error messages can show the
 * reference instead of the value.
 */
final class EnvReferences {
  private static final String OPEN = "${env:";

  private final YamlDocument doc;
  private final Function<String, String> env;
  private final boolean allowed;
  /** Substituted value -> the reference it came from, to mask values in messages. */
  private final Map<String, String> substituted = new LinkedHashMap<>();
  /** Path -> the references written in that value (for {@code Secret.origin}). */
  private final Map<String, List<String>> references = new HashMap<>();

  private EnvReferences(YamlDocument doc, Function<String, String> env, boolean allowed) {
    this.doc = doc;
    this.env = env;
    this.allowed = allowed;
  }

  /** Resolves the references in {@code doc}'s tree. */
  static EnvReferences resolve(YamlDocument doc, Function<String, String> env) {
    EnvReferences r = new EnvReferences(doc, env, true);
    r.walk(doc.root, "");
    return r;
  }

  /** Rejects any reference: for workspace configurations. */
  static EnvReferences forbid(YamlDocument doc) {
    EnvReferences r = new EnvReferences(doc, name -> null, false);
    r.walk(doc.root, "");
    return r;
  }

  /** The references written at {@code path}, empty when the value was literal. */
  List<String> referencesAt(String path) {
    return references.getOrDefault(path, List.of());
  }

  /** {@code message} with every substituted value (3+ characters) replaced by its reference. */
  String mask(String message) {
    String out = message;
    // longest first, so a value that contains another is masked whole
    List<Map.Entry<String, String>> byLength = new ArrayList<>(substituted.entrySet());
    byLength.sort((a, b) -> b.getKey().length() - a.getKey().length());
    for (Map.Entry<String, String> e : byLength) {
      if (e.getKey().length() >= 3) {
        out = out.replace(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  private void walk(JsonNode node, String path) {
    if (node instanceof ObjectNode o) {
      for (Iterator<Map.Entry<String, JsonNode>> it = o.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String child = YamlPath.child(path, e.getKey());
        if (e.getValue() instanceof TextNode t) {
          e.setValue(TextNode.valueOf(substitute(t.textValue(), child)));
        } else {
          walk(e.getValue(), child);
        }
      }
    } else if (node instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        String child = YamlPath.index(path, i);
        if (a.get(i) instanceof TextNode t) {
          a.set(i, TextNode.valueOf(substitute(t.textValue(), child)));
        } else {
          walk(a.get(i), child);
        }
      }
    }
  }

  private String substitute(String text, String path) {
    if (!text.contains("${")) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    List<String> refs = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$" + OPEN, i)) {
        out.append(OPEN);
        i += 1 + OPEN.length();
      } else if (text.startsWith(OPEN, i)) {
        int end = text.indexOf('}', i);
        String name = end < 0 ? "" : text.substring(i + OPEN.length(), end);
        if (end < 0 || !ValueSyntax.isEnvName(name)) {
          throw doc.error(path, "malformed reference at character " + (i + 1) + "; write ${env:NAME} with NAME"
              + " letters, digits and '_' (not starting with a digit), or $${env:...} for the literal text");
        }
        String ref = OPEN + name + "}";
        if (!allowed) {
          throw doc.error(path, ref + ": a workspace configuration cannot read host environment variables;"
              + " remove the reference (only the host policy may use ${env:NAME})");
        }
        if (path.startsWith("isolation.env.set.")) {
          throw doc.error(path, ref + ": values in isolation.env.set go into the sandbox, so host variables are not"
              + " resolved here; to pass a host variable on purpose, list its name in isolation.env.pass");
        }
        String value = env.apply(name);
        if (value == null) {
          throw doc.error(path, "environment variable " + name + " is not set on the host (referenced as " + ref
              + "); set it before loading the policy, or remove the reference");
        }
        out.append(value);
        refs.add(ref);
        substituted.putIfAbsent(value, ref);
        i = end + 1;
      } else {
        out.append(text.charAt(i++));
      }
    }
    if (!refs.isEmpty()) {
      references.put(path, List.copyOf(refs));
    }
    return out.toString();
  }
}
