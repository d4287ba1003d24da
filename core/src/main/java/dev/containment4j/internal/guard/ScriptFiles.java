/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The text of a script the agent runs by path ({@code bash x.sh}, {@code ./x.sh}, {@code source x.sh},
 * {@code python3 x.py}, {@code eval "$(cat x)"}), read when the guard decides so that what the script runs is judged
 * like a command typed now. Reads at most {@link #MAX_BYTES} of a regular file (a longer file is judged on its
 * beginning), skips binaries, and keeps the text keyed by path, size, modification time and inode, so an unchanged
 * script is read once while any rewrite is read again. The file can still change between the decision and the run
 * (TOCTOU): this catches the common case of a planted or just-written script; the sandbox is the boundary.
 */
final class ScriptFiles {
  /** How much of a script is read: real project scripts are far smaller; a larger one is judged on its start. */
  static final int MAX_BYTES = 64 * 1024;
  private static final int CACHED = 128;

  /** The script's text and language ({@code shell}, {@code python}, {@code node}, ...). */
  record Script(Path path, String text, String language, boolean truncated) {}

  private record Key(Path path, long size, FileTime modified, Object inode) {}

  private static final Map<Key, Script> CACHE = new LinkedHashMap<>(32, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, Script> eldest) {
      return size() > CACHED;
    }
  };

  private ScriptFiles() {}

  /**
   * The script at {@code path} (already resolved: a link there is not followed), or null when it is not a readable
   * regular text file.
   *
   * @param language the language its runner implies ({@code python3 x.py}), or null to take it from the name or
   *     the {@code #!} line
   */
  static Script read(Path path, String language) {
    BasicFileAttributes at;
    try {
      at = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      return null;
    }
    if (!at.isRegularFile()) {
      return null;
    }
    Key key = new Key(path, at.size(), at.lastModifiedTime(), at.fileKey());
    Script s;
    synchronized (CACHE) {
      s = CACHE.get(key);
    }
    if (s == null) {
      s = load(path, at.size());
      if (s == null) {
        return null;
      }
      synchronized (CACHE) {
        CACHE.put(key, s);
      }
    }
    return language == null || language.equals(s.language()) ? s
        : new Script(s.path(), s.text(), language, s.truncated());
  }

  private static Script load(Path path, long size) {
    byte[] b;
    // the path was resolved and checked as a regular file: a link swapped in since then is not followed
    try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
      b = in.readNBytes(MAX_BYTES);
    } catch (IOException | SecurityException e) {
      return null;
    }
    for (int k = 0; k < Math.min(b.length, 4096); k++) {
      if (b[k] == 0) {
        return null; // a binary: nothing the guard can read
      }
    }
    String text = new String(b, StandardCharsets.UTF_8);
    return new Script(path, text, languageOf(path, text), size > MAX_BYTES);
  }

  /** The language of a script from its {@code #!} line, else its extension; shell when neither says. */
  static String languageOf(Path path, String text) {
    if (text.startsWith("#!")) {
      int nl = text.indexOf('\n');
      String line = (nl < 0 ? text : text.substring(0, nl)).toLowerCase(Locale.ROOT);
      for (String[] l : new String[][] {{"python", "python"}, {"node", "node"}, {"deno", "node"}, {"ruby", "ruby"},
          {"perl", "perl"}, {"php", "php"}}) {
        if (line.contains(l[0])) {
          return l[1];
        }
      }
      return "shell";
    }
    String name = Objects.toString(path.getFileName(), "").toLowerCase(Locale.ROOT);
    if (name.endsWith(".py")) {
      return "python";
    }
    if (name.endsWith(".js") || name.endsWith(".mjs") || name.endsWith(".cjs") || name.endsWith(".ts")) {
      return "node";
    }
    if (name.endsWith(".rb")) {
      return "ruby";
    }
    if (name.endsWith(".pl")) {
      return "perl";
    }
    if (name.endsWith(".php")) {
      return "php";
    }
    return "shell";
  }
}
