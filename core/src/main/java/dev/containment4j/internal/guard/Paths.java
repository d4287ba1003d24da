/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Normalises the paths a call names ({@code ~}, {@code $HOME}, {@code ..}, relative to the cwd, symlinks against the
 * real filesystem where the path or a parent exists) and sorts them into the places the guard cares about.
 */
final class Paths {
  /** What a path is, for the guard. */
  enum Place {
    INSIDE_WORKSPACE, WORKSPACE_ROOT, TMP, HOME_ROOT, UNDER_HOME, ROOT, SYSTEM, DEVICE, HARMLESS_DEVICE,
    CREDENTIAL, WEAK_CREDENTIAL, SHELL_RC, GIT_HOOK, GIT_INTERNALS, AGENT_CONFIG, CI_CONFIG, AUDIT_LOG, HISTORY,
    SYSTEM_LOG, SCHEDULER, AUTH_KEYS, HOSTS_FILE, PROC_SECRET, UNKNOWN, GIT_DIR, SECURITY_CONFIG, PACKAGE_CONFIG,
    CACHE
  }

  private static final Pattern HOME_CACHE = Pattern.compile(
      "^(\\.cache|\\.m2/repository|\\.gradle/caches|\\.gradle/wrapper/dists|\\.npm/_cacache|\\.npm/_npx|\\.yarn/cache"
          + "|\\.pnpm-store|Library/Caches|\\.cargo/registry|\\.cargo/git|go/pkg/mod|\\.ivy2/cache|\\.sbt/boot"
          + "|\\.nuget/packages|\\.pub-cache|\\.bundle/cache|\\.local/share/virtualenvs|\\.pyenv/cache)(/.*)?$");

