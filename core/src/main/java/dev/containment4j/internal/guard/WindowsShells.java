/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import dev.containment4j.internal.shell.Arg;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PowerShell and {@code cmd.exe}, which agents on Windows send as tool calls: {@code powershell -c "iwr … | iex"},
 * {@code Remove-Item -Recurse -Force ~\.ssh}, {@code cmd /c rd /s /q C:\Users\dev}, {@code reg add …\Run},
 * {@code schtasks /create}, {@code certutil -urlcache -f}. The guard has no PowerShell parser, so the rule is the
 * one for any text it cannot parse: <b>risky, never allowed by default</b>. A statement is allowed only when it is
 * recognised as harmless (a read-only cmdlet such as {@code Get-ChildItem}, a delete inside the workspace, a plain
 * program run that the shell rules allow); recognised dangerous shapes are denied with their own category
 * (encoded commands, download-and-run, execution-policy and Defender changes, Run keys and scheduled tasks, paths
 * of credential files, deletes outside the workspace); everything else asks.
 *
 * <p>Only looked at when the program is a Windows shell or tool, or a word shaped like a cmdlet ({@code Verb-Noun}
 * with capitals), so ordinary commands pay one set lookup.
 */
final class WindowsShells {
  private static final Set<String> SHELLS = Set.of("powershell", "powershell.exe", "pwsh", "pwsh.exe", "cmd",
      "cmd.exe");
  private static final Set<String> TOOLS = Set.of("reg", "reg.exe", "schtasks", "schtasks.exe", "certutil",
      "certutil.exe", "bitsadmin", "bitsadmin.exe", "mshta", "mshta.exe", "rundll32", "rundll32.exe", "regsvr32",
      "regsvr32.exe", "vssadmin", "vssadmin.exe", "bcdedit", "bcdedit.exe", "wmic", "wmic.exe", "netsh", "netsh.exe",
      "cmdkey", "cmdkey.exe", "takeown", "icacls", "IEX", "Iex",
      // session 20: accounts, services, disks and audit policy
      "net", "net.exe", "net1", "sc.exe", "cipher", "cipher.exe", "diskpart", "fsutil", "fsutil.exe", "auditpol",
      "secedit", "ntdsutil", "wevtutil", "wevtutil.exe");
  /**
   * Cmdlets and aliases that create or write the paths they name (session 20: {@code New-Item -Path build} was asked
   * as a command the guard has no model of); their paths are judged as a write to them is.
   */
  private static final Pattern WRITES = Pattern.compile("(?i)new-item|ni|mkdir|md|set-content|add-content|ac"
      + "|out-file|copy-item|cpi|copy|cp|move-item|mi|move|mv|rename-item|rni|ren|expand-archive|compress-archive"
      + "|tee-object|tee");
  private static final Pattern MOVES = Pattern.compile("(?i)move-item|mi|move|mv|rename-item|rni|ren");
  /** {@code Get-ChildItem}: PowerShell's Verb-Noun shape, capitalised (a Unix program is rarely spelt so). */
  private static final Pattern CMDLET = Pattern.compile("[A-Z][a-z]+-[A-Z][A-Za-z0-9]+");
  /** Verbs whose cmdlets only read or format: {@code Get-}, {@code Select-}, {@code Measure-} ... */
  private static final Pattern READ_ONLY = Pattern.compile("(?i)(get|select|measure|sort|format|where|test|write"
      + "|resolve|compare|convertto|convertfrom|join|split|group|foreach|out-string|out-host|out-null|find"
      + "|show|read|search|trace|debug|wait|use|new-object)(-.*)?|%|\\?|gci|ls|dir|cat|type|gc|echo|pwd|cd|sl"
      + "|set-location|push-location|pop-location|where|select|sort|measure|foreach|sls|select-string|write-host");
  // gates: each pattern below names one of its literals in every alternative
  private static final GatedPattern ENCODED = GatedPattern.of("(?i)(^|\\s)[-/](e|ec|en|enc|enco|encod|encode"
      + "|encodedcommand)\\s+[A-Za-z0-9+/=]{8,}",
      "-e", "/e");
  private static final GatedPattern RUNS_TEXT = GatedPattern.of(
      "(?i)\\b(iex|invoke-expression)\\b|\\.invoke\\(|&\\s*\\(",
      "iex", "invoke", "&");
  private static final GatedPattern DOWNLOADS = GatedPattern.of("(?i)\\b(iwr|irm|invoke-webrequest|invoke-restmethod"
      + "|downloadstring|downloadfile|downloaddata|net\\.webclient|start-bitstransfer|curl|wget)\\b"
      + "|-urlcache|/transfer\\b|https?://",
      "iwr", "irm", "invoke-", "download", "webclient", "transfer", "curl", "wget", "urlcache", "http");
  private static final GatedPattern WEAKENS = GatedPattern.of("(?i)set-executionpolicy\\s+(-executionpolicy\\s+)?"
      + "(bypass|unrestricted)|set-mppreference\\b.*-disable"
      + "|add-mppreference\\b.*-exclusion|uninstall-windowsfeature\\s+windows-defender"
      + "|netsh\\s+(advfirewall|firewall)\\s+set\\b.*\\boff\\b|set-netfirewallprofile\\b.*-enabled\\s+\\$?false"
      + "|bcdedit\\b.*\\b(testsigning|nointegritychecks)\\s+on",
      "executionpolicy", "mppreference", "windows-defender", "netsh", "netfirewallprofile", "bcdedit");
  private static final GatedPattern PERSISTS = GatedPattern.of(
      "(?i)(reg(\\.exe)?\\s+add|new-itemproperty|set-itemproperty"
      + "|sp\\s)[^|;]*(\\\\|currentversion|ntcurrentversion)(run|runonce|winlogon|image file execution options"
      + "|userinit|shell folders)\\b"
      + "|schtasks(\\.exe)?\\s+/create|register-scheduledtask|new-scheduledtask|new-service\\b|sc(\\.exe)?\\s+create"
      + "|\\\\start menu\\\\programs\\\\startup|\\$profile\\b[^|;]*(add-content|set-content|>>)|(add-content"
      + "|set-content|out-file)[^|;]*\\$profile\\b|register-wmievent|set-wmiinstance",
      "run", "winlogon", "image file", "userinit", "shell folders", "schtasks", "scheduledtask", "new-service",
      "create", "startup", "$profile", "wmievent", "wmiinstance");
  private static final GatedPattern SECRET_STORES = GatedPattern.of("(?i)reg(\\.exe)?\\s+save\\s+hklm\\\\(sam|security"
      + "|system)|cmdkey\\s+/list|get-storedcredential|convertfrom-securestring|\\blsass\\b|mimikatz|vaultcmd"
      + "|\\\\login data\\b|\\\\cookies\\b|ntds\\.dit|get-clipboard",
      "save", "cmdkey", "storedcredential", "securestring", "lsass", "mimikatz", "vaultcmd", "login data", "cookies",
      "ntds", "clipboard");
  private static final GatedPattern SENDS = GatedPattern.of("(?i)-method\\s+(post|put|patch)|\\s-body\\s|\\s-infile\\s"
      + "|uploadfile|uploadstring|uploaddata|send-mailmessage|-urlcache|out-file\\s+\\S*\\\\\\\\|copy-item[^|;]*"
      + "\\\\\\\\|\\\\\\\\[0-9a-z.-]+\\\\",
      "-method", "-body", "-infile", "upload", "mailmessage", "urlcache", "\\\\");
  private static final Pattern DELETES = Pattern.compile("(?i)remove-item|^ri$|^rm$|^del$|^erase$|^rd$|^rmdir$"
      + "|clear-content|^clc$|clear-recyclebin|format-volume|clear-disk|remove-partition");
  private static final Pattern PATH_WORD = Pattern.compile("(?i)(\\$env:(userprofile|home)|%userprofile%|\\$home"
      + "|~|[a-z]:)?[\\\\/][^\\s,;|'\"()]*|(\\$env:(userprofile|home)|%userprofile%|\\$home|~)(\\.[^\\s,;|'\"()]*)?"
      + "|\\.{1,2}([\\\\/][^\\s,;|'\"()]*)?|[A-Za-z0-9_.-]+[\\\\/][^\\s,;|'\"()]*");
  /** A home directory name at the start of a path whose separator the POSIX parser removed. */
  private static final Pattern EATEN_HOME_DIR = Pattern.compile("^(\\.(ssh|aws|kube|docker|gnupg|azure|config"
      + "|gcloud))(?=[^/])");
  private static final Pattern WEB = Pattern.compile("iwr|irm|invoke-webrequest|invoke-restmethod");
  private static final Pattern VALUE_FLAGS = Pattern.compile("(?i)-(ep|ex|exec|executionpolicy|w|windowstyle|v"
      + "|version|psconsolefile|inputformat|if|outputformat|of|configurationname|wd|workingdirectory|settingsfile)");
  /** {@code %APPDATA%}, {@code $env:LOCALAPPDATA}: Windows locations, none of them the workspace. */
  private static final Pattern WINDOWS_VAR = Pattern.compile("(?i)(%[a-z_]+%|\\$env:[a-z_]+)([\\\\/].*)?");
  private static final Pattern WIPES = Pattern.compile("(?i)clear-recyclebin|format-volume|clear-disk"
      + "|remove-partition|initialize-disk");
  private static final Pattern LOCAL_PROGRAM = Pattern.compile(
      "(?i)(^|[;&|]\\s*)([\\w.-]+\\.(bat|cmd|exe|com|ps1)\\b)");
  private static final Pattern STATEMENT_SPLIT = Pattern.compile("\\s*(;|\\||&&|\\|\\||\\r?\\n)\\s*");

