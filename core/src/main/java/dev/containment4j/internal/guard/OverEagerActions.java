/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import dev.containment4j.internal.shell.SimpleCommand;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Actions an agent takes "helpfully" with ordinary tools, judged by what they do rather than by the program's name:
 * hiding tracked files from review ({@code git update-index --assume-unchanged}), committing a secret git ignores
 * ({@code git add -f .env}), reading or destroying keys in stores the file rules cannot see ({@code keyctl print},
 * {@code gpg --delete-secret-keys}), repointing name resolution ({@code resolvectl dns}, {@code nmcli ... ipv4.dns}),
 * making cloud data public ({@code allUsers}, {@code --acl public-read}) and killing services through a process list
 * computed at run time ({@code kill -9 $(pgrep -f postgres)}). Each judgement names its category and says why.
 */
final class OverEagerActions {
  /** File names that hold secrets by convention (examples and templates excluded). */
  private static final Pattern SECRET_FILE = Pattern.compile("(?i)^(\\.env(\\.(?!example$|sample$|template$|dist$)"
      + "[\\w.-]+)?|.*\\.(pem|key|p12|pfx|jks|keystore|kdbx|ppk|tfstate|tfvars)|id_(rsa|dsa|ecdsa|ed25519)(_sk)?"
      + "|.*credential.*|.*secret.*|\\.npmrc|\\.pypirc|\\.netrc|\\.git-credentials|.*token.*"
      + "|service[-_]?account.*\\.json"
      + "|\\.htpasswd|\\.pgpass|\\.vault-token)$");
  /** Processes of the system or of other work, as pkill/killall judge them by name. */
  private static final Pattern SERVICE = Pattern.compile("(?i).*(sshd|systemd|init|dockerd|containerd|kubelet"
      + "|postgres|mysqld|mariadbd|mongod|redis-server|nginx|httpd|apache2|elasticsearch|Xorg|gnome|kde|launchd"
      + "|login|bash|zsh|sh)");
  private static final Set<String> RESOLVER_CHANGES = Set.of("dns", "domain", "default-route", "llmnr",
      "multicastdns", "dnsovertls", "dnssec", "nta", "revert", "--set-dns", "--set-domain", "--revert",
      "--set-dnssec", "--set-nta");

  private OverEagerActions() {}

  /**
   * Every judgement of the over-eager families, the strongest first found: this class's own and those of
   * {@link DatabaseTargets} (migrations, D1), {@link ContainerAccess}, {@link ProcessTargets}, {@link Releases},
   * {@link PlatformActions}, {@link DataStores}, {@link UserApplications}, {@link ToolSources}, {@link QualityGates},
   * {@link MachineSettings}, {@link CommandSettings},
   * {@link WorkDiscards}, {@link LocalEnvironments}, {@link ProductionConsoles}, {@link RemoteFleets} and
   * {@link EndpointSettings}.
   */
  static Judgement judge(Unit u, Classifier c) {
    if (u.args().isEmpty()) {
      return Judgement.ALLOW;
    }
    return judge(u).max(DatabaseTargets.migration(u, c)).max(DatabaseTargets.d1(u)).max(ContainerAccess.judge(u, c))
        .max(ProcessTargets.judge(u)).max(Releases.judge(u)).max(PlatformActions.judge(u)).max(DataStores.judge(u))
        .max(UserApplications.judge(u)).max(ToolSources.judge(u))
        .max(QualityGates.judge(u)).max(AgentCommands.judge(u)).max(proxySetting(u)).max(installScripts(u))
        .max(DisabledTests.judge(u)).max(SharedStateActions.judge(u)).max(MachineSettings.judge(u))
        .max(CommandSettings.judge(u)).max(WorkDiscards.judge(u)).max(LocalEnvironments.judge(u))
        .max(ProductionConsoles.judge(u)).max(RemoteFleets.judge(u)).max(DatabaseTargets.dump(u, c))
        .max(SecretSearches.judge(u)).max(EndpointSettings.sed(u));
  }

  /** Whether a file name holds secrets by convention ({@code .env}, {@code *.pem}, {@code id_rsa} ...). */
  static boolean secretFile(String name) {
    return SECRET_FILE.matcher(name).matches();
  }

