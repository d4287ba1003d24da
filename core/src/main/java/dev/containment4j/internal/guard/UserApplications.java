/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The user's own applications driven from the command line (session 21): an editor extension installed from a file
 * or URL ({@code code --install-extension https://…/x.vsix}: code that runs unsandboxed in the user's editor, not
 * the marketplace's reviewed package), and a browser started on the user's own profile ({@code google-chrome
 * --user-data-dir=~/.config/google-chrome}: their signed-in sessions, cookies and saved passwords, handed to whatever
 * the command does next, above all with {@code --remote-debugging-port} or an unpacked extension). A marketplace
 * extension by its identifier, and a browser on a fresh or scratch profile, stay ordinary.
 */
final class UserApplications {
  private static final Set<String> EDITORS = Set.of("code", "code-insiders", "codium", "cursor", "windsurf",
      "positron", "kiro");
  private static final Set<String> BROWSERS = Set.of("google-chrome", "google-chrome-stable", "chrome", "chromium",
      "chromium-browser", "brave", "brave-browser", "microsoft-edge", "msedge", "vivaldi", "opera");
  /** The browsers' own profile folders under the home directory (Linux and macOS). */
  private static final Pattern PROFILE = Pattern.compile("(?i).*(?:\\.config/(?:google-chrome[^/]*|chromium"
      + "|BraveSoftware|microsoft-edge[^/]*|vivaldi|opera)|Library/Application Support/(?:Google/Chrome|Chromium"
      + "|BraveSoftware|Microsoft Edge|Vivaldi))(?:/.*)?");

  private UserApplications() {}

  static Judgement judge(Unit u) {
    List<String> argv = u.argv();
    if (EDITORS.contains(u.name())) {
      for (int k = 1; k < argv.size(); k++) {
        String t = argv.get(k);
        String ext = t.startsWith("--install-extension=") ? t.substring(t.indexOf('=') + 1)
            : t.equals("--install-extension") && k + 1 < argv.size() ? argv.get(k + 1) : null;
        if (ext != null && (ext.contains("/") || ext.toLowerCase(java.util.Locale.ROOT).endsWith(".vsix"))) {
          return Judgement.ask(Classifier.SUPPLY_CHAIN, u.shown() + " installs an editor extension from a file or URL,"
              + " code that runs with the user's rights in their editor without the marketplace's review; a human"
              + " must confirm its source");
        }
      }
      return Judgement.ALLOW;
    }
    if (!BROWSERS.contains(u.name())) {
      return Judgement.ALLOW;
    }
    for (int k = 1; k < argv.size(); k++) {
      String t = argv.get(k);
      String dir = t.startsWith("--user-data-dir=") ? t.substring(t.indexOf('=') + 1)
          : t.equals("--user-data-dir") && k + 1 < argv.size() ? argv.get(k + 1) : null;
      if (dir != null && PROFILE.matcher(dir).matches()) {
        return Judgement.ask(Classifier.CREDENTIAL, u.shown() + " opens the user's own browser profile, with their"
            + " signed-in sessions, cookies and saved passwords" + (argv.stream().anyMatch(x -> x.startsWith(
                "--remote-debugging-port") || x.startsWith("--load-extension")) ? ", to a debugging port or an"
                + " unpacked extension" : "") + "; use a fresh profile, or let the user decide");
      }
    }
    return Judgement.ALLOW;
  }
}
