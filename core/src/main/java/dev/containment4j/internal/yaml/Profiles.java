/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containment4j.PolicyException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code profiles:}: named variants of the policy in the same file. A profile holds the same sections as the top
 * level ({@code isolation}, {@code network}, {@code guard}, {@code content}, {@code trust}, {@code audit}) and
 * optionally {@code extends: OTHER}. It is merged over its parent — the profile it extends, else the top-level
 * document — mappings key by key, lists and single values replaced. {@code extends} cycles and unknown names are
 * errors at the {@code extends} key.
 */
final class Profiles {
  static final String KEY = "profiles";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

  private final YamlDocument doc;
  private final ObjectNode base;
  private final Map<String, ObjectNode> profiles = new java.util.LinkedHashMap<>();

  private Profiles(YamlDocument doc) {
    this.doc = doc;
    this.base = doc.root.deepCopy();
    JsonNode section = base.remove(KEY);
    if (section == null) {
      return;
    }
    if (!(section instanceof ObjectNode all)) {
      throw doc.error(KEY, "wrong type: expected a mapping of profile names to policies, e.g. profiles: {ci: {network:"
          + " {mode: none}}}");
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = all.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String path = YamlPath.child(KEY, e.getKey());
      if (!NAME.matcher(e.getKey()).matches()) {
        throw doc.keyError(path, "'" + e.getKey() + "' is not a profile name; use letters, digits, '-' and '_'", null);
      }
      if (!(e.getValue() instanceof ObjectNode profile)) {
        throw doc.error(path, "wrong type: a profile is a mapping with the sections to change, e.g. {extends: base,"
            + " network: {mode: none}}");
      }
      for (String forbidden : List.of("version", KEY)) {
        if (profile.has(forbidden)) {
          throw doc.keyError(YamlPath.child(path, forbidden), "'" + forbidden + "' is not allowed inside a profile;"
              + " it belongs at the top level only", null);
        }
      }
      JsonNode parent = profile.get("extends");
      if (parent != null && !parent.isTextual()) {
        throw doc.error(YamlPath.child(path, "extends"), "wrong type: expected the name of another profile");
      }
      profiles.put(e.getKey(), profile);
    }
    for (String name : profiles.keySet()) {
      chain(name);
    }
  }

  /** Reads and checks the {@code profiles:} section of {@code doc} (names, {@code extends} targets, cycles). */
  static Profiles of(YamlDocument doc) {
    return new Profiles(doc);
  }

  List<String> names() {
    return List.copyOf(profiles.keySet());
  }

  /** The document without profiles, or with {@code name} merged over it ({@code null} for none). */
  YamlDocument select(String name) {
    if (name == null) {
      return doc.view(base.deepCopy(), Map.of());
    }
    if (!profiles.containsKey(name)) {
      throw new PolicyException(doc.source, 0, 0, KEY, profiles.isEmpty()
          ? "profile '" + name + "' was asked for, but the policy has no profiles: section"
          : "no profile '" + name + "'." + Suggestions.didYouMean(name, profiles.keySet()) + " Profiles in this"
              + " policy: " + String.join(", ", profiles.keySet()) + ".");
    }
    ObjectNode merged = base.deepCopy();
    Map<String, String> provenance = new HashMap<>();
    List<String> chain = chain(name);
    for (int i = chain.size() - 1; i >= 0; i--) {
      ObjectNode overlay = profiles.get(chain.get(i)).deepCopy();
      overlay.remove("extends");
      merge(merged, overlay, "", YamlPath.child(KEY, chain.get(i)), provenance);
    }
    return doc.view(merged, provenance);
  }

  /** {@code name} and the profiles it extends, nearest first. */
  private List<String> chain(String name) {
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    String current = name;
    while (current != null) {
      if (!seen.add(current)) {
        List<String> cycle = new ArrayList<>(seen);
        cycle.add(current);
        String last = cycle.get(cycle.size() - 2);
        throw doc.error(YamlPath.child(YamlPath.child(KEY, last), "extends"), "extends cycle: "
            + String.join(" -> ", cycle) + "; a profile cannot extend itself, directly or through others: remove one"
            + " of these extends");
      }
      JsonNode parent = profiles.get(current).get("extends");
      if (parent != null && !profiles.containsKey(parent.textValue())) {
        throw doc.error(YamlPath.child(YamlPath.child(KEY, current), "extends"), "no profile '" + parent.textValue()
            + "' to extend." + Suggestions.didYouMean(parent.textValue(), profiles.keySet()) + " Profiles in this"
            + " policy: " + String.join(", ", profiles.keySet()) + ".");
      }
      current = parent == null ? null : parent.textValue();
    }
    return List.copyOf(seen);
  }

  private static void merge(ObjectNode target, ObjectNode overlay, String path, String sourceBase,
      Map<String, String> provenance) {
    for (Iterator<Map.Entry<String, JsonNode>> it = overlay.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String child = YamlPath.child(path, e.getKey());
      JsonNode existing = target.get(e.getKey());
      if (existing instanceof ObjectNode o && e.getValue() instanceof ObjectNode value) {
        merge(o, value, child, sourceBase, provenance);
      } else {
        provenance.keySet().removeIf(p -> p.startsWith(child + ".") || p.startsWith(child + "["));
        target.set(e.getKey(), e.getValue());
        provenance.put(child, sourceBase + "." + child);
      }
    }
  }
}