  static Judgement judge(Unit u) {
    List<String> argv = u.argv();
    switch (u.name()) {
      case "git":
        return git(u, argv);
      case "keyctl":
        return argv.size() > 1 && Set.of("print", "pipe", "read", "rdescribe").contains(argv.get(1))
            ? Judgement.deny(Classifier.CREDENTIAL, u.shown() + " prints a secret from the kernel keyring")
            : Judgement.ALLOW;
      case "gpg":
      case "gpg2":
        return argv.stream().anyMatch(x -> x.startsWith("--delete-secret") || x.startsWith("--delete-key"))
            ? Judgement.ask(Classifier.CREDENTIAL, u.shown() + " deletes keys from the user's keyring; a private key"
                + " deleted without a backup is gone, so a human must confirm")
            : Judgement.ALLOW;
      case "resolvectl":
      case "systemd-resolve":
        return argv.stream().skip(1).anyMatch(x -> RESOLVER_CHANGES.contains(x.toLowerCase(Locale.ROOT)))
            && argv.size() > 2
            ? Judgement.deny(Classifier.REDIRECT, u.shown() + " changes which DNS servers resolve names, which can"
                + " redirect every connection of this machine; leave name resolution to the user")
            : Judgement.ALLOW;
      case "nmcli":
        return argv.stream().anyMatch(x -> Regexes.matches(x.toLowerCase(Locale.ROOT),
            "ipv[46]\\.(dns|dns-search|gateway|routes|ignore-auto-dns)"))
            ? Judgement.deny(Classifier.REDIRECT, u.shown() + " changes the DNS servers or routes of a network"
                + " connection, which can redirect this machine's traffic; leave it to the user")
            : Judgement.ALLOW;
      case "gsutil":
      case "gcloud":
      case "aws":
      case "az":
        return publicSurface(u, argv);
      case "kill":
        return killByList(u);
      case "gh":
        return argv.size() > 2 && argv.get(1).equals("workflow") && argv.get(2).equals("disable")
            ? Judgement.ask(Classifier.AUDIT, u.shown() + " turns a CI workflow off, so the checks it runs no longer"
                + " run for anyone; a human must decide")
            : Judgement.ALLOW;
      case "pip":
      case "pip3":
      case "npm":
      case "pnpm":
      case "yarn":
        return uninstallAll(u, argv);
      default:
        return Judgement.ALLOW;
    }
  }

  /**
   * Session 16: removing packages installed for the whole machine or the user ({@code npm uninstall -g},
   * {@code pip uninstall --user}), or a list only known at run time ({@code pip uninstall -y $(pip freeze)}): other
   * projects and tools may run on them.
   */
  private static Judgement uninstallAll(Unit u, List<String> argv) {
    int k = argv.indexOf("uninstall");
    if (k < 0) {
      k = argv.indexOf("remove");
    }
    if (k < 0 || u.name().startsWith("pip") && k != 1) {
      return Judgement.ALLOW;
    }
    boolean global = argv.stream().anyMatch(x -> x.equals("-g") || x.equals("--global") || x.equals("--user")
        || x.equals("--location=global"))
        || u.name().equals("yarn") && k > 1 && argv.get(1).equals("global");
    boolean unknownList = u.params().stream().skip(k).anyMatch(a -> a.dynamic());
    return global || unknownList
        ? Judgement.ask(Classifier.DELETE, u.shown() + " removes " + (global ? "packages installed for the whole"
            + " machine or user" : "packages listed only at run time") + "; other projects and tools may need them, so"
            + " a human must confirm")
        : Judgement.ALLOW;
  }

  private static final String LOOPBACK = "(?:localhost|127\\.[\\d.]+|::1|\\[::1\\]|[\\w.-]*\\.localhost)";
  /** A {@code --noproxy} list of loopback names only. */
  private static final Pattern LOCAL_HOSTS = Pattern.compile("(?i)" + LOOPBACK + "(?:," + LOOPBACK + ")*");

  /** Whether {@code u} sets a package manager's setting ({@code npm config set KEY VALUE}). */
  private static boolean packageConfigSet(Unit u) {
    return CONFIGURED_PACKAGE_MANAGERS.contains(u.name()) && u.argv().contains("config")
        && (u.argv().contains("set") || u.argv().contains("--set"));
  }