  private WindowsShells() {}

  /** Whether {@code name} is a Windows shell, tool or cmdlet this class judges. */
  static boolean relevant(String name) {
    return SHELLS.contains(name) || TOOLS.contains(name) || name.indexOf('-') > 0 && CMDLET.matcher(name).matches();
  }

  /**
   * Judges the unit; {@code asShell} judges text with the POSIX shell rules (a plain program run inside
   * {@code cmd /c} or {@code pwsh -c}: {@code npm run build}).
   */
  static Judgement judge(Unit u, Classifier c, String shown, Function<String, Judgement> asShell) {
    String name = u.name().toLowerCase(Locale.ROOT);
    List<String> argv = u.argv();
    String text;
    boolean cmd = name.startsWith("cmd");
    if (SHELLS.contains(name)) {
      String raw = String.join(" ", argv);
      if (ENCODED.find(raw)) {
        return Judgement.deny(Classifier.OBFUSCATION, shown + " runs base64-encoded PowerShell, which cannot be"
            + " checked before it runs; send the command as plain text");
      }
      int k = 1;
      while (k < argv.size() && !isCommandFlag(argv.get(k), cmd)) {
        if (!cmd && Regexes.matches(argv.get(k), "(?i)-(f|file)") && k + 1 < argv.size()) {
          return scriptFile(argv.get(k + 1), u, c, shown);
        }
        if (!argv.get(k).startsWith("-") && !argv.get(k).startsWith("/")) {
          break; // powershell Set-ExecutionPolicy …: the rest is the command
        }
        // -ExecutionPolicy Bypass for this one run only changes nothing; the script it runs is what is judged
        k += !cmd && VALUE_FLAGS.matcher(argv.get(k)).matches() ? 2 : 1;
      }
      if (k < argv.size() && isCommandFlag(argv.get(k), cmd)) {
        k++;
      }
      if (k >= argv.size()) {
        return Judgement.ask(Classifier.OBFUSCATION, shown + " starts an interactive Windows shell whose commands"
            + " the guard cannot see");
      }
      if (!cmd && k == argv.size() - 1 && argv.get(k).toLowerCase(Locale.ROOT).endsWith(".ps1")) {
        return scriptFile(argv.get(k), u, c, shown);
      }
      text = String.join(" ", argv.subList(k, argv.size()));
    } else {
      text = u.text();
    }
    Judgement j = script(text, cmd, u, c, shown, asShell);
    if (u.args().stream().anyMatch(Arg::dynamic) && DELETE_WORD.matcher(text).find()) {
      // $env:APPDATA, $dir: PowerShell variables, which the POSIX parser read as its own (empty) ones
      j = j.max(Judgement.ask(Classifier.DELETE, shown + " deletes a path held in a variable, which the guard"
          + " cannot resolve; write the path literally"));
    }
    return j;
  }