  private static final Set<String> HARMLESS_DEVICES = Set.of("/dev/null", "/dev/stdout", "/dev/stderr",
      "/dev/stdin", "/dev/tty", "/dev/zero", "/dev/random", "/dev/urandom", "/dev/full");
  private static final Set<String> SYSTEM_TOPS = Set.of("etc", "usr", "bin", "sbin", "lib", "lib32", "lib64",
      "libx32", "boot", "var", "opt", "srv", "root", "sys", "proc", "dev", "snap", "System", "Library",
      "Applications", "private", "run", "mnt", "media", "nix");
  private static final Set<String> RC_FILES = Set.of(".bashrc", ".bash_profile", ".bash_login", ".bash_logout",
      ".profile", ".zshrc", ".zshenv", ".zprofile", ".zlogin", ".zlogout", ".kshrc", ".cshrc", ".tcshrc",
      ".inputrc", ".vimrc", ".exrc", ".gitconfig", ".npmrc", ".curlrc", ".wgetrc", ".pythonrc", ".pythonstartup",
      ".envrc", ".bash_aliases", ".xinitrc", ".xprofile", ".xsession", ".tmux.conf", ".screenrc");
  private static final Pattern STRONG_CREDENTIAL = Pattern.compile(
      "^(\\.ssh/(?!.*\\.pub$)(?!known_hosts).+|\\.aws(/.*)?|\\.config/gcloud(/.*)?|\\.azure(/.*)?|\\.kube(/.*)?"
          + "|\\.docker/config\\.json|\\.netrc|\\.gnupg(/.*)?|\\.git-credentials|\\.config/gh/hosts\\.yml"
          + "|\\.config/hub|\\.terraform\\.d/credentials.*|\\.vault-token|\\.password-store(/.*)?"
          + "|\\.local/share/keyrings(/.*)?|Library/Keychains(/.*)?|\\.pgpass|\\.my\\.cnf|\\.cargo/credentials.*"
          + "|\\.(mozilla|thunderbird)/.*(cookies|logins|key4|signons).*"
          + "|\\.config/(google-chrome[^/]*|chromium|BraveSoftware/[^/]+|microsoft-edge[^/]*|vivaldi|opera)/.*"
          + "(Cookies|Login Data|Web Data|Local State).*|\\.local/share/kwalletd(/.*)?"
          + "|Library/Application Support/(Google/Chrome|BraveSoftware|Microsoft Edge|Vivaldi|Firefox/Profiles)/.*"
          + "|\\.config/op(/.*)?|\\.oci(/.*)?|\\.boto"
          + "|\\.s3cfg|\\.config/rclone(/.*)?|\\.kaggle(/.*)?|\\.config/doctl(/.*)?|\\.fly(/.*)?|\\.ssh"
          // secrets managers' CLI logins (a token that reads every secret of the workplace)
          + "|\\.config/(?:doppler|infisical|bitwarden|Bitwarden CLI|1password|chamber|sops/age)(/.*)?"
          + "|\\.doppler(/.*)?|\\.infisical(/.*)?|\\.config/vault(/.*)?"
          // session 21: coding agents' and AI services' logins, data platforms' and deploy CLIs' tokens
          + "|\\.claude/\\.credentials\\.json|\\.codex/auth\\.json|\\.config/github-copilot(/.*)?"
          + "|\\.gemini/oauth_creds\\.json|\\.(cache|config)/huggingface/(stored_)?tokens?|\\.huggingface/token"
          + "|\\.databrickscfg|\\.snowflake/(config|connections)\\.toml|\\.snowsql/config|\\.dbt/profiles\\.yml"
          + "|\\.pulumi/credentials\\.json|\\.config/configstore/firebase-tools\\.json|\\.config/netlify(/.*)?"
          + "|\\.local/share/com\\.vercel\\.cli(/.*)?|\\.railway(/.*)?|\\.supabase/access-token|\\.sentryclirc"
          + "|\\.config/stripe(/.*)?|\\.config/ngrok(/.*)?|\\.ngrok2(/.*)?|\\.cloudflared(/.*)?"
          + "|\\.wrangler/config(/.*)?|\\.config/\\.wrangler(/.*)?|\\.twilio-cli(/.*)?"
          // session 21: cryptocurrency wallets and keystores, and browser extensions' storage (wallet extensions)
          + "|\\.bitcoin/(?:.*/)?wallets?(?:\\.dat)?(/.*)?|\\.ethereum/keystore(/.*)?|\\.config/solana/[^/]*\\.json"
          + "|\\.electrum(/.*)?|\\.monero(/.*)?|\\.bitmonero/.*wallet.*|\\.(?:config|local/share)/(?:Exodus|atomic"
          + "|Ledger Live)(/.*)?|Library/Application Support/(?:Exodus|Electrum|atomic|Ledger Live)(/.*)?"
          + "|\\.config/(?:google-chrome[^/]*|chromium|BraveSoftware/[^/]+|microsoft-edge[^/]*)/.*/Local Extension"
          + " Settings(/.*)?|Library/Application Support/(?:Google/Chrome|BraveSoftware/[^/]+|Microsoft Edge)/.*"
          + "/Local Extension Settings(/.*)?)$");
  private static final Pattern CONFINED_APP = Pattern.compile(
      "^(?:snap/[^/]+/(?:common|current|x?\\d+)|\\.var/app/[^/]+)/(.+)$");
  private static final Pattern WEAK_CREDENTIAL = Pattern.compile(
      "^(\\.npmrc|\\.pypirc|\\.m2/settings(-security)?\\.xml|\\.gradle/gradle\\.properties|\\.ssh/config"
          + "|\\.config/git/credentials|\\.yarnrc(\\.yml)?|\\.composer/auth\\.json|\\.bundle/config)$");
  private static final Pattern SYSTEM_SECRET = Pattern.compile(
      "^/(etc/(shadow|gshadow|sudoers(\\.d)?|master\\.passwd|ssh/ssh_host_.*_key|ssl/private)(/.*)?"
          + "|root(/.*)?|var/run/secrets(/.*)?|run/secrets(/.*)?|var/lib/kubelet(/.*)?"
          + "|etc/kubernetes/(admin|kubelet)\\.conf|etc/krb5\\.keytab|etc/letsencrypt(/.*)?|etc/pki/tls/private(/.*)?"
          + "|run/credentials(/.*)?|etc/credstore(/.*)?|etc/gitlab-runner(/.*)?|etc/wireguard(/.*)?"
          + "|etc/NetworkManager/system-connections(/.*)?|etc/mysql/debian\\.cnf|var/lib/cloud/.*user-data.*)$");
  private static final Pattern PROC_SECRET = Pattern.compile("^/proc/(.+/)?(environ|mem|maps|auxv)$");
  private static final Pattern KEY_NAME = Pattern.compile(
      "^(id_(rsa|dsa|ecdsa|ed25519)(_sk)?|.*\\.(kdbx|keychain|keychain-db|p12|pfx|jks|keystore)"
          + "|credentials(\\.json)?|service[-_]account.*\\.json|.*\\.tfstate(\\.backup)?)$");
  private static final Pattern SCHEDULER = Pattern.compile(
      "^/(etc/(cron[^/]*|anacrontab|systemd|init\\.d|rc\\.local|rc\\d\\.d|xdg/autostart|profile(\\.d)?|bash\\.bashrc"
          + "|zsh|environment|ld\\.so\\.preload|update-motd\\.d|sudoers.*)|var/spool/cron|Library/Launch(Agents|Daemons)"
          + "|usr/lib/systemd|lib/systemd)(/.*)?$");
  private static final Pattern HOME_SCHEDULER = Pattern.compile(
      "^(\\.config/systemd|Library/LaunchAgents|\\.config/autostart|\\.local/share/systemd|\\.config/fish"
          + "|\\.oh-my-zsh/custom|\\.bashrc\\.d|\\.config/environment\\.d|\\.pam_environment|\\.ssh/rc)(/.*)?$");
  private static final Pattern AGENT_DIR = Pattern.compile(
      "^(\\.claude|\\.codex|\\.cursor|\\.gemini|\\.qwen|\\.continue|\\.aider.*|\\.windsurf|\\.vscode|\\.idea"
          + "|\\.zed|\\.config/containment4j|\\.containment|\\.config/claude|\\.amazonq|\\.github/copilot.*"
          // session 16: more agents' folders (opencode, Roo, Kiro, Kilo Code, Junie, Augment, Trae, Goose)
          + "|\\.opencode|\\.config/opencode|\\.roo|\\.kiro|\\.kilocode|\\.junie|\\.augment|\\.trae|\\.config/goose)(/.*)?$");
  private static final Set<String> AGENT_FILES = Set.of(".containment.yaml", ".containment.yml",
      "containment.yaml", ".mcp.json", "CLAUDE.md", "AGENTS.md", "GEMINI.md", ".cursorrules", ".windsurfrules",
      ".clinerules", ".aider.conf.yml", "CLAUDE.local.md", ".claude.json", "opencode.json", "opencode.jsonc",
      "crush.json", ".crush.json", ".goosehints", ".rules");
  private static final Pattern CI_DIR = Pattern.compile(
      "^(\\.github/workflows|\\.gitlab-ci\\.yml|\\.circleci|\\.husky|\\.buildkite|Jenkinsfile|\\.travis\\.yml"
          + "|azure-pipelines\\.yml|\\.pre-commit-config\\.yaml|\\.gitmodules|\\.gitattributes)(/.*)?$");
  private static final Pattern SYSTEM_LOG = Pattern.compile("^/(var/log|var/audit|private/var/log|var/adm)(/.*)?$");
  private static final Pattern SECURITY_CONFIG = Pattern.compile(
      "^/etc/(hosts|resolv\\.conf|nsswitch\\.conf|iptables.*|nftables.*|ufw.*|selinux.*|apparmor.*|pam\\.d.*"
          + "|ssh/sshd_config.*|security.*|sysctl.*|ld\\.so.*|apt/sources.*|pip\\.conf|npmrc|gitconfig|environment)"
          + "(/.*)?$");

