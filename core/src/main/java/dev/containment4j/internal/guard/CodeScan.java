/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks into interpreter one-liners ({@code python -c}, {@code node -e}, {@code perl -e}, {@code ruby -e},
 * {@code php -r}, here-docs fed to them) for network, file, exec and decoding APIs, the string literals they use,
 * and the shell commands they would run. A pattern scan, not a parser: it errs towards finding an API.
 */
final class CodeScan {
  private static final Pattern NETWORK = Pattern.compile(
      "urllib|requests\\.|import requests|http\\.client|httplib|httpx|aiohttp|\\bsocket\\b|ftplib|smtplib|paramiko"
          + "|telnetlib|websocket|\\bfetch\\s*\\(|https?\\.(request|get)|require\\(['\"](https?|net|dgram|tls)['\"]\\)"
          + "|from ['\"](https?|net|node:https?|node:net)['\"]|\\bnet\\.(connect|Socket|createConnection)|axios"
          + "|XMLHttpRequest|WebSocket|LWP|IO::Socket|HTTP::Tiny|Net::HTTP|open-uri|URI\\.open|TCPSocket|UDPSocket"
          + "|curl_exec|curl_init|fsockopen|stream_socket_client|Invoke-WebRequest|Invoke-RestMethod|WebClient"
          + "|dns\\.resolve|dns\\.lookup|getaddrinfo|gethostbyname|Deno\\.connect|Bun\\.connect");
  private static final Pattern EXEC = Pattern.compile(
      "os\\.system|subprocess|os\\.popen|\\bexec\\s*\\(|\\beval\\s*\\(|pty\\.spawn|os\\.exec|child_process"
          + "|execSync|spawnSync|\\bspawn\\s*\\(|execFile|\\bsystem\\s*\\(|shell_exec|passthru|proc_open|popen"
          + "|Kernel\\.exec|%x\\(|`[^`]+`|IO\\.popen|Open3|Runtime\\.getRuntime|Invoke-Expression|\\biex\\b"
          + "|compile\\s*\\(|__import__|importlib|new Function|vm\\.run|Deno\\.run|Bun\\.spawn|do shell script"
          + "|os\\.execute|io\\.popen");
  private static final Pattern DECODE = Pattern.compile(
      "b64decode|base64|atob\\s*\\(|['\"]base64['\"]|fromhex|decode\\(['\"](hex|rot.?13)['\"]|codecs\\.decode"
          + "|unpack\\s*\\(|zlib\\.decompress|marshal\\.loads|pickle\\.loads|unhexlify|FromBase64String"
          + "|String\\.fromCharCode|\\bchr\\s*\\(.*\\bchr\\s*\\(|\\\\x[0-9a-fA-F]{2}.*\\\\x[0-9a-fA-F]{2}");
  private static final Pattern FILE_READ = Pattern.compile(
      "open\\s*\\(|read_text|read_bytes|readFile|createReadStream|File\\.read|IO\\.read|file_get_contents"
          + "|\\bslurp\\b|Get-Content|readlines|\\bglob\\b|os\\.walk|listdir|scandir|readdir");
  private static final Pattern FILE_WRITE = Pattern.compile(
      "open\\s*\\([^)]*['\"][wax]b?\\+?['\"]|write_text|write_bytes|writeFile|appendFile|createWriteStream"
          + "|File\\.write|file_put_contents|shutil\\.(copy|move)|os\\.rename|os\\.replace|Set-Content"
          + "|Out-File|\\.write\\s*\\(|os\\.chmod|chmodSync|symlink");
  private static final Pattern DELETE = Pattern.compile(
      "rmtree|os\\.remove|os\\.unlink|os\\.rmdir|unlinkSync|rmSync|rmdirSync|fs\\.rm|fs\\.unlink|File\\.delete"
          + "|FileUtils\\.rm|\\bunlink\\s*\\(|Remove-Item|\\.unlink\\s*\\(|\\.rmdir\\s*\\(|rimraf|truncate|remove_tree");
  private static final Pattern RECURSIVE = Pattern.compile(
      "rmtree|recursive|rimraf|remove_dir_all|RemoveAll|rm_rf|rm -r|-Recurse|deleteRecursively|walk|remove_tree");
  private static final Pattern ENV = Pattern.compile(
      "os\\.environ|getenv|process\\.env|\\$ENV|ENV\\[|\\$_ENV|\\$env:|Deno\\.env|Bun\\.env");
  private static final Pattern HOME = Pattern.compile(
      "expanduser|Path\\.home|homedir|['\"]~|\\bHOME\\b|\\$HOME|ENV\\[['\"]HOME|getpwuid|USERPROFILE|Dir\\.home"
          + "|File\\.expand_path|user\\.home|UserHomeDir|home_dir|\\$ENV\\{['\"]?HOME");
  private static final Pattern SENSITIVE_LITERAL = Pattern.compile(
      "\\.ssh|\\.aws|\\.kube|\\.docker|\\.gnupg|\\.netrc|id_rsa|id_ed25519|id_ecdsa|git-credentials|\\.config/gcloud"
          + "|/etc/shadow|/proc/self/environ|/environ|\\.azure|keychain|Login Data|cookies\\.sqlite");
  private static final Pattern STRING = Pattern.compile("'''(.*?)'''|\"\"\"(.*?)\"\"\"|'((?:[^'\\\\]|\\\\.)*)'"
      + "|\"((?:[^\"\\\\]|\\\\.)*)\"", Pattern.DOTALL);
  private static final Pattern SHELL_CALL = Pattern.compile(
      "(?:os\\.system|os\\.popen|subprocess\\.\\w+|check_output|check_call|execSync|\\bexec|execFile|spawnSync"
          + "|\\bspawn|\\bsystem|shell_exec|passthru|\\bpopen|IO\\.popen|Open3\\.\\w+|Kernel\\.exec|os\\.execute"
          + "|io\\.popen)\\s*\\(\\s*"
          + "(\\[[^\\]]*\\]|'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\")");
  private static final Pattern CONCATENATED = Pattern.compile("\\s*\\+\\s*([^;\\n]*)");
  /** Perl and PHP join strings with {@code .}: {@code system("rm -rf ".$ENV{HOME})}. */
  private static final Pattern CONCATENATED_DOT = Pattern.compile("\\s*[.+]\\s*([^;\\n]*)");
  private static final Pattern PERL_ENV = Pattern.compile("\\$ENV\\{['\"]?(\\w+)['\"]?\\}");
  private static final Pattern EMBEDDED = Pattern.compile("#\\{[^{}]*\\}");
  private static final Pattern BACKTICK = Pattern.compile("`([^`]+)`|%x\\(([^)]*)\\)|do shell script \"([^\"]*)\"");

