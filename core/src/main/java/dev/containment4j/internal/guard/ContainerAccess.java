/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import dev.containment4j.internal.guard.Paths.Place;
import dev.containment4j.internal.shell.Redirect;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A container the agent starts with a way out of it: the host's root, home, system directories, credentials or the
 * container engine's socket mounted in ({@code -v /:/host}, {@code --mount type=bind,source=/etc},
 * {@code -v /run/docker.sock:...}), the host's process, IPC or user namespaces ({@code --pid=host}), kernel
 * capabilities that undo isolation ({@code --cap-add SYS_ADMIN}, {@code SYS_PTRACE}, {@code NET_ADMIN}), security
 * profiles switched off ({@code --security-opt apparmor=unconfined}) or raw disks ({@code --device /dev/sda}). A
 * container engine runs as root outside every sandbox, so each of these is the host itself. Mounting the workspace
 * or a scratch directory, publishing ports and the host network stay ordinary.
 */
final class ContainerAccess {
  private static final Set<String> ENGINES = Set.of("docker", "podman", "nerdctl", "finch");
  private static final Set<String> STARTS = Set.of("run", "create", "exec");
  /** Options of run/create/exec that take a separate value (so the image is not mistaken for one). */
  static final Set<String> WITH_VALUE = Set.of("-v", "--volume", "--mount", "-e", "--env", "--env-file",
      "-p", "--publish", "-w", "--workdir", "--name", "--network", "--net", "-u", "--user", "--entrypoint", "-l",
      "--label", "--device", "--cap-add", "--cap-drop", "--security-opt", "--pid", "--ipc", "--userns", "--uts",
      "--cpus", "-m", "--memory", "--tmpfs", "--platform", "--restart", "--hostname", "-h", "--add-host", "--dns",
      "--log-driver", "--log-opt", "--ulimit", "--shm-size", "--gpus", "--runtime", "--cgroupns", "--volumes-from",
      "--link", "--ip", "--expose", "--stop-signal", "--pull", "--label-file", "--cidfile", "--group-add",
      "--cgroup-parent", "--memory-swap", "--cpu-shares", "-c", "--cpuset-cpus", "--health-cmd",
      "--device-cgroup-rule");
  private static final Set<String> HOST_CAPS = Set.of("ALL", "SYS_ADMIN", "SYS_PTRACE", "SYS_MODULE", "NET_ADMIN",
      "DAC_READ_SEARCH", "DAC_OVERRIDE", "SYS_RAWIO", "BPF", "SYS_BOOT", "MAC_ADMIN", "SYS_TIME", "NET_RAW");
  private static final Set<Place> HOST_PLACES = Set.of(Place.ROOT, Place.HOME_ROOT, Place.SYSTEM, Place.DEVICE,
      Place.CREDENTIAL, Place.WEAK_CREDENTIAL, Place.PROC_SECRET, Place.AGENT_CONFIG, Place.SHELL_RC,
      Place.AUTH_KEYS, Place.SCHEDULER, Place.HOSTS_FILE, Place.SECURITY_CONFIG, Place.AUDIT_LOG, Place.SYSTEM_LOG,
      Place.HISTORY);

  /**
   * What a command run in a new container ({@code docker run IMAGE CMD}) can do beyond the image's own files, which
   * the container drops with it: fetch and run code, send data, act on remote services, databases, repositories
   * (session 21). Its paths are the image's, so deletes, writes and reads judged by this machine's paths are not, and
   * neither are its system packages ({@code apk add curl}).
   */
  private static final Set<String> REACHING_OUT = Set.of(Classifier.DOWNLOAD_EXEC, Classifier.EXFIL,
      Classifier.INFRA, Classifier.NETWORK, Classifier.TAINT, Classifier.GIT, Classifier.REDIRECT,
      Classifier.OBFUSCATION);

  private ContainerAccess() {}

