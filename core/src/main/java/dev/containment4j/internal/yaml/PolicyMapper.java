/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.yaml;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.containment4j.PolicyException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds a {@link YamlDocument} to {@link PolicyYaml} with Jackson, strictly: unknown keys fail, and no scalar is
 * coerced into another type ({@code "120"} is not a number, {@code 1.5} not a whole number, {@code 8080} not a
 * string). Jackson's errors become {@link PolicyException}s with location, YAML path and fix; Jackson's exception
 * stays the cause.
 */
final class PolicyMapper {
  private static final ObjectMapper MAPPER = strictMapper();

  private PolicyMapper() {}

  private static ObjectMapper strictMapper() {
    JsonMapper m = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .build();
    for (LogicalType t : new LogicalType[] {LogicalType.Textual, LogicalType.Integer, LogicalType.Boolean,
        LogicalType.Float, LogicalType.Collection, LogicalType.Map, LogicalType.POJO}) {
      m.coercionConfigFor(t)
          .setCoercion(CoercionInputShape.Integer, t == LogicalType.Integer ? CoercionAction.TryConvert
              : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, t == LogicalType.Float ? CoercionAction.TryConvert
              : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Boolean, t == LogicalType.Boolean ? CoercionAction.TryConvert
              : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.String, t == LogicalType.Textual ? CoercionAction.TryConvert
              : CoercionAction.Fail)
          .setCoercion(CoercionInputShape.EmptyString, t == LogicalType.Textual ? CoercionAction.TryConvert
              : CoercionAction.Fail);
    }
    return m;
  }

  static PolicyYaml bind(YamlDocument doc) {
    try {
      return MAPPER.treeToValue(doc.root, PolicyYaml.class);
    } catch (UnrecognizedPropertyException e) {
      throw unknownKey(doc, e);
    } catch (MismatchedInputException e) {
      throw wrongType(doc, YamlPath.of(e), e.getTargetType(), e);
    } catch (JsonMappingException e) {
      String path = YamlPath.of(e);
      String why = String.valueOf(e.getOriginalMessage());
      if (why.contains("out of range")) {
        throw doc.error(path, "the number is out of range; " + rangeHint(path), e);
      }
      throw doc.error(path, "cannot read this value: " + why, e);
    } catch (com.fasterxml.jackson.core.JacksonException e) {
      throw doc.error("", "cannot read the policy: " + e.getOriginalMessage(), e);
    }
  }

  private static PolicyException unknownKey(YamlDocument doc, UnrecognizedPropertyException e) {
    String path = YamlPath.of(e);
    String key = e.getPropertyName();
    List<String> valid = new ArrayList<>();
    if (e.getReferringClass() != null && e.getReferringClass().isRecord()) {
      // in the order the documentation lists them, not Jackson's hash order
      for (java.lang.reflect.RecordComponent c : e.getReferringClass().getRecordComponents()) {
        valid.add(c.getName());
      }
    } else if (e.getKnownPropertyIds() != null) {
      e.getKnownPropertyIds().forEach(o -> valid.add(o.toString()));
    }
    String parent = YamlPath.parent(doc.sourcePath(path));
    if (parent.matches(Profiles.KEY + "\\.[A-Za-z0-9_-]+")) {
      valid.remove("version");
      valid.add("extends");
    } else if (parent.isEmpty()) {
      valid.add(Profiles.KEY);  // read before binding, so not a component of PolicyYaml
    }
    StringBuilder msg = new StringBuilder("unknown key '").append(key).append("'.");
    if (Set.of("hooks", "hook", "onLoad", "scripts", "exec", "run", "command").contains(key)) {
      msg.append(" A policy never runs commands (no hooks): remove it.");
    } else {
      msg.append(Suggestions.didYouMean(key, valid));
    }
    msg.append(" Valid keys ").append(parent.isEmpty() ? "at the top level" : "in " + parent).append(": ")
        .append(String.join(", ", valid)).append('.');
    return doc.keyError(path, msg.toString(), e);
  }

  static PolicyException wrongType(YamlDocument doc, String path, Class<?> target, Exception cause) {
    JsonNode found = doc.node(path);
    String expected = describe(target);
    String got = found == null ? "something else" : describe(found);
    String fix = switch (expected) {
      case "a string" -> found != null && found.isContainerNode() ? "; write a single value" : "; put the value in quotes";
      case "a whole number" -> "; write digits without quotes, e.g. 120";
      case "true or false" -> "; write true or false without quotes";
      case "a list" -> "; write a YAML list, e.g. [a, b] or one '- item' per line ([] for none)";
      case "a mapping" -> "; write a YAML mapping, e.g. {key: value} or one 'key: value' per line ({} for none)";
      default -> "";
    };
    return doc.error(path, "wrong type: expected " + expected + ", found " + got + fix, cause);
  }

  private static String describe(Class<?> target) {
    if (target == null) {
      return "another type";
    }
    if (target == String.class) {
      return "a string";
    }
    if (target == Integer.class || target == Long.class || target == int.class || target == long.class) {
      return "a whole number";
    }
    if (target == Boolean.class || target == boolean.class) {
      return "true or false";
    }
    if (Collection.class.isAssignableFrom(target)) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(target) || target.isRecord()) {
      return "a mapping";
    }
    return "another type";
  }

  private static String describe(JsonNode n) {
    if (n.isObject()) {
      return "a mapping";
    }
    if (n.isArray()) {
      return "a list";
    }
    if (n.isTextual()) {
      return n.textValue().isEmpty() ? "an empty string" : "a string";
    }
    if (n.isIntegralNumber()) {
      return "a whole number";
    }
    if (n.isNumber()) {
      return "a decimal number";
    }
    if (n.isBoolean()) {
      return "a boolean";
    }
    return "another value";
  }

  static String rangeHint(String path) {
    return Ranges.hint(YamlPath.lastKey(path));
  }
}
