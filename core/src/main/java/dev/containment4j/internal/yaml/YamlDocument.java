/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.yaml;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.containment4j.PolicyException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML policy document read into a Jackson tree, with the line and column of every key and value by YAML path
 * ({@code isolation.limits.wallSeconds}, {@code network.allow[2]}), so that errors found after binding (types, values,
 * semantics) still point at the right place. Rejects what YAML allows but a policy must not have: duplicate keys,
 * tabs in indentation, an empty or non-mapping document, several documents, anchors and aliases, and {@code null}
 * values.
 */
final class YamlDocument {
  /** Policy files are small; a bigger one is a mistake or an attack on the parser. */
  static final int MAX_CHARS = 1 << 20;

  private static final YAMLFactory FACTORY = YAMLFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();
  private static final Pattern DECIMAL = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
  private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

  final String source;
  final ObjectNode root;
  private final Map<String, JsonLocation> keys;
  private final Map<String, JsonLocation> values;
  /** For a merged profile: path in {@link #root} -> path in the file, by longest prefix; empty otherwise. */
  private final Map<String, String> provenance;

  private YamlDocument(String source, ObjectNode root, Map<String, JsonLocation> keys,
      Map<String, JsonLocation> values, Map<String, String> provenance) {
    this.source = source;
    this.root = root;
    this.keys = keys;
    this.values = values;
    this.provenance = provenance;
  }

  /**
   * The same file seen through another tree (a profile merged over the document): errors at a path of {@code root}
   * are reported at the path in the file the value came from.
   */
  YamlDocument view(ObjectNode root, Map<String, String> provenance) {
    return new YamlDocument(source, root, keys, values, Map.copyOf(provenance));
  }

  /** The path in the file that {@code path} of {@link #root} came from. */
  String sourcePath(String path) {
    String best = null;
    for (String prefix : provenance.keySet()) {
      boolean covers = path.equals(prefix) || path.startsWith(prefix + ".") || path.startsWith(prefix + "[");
      if (covers && (best == null || prefix.length() > best.length())) {
        best = prefix;
      }
    }
    return best == null ? path : provenance.get(best) + path.substring(best.length());
  }

