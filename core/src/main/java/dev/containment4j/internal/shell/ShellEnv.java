/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.shell;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the parser knows while it walks a script: variables assigned so far, aliases, functions, the home and the
 * current directory. A variable mapped to null is known to exist but has an unknown value.
 */
public final class ShellEnv {
  private final Map<String, String> vars;
  private final Map<String, String> aliases;
  /**
   * Environment variables set by an earlier statement ({@code export DATABASE_URL=…}, {@code RAILS_ENV=production;})
   * as later commands' recorded assignments show them: those commands run with them.
   */
  private final Map<String, String> settings;
  private final Path home;
  private Path cwd;

  private ShellEnv(Map<String, String> vars, Map<String, String> aliases, Map<String, String> settings, Path home,
      Path cwd) {
    this.vars = vars;
    this.aliases = aliases;
    this.settings = settings;
    this.home = home;
    this.cwd = cwd;
  }

  public static ShellEnv of(Path home, Path cwd) {
    return new ShellEnv(new HashMap<>(), new HashMap<>(), new HashMap<>(), home, cwd);
  }

  /** A copy for a subshell: changes to it do not leak back. */
  public ShellEnv copy() {
    return new ShellEnv(new HashMap<>(vars), new HashMap<>(aliases), new HashMap<>(settings), home, cwd);
  }

  public Path home() {
    return home;
  }

  /** The current directory, or null once a {@code cd} could not be followed. */
  public Path cwd() {
    return cwd;
  }

  void cwd(Path dir) {
    this.cwd = dir;
  }

  /** Whether the variable was assigned in this script (its value may still be unknown). */
  boolean assigned(String name) {
    return vars.containsKey(name);
  }

  /** The value of a variable assigned in this script, or null when unknown. */
  String var(String name) {
    return vars.get(name);
  }

  void set(String name, String valueOrNull) {
    vars.put(name, valueOrNull);
  }

  void unset(String name) {
    vars.remove(name);
    settings.remove(name);
  }

  /** The environment variables earlier statements set, as recorded (see {@link #settings}). */
  Map<String, String> settings() {
    return settings;
  }

  void setting(String name, String recorded) {
    settings.put(name, recorded);
  }

  String alias(String name) {
    return aliases.get(name);
  }

  void alias(String name, String value) {
    aliases.put(name, value);
  }
}