  private static final Pattern DELETE_WORD = Pattern.compile("(?i)\\b(remove-item|ri|rm|del|erase|rd|rmdir"
      + "|clear-content)\\b");

  private static boolean isCommandFlag(String a, boolean cmd) {
    return cmd ? Regexes.matches(a, "(?i)/[ck]") : Regexes.matches(a, "(?i)-(c|command|co|com|comm)");
  }

  /** {@code pwsh ./build.ps1}: a script file, as a shell script is: inside the workspace it is the project's own. */
  private static Judgement scriptFile(String file, Unit u, Classifier c, String shown) {
    String posix = posix(file, c);
    if (posix.startsWith("~") || posix.startsWith("/") || DRIVE.matcher(file).lookingAt()) {
      return Judgement.ask(Classifier.OBFUSCATION, shown + " runs a PowerShell script from outside the workspace,"
          + " which the guard cannot read; a human must confirm it");
    }
    return c.readTarget(Arg.literal(posix), u.cwd(), shown, false);
  }

  /** {@code C:\\x}; unquoted, the POSIX parser has already eaten the backslashes: {@code C:x}. */
  private static final Pattern DRIVE = Pattern.compile("(?i)[a-z]:([\\\\/]|[a-z0-9%$])");

  private static Judgement script(String text, boolean cmd, Unit u, Classifier c, String shown,
      Function<String, Judgement> asShell) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (ENCODED.find(text)) {
      return Judgement.deny(Classifier.OBFUSCATION, shown + " runs base64-encoded PowerShell, which cannot be checked"
          + " before it runs; send the command as plain text");
    }
    boolean runsText = RUNS_TEXT.find(text);
    boolean downloads = DOWNLOADS.find(text);
    if (runsText && downloads) {
      return Judgement.deny(Classifier.DOWNLOAD_EXEC, shown + " downloads code and runs it (Invoke-Expression of a web"
          + " response); download the file, show it to the user, and run it only after review");
    }
    Matcher w = WEAKENS.matcherOrNull(text);
    if (w != null && w.find()) {
      return Judgement.deny(Classifier.WEAKEN, shown + " turns off a Windows security control (`" + w.group()
          + "`: execution policy, Defender, firewall or code signing)");
    }
    Matcher p = PERSISTS.matcherOrNull(text);
    if (p != null && p.find()) {
      return Judgement.deny(Classifier.PERSIST, shown + " makes a program start by itself later (a Run key,"
          + " scheduled task, service, startup folder or profile script): persistence is the user's decision");
    }
    if (SECRET_STORES.find(text)) {
      return Judgement.deny(Classifier.CREDENTIAL, shown + " reads Windows credential stores (SAM/SECURITY hives,"
          + " saved credentials, browser logins, LSASS memory or the clipboard)");
    }
    boolean sends = SENDS.find(text);
    Judgement j = Judgement.ALLOW;
    if (CodeScan.dumpsEnvironment(text)) {
      // session 21: Get-ChildItem env: is PowerShell's printenv
      j = Judgement.ask(Classifier.CREDENTIAL, shown + CodeScan.ENV_DUMP_REASON);
    }
    List<String> statements = new ArrayList<>();
    for (String s : STATEMENT_SPLIT.split(text.trim())) {
      if (!s.isBlank()) {
        statements.add(s.trim());
      }
    }
    boolean windowsWords = false;
    for (String s : statements) {
      j = j.max(statement(s, cmd, u, c, shown, asShell));
      String verb = verb(BLANKS.split(s));
      windowsWords |= verb.indexOf('-') > 0 || TOOLS.contains(verb) || DELETES.matcher(verb).find();
    }
    if (!windowsWords && statements.size() > 1) {
      // plain programs joined by | or && (cmd /c "curl … | sh"): the POSIX rules judge the whole, pipes included
      // Windows looks for a program in the current directory first: a.bat there is ./a.bat
      j = j.max(asShell.apply(LOCAL_PROGRAM.matcher(text.replace('\\', '/')).replaceAll("$1./$2")));
    }
    if (sends) {
      return j.atLeast(Judgement.Decision.ASK) && j.category().equals(Classifier.CREDENTIAL)
          ? Judgement.deny(Classifier.EXFIL, shown + " sends a credential file over the network")
          : j.max(Judgement.ask(Classifier.EXFIL, shown + " sends data to another machine (a POST/PUT body, an"
              + " uploaded file or a network share); a human must confirm what leaves"));
    }
    if (runsText) {
      j = j.max(Judgement.ask(Classifier.OBFUSCATION, shown + " runs text as PowerShell code (Invoke-Expression),"
          + " which cannot be checked; write the command plainly"));
    }
    if (downloads && lower.contains("-urlcache")) {
      j = j.max(Judgement.ask(Classifier.DOWNLOAD_EXEC, shown + " downloads a file with certutil, a common way to fetch"
          + " malware past filters; use curl or the package manager"));
    }
    return j;
  }

  private static final Pattern BLANKS = Pattern.compile("\\s+");

  /** The first word without the call operators before it: {@code &(cmd)}, {@code .\\x}. */
  private static String verb(String[] words) {
    return Regexes.compiled("^[(&.]+").matcher(words[0]).replaceAll("");
  }

  private static Judgement statement(String s, boolean cmd, Unit u, Classifier c, String shown,
      Function<String, Judgement> asShell) {
    String[] words = BLANKS.split(s);
    String verb = verb(words);
    String lverb = verb.toLowerCase(Locale.ROOT);
    Judgement paths = Judgement.ALLOW;
    boolean deletes = DELETES.matcher(lverb).find();
    boolean writes = !deletes && WRITES.matcher(lverb).matches();
    // a move takes its source away: `move .git old` removes the repository from the workspace as a delete would
    boolean moves = writes && MOVES.matcher(lverb).matches();
    if (WIPES.matcher(lverb).matches()) {
      return Judgement.deny(Classifier.DELETE, shown + " empties the recycle bin or wipes a disk; this destroys data"
          + " irreversibly");
    }
    boolean recursive = Regexes.matches(s.toLowerCase(Locale.ROOT), "(?s).*(-recurse|\\s/s\\b|-r\\b).*");
    int operands = 0;
    for (int k = 1; k < words.length; k++) {
      String t = words[k];
      if (t.startsWith("-") || cmd && Regexes.matches(t, "/[A-Za-z?]{1,2}(:\\S*)?")) {
        continue;
      }
      for (String piece : t.split(",")) {
        String raw = piece.replaceAll("^[\"'(]+|[\"')]+$", "");
        operands++;
        if (WINDOWS_VAR.matcher(raw).matches() && !Regexes.matches(raw, "(?i)(%|\\$env:)(userprofile|home|temp|tmp)"
            + "%?.*")) {
          if (deletes) {
            paths = paths.max(Judgement.deny(Classifier.DELETE, shown + " deletes " + raw + ", a Windows location"
                + " outside the workspace; this destroys data irreversibly"));
          }
          continue;
        }
        if (!DRIVE.matcher(raw).lookingAt() && !raw.startsWith("~") && !PATH_WORD.matcher(raw).matches()) {
          if (deletes && !raw.isEmpty() && !raw.startsWith("$")) {
            // Remove-Item .git: a bare name is a path in the current directory, judged like rm of it
            paths = paths.max(c.deleteTarget(Arg.literal(raw), u.cwd(), recursive, shown));
          } else if (writes && !raw.isEmpty() && !raw.startsWith("$")) {
            paths = paths.max(c.writeTarget(Arg.literal(raw), u.cwd(), "writes to", shown));
            if (moves) {
              paths = paths.max(c.deleteTarget(Arg.literal(raw), u.cwd(), false, shown));
            }
          }
          continue;
        }
        if (DRIVE.matcher(raw).lookingAt()) {
          if (deletes) {
            paths = paths.max(Judgement.deny(Classifier.DELETE, shown + " deletes " + raw + ", outside the"
                + " workspace; this destroys data irreversibly"));
          }
          String rest = posix(raw.substring(2), c);
          Arg onDrive = Arg.literal(posix(rest.replaceFirst("^/(?i)users/[^/]+", "~"), c));
          // a write is what the cmdlet does to the path: its judgement names the category on a tie
          if (writes) {
            paths = paths.max(c.writeTarget(onDrive, u.cwd(), "writes to", shown));
          }
          paths = paths.max(c.readTarget(onDrive, u.cwd(), shown, false));
          continue;
        }
        Arg a = Arg.literal(posix(raw, c));
        if (writes) {
          paths = paths.max(c.writeTarget(a, u.cwd(), "writes to", shown));
        }
        paths = paths.max(c.readTarget(a, u.cwd(), shown, false));
        if (deletes || moves) {
          paths = paths.max(c.deleteTarget(a, u.cwd(), recursive, shown));
        }
      }
    }
    if (deletes && operands == 0) {
      // … | Remove-Item: the targets come down the pipeline (or a variable the POSIX parser blanked)
      return Judgement.ask(Classifier.DELETE, shown + " deletes whatever the pipeline hands it, which the guard"
          + " cannot see; name the paths to delete");
    }
    if (deletes || writes || READ_ONLY.matcher(lverb).matches() || WEB.matcher(lverb).matches()) {
      // a web request's body or upload is judged for the whole text (SENDS); a GET reads, as curl does
      return paths;
    }
    if (CMDLET.matcher(verb).matches() || lverb.contains("-")) {
      return paths.max(Judgement.ask(Classifier.OBFUSCATION, shown + " runs the PowerShell command " + verb
          + ", which the guard has no model of; a human must confirm it"));
    }
    if (lverb.equals("reg") || lverb.equals("reg.exe")) {
      return words.length > 1 && Regexes.matches(words[1].toLowerCase(Locale.ROOT), "query|export|compare")
          ? paths : paths.max(Judgement.ask(Classifier.SYSTEM, shown + " changes the Windows registry"));
    }
    if (lverb.startsWith("schtasks")) {
      return s.toLowerCase(Locale.ROOT).contains("/query") ? paths : paths.max(Judgement.ask(Classifier.PERSIST,
          shown + " changes scheduled tasks"));
    }
    if (lverb.startsWith("certutil")) {
      return Regexes.matches(s.toLowerCase(Locale.ROOT), ".*-(hashfile|dump|verify)\\b.*") ? paths
          : paths.max(Judgement.ask(Classifier.OBFUSCATION, shown + " runs certutil, which downloads and decodes"
              + " files past filters"));
    }
    if (TOOLS.contains(lverb) || TOOLS.contains(verb)) {
      return paths.max(Judgement.ask(Classifier.SYSTEM, shown + " runs " + verb + ", a Windows system tool the"
          + " guard has no model of; a human must confirm it"));
    }
    // a plain program (npm run build, dotnet test, git status): the shell rules judge it, with Windows separators
    return paths.max(asShell.apply(s.replace('\\', '/')));
  }

  /**
   * {@code ~\\.ssh}, {@code $env:USERPROFILE\\x}, {@code %USERPROFILE%\\x}, {@code .\\bin} as a POSIX path with
   * the home directory spelt out ({@code ~.ssh}: the POSIX parser ate the backslash of an unquoted {@code ~\\.ssh}).
   */
  private static String posix(String p, Classifier c) {
    String s = p.replace('\\', '/');
    s = s.replaceFirst("(?i)^(\\$env:(userprofile|home)|%userprofile%|\\$home)", "~");
    if (s.startsWith("~")) {
      // %USERPROFILE%\.ssh\id_rsa unquoted reaches here as ~.sshid_rsa: the POSIX parser ate both backslashes, and
      // the home's well-known directories are where the first one stood
      String rest = EATEN_HOME_DIR.matcher(s.substring(1)).replaceFirst("$1/");
      s = c.paths().home() + (rest.isEmpty() || rest.startsWith("/") ? rest : "/" + rest);
    }
    return s;
  }
}
