/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dependency switched from the registry to another source — a git repository, a fork, a tarball URL, a go.mod
 * {@code replace} — in a manifest, by an edit or by a package tool ({@code npm pkg set dependencies.x=github:…},
 * {@code cargo add --git …}). The next ordinary install then runs code nobody reviewed under a familiar name. Only
 * sources the edit adds count: a manifest that already had them is the project's own choice.
 */
final class DependencySources {
  /** A dependency spec that names its source: a git or archive URL, a hosted repository shorthand. */
  // a spec ends where its quote, comma or space does, so the same spec in the old text is recognised
  private static final Pattern OFF_REGISTRY = Pattern.compile("(?i)(git\\+[a-z]+://|git://|(github|gitlab|bitbucket)"
      + ":)[^\\s\"',]+|https?://[^\\s\"',]+(\\.git\\b|\\.(tgz|tar\\.gz|whl|zip)\\b)[^\\s\"',]*");
  /** Manifest keys that hold a URL which is metadata, not a dependency. */
  private static final Pattern METADATA_KEY = Pattern.compile("(?i)\"(url|repository|homepage|bugs|funding"
      + "|\\$schema|documentation|source|changelog)\"\\s*:\\s*\\{?\\s*(\"(type|url)\"\\s*:\\s*)?\"[^\"]*$");
  private static final Pattern GO_REPLACE = Pattern.compile("(?m)^\\s*(replace\\s+)?\\S+(\\s+v\\S+)?\\s+=>\\s+"
      + "(?!\\.{1,2}/)(\\S+)");
  private static final Pattern TOML_GIT = Pattern.compile("(?i)\\bgit\\s*=\\s*\"[^\"]+\"|\\bgit:\\s*['\"][^'\"]+");
  private static final Set<String> MANIFESTS = Set.of("package.json", "requirements.txt", "pyproject.toml",
      "setup.cfg", "setup.py", "go.mod", "cargo.toml", "gemfile", "composer.json", "pipfile", "build.gradle",
      "build.gradle.kts", "pom.xml", "deno.json");

  private DependencySources() {}

  /** Whether a dependency spec names a source other than the registry. */
  static boolean offRegistry(String spec) {
    return OFF_REGISTRY.matcher(spec).matches();
  }

  /** A manifest written or edited so that a dependency comes from elsewhere; ALLOW for other files. */
  static Judgement manifest(Path file, String content, String oldText) {
    String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    String before = oldText == null ? "" : oldText;
    Judgement settings = sourceSettings(file, name, content, before);
    if (settings != null) {
      return settings;
    }
    if (!MANIFESTS.contains(name) && !name.matches("requirements[\\w.-]*\\.(txt|in)")) {
      return Judgement.ALLOW;
    }
    String found = added(OFF_REGISTRY.matcher(content), content, before, true);
    if (found == null && name.equals("go.mod")) {
      found = added(GO_REPLACE.matcher(content), content, before, false);
    }
    if (found == null) {
      found = added(TOML_GIT.matcher(content), content, before, false);
    }
    return found == null ? Judgement.ALLOW : Judgement.ask(Classifier.SUPPLY_CHAIN, "this call points a dependency"
        + " of " + file + " at `" + (found.length() > 80 ? found.substring(0, 77) + "..." : found) + "`, not the"
        + " registry; the next install runs that code, so a human must confirm the source");
  }

  /** pip options in a requirements file that name another index or a folder of packages. */
  private static final Pattern REQUIREMENTS_INDEX = Pattern.compile("(?m)^\\s*(?:-i|--index-url|--extra-index-url|-f"
      + "|--find-links|--trusted-host)(?:\\s*=\\s*|\\s+)\\S+");
  /** A Gemfile's {@code source} other than rubygems.org (a block form too: {@code source "…" do}). */
  private static final Pattern GEM_SOURCE = Pattern.compile("(?m)^\\s*source\\s*\\(?\\s*['\"]"
      + "(?!https://rubygems\\.org/?['\"])[^'\"]+['\"]");
  /** Cargo's source replacement and registries ({@code replace-with}, {@code registry = "…"}, {@code index = "…"}). */
  private static final Pattern CARGO_SOURCE = Pattern.compile("(?m)^\\s*(?:replace-with|registry|index)\\s*=\\s*\"[^\"]*\"");
  /** Maven's and Gradle's build and settings files. */
  private static final Set<String> JVM_BUILD_FILES = Set.of("pom.xml", "settings.xml", "build.gradle",
      "build.gradle.kts", "settings.gradle", "settings.gradle.kts", "init.gradle", "init.gradle.kts");
  /** A repository URL over plain HTTP, or HTTPS to an IP address. */
  private static final Pattern INSECURE_REPOSITORY = Pattern.compile("(?is)(?:url\\s*[=(]?\\s*(?:uri\\s*\\(\\s*)?['\"]"
      // in XML only a repository's or mirror's URL (a pom's own <url> is its web site)
      + "|<(?:repository|pluginRepository|snapshotRepository|mirror)>(?:(?!</(?:repository|pluginRepository"
      + "|snapshotRepository|mirror)>).){0,400}?<url>\\s*)"
      + "(?:http://(?!localhost\\b|127\\.)[^'\"<\\s]+|https://\\d{1,3}(?:\\.\\d{1,3}){3}[^'\"<\\s]*)");
  /** A wrapper's download of the build tool it then runs. */
  private static final Pattern WRAPPER_URL = Pattern.compile("(?m)^\\s*(?:distributionUrl|wrapperUrl)\\s*=\\s*(\\S+)");
  private static final Pattern OFFICIAL_DISTRIBUTION = Pattern.compile("(?i)https\\\\?://(?:services\\.gradle\\.org"
      + "|repo\\.maven\\.apache\\.org|repo1\\.maven\\.org|downloads\\.gradle(?:-dn)?\\.com)/.*");

