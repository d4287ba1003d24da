/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

import dev.containment4j.isolation.seatbelt.internal.SbplReader.Lst;
import dev.containment4j.isolation.seatbelt.internal.SbplReader.Node;
import dev.containment4j.isolation.seatbelt.internal.SbplReader.Str;
import dev.containment4j.isolation.seatbelt.internal.SbplReader.Sym;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A checked model of a profile and an evaluator with Seatbelt's semantics (last matching rule wins, {@code (deny
 * default)} otherwise), used to prove what a generated profile allows. Validation rejects operations and filters
 * outside Apple's known sets (operation names from the macOS 10.15 operation table).
 */
final class SbplModel {

  static final Set<String> OPERATIONS = Set.of("default", "file*", "file-chroot", "file-clone", "file-ioctl",
      "file-issue-extension", "file-link", "file-map-executable", "file-mknod", "file-mount", "file-read*",
      "file-read-data", "file-read-metadata", "file-read-xattr", "file-revoke", "file-search", "file-test-existence",
      "file-unmount", "file-write*", "file-write-acl", "file-write-create", "file-write-data", "file-write-flags",
      "file-write-mode", "file-write-owner", "file-write-setugid", "file-write-times", "file-write-unlink",
      "file-write-xattr", "ipc-posix-sem", "ipc-posix-shm", "mach-host*", "mach-lookup", "network*",
      "network-inbound", "network-bind", "network-outbound", "process-exec", "process-exec*", "process-fork",
      "process-info*", "signal", "sysctl-read", "sysctl-write", "system-socket", "user-preference-read");

  static final Set<String> PATH_FILTERS = Set.of("literal", "subpath", "regex");

  /** One rule. */
  record Rule(boolean allow, List<String> operations, List<Lst> filters, Optional<String> message) {}

  final List<Rule> rules = new ArrayList<>();

  /** Validates the forms and builds the model; throws {@link IllegalStateException} naming what is wrong. */
  static SbplModel of(List<Lst> forms) {
    SbplModel m = new SbplModel();
    if (forms.isEmpty() || !forms.get(0).toString().equals("(version 1)")) {
      throw new IllegalStateException("profile must start with (version 1)");
    }
    for (Lst f : forms.subList(1, forms.size())) {
      Sym head = f.head();
      if (head == null || !(head.name().equals("allow") || head.name().equals("deny"))) {
        throw new IllegalStateException("unknown top-level form " + f);
      }
      List<String> ops = new ArrayList<>();
      List<Lst> filters = new ArrayList<>();
      Optional<String> message = Optional.empty();
      for (Node n : f.tail()) {
        if (n instanceof Sym s) {
          if (!filters.isEmpty() || !OPERATIONS.contains(s.name())) {
            throw new IllegalStateException("unknown or misplaced operation " + s + " in " + f);
          }
          ops.add(s.name());
        } else if (n instanceof Lst l && l.head() != null && l.head().name().equals("with")) {
          if (l.items().size() != 3 || !l.items().get(1).toString().equals("message")
              || !(l.items().get(2) instanceof Str msg)) {
            throw new IllegalStateException("bad modifier " + l);
          }
          message = Optional.of(msg.value());
        } else if (n instanceof Lst l) {
          checkFilter(l);
          filters.add(l);
        } else {
          throw new IllegalStateException("unexpected " + n + " in " + f);
        }
      }
      if (ops.isEmpty()) {
        throw new IllegalStateException("rule without operation: " + f);
      }
      m.rules.add(new Rule(head.name().equals("allow"), ops, filters, message));
    }
    if (m.rules.isEmpty() || m.rules.get(0).allow() || !m.rules.get(0).operations().equals(List.of("default"))) {
      throw new IllegalStateException("the first rule must be (deny default ...)");
    }
    return m;
  }

  private static void checkFilter(Lst f) {
    Sym head = f.head();
    if (head == null) {
      throw new IllegalStateException("filter without name: " + f);
    }
    String name = head.name();
    List<Node> args = f.tail();
    switch (name) {
      case "literal", "subpath", "regex", "sysctl-name", "sysctl-name-prefix", "global-name" -> {
        if (args.size() != 1 || !(args.get(0) instanceof Str s)) {
          throw new IllegalStateException(name + " takes one string: " + f);
        }
        if (PATH_FILTERS.contains(name) && !name.equals("regex") && !s.value().startsWith("/")) {
          throw new IllegalStateException("path filter with a relative path: " + f);
        }
        if (name.equals("regex")) {
          SbplRegex.toJava(s.value());
        }
      }
      case "require-all", "require-any", "require-not" -> args.forEach(a -> {
        if (!(a instanceof Lst l)) {
          throw new IllegalStateException("require-* takes filters: " + f);
        }
        checkFilter(l);
      });
      case "target" -> expect(f, "(target same-sandbox)");
      case "socket-domain" -> expect(f, "(socket-domain AF_UNIX)");
      case "vnode-type" -> {
        if (args.size() != 1 || !Set.of("REGULAR-FILE", "DIRECTORY").contains(args.get(0).toString())) {
          throw new IllegalStateException("bad vnode-type " + f);
        }
      }
      case "remote" -> {
        if (args.size() != 2 || !args.get(0).toString().equals("ip") || !(args.get(1) instanceof Str s)
            || !s.value().matches("localhost:[0-9]{1,5}")) {
          throw new IllegalStateException("only (remote ip \"localhost:PORT\") is expected: " + f);
        }
      }
      default -> throw new IllegalStateException("unknown filter " + f);
    }
  }