  /** Package managers whose settings {@code NAME config set KEY VALUE} changes. */
  private static final Set<String> CONFIGURED_PACKAGE_MANAGERS = Set.of("npm", "pnpm", "yarn", "pip", "pip3", "conda",
      "poetry");

  /**
   * Session 22: {@code npm config set ignore-scripts false} (yarn's {@code enableScripts true}): packages' install
   * scripts switched back on, for every later install.
   */
  static Judgement installScripts(Unit u) {
    List<String> argv = u.argv();
    return packageConfigSet(u) && argv.stream().anyMatch(x -> x.equals("ignore-scripts") && argv.contains("false")
        || x.equals("ignore-scripts=false") || x.equals("enableScripts") && argv.contains("true"))
        ? Judgement.ask(Classifier.WEAKEN, u.shown() + " turns packages' install scripts back on, so every later"
            + " install runs code from the registry; a human must confirm")
        : Judgement.ALLOW;
  }

  /** Configuration keys that route a tool's traffic through a proxy. */
  private static final Pattern PROXY_KEY = Pattern.compile("(?i)(.*\\.)?(https?[-_.]?proxy|proxy|all[-_]proxy"
      + "|socks[-_]?proxy|no[-_]?proxy|noproxy|proxy[-_.]?(url|host|server))");

  /**
   * {@code git config --global http.proxy URL}, {@code npm config set proxy URL}, {@code pip config set
   * global.proxy URL}, {@code gsettings set org.gnome.system.proxy ...}: a tool's own proxy setting routes its traffic
   * around the egress proxy containment set up, like changing {@code HTTPS_PROXY}; so does one request told to skip
   * it ({@code curl --noproxy '*'}, {@code wget --no-proxy}, session 22). Reading the setting stays ordinary.
   */
  static Judgement proxySetting(Unit u) {
    List<String> argv = u.argv();
    String name = u.name();
    boolean sets;
    switch (name) {
      case "curl":
      case "wget":
      case "wget2":
      case "http":
      case "https":
      case "aria2c":
        // session 22: one request told to go around the proxy (curl --noproxy '*', wget --no-proxy, curl -x '')
        for (int k = 1; k < argv.size(); k++) {
          String x = argv.get(k);
          boolean emptyProxy = (x.equals("-x") || x.equals("--proxy")) && k + 1 < argv.size()
              && argv.get(k + 1).isEmpty() || x.equals("--proxy=");
          String hosts = x.equals("--noproxy") && k + 1 < argv.size() ? argv.get(k + 1)
              : x.startsWith("--noproxy=") ? x.substring("--noproxy=".length()) : null;
          if (hosts != null && LOCAL_HOSTS.matcher(hosts).matches()) {
            continue; // curl --noproxy localhost http://localhost:8080/health: loopback never went through it
          }
          if (hosts != null || x.equals("--no-proxy") || emptyProxy || x.equals("--all-proxy=")
              || x.equals("--no-proxy=true")) {
            return Judgement.deny(Classifier.REDIRECT, u.shown() + " sends its request around the egress proxy"
                + " containment sets up (" + x + "); leave the proxy in place");
          }
        }
        return Judgement.ALLOW;
      case "git":
        sets = argv.contains("config") && argv.stream().noneMatch(x -> x.equals("--get") || x.equals("--get-all")
            || x.equals("-l") || x.equals("--list") || x.equals("--get-regexp"));
        sets = sets && argv.indexOf("config") + 2 < argv.size() || sets && argv.contains("--unset");
        break;
      case "npm":
      case "pnpm":
      case "yarn":
      case "pip":
      case "pip3":
      case "conda":
      case "poetry":
        sets = packageConfigSet(u);
        break;
      case "gsettings":
      case "dconf":
        return argv.size() > 2 && (argv.get(1).equals("set") || argv.get(1).equals("write")
            || argv.get(1).equals("reset")) && argv.get(2).toLowerCase(Locale.ROOT).contains("proxy")
            ? Judgement.deny(Classifier.REDIRECT, u.shown() + " changes the desktop's proxy settings, which route this"
                + " machine's traffic around the egress proxy containment set up")
            : Judgement.ALLOW;
      default:
        return Judgement.ALLOW;
    }
    if (!sets) {
      return Judgement.ALLOW;
    }
    for (String x : argv.subList(1, argv.size())) {
      String key = x.contains("=") ? x.substring(0, x.indexOf('=')) : x;
      if (!x.startsWith("-") && PROXY_KEY.matcher(key).matches()) {
        return Judgement.deny(Classifier.REDIRECT, u.shown() + " sets " + key + ", which routes the tool's traffic"
            + " through another proxy, around the egress proxy containment set up; leave proxy settings alone");
      }
    }
    return Judgement.ALLOW;
  }

