/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.fs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Files outside {@code .git/config} and {@code .git/hooks} from which git takes configuration or programs, as named by
 * a repository that exists before a call. They lie in the writable worktree (or in the writable {@code .git}), so a
 * tool could plant a hook or a {@code core.fsmonitor} there for the host's next {@code git commit} or
 * {@code git status}; the file system plan write-protects them like {@code .git/config}:
 * <ul>
 *   <li>{@code core.hooksPath} of {@code .git/config} (husky's {@code .husky}, {@code .githooks}): the hooks
 *       directory, relative to the worktree;
 *   <li>{@code include.path} and {@code includeIf.*.path}: the included file, relative to {@code .git};
 *   <li>each existing submodule's git directory under {@code .git/modules} (nested ones too): its {@code config},
 *       its {@code hooks}, and the {@code .git} file in its worktree ({@code core.worktree}) that points git at it;
 *   <li>each existing linked worktree's {@code .git/worktrees/NAME/commondir} and {@code config.worktree}: git in
 *       that checkout (often outside the workdir) takes its config and hooks from where {@code commondir} points.
 * </ul>
 * The configuration files this reads are themselves read-only inside, so what they name cannot change during a call.
 * Values git would expand from the environment ({@code ~}, {@code %(prefix)}) are taken literally or skipped: they
 * lead out of the worktree, which is read-only anyway.
 */
public final class GitRedirects {
  /** Larger configuration files are not read (a repository's config is a few hundred bytes). */
  static final int MAX_CONFIG_BYTES = 256 * 1024;
  /** Submodule git directories looked at, at most (nested ones included). */
  static final int MAX_MODULES = 256;

  private GitRedirects() {}

  /**
   * The paths to protect for the repository whose {@code .git} directory is {@code git}, in no particular order.
   *
   * @param git a worktree's {@code .git} directory (a real path)
   * @param home the host user's home, for {@code ~/} in include paths
   */
  public static List<Path> targets(Path git, Path home) {
    Set<Path> out = new LinkedHashSet<>();
    Path worktree = git.getParent();
    List<Entry> config = read(git.resolve("config"));
    for (Entry e : config) {
      if (e.is("core", "hookspath")) {
        resolve(worktree, e.value, home).ifPresent(out::add);
      } else if (e.key.equals("path") && (e.section.equals("include") || e.section.equals("includeif"))) {
        resolve(git, e.value, home).ifPresent(out::add);
      }
    }
    List<Path> modules = new ArrayList<>();
    gitDirectories(git.resolve("modules"), modules, 0);
    for (Path m : modules) {
      out.add(m.resolve("config"));
      out.add(m.resolve("hooks"));
      for (Entry e : read(m.resolve("config"))) {
        if (e.is("core", "worktree")) {
          resolve(m, e.value, home).ifPresent(w -> out.add(w.resolve(".git")));
        }
      }
    }
    for (Path w : linkedWorktrees(git)) {
      out.add(w.resolve(GitTraps.COMMONDIR));
      out.add(w.resolve("config.worktree"));
    }
    return List.copyOf(out);
  }

  /**
   * The administrative directories of linked worktrees ({@code .git/worktrees/NAME}, for a {@code git worktree add}
   * checkout that may lie outside the workdir): git in that checkout reads config and hooks from the directory its
   * {@code commondir} names, and its {@code config.worktree}.
   */
  private static List<Path> linkedWorktrees(Path git) {
    List<Path> out = new ArrayList<>();
    Path dir = git.resolve("worktrees");
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path w : ds) {
        if (out.size() < MAX_MODULES && Files.isDirectory(w, LinkOption.NOFOLLOW_LINKS)) {
          out.add(w);
        }
      }
    } catch (IOException e) {
      return out;
    }
    out.sort(null);
    return out;
  }

  /**
   * What {@link #targets} read: the configuration files and the directories listed, for a cache to notice a change.
   */
  public static List<Path> inputs(Path git) {
    List<Path> in = new ArrayList<>();
    in.add(git.resolve("config"));
    List<Path> modules = new ArrayList<>();
    Path top = git.resolve("modules");
    if (Files.isDirectory(top, LinkOption.NOFOLLOW_LINKS)) {
      in.add(top);
    }
    gitDirectories(top, modules, 0);
    for (Path m : modules) {
      in.add(m);
      in.add(m.resolve("config"));
      if (Files.isDirectory(m.resolve("modules"), LinkOption.NOFOLLOW_LINKS)) {
        in.add(m.resolve("modules"));
      }
    }
    if (Files.isDirectory(git.resolve("worktrees"), LinkOption.NOFOLLOW_LINKS)) {
      in.add(git.resolve("worktrees"));
      in.addAll(linkedWorktrees(git));
    }
    return in;
  }

  /** Git directories under {@code dir} (a directory holding {@code HEAD} and {@code config}), and theirs. */
  private static void gitDirectories(Path dir, List<Path> out, int depth) {
    if (depth > 8 || out.size() >= MAX_MODULES || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      ds.forEach(children::add);
    } catch (IOException e) {
      return;
    }
    children.sort(null);
    for (Path c : children) {
      if (out.size() >= MAX_MODULES || !Files.isDirectory(c, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      if (Files.exists(c.resolve("HEAD"), LinkOption.NOFOLLOW_LINKS)
          && Files.exists(c.resolve("config"), LinkOption.NOFOLLOW_LINKS)) {
        out.add(c);
        gitDirectories(c.resolve("modules"), out, depth + 1);
      } else {
        gitDirectories(c, out, depth + 1); // a submodule name with a slash: modules/a/b
      }
    }
  }

  private static java.util.Optional<Path> resolve(Path base, String value, Path home) {
    String v = value.strip();
    if (v.isEmpty() || v.startsWith("%(") || v.startsWith("~") && !v.startsWith("~/")) {
      return java.util.Optional.empty();
    }
    Path p = v.startsWith("~/") ? home.resolve(v.substring(2)) : base.resolve(v);
    return java.util.Optional.of(p.normalize());
  }

  /** One {@code section.key = value} of a git configuration file; section and key lower-case. */
  record Entry(String section, String key, String value) {
    boolean is(String s, String k) {
      return section.equals(s) && key.equals(k);
    }
  }

  /** The entries of a configuration file; nothing when it is missing, a link, too large or unreadable. */
  static List<Entry> read(Path file) {
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_CONFIG_BYTES) {
        return List.of();
      }
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  /**
   * Parses git's configuration syntax: {@code [section]}, {@code [section "subsection"]}, {@code [section.sub]},
   * {@code key = value} with double quotes, backslash escapes, {@code #}/{@code ;} comments and continuation lines.
   * Subsections are dropped (only the section and key matter here).
   */
  static List<Entry> parse(String text) {
    List<Entry> out = new ArrayList<>();
    String section = "";
    String[] lines = text.replace("\r\n", "\n").split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[")) {
        int end = line.indexOf(']');
        if (end < 0) {
          continue;
        }
        String head = line.substring(1, end).strip();
        int cut = head.length();
        for (int k = 0; k < head.length(); k++) {
          char c = head.charAt(k);
          if (c == ' ' || c == '\t' || c == '"' || c == '.') {
            cut = k;
            break;
          }
        }
        section = head.substring(0, cut).toLowerCase(Locale.ROOT);
        line = line.substring(end + 1).strip(); // git allows "[core] key = value" on one line
        if (line.isEmpty()) {
          continue;
        }
      }
      int eq = line.indexOf('=');
      String key = (eq < 0 ? line : line.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
      if (eq < 0) {
        out.add(new Entry(section, key, "true"));
        continue;
      }
      StringBuilder raw = new StringBuilder(line.substring(eq + 1));
      while (endsWithContinuation(raw) && i + 1 < lines.length) {
        raw.setLength(raw.length() - 1);
        raw.append(lines[++i]);
      }
      out.add(new Entry(section, key, value(raw.toString())));
    }
    return out;
  }

  private static boolean endsWithContinuation(CharSequence s) {
    int n = 0;
    for (int k = s.length() - 1; k >= 0 && s.charAt(k) == '\\'; k--) {
      n++;
    }
    return n % 2 == 1;
  }

  private static String value(String raw) {
    StringBuilder v = new StringBuilder();
    boolean quoted = false;
    int lastKept = 0; // trailing blanks outside quotes are dropped
    for (int k = 0; k < raw.length(); k++) {
      char c = raw.charAt(k);
      if (c == '"') {
        quoted = !quoted;
        lastKept = v.length();
      } else if (c == '\\' && k + 1 < raw.length()) {
        char n = raw.charAt(++k);
        v.append(switch (n) {
          case 'n' -> '\n';
          case 't' -> '\t';
          case 'b' -> '\b';
          default -> n;
        });
        lastKept = v.length();
      } else if (!quoted && (c == '#' || c == ';')) {
        break;
      } else if (!quoted && (c == ' ' || c == '\t')) {
        if (v.length() > 0) {
          v.append(c);
        }
      } else {
        v.append(c);
        lastKept = v.length();
      }
    }
    v.setLength(Math.max(lastKept, 0));
    return v.toString();
  }
}
