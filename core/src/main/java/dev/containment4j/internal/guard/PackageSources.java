/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Commands that change where a package manager downloads from, persistently: the next {@code install}, by the
 * agent or by the user, then fetches code from that server (traffic redirection, the supply-chain form). Index
 * flags on one install are judged with the install; this is about the saved settings: {@code go env -w GOPROXY=…},
 * {@code gem sources --add}, {@code bundle config mirror.…}, {@code poetry source add}, {@code conda config --add
 * channels}. Reading the settings stays allowed.
 */
final class PackageSources {

  private PackageSources() {}

  /** The judgement, or {@code null} when the command does not change a package source. */
  static Judgement judge(String show, String name, List<String> argv) {
    List<String> ops = argv.stream().skip(1).filter(x -> !x.startsWith("-")).toList();
    String op = ops.isEmpty() ? "" : ops.get(0);
    switch (name) {
      case "go":
        if (op.equals("env") && argv.contains("-w")) {
          Map<String, String> set = new LinkedHashMap<>();
          for (String x : ops.subList(1, ops.size())) {
            int eq = x.indexOf('=');
            if (eq > 0) {
              set.put(x.substring(0, eq), x.substring(eq + 1));
            }
          }
          return goSettings(show, set);
        }
        return null;
      case "gem":
        return op.equals("sources") && (argv.contains("--add") || argv.contains("-a"))
            ? redirect(show) : null;
      case "bundle":
      case "bundler":
        return op.equals("config") && argv.stream().anyMatch(x -> x.startsWith("mirror.")) ? redirect(show) : null;
      case "poetry":
        return op.equals("source") && ops.size() > 1 && ops.get(1).equals("add") ? redirect(show) : null;
      case "cargo":
        // session 19: cargo config set (unstable) of a registry's index or a source replacement; --config on the
        // command line does the same for one build
        return argv.stream().anyMatch(x -> x.startsWith("registries.") && x.contains("index")
            || x.startsWith("source.") && (x.contains("replace-with") || x.contains("registry"))
            || x.startsWith("registry.") && x.contains("index")) ? redirect(show) : null;
      case "conda":
      case "mamba":
      case "micromamba":
        return op.equals("config") && argv.stream().anyMatch(x -> x.equals("--add") || x.equals("--prepend")
            || x.equals("--append") || x.equals("--set")) && argv.stream().anyMatch(x -> x.startsWith("channel")
            || x.equals("default_channels") || x.equals("custom_channels")) ? redirect(show) : null;
      case "dotnet":
      case "nuget":
        // dotnet add package X --source URL, nuget install X -Source URL: the package comes from that feed
        for (int k = 1; k + 1 < argv.size(); k++) {
          String x = argv.get(k).toLowerCase(Locale.ROOT);
          if ((x.equals("--source") || x.equals("-s") || x.equals("-source")) && !officialFeed(argv.get(k + 1))) {
            return Judgement.ask(Classifier.REDIRECT, show + " installs from the package feed " + argv.get(k + 1)
                + "; a human must confirm the server");
          }
        }
        return op.equals("nuget") && ops.size() > 1 && ops.get(1).equals("add") ? redirect(show) : null;
      case "composer":
        return op.equals("config") && ops.size() > 1 && ops.get(1).startsWith("repositories") ? redirect(show) : null;
      case "gradle":
      case "gradlew":
        // an init script runs with the build's rights before the project's own build files
        return argv.stream().anyMatch(x -> x.equals("--init-script") || x.equals("-I") || x.startsWith("--init-script="))
            ? Judgement.ask(Classifier.DOWNLOAD_EXEC, show + " runs an init script that is not part of the project's"
                + " build; a human must review it")
            : null;
      default:
        return null;
    }
  }

  /** nuget.org's own feeds (and a local folder) are where packages come from by default. */
  private static boolean officialFeed(String source) {
    String s = source.toLowerCase(Locale.ROOT);
    return s.startsWith("https://api.nuget.org/") || !s.contains("://");
  }

  /** {@code GOPROXY}, {@code GOFLAGS}, {@code GOSUMDB} and friends, set for one command or saved with go env -w. */
  static Judgement goSettings(String what, Map<String, String> set) {
    Judgement j = null;
    for (Map.Entry<String, String> e : set.entrySet()) {
      String k = e.getKey().toUpperCase(Locale.ROOT);
      String v = e.getValue().trim().toLowerCase(Locale.ROOT);
      Judgement here = null;
      if (k.equals("GOINSECURE") || k.equals("GONOSUMCHECK") || k.equals("GOSUMDB") && v.equals("off")
          || k.equals("GONOSUMDB") && (v.equals("*") || v.contains(",*")) || k.equals("GOFLAGS") && v.contains("-insecure")) {
        here = Judgement.deny(Classifier.WEAKEN, what + " sets " + e.getKey() + "=" + e.getValue()
            + ", which turns off the module checksum or TLS checks; keep them on");
      } else if (k.equals("GOPROXY") && !officialGoProxy(v)) {
        here = Judgement.ask(Classifier.REDIRECT, what + " points Go module downloads at " + e.getValue()
            + "; a human must confirm the server");
      }
      if (here != null) {
        j = j == null ? here : j.max(here);
      }
    }
    return j;
  }

  private static boolean officialGoProxy(String v) {
    for (String part : v.split("[,|]")) {
      String p = part.trim();
      if (!(p.isEmpty() || p.equals("direct") || p.equals("off") || p.equals("https://proxy.golang.org")
          || p.equals("https://goproxy.io") || p.startsWith("file://"))) {
        return false;
      }
    }
    return true;
  }

  private static Judgement redirect(String show) {
    return Judgement.ask(Classifier.REDIRECT, show + " changes where packages are downloaded from; every later"
        + " install fetches code from that server, so a human must confirm it");
  }
}