  /**
   * Session 16: files that say where packages or the build tool come from, written so that they come from elsewhere:
   * pip's index options in a requirements file, Cargo's source replacement in {@code .cargo/config.toml}, and the
   * Gradle or Maven wrapper's {@code distributionUrl} (the wrapper downloads that archive and runs it). Null for
   * other files and for settings already there.
   */
  private static Judgement sourceSettings(Path file, String name, String content, String before) {
    Path parent = file.getParent();
    String dir = parent == null || parent.getFileName() == null ? "" : parent.getFileName().toString();
    if (name.matches("requirements[\\w.-]*\\.(txt|in)")) {
      String found = added(REQUIREMENTS_INDEX.matcher(content), content, before, false);
      return found == null ? null : Judgement.ask(Classifier.REDIRECT, "this call makes " + file + " install from `"
          + found.strip() + "`; every later install fetches code from there, so a human must confirm the server");
    }
    if (name.equals("gemfile")) {
      // session 21: gems from another server than rubygems.org
      String found = added(GEM_SOURCE.matcher(content), content, before, false);
      return found == null ? null : Judgement.ask(Classifier.REDIRECT, "this call makes " + file + " install gems"
          + " from `" + found.strip() + "`; every later bundle install fetches code from there, so a human must"
          + " confirm the server");
    }
    if (dir.equals(".cargo") && (name.equals("config.toml") || name.equals("config"))) {
      String found = added(CARGO_SOURCE.matcher(content), content, before, false);
      return found == null ? null : Judgement.ask(Classifier.REDIRECT, "this call sets `" + found.strip() + "` in "
          + file + ", which changes where Cargo downloads crates from; a human must confirm the server");
    }
    if (JVM_BUILD_FILES.contains(name)) {
      // session 17: a Maven or Gradle repository served over plain HTTP or from a bare address; HTTPS hosts
      // (jitpack.io, a company's Nexus) are the project's choice
      String found = added(INSECURE_REPOSITORY.matcher(content), content, before, false);
      return found == null ? null : Judgement.ask(Classifier.SUPPLY_CHAIN, "this call adds the repository `"
          + found.substring(found.toLowerCase(Locale.ROOT).lastIndexOf("http")).replaceFirst("//[^/@\\s]*@", "//")
          + "` to " + file + ": plain HTTP or a"
          + " bare address, so whoever sits on the path serves the build's dependencies; a human must confirm the"
          + " source");
    }
    if (name.equals("gradle-wrapper.properties") || name.equals("maven-wrapper.properties")) {
      Matcher m = WRAPPER_URL.matcher(content);
      while (m.find()) {
        if (!before.contains(m.group()) && !OFFICIAL_DISTRIBUTION.matcher(m.group(1)).matches()) {
          return Judgement.ask(Classifier.DOWNLOAD_EXEC, "this call makes the build wrapper download and run "
              + m.group(1) + ", not the official distribution; a human must confirm it");
        }
      }
    }
    return null;
  }

  private static String added(Matcher m, String content, String before, boolean skipMetadata) {
    while (m.find()) {
      String hit = m.group();
      if (before.contains(hit)) {
        continue;
      }
      if (skipMetadata) {
        int lineStart = content.lastIndexOf('\n', m.start()) + 1;
        if (METADATA_KEY.matcher(content.substring(lineStart, m.start())).find()) {
          continue;
        }
      }
      return hit;
    }
    return null;
  }
}