  private final Path workspace;
  private final Path workspaceReal;
  private final Path home;
  private final Path homeReal;
  private final String auditLogName;
  private final RealPaths realPaths;

  Paths(Path workspace, Path home, String auditLogName) {
    this(workspace, home, auditLogName, RealPaths.uncached());
  }

  Paths(Path workspace, Path home, String auditLogName, RealPaths realPaths) {
    this.realPaths = realPaths;
    this.workspace = workspace.toAbsolutePath().normalize();
    this.workspaceReal = RealPaths.resolve(this.workspace);
    this.home = home.toAbsolutePath().normalize();
    this.homeReal = RealPaths.resolve(this.home);
    this.auditLogName = auditLogName;
  }

  Path workspace() {
    return workspace;
  }

  /**
   * Whether {@code p} is a whole cache under the home ({@code ~/.cache}, {@code ~/.m2/repository},
   * {@code ~/Library/Caches}), not one entry in it: every project and tool of the user shares it.
   */
  boolean cacheRoot(Path p) {
    if (p == null || !p.startsWith(home) || p.equals(home)) {
      return false;
    }
    Matcher m = HOME_CACHE.matcher(home.relativize(p).toString().replace('\\', '/'));
    return m.matches() && (m.group(2) == null || m.group(2).isEmpty());
  }

