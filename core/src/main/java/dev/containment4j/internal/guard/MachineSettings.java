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
 * ({@code osascript -e 'tell application "System Events" to …'}); (session 21) Gatekeeper's quarantine mark removed,
 * privacy grants reset, the application firewall opened, the keychain deleted, lingering user services, the screen
 * lock. Reading them stays ordinary.
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
      // session 21: Gatekeeper's quarantine mark removed, privacy grants reset, the application firewall, the
      // keychain deleted, user services kept running after logout, the screen lock switched off
      case "xattr":
        // -d com.apple.quarantine deletes the mark, -c clears every attribute (the mark with them)
        return argv.contains("com.apple.quarantine") && argv.stream().anyMatch(x -> Regexes.matches(x,
            "-[a-z]*d[a-z]*")) || argv.stream().anyMatch(x -> Regexes.matches(x, "-[a-z]*c[a-z]*"))
            ? Judgement.ask(Classifier.WEAKEN, u.shown() + " removes macOS's quarantine mark, so Gatekeeper no longer"
                + " checks the program's signature before it runs; a human must confirm the program is trusted")
            : Judgement.ALLOW;
      case "tccutil":
        return op.equals("reset") ? Judgement.ask(Classifier.SYSTEM, u.shown() + " resets the privacy permissions"
            + " (camera, files, accessibility …) the user gave applications; a human must confirm") : Judgement.ALLOW;
      case "socketfilterfw":
        return argv.stream().anyMatch(x -> Regexes.matches(x, "--set(globalstate|blockall|stealthmode)"))
            && argv.stream().anyMatch(x -> x.equals("off")) || argv.contains("--add") || argv.contains("--unblockapp")
            ? Judgement.deny(Classifier.WEAKEN, u.shown() + " turns the macOS application firewall off or lets a"
                + " program through it") : Judgement.ALLOW;
      case "security":
        return Regexes.matches(op, "delete-.*|set-keychain-settings|set-keychain-password")
            ? Judgement.ask(Classifier.DELETE, u.shown() + " deletes or changes the user's keychain, which holds"
                + " their passwords and certificates; a human must confirm") : Judgement.ALLOW;
      case "loginctl":
        return op.equals("enable-linger") ? Judgement.ask(Classifier.PERSIST, u.shown() + " keeps the user's services"
            + " running after they log out; that is persistence, the user's decision") : Judgement.ALLOW;
      case "gsettings":
      case "dconf":
        return (op.equals("set") || op.equals("write") || op.equals("reset")) && argv.stream().anyMatch(x ->
            Regexes.matches(x, "(?i).*(screensaver|lockdown|lock-enabled|lock-delay|idle-activation).*"))
            ? Judgement.ask(Classifier.WEAKEN, u.shown() + " changes the screen lock; a human must confirm")
            : Judgement.ALLOW;
      default:
        return Judgement.ALLOW;
    }
  }
}