  /** What a program text does, as far as a pattern scan can tell. */
  record Findings(boolean network, boolean exec, boolean decode, boolean fileRead, boolean fileWrite,
      boolean delete, boolean env, boolean sensitive, boolean home, boolean recursive, List<String> literals) {}

  private CodeScan() {}

  private static final java.util.Map<String, Findings> MEMO = new java.util.concurrent.ConcurrentHashMap<>();

  /** Scans (memoised: the result is a pure function of the text, and agents repeat their one-liners). */
  static Findings scan(String code, String language) {
    String key = language + '\u0000' + code;
    Findings f = MEMO.get(key);
    if (f == null) {
      if (MEMO.size() > 4096) {
        MEMO.clear();
      }
      f = scanUncached(code, language);
      MEMO.put(key, f);
    }
    return f;
  }

  private static Findings scanUncached(String code, String language) {
    List<String> literals = List.copyOf(literals(code));
    boolean home = HOME.matcher(code).find();
    boolean sensitive = false;
    for (String l : literals) {
      if (SENSITIVE_LITERAL.matcher(l).find() && (home || l.startsWith("/") || l.startsWith("~"))) {
        sensitive = true;
      }
    }
    boolean exec = EXEC.matcher(code).find();
    if (language.equals("python") && !exec) {
      exec = code.contains("exec(") || code.contains("eval(");
    }
    return new Findings(NETWORK.matcher(code).find() || code.contains("http://") || code.contains("https://"),
        exec, DECODE.matcher(code).find(), FILE_READ.matcher(code).find(), FILE_WRITE.matcher(code).find(),
        DELETE.matcher(code).find(), ENV.matcher(code).find(), sensitive, home, RECURSIVE.matcher(code).find(),
        literals);
  }

  static List<String> literals(String code) {
    List<String> out = new ArrayList<>();
    Matcher m = STRING.matcher(code);
    while (m.find()) {
      for (int g = 1; g <= 4; g++) {
        if (m.group(g) != null) {
          out.add(m.group(g));
          break;
        }
      }
    }
    return out;
  }

  /** The shell command strings the code would run ({@code os.system("...")}, {@code execSync("...")} ...). */
  static List<String> shellCommands(String code, String language) {
    List<String> out = new ArrayList<>();
    Matcher m = SHELL_CALL.matcher(code);
    while (m.find()) {
      String arg = m.group(1);
      if (arg.startsWith("[")) {
        List<String> words = literals(arg);
        if (!words.isEmpty()) {
          out.add(String.join(" ", words.stream().map(Units::quote).toList()));
        }
      } else {
        String command = interpolated(unescape(arg.substring(1, arg.length() - 1)));
        // 'rm -rf ' + os.homedir(): the rest of the command is computed; say where it points when one can tell
        Matcher rest = (language.equals("perl") || language.equals("php") ? CONCATENATED_DOT : CONCATENATED)
            .matcher(code).region(m.end(), code.length());
        if (rest.lookingAt()) {
          command += HOME.matcher(rest.group(1)).find() ? " \"$HOME\"" : " \"$COMPUTED_BY_CODE\"";
        }
        out.add(command);
      }
    }
    if (language.equals("perl") || language.equals("ruby") || language.equals("applescript")) {
      Matcher b = BACKTICK.matcher(code);
      while (b.find()) {
        for (int g = 1; g <= 3; g++) {
          if (b.group(g) != null) {
            out.add(b.group(g));
            break;
          }
        }
      }
    }
    return out;
  }

  /** Interpolations a shell would not understand, as the shell variable they stand for. */
  private static String interpolated(String s) {
    if (s.indexOf('{') < 0) {
      return s;
    }
    // perl "$ENV{HOME}", ruby "#{ENV['HOME']}" / "#{Dir.home}"; a shell's own ${VAR} and {a,b} stay as they are
    s = PERL_ENV.matcher(s).replaceAll("\\$$1");
    return EMBEDDED.matcher(s).replaceAll(r -> HOME.matcher(r.group()).find() ? "\\$HOME" : "\\$COMPUTED_BY_CODE");
  }

  private static String unescape(String s) {
    return s.replace("\\\"", "\"").replace("\\'", "'").replace("\\n", "\n").replace("\\\\", "\\");
  }
}