  private static void expect(Lst f, String text) {
    if (!f.toString().equals(text)) {
      throw new IllegalStateException("expected " + text + ", got " + f);
    }
  }

  /** The query: an operation on a path (file operations) or with no path. */
  record Query(String operation, String path, String vnodeType, String remote) {
    static Query file(String op, String path) {
      return new Query(op, path, "REGULAR-FILE", null);
    }

    static Query dir(String op, String path) {
      return new Query(op, path, "DIRECTORY", null);
    }

    /** A socket operation towards {@code host:port} ({@code localhost} for loopback). */
    static Query remote(String op, String address) {
      return new Query(op, null, null, address);
    }
  }

  /** The rule that decides {@code q} (the last one that matches). */
  Rule decide(Query q) {
    Rule decided = null;
    for (Rule r : rules) {
      if (r.operations().stream().anyMatch(op -> opMatches(op, q.operation()))
          && (r.filters().isEmpty()
          || r.filters().stream().anyMatch(f -> filterMatches(f, q)))) {
        decided = r;
      }
    }
    return decided;
  }

  boolean allows(Query q) {
    return decide(q).allow();
  }

  static boolean opMatches(String ruleOp, String op) {
    if (ruleOp.equals("default") || ruleOp.equals(op)) {
      return true;
    }
    return ruleOp.endsWith("*") && op.startsWith(ruleOp.substring(0, ruleOp.length() - 1));
  }

  static boolean filterMatches(Lst f, Query q) {
    String name = f.head().name();
    List<Node> args = f.tail();
    return switch (name) {
      case "literal" -> q.path() != null && q.path().equals(((Str) args.get(0)).value());
      case "subpath" -> {
        String p = ((Str) args.get(0)).value();
        yield q.path() != null && (q.path().equals(p) || q.path().startsWith(p.endsWith("/") ? p : p + "/"));
      }
      case "regex" -> q.path() != null && SbplRegex.toJava(((Str) args.get(0)).value()).matcher(q.path()).find();
      case "require-all" -> args.stream().allMatch(a -> filterMatches((Lst) a, q));
      case "require-any" -> args.stream().anyMatch(a -> filterMatches((Lst) a, q));
      case "require-not" -> args.stream().noneMatch(a -> filterMatches((Lst) a, q));
      case "vnode-type" -> args.get(0).toString().equals(q.vnodeType());
      case "remote" -> q.remote() != null && q.remote().equals(((Str) args.get(1)).value());
      default -> false;
    };
  }

  /** Translates the SBPL regex dialect the builder emits into {@link Pattern}. */
  static final class SbplRegex {
    private SbplRegex() {}

    static Pattern toJava(String re) {
      StringBuilder j = new StringBuilder();
      for (int i = 0; i < re.length(); i += Character.charCount(re.codePointAt(i))) {
        int c = re.codePointAt(i);
        if (c == '\\') {
          if (i + 1 >= re.length()) {
            throw new IllegalStateException("dangling backslash in regex " + re);
          }
          i++;
          j.append(Pattern.quote(Character.toString(re.codePointAt(i))));
          i += Character.charCount(re.codePointAt(i)) - 1;
        } else if (c == '[') {
          int end = re.indexOf(']', i + 1);
          String cls = re.substring(i, end + 1);
          if (!cls.equals("[^/]") && !cls.matches("\\[(\\^/)?[A-Za-z0-9_.-]+]")) {
            throw new IllegalStateException("unexpected character class " + cls + " in " + re);
          }
          j.append(cls);
          i = end;
        } else if ("()|*+?^$".indexOf(c) >= 0) {
          j.append((char) c);
        } else if (c == '.' || c == '{') {
          throw new IllegalStateException("unquoted '" + (char) c + "' in regex " + re);
        } else {
          j.append(Pattern.quote(Character.toString(c)));
        }
      }
      return Pattern.compile(j.toString(), Pattern.DOTALL);
    }
  }
}
