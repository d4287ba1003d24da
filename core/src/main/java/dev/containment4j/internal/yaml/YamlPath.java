/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.yaml;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * YAML paths as error messages show them: {@code isolation.limits.wallSeconds}, {@code network.allow[2]}, and
 * {@code network.hosts."db.internal"} for keys that are not simple names.
 */
final class YamlPath {
  private static final Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z0-9_-]+");

  private YamlPath() {}

  static String child(String parent, String key) {
    String k = SIMPLE_KEY.matcher(key).matches() ? key : '"' + key.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    return parent.isEmpty() ? k : parent + "." + k;
  }

  static String index(String parent, int i) {
    return parent + "[" + i + "]";
  }

  static String of(JsonMappingException e) {
    String path = "";
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        path = child(path, r.getFieldName());
      } else if (r.getIndex() >= 0) {
        path = index(path, r.getIndex());
      }
    }
    return path;
  }

  /** The last key of {@code path}, unquoted. */
  static String lastKey(String path) {
    List<Object> steps = steps(path);
    Object last = steps.isEmpty() ? "" : steps.get(steps.size() - 1);
    return last.toString();
  }

  static String parent(String path) {
    if (path.endsWith("]")) {
      return path.substring(0, path.lastIndexOf('['));
    }
    if (path.endsWith("\"")) {
      int i = path.length() - 2;
      while (i > 0 && !(path.charAt(i) == '"' && path.charAt(i - 1) != '\\')) {
        i--;
      }
      return i > 0 ? path.substring(0, i - 1) : "";
    }
    int dot = path.lastIndexOf('.');
    return dot < 0 ? "" : path.substring(0, dot);
  }

  /** Keys (String) and list indexes (Integer) from the root. */
  static List<Object> steps(String path) {
    List<Object> out = new ArrayList<>();
    int i = 0;
    while (i < path.length()) {
      char c = path.charAt(i);
      if (c == '.') {
        i++;
      } else if (c == '[') {
        int end = path.indexOf(']', i);
        out.add(Integer.parseInt(path.substring(i + 1, end)));
        i = end + 1;
      } else if (c == '"') {
        StringBuilder sb = new StringBuilder();
        i++;
        while (path.charAt(i) != '"') {
          if (path.charAt(i) == '\\') {
            i++;
          }
          sb.append(path.charAt(i++));
        }
        out.add(sb.toString());
        i++;
      } else {
        int end = i;
        while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
          end++;
        }
        out.add(path.substring(i, end));
        i = end;
      }
    }
    return out;
  }
}
