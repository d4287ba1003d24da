/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Settings of the machine itself, outside every workspace, changed by a tool an agent reaches for to get past an
 * obstacle: a launchd service stopped or unloaded ({@code launchctl unload -w …falcond.plist}), a preference written
 * ({@code defaults write com.apple.LaunchServices LSQuarantine -bool false}), other applications driven by AppleScript
 * ({@code osascript -e 'tell application "System Events" to …'}). Reading them stays ordinary.
 */
final class MachineSettings {
  private static final Pattern LAUNCHD_STOPS = Pattern.compile("unload|bootout|disable|remove|stop|kill");
  private static final Pattern DEFAULTS_WRITES = Pattern.compile("write|delete|import|rename");
  /** AppleScript that only shows or says something to the user. */
  private static final Pattern APPLESCRIPT_NOTICE = Pattern.compile("(?is)\\s*(display (notification|dialog|alert)"
      + "|say|beep)\\b[^\\n;]*");

  private MachineSettings() {}

  static Judgement judge(Unit u) {
    List<String> argv = u.argv();
    String op = argv.size() > 1 ? argv.get(1) : "";
    switch (u.name()) {
      case "launchctl":
        return LAUNCHD_STOPS.matcher(op).matches() ? Judgement.ask(Classifier.SYSTEM, u.shown() + " stops or"
            + " unloads a launchd service, which may be a security agent or another program's; a human must confirm")
            : Judgement.ALLOW;
      case "defaults":
        return DEFAULTS_WRITES.matcher(op).matches() ? Judgement.ask(Classifier.SYSTEM, u.shown() + " changes"
            + " a macOS preference of the user or the system, outside the workspace; a human must confirm")
            : Judgement.ALLOW;
      case "osascript":
        for (int k = 1; k < argv.size(); k++) {
          if (argv.get(k).equals("-e") && k + 1 < argv.size()
              && APPLESCRIPT_NOTICE.matcher(argv.get(k + 1)).matches()) {
            k++;
            continue;
          }
          if (argv.get(k).equals("-e") || !argv.get(k).startsWith("-")) {
            return Judgement.ask(Classifier.SYSTEM, u.shown() + " runs AppleScript, which drives other"
                + " applications and the system as the user; a human must confirm what it does");
          }
        }
        return Judgement.ALLOW;
      default:
        return Judgement.ALLOW;
    }
  }
}