  /** The index of git's subcommand in {@code argv} (after {@code -C DIR}, {@code -c KEY=V} …), or -1. */
  static int gitSubcommand(List<String> argv) {
    int k = 1;
    while (k < argv.size() && argv.get(k).startsWith("-")) {
      k += argv.get(k).equals("-C") || argv.get(k).equals("-c") ? 2 : 1;
    }
    return k < argv.size() ? k : -1;
  }

  private static Judgement git(Unit u, List<String> argv) {
    int k = gitSubcommand(argv);
    if (k < 0) {
      return Judgement.ALLOW;
    }
    String sub = argv.get(k);
    List<String> rest = argv.subList(k + 1, argv.size());
    if (sub.equals("update-index") && rest.stream().anyMatch(x -> x.equals("--assume-unchanged")
        || x.equals("--skip-worktree"))) {
      return Judgement.ask(Classifier.AUDIT, u.shown() + " makes git ignore later changes to tracked files, so they"
          + " no longer show in status, diff or commits and escape review; a human must confirm (undo with"
          + " --no-assume-unchanged or --no-skip-worktree)");
    }
    if (sub.equals("add") && rest.stream().anyMatch(x -> x.equals("-f") || x.equals("--force")
        || Regexes.matches(x, "-[A-Za-z]*f[A-Za-z]*") && !x.startsWith("--"))) {
      for (String x : rest) {
        String name = x.substring(x.lastIndexOf('/') + 1);
        if (!x.startsWith("-") && SECRET_FILE.matcher(name).matches()) {
          return Judgement.ask(Classifier.CREDENTIAL, u.shown() + " force-adds " + x + ", a file git ignores that"
              + " holds secrets by its name; once committed and pushed the secret is in the history for good."
              + " Keep it ignored, or let the user decide");
        }
      }
    }
    return Judgement.ALLOW;
  }

  private static Judgement publicSurface(Unit u, List<String> argv) {
    for (int k = 1; k < argv.size(); k++) {
      String x = argv.get(k);
      String l = x.toLowerCase(Locale.ROOT);
      boolean aclValue = k > 1 && (argv.get(k - 1).equals("--acl") || argv.get(k - 1).equals("-a")
          || argv.get(k - 1).equals("--public-access") || argv.get(k - 1).equals("--grant-read"));
      if (l.contains("allusers") || l.contains("allauthenticatedusers")
          || (aclValue || l.startsWith("--acl=")) && Regexes.matches(l, "(--acl=)?public-read(-write)?")
          || argv.get(k - 1).equals("--public-access") && (l.equals("blob") || l.equals("container"))
          || l.contains("uri=http://acs.amazonaws.com/groups/global/allusers")
          || x.equals("delete-public-access-block")) {
        return Judgement.ask(Classifier.EXFIL, u.shown() + " makes cloud data readable by anyone on the internet;"
            + " publishing data needs a human's decision");
      }
    }
    return Judgement.ALLOW;
  }

  /**
   * {@code kill $(pgrep -f postgres)}, {@code kill $(pidof nginx)}, {@code pgrep nginx | xargs kill}: judged like
   * {@code pkill} of those names.
   */
  private static Judgement killByList(Unit u) {
    for (SimpleCommand c : u.argumentSources()) {
      List<String> av = c.argv();
      if (av.isEmpty() || !Set.of("pgrep", "pidof").contains(Unit.baseName(av.get(0)))) {
        continue;
      }
      if (av.contains("-u") || av.contains("-U") || av.stream().skip(1).filter(x -> !x.startsWith("-"))
          .anyMatch(x -> SERVICE.matcher(x).matches())) {
        return Judgement.ask(Classifier.DELETE, u.shown() + " kills the processes `" + String.join(" ", av)
            + "` lists, which may be a system service or other work; stop only what you started, by its job or"
            + " PID");
      }
    }
    return Judgement.ALLOW;
  }

  /** The unit's text as judgements quote it, shortened to 80 characters. */
}
