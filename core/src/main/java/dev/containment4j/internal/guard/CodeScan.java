/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
          + "|telnetlib|websocket|(?<![\\w\\]]\\.)\\bfetch\\s*\\(|\\b(?:globalThis|window|self)\\.fetch\\s*\\("
          + "|https?\\.(request|get)|require\\(['\"](https?|net|dgram|tls)['\"]\\)"
          + "|from ['\"](https?|net|node:https?|node:net)['\"]|\\bnet\\.(connect|Socket|createConnection)|axios"
          + "|XMLHttpRequest|WebSocket|LWP|IO::Socket|HTTP::Tiny|Net::HTTP|open-uri|URI\\.open|TCPSocket|UDPSocket"
          + "|curl_exec|curl_init|fsockopen|stream_socket_client|Invoke-WebRequest|Invoke-RestMethod|WebClient"
          + "|dns\\.resolve|dns\\.lookup|getaddrinfo|gethostbyname|Deno\\.connect|Bun\\.connect"
          // Go and Rust
          + "|\"net/http\"|\\bhttp\\.(Post|Get|NewRequest|PostForm)\\b|\\bnet\\.Dial|reqwest|ureq::|TcpStream|UdpSocket");
  private static final Pattern EXEC = Pattern.compile(
      "os\\.system|subprocess|os\\.popen|\\bexec\\s*\\(|\\beval\\s*\\(|pty\\.spawn|os\\.exec|child_process"
          + "|execSync|spawnSync|\\bspawn\\s*\\(|execFile|\\bsystem\\s*\\(|shell_exec|passthru|proc_open|popen"
          + "|Kernel\\.exec|%x\\(|`[^`]+`|IO\\.popen|Open3|Runtime\\.getRuntime|Invoke-Expression|\\biex\\b"
          + "|compile\\s*\\(|__import__|importlib|new Function|vm\\.run|Deno\\.run|Bun\\.spawn|do shell script"
          + "|os\\.execute|io\\.popen|exec\\.Command|Command::new|syscall\\.Exec");
  private static final Pattern DECODE = Pattern.compile(
      "b64decode|base64|atob\\s*\\(|['\"]base64['\"]|fromhex|decode\\(['\"](hex|rot.?13)['\"]|codecs\\.decode"
          + "|unpack\\s*\\(|\\bpack\\s*\\(\\s*[\"'][hH]|zlib\\.decompress|marshal\\.loads|pickle\\.loads|unhexlify|FromBase64String"
          + "|String\\.fromCharCode|\\bchr\\s*\\(.*\\bchr\\s*\\(|\\\\x[0-9a-fA-F]{2}.*\\\\x[0-9a-fA-F]{2}");
  private static final Pattern FILE_READ = Pattern.compile(
      "(?<!url)open\\s*\\(|file://|read_text|read_bytes|readFile|createReadStream|File\\.read|IO\\.read|file_get_contents"
          + "|\\bslurp\\b|Get-Content|readlines|\\bglob\\b|os\\.walk|listdir|scandir|readdir|os\\.ReadFile|ioutil\\.ReadFile"
          + "|os\\.Open\\(|fs::read|File::open|read_to_string");
  private static final Pattern FILE_WRITE = Pattern.compile(
      "open\\s*\\([^)]*['\"][wax]b?\\+?['\"]|write_text|write_bytes|writeFile|appendFile|createWriteStream"
          + "|File\\.write|file_put_contents|shutil\\.(copy|move)|os\\.rename|os\\.replace|Set-Content"
          + "|Out-File|\\.write\\s*\\(|os\\.chmod|chmodSync|symlink");
  private static final Pattern DELETE = Pattern.compile(
      "rmtree|os\\.remove|os\\.unlink|os\\.rmdir|unlinkSync|rmSync|rmdirSync|fs\\.rm|fs\\.unlink|File\\.delete"
          + "|FileUtils\\.rm|\\bunlink\\s*\\(|Remove-Item|\\.unlink\\s*\\(|\\.rmdir\\s*\\(|rimraf|truncate|remove_tree"
          + "|os\\.RemoveAll|os\\.Remove\\(|remove_dir_all|remove_file|fs::remove"
          // perl's list operator without parentheses (unlink glob …), a function named as a string (array_map)
          + "|\\bunlink\\s+[\\w$@\"'(<]|['\"](unlink|rmdir)['\"]");
  private static final Pattern RECURSIVE = Pattern.compile(
      "rmtree|recursive|rimraf|remove_dir_all|RemoveAll|rm_rf|rm -r|-Recurse|deleteRecursively|walk|remove_tree");
  /**
   * A recursive delete whose target is the working directory or its parent, written as the literal {@code "."} or
   * {@code ".."} straight in the call ({@code shutil.rmtree('.')}, {@code fs.rmSync('.', {recursive: true})}):
   * no literal path names it, but it is the whole workspace (session 22).
   */
  static final Pattern DELETES_HERE = Pattern.compile("(?:rmtree|rmSync|rimraf(?:\\.sync)?|fs\\.rm|rm_rf"
      + "|remove_dir_all|os\\.RemoveAll|deleteRecursively|FileUtils\\.rm_r|Remove-Item)\\s*\\(?\\s*(?:-Path\\s+)?"
      + "(['\"])(\\.\\.?)/?\\1");
  /**
   * Code that runs what it fetches from a URL, the call nested in the runner ({@code source("https://…")} in R,
   * {@code include(download("https://…"))} in Julia, {@code eval(file_get_contents('https://…'))}, {@code
   * exec(urlopen("https://…").read())}): download-and-execute in one expression.
   */
  static final Pattern FETCHED_CODE = Pattern.compile("\\b(?:eval|exec|source|include|iex|Invoke-Expression"
      + "|evalq|source_url)\\s*\\(\\s*(?:[\\w.:$>-]+\\s*\\(\\s*){0,3}['\"]((?:https?|ftp)://[^'\"\\s]+)");
  private static final Pattern ENV = Pattern.compile(
      "os\\.environ|getenv|process\\.env|\\$ENV|ENV\\[|\\$_ENV|\\$env:|Deno\\.env|Bun\\.env");
  /**
   * The whole environment printed or iterated ({@code print(os.environ)}, {@code console.log(process.env)}, {@code
   * os.environ.items()}, {@code ENV.each}, {@code System.getenv().forEach}): the session's tokens and keys with it.
   * One variable read by name is not a dump.
   */
  private static final Pattern ENV_DUMP = Pattern.compile(
      "(?:\\b(?:print|pprint|console\\.(?:log|dir|table|error|info)|puts|pp|var_dump|print_r|var_export"
          + "|json\\.dumps|JSON\\.stringify|Object\\.(?:entries|values|assign)|dict|str|repr|sorted|list|println"
          + "|Dumper|System\\.out\\.println)\\s*\\(\\s*(?:dict\\(\\s*|\\{\\s*\\.\\.\\.)?"
          + "(?:os\\.environ|process\\.env|ENV|\\$_ENV|\\$_SERVER|%ENV|System\\.getenv\\(\\s*\\)|getenv\\(\\s*\\)"
          + "|Deno\\.env\\.toObject\\(\\s*\\)|Bun\\.env)"
          + "(?:\\.(?:items|copy)\\(\\s*\\)|\\.to_h|\\.to_a|\\.inspect)?\\s*[),;}]"
          + "|\\b(?:puts|p|pp|print)\\s+ENV\\b(?!\\s*\\[)(?:\\.(?:to_h|inspect|to_a))?\\s*(?:$|[;\\n])"
          + "|os\\.environ\\.items\\(\\s*\\)|\\bin\\s+os\\.environ\\s*:|Object\\.entries\\(\\s*process\\.env\\s*\\)"
          + "|\\bENV\\.(?:each|to_h|to_a|sort|map|select|inspect)\\b|\\b(?:keys|each)\\s+%ENV"
          + "|System\\.getenv\\(\\s*\\)\\.(?:entrySet|forEach|toString)|\\$_ENV\\s+as\\b"
          + "|(?:Get-ChildItem|\\bgci|\\bls|\\bdir)\\s+env:\\*?(?=\\s|$|[|;)'\"])"
          + "|\\[(?:System\\.)?Environment\\]::GetEnvironmentVariables\\(\\s*\\))");
  /** The system keyring or a credential store read through a library ({@code keyring.get_password}). */
  private static final Pattern KEYRING = Pattern.compile(
      "keyring\\.get_(?:password|credential)|keytar\\.(?:getPassword|findCredentials|findPassword)"
          + "|secretstorage\\.|SecKeychainFind|SecItemCopyMatching|CredRead|win32cred\\.|PasswordVault\\(");

  /** Why printing the whole environment is asked, after what prints it. */
  static final String ENV_DUMP_REASON = " prints the whole environment, which holds this session's tokens and keys;"
      + " read the one variable you need by name";

  /** Whether the code prints or walks the whole environment (see {@link #ENV_DUMP}). */
  static boolean dumpsEnvironment(String code) {
    return (code.contains("env") || code.contains("ENV") || code.contains("Env")) && ENV_DUMP.matcher(code).find();
  }

  /** Whether the code reads passwords from the system keyring or a credential store. */
  static boolean readsKeyring(String code) {
    // every alternative holds one of these (the scan runs for every program text an agent sends)
    return (code.contains("keyring") || code.contains("keytar") || code.contains("secretstorage")
        || code.contains("Sec") || code.contains("Cred") || code.contains("win32cred")
        || code.contains("PasswordVault")) && KEYRING.matcher(code).find();
  }

  private static final Pattern HOME = Pattern.compile(
      "expanduser|Path\\.home|homedir|['\"]~|\\bHOME\\b|\\$HOME|ENV\\[['\"]HOME|getpwuid|USERPROFILE|Dir\\.home"
          + "|File\\.expand_path|user\\.home|UserHomeDir|home_dir|\\$ENV\\{['\"]?HOME");
  private static final Pattern SENSITIVE_LITERAL = Pattern.compile(
      "\\.ssh|\\.aws|\\.kube|\\.docker|\\.gnupg|\\.netrc|id_rsa|id_ed25519|id_ecdsa|git-credentials|\\.config/gcloud"
          + "|/etc/shadow|/proc/self/environ|/environ|\\.azure|keychain|Login Data|cookies\\.sqlite");
  private static final Pattern SHELL_CALL = Pattern.compile(
      "(?:os\\.system|os\\.popen|subprocess\\.\\w+|check_output|check_call|execSync|\\bexec|execFile|spawnSync"
          + "|\\bspawn|\\bsystem|shell_exec|passthru|\\bpopen|IO\\.popen|Open3\\.\\w+|Kernel\\.exec|os\\.execute"
          // session 16: Ruby and Perl call without parentheses too (exec "rm -rf ~", system 'curl …')
          + "|io\\.popen)(?:\\s*\\(\\s*|[ \\t]+(?=[\"']))");
  /** Rust's {@code Command::new("prog")} and the {@code .arg("…")}/{@code .args([…])} calls chained to it. */
  private static final Pattern RUST_COMMAND = Pattern.compile("Command::new\\(\\s*(\"(?:[^\"\\\\]|\\\\.)*\")\\s*\\)"
      + "((?:\\s*\\.\\s*(?:arg\\(\\s*\"(?:[^\"\\\\]|\\\\.)*\"\\s*\\)|args\\(\\s*&?(?:vec!)?\\[[^\\]]*\\]\\s*\\)"
      + "|(?:current_dir|env|envs|stdin|stdout|stderr)\\([^()]*(?:\\([^()]*\\)[^()]*)*\\)))*)");
  /** Go's {@code exec.Command("prog", "arg", …)} (and {@code CommandContext(ctx, …)}) with literal words. */
  private static final Pattern GO_COMMAND = Pattern.compile("exec\\.Command(?:Context)?\\(\\s*(?:\\w+\\s*,\\s*)?"
      + "((?:\"(?:[^\"\\\\]|\\\\.)*\"\\s*,?\\s*)+)\\)");
  private static final Pattern STRING_LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

  /**
   * The command lines a Rust or Go program builds with literal words ({@code Command::new("sh").arg("-c")
   * .arg("curl … | sh")}, {@code exec.Command("sh", "-c", "…")}), as shell text the parser reads back into the same
   * words (session 15: a {@code build.rs} that cargo runs on every build).
   */
  private static List<String> constructedCommands(String code, String language) {
    List<String> out = new ArrayList<>();
    Matcher m = (language.equals("rust") ? RUST_COMMAND : GO_COMMAND).matcher(code);
    while (m.find()) {
      List<String> words = new ArrayList<>();
      String chain = language.equals("rust") ? m.group(1) + m.group(2).replaceAll("\\.\\s*(?:current_dir|env|envs"
          + "|stdin|stdout|stderr)\\([^()]*(?:\\([^()]*\\)[^()]*)*\\)", "") : m.group(1);
      Matcher w = STRING_LITERAL.matcher(chain);
      while (w.find()) {
        words.add(unescape(w.group(1)));
      }
      if (!words.isEmpty()) {
        out.add(String.join(" ", words.stream().map(Units::quote).toList()));
      }
    }
    return out;
  }

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

  private static Findings scanUncached(String original, String language) {
    String code = joined(original);
    List<String> literals = List.copyOf(literals(code));
    boolean home = HOME.matcher(code).find();
    boolean sensitive = false;
    for (String l : literals) {
      if (SENSITIVE_LITERAL.matcher(l).find() && (home || l.startsWith("/") || l.startsWith("~")
          || l.startsWith("file://"))) {
        sensitive = true;
      }
    }
    boolean exec = EXEC.matcher(code).find();
    if (language.equals("python") && !exec) {
      exec = code.contains("exec(") || code.contains("eval(");
    }
    // session 17: a delete program run as a list of words (`subprocess.run(['rm', '-rf', home])`)
    boolean execDelete = exec && literals.stream().anyMatch(l -> DELETE_PROGRAMS.contains(l));
    boolean execRecursive = execDelete && literals.stream().anyMatch(l -> l.matches("-[a-zA-Z]*[rR][a-zA-Z]*")
        || l.equals("--recursive"));
    return new Findings(NETWORK.matcher(code).find() || code.contains("http://") || code.contains("https://"),
        exec, DECODE.matcher(code).find(), FILE_READ.matcher(code).find(), FILE_WRITE.matcher(code).find(),
        DELETE.matcher(code).find() || execDelete, ENV.matcher(code).find(), sensitive, home,
        RECURSIVE.matcher(code).find() || execRecursive, literals);
  }

  private static final Set<String> DELETE_PROGRAMS = Set.of("rm", "rmdir", "shred", "unlink", "srm");
  /** Two string literals joined by {@code +} or {@code .}: {@code 'r'+'m'}, {@code "cur"."l"}. */
  private static final Pattern SPLIT_LITERAL = Pattern.compile("(['\"])([^'\"\\n\\\\]{0,60})\\1\\s*[+.]\\s*(['\"])"
      + "([^'\"\\n\\\\]{0,60})\\3");
  /**
   * Session 17: the text with split literals joined, so that a name cut in pieces ({@code 'r'+'m'},
   * {@code "cur"."l"}) reads as written.
   */
  static String joined(String code) {
    String c = code;
    for (int pass = 0; pass < 6; pass++) {
      Matcher m = SPLIT_LITERAL.matcher(c);
      if (!m.find()) {
        break;
      }
      c = m.replaceAll(r -> Matcher.quoteReplacement("'" + r.group(2) + r.group(4) + "'"));
    }
    return c;
  }

  /**
   * The string literals of {@code code}, left to right: {@code '''…'''} and {@code """…"""} up to the next
   * closing triple, else {@code '…'} and {@code "…"} up to the first quote a backslash does not escape; an opening
   * quote that is never closed is skipped. The same literals as the regular expression
   * {@code '''(.*?)'''|"""(.*?)"""|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"} (DOTALL), which recursed once per
   * character of a literal and overflowed the stack on long scripts (an apostrophe in a comment runs to the next
   * one): a loop has no depth ({@code CodeScanTest} compares the two).
   */
  static List<String> literals(String code) {
    List<String> out = new ArrayList<>();
    int n = code.length();
    int i = 0;
    while (i < n) {
      char q = code.charAt(i);
      if (q != '\'' && q != '"') {
        i++;
        continue;
      }
      if (i + 2 < n && code.charAt(i + 1) == q && code.charAt(i + 2) == q) {
        int close = code.indexOf(q == '\'' ? "'''" : "\"\"\"", i + 3);
        if (close >= 0) {
          out.add(code.substring(i + 3, close));
          i = close + 3;
          continue;
        }
      }
      int close = closingQuote(code, i + 1, q, true);
      if (close >= 0) {
        out.add(code.substring(i + 1, close));
        i = close + 1;
      } else {
        i++;
      }
    }
    return out;
  }

  /**
   * The index of the first {@code quote} at or after {@code from} that no backslash escapes, or -1. A backslash
   * before a line break ends the search unless {@code escapedBreaks} ({@code .} with and without DOTALL).
   */
  private static int closingQuote(String s, int from, char quote, boolean escapedBreaks) {
    for (int k = from; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == quote) {
        return k;
      }
      if (c == '\\') {
        if (k + 1 >= s.length() || !escapedBreaks && lineBreak(s.charAt(k + 1))) {
          return -1;
        }
        k++;
      }
    }
    return -1;
  }

  /** The characters {@code .} does not match without DOTALL. */
  private static boolean lineBreak(char c) {
    return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }

  /**
   * The end (exclusive) of the argument a shell call starts with at {@code from}: a {@code […]} list up to its first
   * {@code ]}, or one quoted string; -1 when there is none.
   */
  private static int argumentEnd(String code, int from) {
    if (from >= code.length()) {
      return -1;
    }
    char c = code.charAt(from);
    if (c == '[') {
      int close = code.indexOf(']', from + 1);
      return close < 0 ? -1 : close + 1;
    }
    if (c == '\'' || c == '"') {
      // the call pattern had no DOTALL: an escaped line break ends its string
      int close = closingQuote(code, from + 1, c, false);
      return close < 0 ? -1 : close + 1;
    }
    return -1;
  }

  private static final java.util.Map<String, List<String>> SHELL_MEMO = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The shell command strings the code would run ({@code os.system("...")}, {@code execSync("...")} ...); memoised
   * like {@link #scan}: a pure function of the text, asked for every one-liner while units are unwrapped.
   */
  static List<String> shellCommands(String code, String language) {
    String key = language + '\u0000' + code;
    List<String> found = SHELL_MEMO.get(key);
    if (found == null) {
      if (SHELL_MEMO.size() > 4096) {
        SHELL_MEMO.clear();
      }
      found = List.copyOf(shellCommandsUncached(code, language));
      SHELL_MEMO.put(key, found);
    }
    return found;
  }

  private static List<String> shellCommandsUncached(String original, String language) {
    String code = joined(original);
    if (language.equals("awk")) {
      return AwkCommands.of(code);
    }
    // Rust and Go build argument vectors; their C-style system()/popen() calls are read below as in other languages
    List<String> out = language.equals("rust") || language.equals("go") ? constructedCommands(code, language)
        : new ArrayList<>();
    Matcher m = SHELL_CALL.matcher(code);
    int from = 0;
    while (from <= code.length() && m.find(from)) {
      int end = argumentEnd(code, m.end());
      if (end < 0) {
        // as the pattern did with its argument group: no match here, try from the next character
        from = m.start() + 1;
        continue;
      }
      from = end;
      String arg = code.substring(m.end(), end);
      if (arg.startsWith("[")) {
        List<String> words = literals(arg);
        if (!words.isEmpty()) {
          out.add(String.join(" ", words.stream().map(Units::quote).toList()));
        }
      } else {
        String command = interpolated(unescape(arg.substring(1, arg.length() - 1)));
        // 'rm -rf ' + os.homedir(): the rest of the command is computed; say where it points when one can tell
        Matcher rest = (language.equals("perl") || language.equals("php") ? CONCATENATED_DOT : CONCATENATED)
            .matcher(code).region(end, code.length());
        if (rest.lookingAt()) {
          command += HOME.matcher(rest.group(1)).find() ? " \"$HOME\"" : " \"$COMPUTED_BY_CODE\"";
        }
        out.add(command);
      }
    }
    if (language.equals("perl") || language.equals("ruby") || language.equals("applescript")
        || language.equals("julia")) { // Julia's `cmd` is a command object that run() starts
      Matcher b = BACKTICK.matcher(code);
      while (b.find()) {
        for (int g = 1; g <= 3; g++) {
          if (b.group(g) != null) {
            out.add(interpolated(b.group(g)));
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