  Path home() {
    return home;
  }

  /**
   * The absolute, normalised path for {@code text} as a command or tool names it, relative to {@code cwd}; null when
   * it cannot be known (relative to an unknown cwd, or not a path).
   */
  Path resolve(String text, Path cwd) {
    return resolve(text, cwd, true);
  }

  /**
   * Like {@link #resolve(String, Path)}; {@code expand} false for words that come out of the shell parser, where
   * {@code ~} and {@code $HOME} were already expanded unless quoted (and then they are literal).
   */
  Path resolve(String text, Path cwd, boolean expand) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    String t = text;
    if (!expand) {
      // nothing to expand
    } else if (t.equals("~") || t.startsWith("~/")) {
      t = home + t.substring(1);
    } else if (t.startsWith("$HOME/") || t.equals("$HOME") || t.startsWith("${HOME}")) {
      t = home + t.substring(t.startsWith("${") ? 7 : 5);
    }
    if (t.charAt(0) != '/') {
      if (cwd == null) {
        return null;
      }
      // one Path instead of three (the word's, the resolved one, the normalised one): Path.of drops the doubled
      // slash when the cwd is the root, normalize() the dots
      t = cwd + "/" + t;
    }
    if (t.startsWith("/proc/")) {
      t = withoutProcRoot(t);
    }
    try {
      Path p = Path.of(t);
      if (!hasDotSegment(t)) {
        return p;
      }
      return t.contains("/../") || t.endsWith("/..") ? upThroughLinks(p) : p.normalize();
    } catch (InvalidPathException e) {
      return null;
    }
  }

  private static final Pattern PROC_ROOT =
      Pattern.compile("^/proc/(?:self|thread-self|[0-9]+)(?:/task/[0-9]+)?/root(?=/|$)");

  /**
   * {@code /proc/1/root/etc/shadow} is {@code /etc/shadow}: a process's root link leads to the file system the rules
   * are written for (the real-path check would see it only where that link is readable).
   */
  static String withoutProcRoot(String absolute) {
    Matcher m = PROC_ROOT.matcher(absolute);
    if (!m.find()) {
      return absolute;
    }
    String rest = absolute.substring(m.end());
    return rest.isEmpty() ? "/" : rest;
  }

  /**
   * {@code p} with its {@code ..} segments taken as the kernel takes them: the parent of the directory reached so
   * far, not of its name. Lexically {@code l/../credentials} is {@code ./credentials}; when {@code l} is a link to
   * {@code ~/.aws/sso} the file opened is {@code ~/.aws/credentials}, and the rules must see that one.
   */
  private Path upThroughLinks(Path p) {
    Path cur = p.getRoot();
    for (Path segment : p) {
      String s = segment.toString();
      if (s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        Path here = realPaths.real(cur);
        Path up = here.getParent();
        cur = up == null ? here : up;
      } else {
        cur = cur.resolve(segment);
      }
    }
    return cur;
  }

  /**
   * Whether an absolute path has a {@code .} or {@code ..} segment, the only thing {@code normalize()} changes in a
   * path {@code Path.of} made (it already dropped doubled and trailing slashes); most words have none, and
   * {@code normalize()} was a twentieth of a decision.
   */
  static boolean hasDotSegment(String absolute) {
    for (int k = absolute.indexOf("/."); k >= 0; k = absolute.indexOf("/.", k + 1)) {
      int end = k + 2;
      if (end < absolute.length() && absolute.charAt(end) == '.') {
        end++;
      }
      if (end == absolute.length() || absolute.charAt(end) == '/') {
        return true;
      }
    }
    return false;
  }

  /** The real path through the shared resolver (see {@link RealPaths} for what it may reuse). */
  Path real(Path p) {
    return p == null ? null : realPaths.real(p);
  }

  /** A view of the filesystem for one decision. */
  RealPaths.Snapshot snapshot() {
    return realPaths.snapshot();
  }

  /** The real path, resolved through one decision's view of the filesystem. */
  Path real(Path p, RealPaths.Snapshot snapshot) {
    return p == null ? null : realPaths.real(p, snapshot);
  }

  /** The places of a path: of its lexical form and, when different, of its real form. */
  Set<Place> places(Path lexical) {
    return places(lexical, this::real);
  }

  /** Like {@link #places(Path)}, with the real path from {@code realOf} (a decision's memo). */
  Set<Place> places(Path lexical, java.util.function.UnaryOperator<Path> realOf) {
    if (lexical == null) {
      return EnumSet.of(Place.UNKNOWN);
    }
    Set<Place> set = placesOf(lexical);
    if (!(set.contains(Place.INSIDE_WORKSPACE) || set.contains(Place.TMP) || set.contains(Place.UNDER_HOME)
        || set.contains(Place.HOME_ROOT) || set.isEmpty())) {
      // a system path, a device or the root: following links could only add dangers to a view that is already
      // judged as outside the workspace, and those links would have to be planted by root
      return set;
    }
    Path real = realOf.apply(lexical);
    if (!real.equals(lexical)) {
      Set<Place> r = placesOf(real);
      // inside-workspace only counts when both views agree; every danger of either view counts
      if (!r.contains(Place.INSIDE_WORKSPACE)) {
        set.remove(Place.INSIDE_WORKSPACE);
        set.remove(Place.WORKSPACE_ROOT);
      }
      if (!r.contains(Place.TMP)) {
        set.remove(Place.TMP);
      }
      r.remove(Place.INSIDE_WORKSPACE);
      r.remove(Place.WORKSPACE_ROOT);
      r.remove(Place.TMP);
      set.addAll(r);
    }
    return set;
  }

  /** Scratch directories that are a home on some hosts ({@code HOME=/tmp}): there, scratch wins. */
  private static final Set<String> TMP_ROOTS = Set.of("/tmp", "/var/tmp", "/private/tmp", "/dev/shm");

  private final java.util.Map<Path, Set<Place>> lexicalCache = new java.util.concurrent.ConcurrentHashMap<>();

  /** The places of a path by its name alone (pure, so cached); the filesystem is consulted by the caller. */
  private Set<Place> placesOf(Path p) {
    Set<Place> cached = lexicalCache.get(p);
    if (cached == null) {
      if (lexicalCache.size() > 8192) {
        lexicalCache.clear();
      }
      cached = java.util.Collections.unmodifiableSet(computePlaces(p));
      lexicalCache.put(p, cached);
    }
    return EnumSet.copyOf(cached.isEmpty() ? EnumSet.noneOf(Place.class) : cached);
  }

  private Set<Place> computePlaces(Path path) {
    // a home that is itself a link (macOS, NFS automounts): its real form names the same places
    Path p = !homeReal.equals(home) && path.startsWith(homeReal) && !path.startsWith(home)
        ? home.resolve(homeReal.relativize(path)) : path;
    Set<Place> set = EnumSet.noneOf(Place.class);
    String s = p.toString();
    boolean inWs = p.startsWith(workspace) || p.startsWith(workspaceReal);
    if (inWs) {
      set.add(Place.INSIDE_WORKSPACE);
      if (p.equals(workspace) || p.equals(workspaceReal)) {
        set.add(Place.WORKSPACE_ROOT);
      }
      Path rel = (p.startsWith(workspace) ? workspace : workspaceReal).relativize(p);
      inWorkspace(rel.toString().replace('\\', '/'), set);
    }
    String name = p.getFileName() == null ? "" : p.getFileName().toString();
    if (p.getNameCount() == 0) {
      set.add(Place.ROOT);
      set.add(Place.SYSTEM);
    }
    if (s.equals("/tmp") || s.startsWith("/tmp/") || s.startsWith("/var/tmp/") || s.startsWith("/private/tmp/")
        || s.startsWith("/dev/shm/")) {
      // a home under /tmp (CI runners, containers) stays a home: ~/Documents is not scratch space, and neither is a
      // directory that holds the home or the workspace (rm -rf /tmp/ci deletes them)
      boolean homeOwned = home.getNameCount() > 0 && !TMP_ROOTS.contains(home.toString())
          && (p.startsWith(home) || home.startsWith(p));
      boolean holdsWorkspace = workspace.startsWith(p) && !p.equals(workspace);
      if (!s.equals("/tmp") && !homeOwned && !holdsWorkspace) {
        set.add(Place.TMP);
      }
    } else if (p.getNameCount() > 0 && !inWs && !p.startsWith(home)
        && SYSTEM_TOPS.contains(p.getName(0).toString())) {
      set.add(Place.SYSTEM);
    }
    if (s.startsWith("/dev/")) {
      set.add(HARMLESS_DEVICES.contains(s) || s.startsWith("/dev/fd/") ? Place.HARMLESS_DEVICE : Place.DEVICE);
      set.remove(Place.SYSTEM);
    }
    if (p.equals(home)) {
      set.add(Place.HOME_ROOT);
    }
    if (p.startsWith(home) && !inWs) {
      set.add(Place.UNDER_HOME);
      String rel = home.relativize(p).toString().replace('\\', '/');
      String app = confinedAppHome(rel);
      if (STRONG_CREDENTIAL.matcher(rel).matches() || app != null && (STRONG_CREDENTIAL.matcher(app).matches()
          || STRONG_CREDENTIAL.matcher(".config/" + app).matches())) {
        set.add(Place.CREDENTIAL);
      } else if (WEAK_CREDENTIAL.matcher(rel).matches()
          || app != null && WEAK_CREDENTIAL.matcher(app).matches()) {
        set.add(Place.WEAK_CREDENTIAL);
      }
      if (rel.equals(".ssh/authorized_keys") || rel.startsWith(".ssh/authorized_keys")) {
        set.add(Place.AUTH_KEYS);
      }
      if (p.getNameCount() == home.getNameCount() + 1 && RC_FILES.contains(name)) {
        set.add(Place.SHELL_RC);
      }
      if (HOME_CACHE.matcher(rel).matches()) {
        set.add(Place.CACHE);
      }
      if (HOME_SCHEDULER.matcher(rel).matches()) {
        set.add(Place.SCHEDULER);
      }
      if (Regexes.matches(rel,
          "\\.(bash|zsh|sh|python|node_repl|mysql|psql|sqlite|lesshst|local/share/fish/fish)_?history.*")
          || rel.equals(".zsh_history") || rel.equals(".bash_history") || rel.equals(".history")) {
        set.add(Place.HISTORY);
      }
      if (AGENT_DIR.matcher(rel).matches() || AGENT_FILES.contains(rel)) {
        set.add(Place.AGENT_CONFIG);
      }
      if (rel.equals(".gitconfig") || rel.equals(".config/git/config") || rel.equals(".config/pip/pip.conf")
          || rel.equals(".pip/pip.conf") || rel.equals(".condarc")) {
        set.add(Place.PACKAGE_CONFIG);
      }
      if (name.equals(".env") || name.startsWith(".env.") && !name.endsWith(".example")
          && !name.endsWith(".sample") && !name.endsWith(".template")) {
        set.add(Place.CREDENTIAL);
      }
    }
    if (!inWs && KEY_NAME.matcher(name).matches() && !name.endsWith(".pub")) {
      set.add(name.startsWith("id_") || name.endsWith(".kdbx") || name.contains("keychain") ? Place.CREDENTIAL
          : Place.WEAK_CREDENTIAL);
    }
    if (!p.startsWith(home) && SYSTEM_SECRET.matcher(s).matches()) {
      set.add(Place.CREDENTIAL);
    }
    if (PROC_SECRET.matcher(s).matches()) {
      set.add(Place.PROC_SECRET);
    }
    if (SCHEDULER.matcher(s).matches()) {
      set.add(Place.SCHEDULER);
    }
    if (SYSTEM_LOG.matcher(s).matches()) {
      set.add(Place.SYSTEM_LOG);
    }
    if (SECURITY_CONFIG.matcher(s).matches()) {
      set.add(s.startsWith("/etc/hosts") ? Place.HOSTS_FILE : Place.SECURITY_CONFIG);
    }
    if (s.equals("/etc/bash.bashrc") || s.startsWith("/etc/profile") || s.equals("/etc/zsh/zshrc")) {
      set.add(Place.SHELL_RC);
    }
    if (name.equals(auditLogName) || name.startsWith(auditLogName + ".")) {
      set.add(Place.AUDIT_LOG);
    }
    if (name.equals("containment-audit.jsonl")) {
      set.add(Place.AUDIT_LOG);
    }
    return set;
  }

  /**
   * The path inside a sandboxed desktop app's own home, or null: snap keeps an app's files under {@code
   * ~/snap/APP/(common|current|REV)/}, flatpak under {@code ~/.var/app/ID/} (with {@code config/} and {@code data/}
   * for the XDG directories). A browser's cookies or an SSH key there are the same credentials as in the real home.
   */
  static String confinedAppHome(String rel) {
    Matcher m = CONFINED_APP.matcher(rel);
    if (!m.matches()) {
      return null;
    }
    String inner = m.group(1);
    if (inner.startsWith("config/")) {
      return ".config/" + inner.substring("config/".length());
    }
    if (inner.startsWith("data/")) {
      return ".local/share/" + inner.substring("data/".length());
    }
    return inner;
  }

  private static void inWorkspace(String rel, Set<Place> set) {
    String lower = rel.toLowerCase(Locale.ROOT);
    if (rel.equals(".git") || rel.startsWith(".git/") || rel.contains("/.git/") || rel.endsWith("/.git")) {
      set.add(Place.GIT_DIR);
      if (rel.contains(".git/hooks")) {
        set.add(Place.GIT_HOOK);
      } else if (rel.endsWith(".git/config") || rel.contains(".git/info/") || rel.endsWith(".git/HEAD")
          || rel.contains(".git/objects") || rel.contains(".git/refs")) {
        set.add(Place.GIT_INTERNALS);
      }
    }
    String first = rel.contains("/") ? rel.substring(0, rel.indexOf('/')) : rel;
    String name = rel.contains("/") ? rel.substring(rel.lastIndexOf('/') + 1) : rel;
    if (AGENT_DIR.matcher(rel).matches() || AGENT_FILES.contains(rel) || AGENT_FILES.contains(name)
        && (name.startsWith(".") || name.equals("containment.yaml")) || first.equals(".claude")
        || first.equals(".vscode") || first.equals(".idea") || first.equals(".cursor")) {
      set.add(Place.AGENT_CONFIG);
    }
    if (AGENT_FILES.contains(name) && (name.endsWith(".md"))) {
      set.add(Place.AGENT_CONFIG);
    }
    if (CI_DIR.matcher(rel).matches() || first.equals(".husky")) {
      set.add(Place.CI_CONFIG);
    }
    if (name.equals(".envrc")) {
      set.add(Place.SHELL_RC);
    }
    if (lower.equals(".npmrc") || lower.equals("pip.conf") || lower.equals(".yarnrc.yml")) {
      set.add(Place.PACKAGE_CONFIG);
    }
  }
}