  static YamlDocument parse(String text, String source) {
    if (text.length() > MAX_CHARS) {
      throw new PolicyException(source, 0, 0, "", "the file has more than " + MAX_CHARS
          + " characters; a policy is a short YAML file: check that the right file was given");
    }
    rejectTabIndentation(text, source);
    Builder b = new Builder(source);
    try (YAMLParser p = FACTORY.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null || first == JsonToken.VALUE_NULL) {
        throw new PolicyException(source, 1, 1, "", "the policy is empty; start it with 'version: 1'");
      }
      if (first != JsonToken.START_OBJECT) {
        JsonLocation at = p.currentTokenLocation();
        throw new PolicyException(source, at.getLineNr(), at.getColumnNr(), "",
            "the document is " + shape(first) + ", not a mapping of keys; a policy starts with 'version: 1'"
                + " followed by sections such as 'isolation:' and 'network:'");
      }
      ObjectNode root = (ObjectNode) b.read(p, "");
      JsonToken next = p.nextToken();
      if (next != null) {
        JsonLocation at = p.currentTokenLocation();
        throw new PolicyException(source, at.getLineNr(), at.getColumnNr(), "",
            "more than one YAML document ('---'); a policy file holds exactly one document");
      }
      return new YamlDocument(source, root, b.keys, b.values, Map.of());
    } catch (StreamReadException e) {
      throw syntaxError(source, b, e);
    } catch (IOException e) {
      throw new PolicyException(source, 0, 0, "", "cannot read the policy: " + e.getMessage(), e);
    }
  }

  /** Where the value at {@code path} is; the nearest written ancestor when the key itself was not written. */
  JsonLocation valueLocation(String path) {
    for (String p = sourcePath(path); ; p = YamlPath.parent(p)) {
      JsonLocation at = values.get(p);
      if (at != null) {
        return at;
      }
      if (p.isEmpty()) {
        return JsonLocation.NA;
      }
    }
  }

  /** Where the key of {@code path} is (for unknown keys); its value's location when there is no key. */
  JsonLocation keyLocation(String path) {
    JsonLocation at = keys.get(sourcePath(path));
    return at != null ? at : valueLocation(path);
  }

  PolicyException error(String path, String problem) {
    return error(path, problem, null);
  }

  PolicyException error(String path, String problem, Throwable cause) {
    JsonLocation at = valueLocation(path);
    return new PolicyException(source, line(at), column(at), sourcePath(path), problem, cause);
  }

  PolicyException keyError(String path, String problem, Throwable cause) {
    JsonLocation at = keyLocation(path);
    return new PolicyException(source, line(at), column(at), sourcePath(path), problem, cause);
  }

  /** The node at {@code path}, or {@code null}. */
  JsonNode node(String path) {
    JsonNode n = root;
    for (Object step : YamlPath.steps(path)) {
      if (n == null) {
        return null;
      }
      n = step instanceof Integer i ? n.get(i) : n.get((String) step);
    }
    return n;
  }

  static int line(JsonLocation at) {
    return Math.max(at.getLineNr(), 0);
  }

  static int column(JsonLocation at) {
    return at.getLineNr() > 0 ? Math.max(at.getColumnNr(), 0) : 0;
  }

  static String shape(JsonToken t) {
    switch (t) {
      case START_OBJECT: return "a mapping";
      case START_ARRAY: return "a list";
      case VALUE_STRING: return "a string";
      case VALUE_NUMBER_INT: return "a whole number";
      case VALUE_NUMBER_FLOAT: return "a decimal number";
      case VALUE_TRUE: case VALUE_FALSE: return "a boolean";
      case VALUE_NULL: return "empty (null)";
      default: return "a " + t;
    }
  }

  /** YAML forbids tabs in indentation; SnakeYAML's own message for it is cryptic. */
  private static void rejectTabIndentation(String text, String source) {
    int line = 1;
    int col = 1;
    boolean indent = true;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
        col = 1;
        indent = true;
        continue;
      }
      if (indent && c == '\t') {
        throw new PolicyException(source, line, col, "",
            "tab character in the indentation; YAML indents with spaces only: replace the tab with spaces");
      }
      if (c != ' ' && c != '-') {
        indent = false;
      }
      col++;
    }
  }

  private static PolicyException syntaxError(String source, Builder b, StreamReadException e) {
    Matcher dup = DUPLICATE.matcher(e.getOriginalMessage());
    JsonLocation at = e.getLocation() != null ? e.getLocation() : JsonLocation.NA;
    if (dup.find()) {
      String path = YamlPath.child(b.currentParent, dup.group(1));
      JsonLocation first = b.keys.get(path);
      return new PolicyException(source, line(at), column(at), path, "duplicate key '" + dup.group(1) + "'"
          + (first != null ? " (first written at line " + first.getLineNr() + ")" : "")
          + "; a key may appear once per mapping: remove one or merge them", e);
    }
    String problem = e.getOriginalMessage();
    int line = line(at);
    int column = column(at);
    if (e.getCause() instanceof MarkedYAMLException m) {
      // SnakeYAML's own message quotes the offending line; keep only the problem, the location says where
      problem = (m.getContext() != null ? m.getContext() + ": " : "") + m.getProblem();
      if (m.getProblemMark() != null) {
        line = m.getProblemMark().getLine() + 1;
        column = m.getProblemMark().getColumn() + 1;
      }
    }
    return new PolicyException(source, line, column, b.currentParent, "YAML syntax error: " + problem
        + "; check the indentation (spaces only), the ':' after each key and the quotes around values that"
        + " contain ': ', '#', '{' or '['", e);
  }

  /** Reads tokens into a tree, recording where each key and value starts. */
  private static final class Builder {
    private final String source;
    final Map<String, JsonLocation> keys = new HashMap<>();
    final Map<String, JsonLocation> values = new HashMap<>();
    String currentParent = "";

    Builder(String source) {
      this.source = source;
    }

    JsonNode read(JsonParser p, String path) throws IOException {
      JsonToken t = p.currentToken();
      JsonLocation at = p.currentTokenLocation();
      values.put(path, at);
      if (p instanceof YAMLParser y && y.getObjectId() != null) {
        throw new PolicyException(source, line(at), column(at), path, "YAML anchors (&" + y.getObjectId()
            + ") and aliases are not supported in a policy; write the values out");
      }
      JsonNodeFactory f = JsonNodeFactory.instance;
      switch (t) {
        case START_OBJECT: {
          ObjectNode o = f.objectNode();
          currentParent = path;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            String child = YamlPath.child(path, name);
            keys.put(child, p.currentTokenLocation());
            p.nextToken();
            o.set(name, read(p, child));
            currentParent = path;
          }
          return o;
        }
        case START_ARRAY: {
          ArrayNode a = f.arrayNode();
          int i = 0;
          while (p.nextToken() != JsonToken.END_ARRAY) {
            a.add(read(p, YamlPath.index(path, i++)));
          }
          return a;
        }
        case VALUE_STRING:
          if (p instanceof YAMLParser y && y.isCurrentAlias()) {
            throw new PolicyException(source, line(at), column(at), path,
                "YAML aliases (*" + p.getText() + ") are not supported in a policy; write the values out");
          }
          return f.textNode(p.getText());
        case VALUE_NUMBER_INT:
          // YAML 1.1 reads 010 as octal 8, 0x10 as 16, 1_000 as 1000: a policy takes plain decimals only
          if (!DECIMAL.matcher(p.getText()).matches()) {
            throw new PolicyException(source, line(at), column(at), path, "'" + p.getText() + "' is not a plain"
                + " decimal number (YAML 1.1 would read it as " + p.getBigIntegerValue() + "); write decimal digits"
                + " only, without leading zeros, 0x/0b prefixes or '_'");
          }
          switch (p.getNumberType()) {
            case INT: return f.numberNode(p.getIntValue());
            case LONG: return f.numberNode(p.getLongValue());
            default: return f.numberNode(p.getBigIntegerValue());
          }
        case VALUE_NUMBER_FLOAT:
          return f.numberNode(p.getDoubleValue());
        case VALUE_TRUE:
        case VALUE_FALSE:
          // YAML 1.2: only true/false are booleans; YAML 1.1's yes/no/on/off stay strings (content.secrets: off)
          String text = p.getText();
          if (text != null && !text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            return f.textNode(text);
          }
          return f.booleanNode(t == JsonToken.VALUE_TRUE);
        case VALUE_NULL:
          throw new PolicyException(source, line(at), column(at), path, "the value is empty; write a value, or"
              + " remove the key to get its default ([] for an empty list, {} for an empty mapping)");
        default:
          throw new PolicyException(source, line(at), column(at), path, "unexpected YAML content (" + t + ")");
      }
    }
  }
}
