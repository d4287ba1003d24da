/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code .gitattributes} as an agent commonly writes it: line endings, binary files, linguist hints, export rules.
 * The file can also name a filter, diff or merge driver, and git runs the command configured for that driver on the
 * next checkout, diff or merge, outside the sandbox; so the file stays CI and hook configuration and such a line
 * keeps the question {@link Classifier#writeTarget} gives it. A write or edit whose every attribute is one below runs
 * nothing and is ordinary: git's built-in diff languages and merge drivers, and Git LFS's driver, which users install
 * globally and which an attacker cannot point elsewhere without a configuration write the guard judges by itself.
 */
final class GitAttributes {
  private static final Pattern PLAIN = Pattern.compile("[-!]?(text|binary|crlf|diff|merge|delta|ident|export-ignore"
      + "|export-subst|lockable)|(text|eol|whitespace|working-tree-encoding|encoding|linguist-[\\w-]+"
      + "|conflict-marker-size|gitlab-[\\w-]+)=[\\w.,:-]*");
  private static final Pattern DRIVER = Pattern.compile("(filter|diff|merge)=([\\w.-]+)");
  /** Drivers git has built in (userdiff languages, the merge drivers), and LFS's. */
  private static final Set<String> BUILT_IN = Set.of("ada", "bash", "bibtex", "cpp", "csharp", "css", "dts",
      "elixir", "fortran", "fountain", "golang", "html", "java", "kotlin", "markdown", "matlab", "objc", "pascal",
      "perl", "php", "python", "ruby", "rust", "scheme", "tex", "text", "binary", "union", "lfs");

  private GitAttributes() {}

  /** Whether {@code text} (a whole file, or the text an edit puts in) names only attributes that run nothing. */
  static boolean onlyBuiltIn(String relative, String text) {
    if (!(relative.equals(".gitattributes") || relative.endsWith("/.gitattributes"))) {
      return false;
    }
    for (String line : text.split("\\R")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) {
        continue;
      }
      String[] words = l.split("[ \\t]+");
      for (int i = 0; i < words.length; i++) {
        // the first word is the path pattern, unless it holds "=": an edit may put attributes mid-line
        if ((i > 0 || words[i].contains("=")) && !allowed(words[i])) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean allowed(String attribute) {
    var driver = DRIVER.matcher(attribute);
    if (driver.matches()) {
      return driver.group(1).equals("filter") ? driver.group(2).equals("lfs") : BUILT_IN.contains(driver.group(2));
    }
    return PLAIN.matcher(attribute).matches();
  }
}