  /**
   * What counts of {@code j} for a unit run in a new container ({@code docker run IMAGE CMD}): all of it outside
   * one; what reaches beyond the container (see {@link #REACHING_OUT}); and what the unit does to a host directory
   * the container mounts ({@link ContainerMounts}), except installing the image's packages or being root in it.
   * Everything else is about the image's own files. A relative path from a working directory on a mount counts for
   * damage to files, but not for package installs ({@code apt-get install make} there names no file of the host).
   */
  static Judgement inContainer(Unit u, Judgement j) {
    String label = null;
    for (String w : u.wrappers()) {
      if (w.contains(EmbeddedShell.FRESH_CONTAINER)) {
        label = w;
      }
    }
    if (label == null || REACHING_OUT.contains(j.category())) {
      return j;
    }
    if (j.category().equals(Classifier.SYSTEM) || j.category().equals(Classifier.PRIVILEGE)) {
      return Judgement.ALLOW;
    }
    for (String source : ContainerMounts.sources(label)) {
      Touch t = touches(u, source);
      if (t == Touch.NAMED || t == Touch.RELATIVE && !j.category().equals(Classifier.SUPPLY_CHAIN)) {
        return new Judgement(j.decision(), j.category(), j.reason() + " (in a container that mounts " + source
            + " of this machine)", j.rule());
      }
    }
    return Judgement.ALLOW;
  }

  /** How a unit reaches a mounted host directory: not at all, by a relative path from its working directory there,
   *  or by naming a path under it. */
  private enum Touch { NONE, RELATIVE, NAMED }

  private static Touch touches(Unit u, String source) {
    boolean relativeThere = u.cwd() != null && within(u.cwd().toString(), source);
    Touch t = u.code() != null && within(u.code(), source) ? Touch.NAMED : Touch.NONE;
    for (int k = 1; k < u.argv().size() && t != Touch.NAMED; k++) {
      t = max(t, touches(u.argv().get(k), source, relativeThere));
    }
    for (Redirect r : u.command().redirects()) {
      if (r.target() != null) {
        t = max(t, touches(r.target().text(), source, relativeThere));
      }
    }
    return t;
  }

  private static Touch touches(String word, String source, boolean relativeThere) {
    return within(word, source) ? Touch.NAMED
        : relativeThere && !word.isEmpty() && "-/~$".indexOf(word.charAt(0)) < 0 ? Touch.RELATIVE : Touch.NONE;
  }

  private static Touch max(Touch a, Touch b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Whether {@code text} names {@code dir} or a path under it. */
  private static boolean within(String text, String dir) {
    for (int at = text.indexOf(dir); at >= 0; at = text.indexOf(dir, at + 1)) {
      int end = at + dir.length();
      if (end == text.length() || text.charAt(end) == '/' || !Character.isLetterOrDigit(text.charAt(end))
          && "_.-".indexOf(text.charAt(end)) < 0) {
        return true;
      }
    }
    return false;
  }

  static Judgement judge(Unit u, Classifier c) {
    List<String> argv = u.argv();
    if (!ENGINES.contains(u.name()) || argv.size() < 3) {
      return Judgement.ALLOW;
    }
    int k = 1;
    while (k < argv.size() && !STARTS.contains(argv.get(k))) {
      if (!argv.get(k).startsWith("-") && !argv.get(k).equals("container") && !argv.get(k).equals("compose")) {
        return Judgement.ALLOW;
      }
      k++;
    }
    boolean exec = k < argv.size() && argv.get(k).equals("exec"); // docker --debug --help: options only
    Judgement[] j = {Judgement.ALLOW};
    k = options(argv, k + 1, (opt, val) -> j[0] = j[0].max(option(u, c, opt, val)));
    // docker exec prod-db pg_dumpall: the command inside is judged as if typed there, where the database looks local;
    // the container's name is what says whose data it is (reads and writes inside are judged by their SQL)
    if (exec && k + 1 < argv.size() && DatabaseTargets.productionName(argv.get(k))
        && DatabaseTargets.dumper(Unit.baseName(argv.get(k + 1)))) {
      j[0] = j[0].max(Judgement.ask(Classifier.INFRA, u.shown() + " copies the data of the database in the container "
          + argv.get(k) + ", which is named like production, to this machine; a human must confirm that this data"
          + " may leave its server"));
    }
    return j[0];
  }

  /**
   * Walks the options of {@code run}, {@code create} or {@code exec} from {@code from}, handing each to {@code each}
   * with its value ({@code --name=x} or {@code --name x}; empty for a flag), and returns where the image (or exec's
   * container) is: what follows it is the container's own command.
   */
  static int options(List<String> words, int from, BiConsumer<String, String> each) {
    int k = from;
    for (; k < words.size(); k++) {
      String t = words.get(k);
      if (!t.startsWith("-")) {
        break;
      }
      String opt = t;
      String val = "";
      int eq = t.indexOf('=');
      if (t.startsWith("--") && eq > 0) {
        opt = t.substring(0, eq);
        val = t.substring(eq + 1);
      } else if (WITH_VALUE.contains(t) && k + 1 < words.size()) {
        val = words.get(++k);
      }
      each.accept(opt, val);
    }
    return k;
  }

  private static Judgement option(Unit u, Classifier c, String opt, String val) {
    String v = val.toLowerCase(Locale.ROOT);
    switch (opt) {
      case "--privileged":
        return escape(u, "runs it privileged (every device and capability of the host)");
      case "--pid":
      case "--ipc":
      case "--userns":
      case "--uts":
      case "--cgroupns":
        return v.equals("host") ? escape(u, "shares the host's " + opt.substring(2) + " namespace") : Judgement.ALLOW;
      case "--cap-add":
        String cap = val.toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "");
        return HOST_CAPS.contains(cap) ? escape(u, "adds the capability " + cap + ", which undoes the container's"
            + " isolation") : Judgement.ALLOW;
      case "--security-opt":
        return v.contains("unconfined") || v.contains("label=disable") || v.contains("label:disable")
            || v.contains("no-new-privileges=false")
            ? escape(u, "switches off its security profile (" + val + ")") : Judgement.ALLOW;
      case "--device":
        String dev = val.split(":")[0];
        return Regexes.matches(dev, "/dev/(sd|hd|vd|xvd|nvme|mmcblk|loop|dm-|md|mapper|disk|mem|kmem|port|cpu).*")
            ? escape(u, "hands it the host device " + dev) : Judgement.ALLOW;
      case "-v":
      case "--volume":
        return mount(u, c, val.split(":")[0]);
      case "--mount":
        for (String part : val.split(",")) {
          int eq = part.indexOf('=');
          String key = eq > 0 ? part.substring(0, eq) : part;
          if (key.equals("source") || key.equals("src")) {
            return mount(u, c, part.substring(eq + 1));
          }
        }
        return Judgement.ALLOW;
      default:
        return Judgement.ALLOW;
    }
  }

  /** A bind mount of {@code source}: the engine's socket or a host place outside the workspace is the host. */
  private static Judgement mount(Unit u, Classifier c, String source) {
    if (source.isEmpty() || !(source.startsWith("/") || source.startsWith("~") || source.startsWith("."))) {
      return Judgement.ALLOW; // a named volume
    }
    if (Regexes.matches(source, ".*/(docker|podman|containerd|crio|buildkitd?)\\.sock|.*/containerd/.*\\.sock")) {
      return escape(u, "mounts the container engine's socket " + source + ", which starts further containers with"
          + " full access to the host");
    }
    Path p = c.resolveWord(source, u.cwd());
    if (p == null) {
      return Judgement.ALLOW;
    }
    Set<Place> pl = c.placesOf(p);
    if (pl.contains(Place.INSIDE_WORKSPACE) || pl.contains(Place.TMP) && !pl.contains(Place.ROOT)) {
      return Judgement.ALLOW;
    }
    for (Place x : pl) {
      if (HOST_PLACES.contains(x)) {
        return escape(u, "mounts " + p + " of the host into it (" + x.name().toLowerCase(Locale.ROOT).replace('_', ' ')
            + ")");
      }
    }
    if (pl.contains(Place.UNDER_HOME) && !pl.contains(Place.CACHE)) {
      return Judgement.ask(Classifier.TAMPER, u.shown() + " mounts " + p + ", a directory of the home outside the"
          + " workspace, into a container that runs outside the sandbox; a human must confirm");
    }
    return Judgement.ALLOW;
  }

  private static Judgement escape(Unit u, String what) {
    return Judgement.deny(Classifier.TAMPER, u.shown() + " starts a container that " + what + "; the container engine"
        + " runs outside the sandbox, so this reaches the host. Mount only the workspace and drop the host-level"
        + " options");
  }

}
