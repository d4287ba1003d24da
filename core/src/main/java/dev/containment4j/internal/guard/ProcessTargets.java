/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import dev.containment4j.internal.shell.SimpleCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stopping processes judged by <em>which</em> processes: the agent may stop what it started (a job, a PID file, a
 * command line it names, its dev server's port), but not everything of a kind. Killing every process of a runtime
 * ({@code pkill -9 java}, {@code killall node}: the user's editor, other projects and databases run on them), of a
 * shared service's port ({@code fuser -k 5432/tcp}, {@code kill $(lsof -t -i:6379)}), every container
 * ({@code docker kill $(docker ps -q)}, {@code podman rm -af}), every terminal session ({@code tmux kill-server}) or a
 * system service ({@code service nginx stop}, {@code /etc/init.d/mysql stop}) asks.
 */
final class ProcessTargets {
  /** Programs many unrelated processes run on: killing all of them by name hits work that is not the agent's. */
  private static final Pattern SHARED = Pattern.compile("(?i)(java|javaw|python[0-9.]*|node|nodejs|ruby|php"
      + "|php-fpm|perl|dotnet|deno|bun|go|gradle|mvn|electron|code|idea|chrome|chromium|firefox|docker.*|containerd"
      + "|ssh|ssh-agent|gpg-agent|tmux|screen|pipewire|pulseaudio|xorg|xwayland|gnome-shell|plasmashell|dbus.*"
      + "|networkmanager|systemd.*|postgres|postmaster|mysqld|mariadbd|redis-server|mongod|nginx|httpd|apache2"
      + "|elasticsearch|java\\.exe|sshd|cron|rsyslogd|snapd|kubelet|containerd-shim|init|launchd|login|bash|zsh|sh"
      + "|fish|su|sudo|explorer|finder|dock)");
  /** Well-known ports of shared services: what listens there is rarely something the agent started. */
  private static final Map<Integer, String> SERVICE_PORTS = Map.ofEntries(Map.entry(22, "SSH"),
      Map.entry(25, "mail"), Map.entry(53, "DNS"), Map.entry(80, "the web server"), Map.entry(443, "the web server"),
      Map.entry(2375, "Docker"), Map.entry(2376, "Docker"), Map.entry(2379, "etcd"), Map.entry(3306, "MySQL"),
      Map.entry(5432, "PostgreSQL"), Map.entry(5672, "RabbitMQ"), Map.entry(6379, "Redis"),
      Map.entry(6443, "Kubernetes"), Map.entry(8500, "Consul"), Map.entry(9042, "Cassandra"),
      Map.entry(9092, "Kafka"), Map.entry(9200, "Elasticsearch"), Map.entry(10250, "the kubelet"),
      Map.entry(11211, "memcached"), Map.entry(27017, "MongoDB"), Map.entry(1433, "SQL Server"),
      Map.entry(1521, "Oracle"), Map.entry(5433, "PostgreSQL"));
  private static final Pattern PORT = Pattern.compile("(?:^|[:\\s])(\\d{2,5})(?:/(?:tcp|udp))?$");
  private static final Set<String> ENGINES = Set.of("docker", "podman", "nerdctl");

  private ProcessTargets() {}

  static Judgement judge(Unit u) {
    List<String> argv = u.argv();
    switch (u.name()) {
      case "pkill":
      case "killall":
        for (String x : operands(argv)) {
          if (SHARED.matcher(x).matches()) {
            return Judgement.ask(Classifier.DELETE, u.shown() + " kills every `" + x + "` process of the user, not"
                + " only the one this task started (editors, other projects and services run on it); stop your own"
                + " process by its PID, job or full command line");
          }
        }
        return Judgement.ALLOW;
      case "fuser":
        if (argv.contains("-k") || argv.stream().anyMatch(x -> Regexes.matches(x, "-[a-zA-Z]*k[a-zA-Z]*"))) {
          for (String x : operands(argv)) {
            Judgement j = port(u, x);
            if (j != null) {
              return j;
            }
          }
        }
        return Judgement.ALLOW;
      case "kill":
        return killList(u);
      case "killall5":
        return Judgement.deny(Classifier.DELETE, u.shown() + " signals every process on the machine except the"
            + " kernel's and its own session");
      case "taskkill":
        // taskkill /IM java.exe: every process of that image, like killall
        for (int k = 1; k + 1 < argv.size(); k++) {
          String image = argv.get(k + 1).replaceFirst("(?i)\\.exe$", "");
          if (argv.get(k).equalsIgnoreCase("/IM") && (SHARED.matcher(image).matches() || image.contains("*"))) {
            return Judgement.ask(Classifier.DELETE, u.shown() + " kills every `" + argv.get(k + 1) + "` process of"
                + " the user, not only the one this task started; stop your own process by its PID (/PID)");
          }
        }
        return Judgement.ALLOW;
      case "tmux":
        return argv.contains("kill-server") ? Judgement.ask(Classifier.DELETE, u.shown() + " ends every tmux session of"
            + " the user, with whatever runs in them; end only your own session (kill-session -t NAME)")
            : Judgement.ALLOW;
      case "service":
        return argv.size() > 2 && Regexes.matches(argv.get(2), "stop|restart|reload|force-reload|kill")
            ? Judgement.ask(Classifier.SYSTEM, u.shown() + " stops or restarts the system service " + argv.get(1)
                + ", which other work may depend on; a human must confirm")
            : Judgement.ALLOW;
      default:
        break;
    }
    if (argv.get(0).startsWith("/etc/init.d/") || argv.get(0).startsWith("/etc/rc.d/")) {
      return argv.size() > 1 && Regexes.matches(argv.get(1), "stop|restart|reload|force-reload")
          ? Judgement.ask(Classifier.SYSTEM, u.shown() + " stops or restarts a system service; a human must confirm")
          : Judgement.ALLOW;
    }
    if (ENGINES.contains(u.name())) {
      return containers(u, argv);
    }
    return Judgement.ALLOW;
  }

  /** {@code kill ... $(lsof -t -i:5432)}: the PIDs come from a port listing. */
  private static Judgement killList(Unit u) {
    for (SimpleCommand c : u.argumentSources()) {
      List<String> av = c.argv();
      if (av.isEmpty()) {
        continue;
      }
      String n = Unit.baseName(av.get(0));
      if (n.equals("lsof") || n.equals("fuser") || n.equals("ss")) {
        for (String x : av) {
          Judgement j = port(u, x);
          if (j != null) {
            return j;
          }
        }
      }
      if ((n.equals("pgrep") || n.equals("pidof")) && operands(av).stream().anyMatch(x -> SHARED.matcher(x)
          .matches())) {
        return Judgement.ask(Classifier.DELETE, u.shown() + " kills every process `" + String.join(" ", av)
            + "` lists, not only the one this task started; stop your own process by its PID or full command line");
      }
    }
    return processListing(u);
  }

  /**
   * {@code ps aux | grep node | awk '{print $2}' | xargs kill -9}, {@code kill $(ps -eo pid,comm | awk '/java/…')}:
   * PIDs picked from a process listing by a filter. The filter's words say which processes: a shared runtime or
   * service name (or no filter at all) is every such process of the user.
   */
  private static Judgement processListing(Unit u) {
    List<SimpleCommand> sources = u.argumentSources();
    boolean listing = sources.stream().anyMatch(c -> !c.argv().isEmpty()
        && Set.of("ps", "jps", "pgrep").contains(Unit.baseName(c.argv().get(0))));
    if (!listing) {
      return Judgement.ALLOW;
    }
    boolean filtered = false;
    for (SimpleCommand c : sources) {
      List<String> av = c.argv();
      if (av.isEmpty() || Unit.baseName(av.get(0)).equals("ps")) {
        continue;
      }
      for (String w : av.subList(1, av.size())) {
        if (w.startsWith("-") || w.equals("grep")) {
          continue;
        }
        // grep [p]ostgres: the brackets keep grep from matching itself; the name is postgres
        for (String token : w.replaceAll("[\\[\\]]", "").split("[^A-Za-z0-9._-]+")) {
          if (token.isEmpty() || token.matches("\\d+|print|NR|NF")) {
            continue;
          }
          filtered = true;
          if (SHARED.matcher(token).matches()) {
            return Judgement.ask(Classifier.DELETE, u.shown() + " kills every `" + token + "` process a process"
                + " listing shows, not only the one this task started; stop your own process by its PID or full"
                + " command line");
          }
        }
      }
    }
    return filtered ? Judgement.ALLOW : Judgement.ask(Classifier.DELETE, u.shown() + " kills every process a"
        + " listing shows; stop your own process by its PID or full command line");
  }

  private static Judgement port(Unit u, String word) {
    Matcher m = PORT.matcher(word);
    if (!m.find()) {
      return null;
    }
    String service = SERVICE_PORTS.get(Integer.parseInt(m.group(1)));
    return service == null ? null : Judgement.ask(Classifier.DELETE, u.shown() + " kills whatever listens on port "
        + m.group(1) + ", the usual port of " + service + ", which this task did not start; stop only your own"
        + " server");
  }

  /** Every container of the engine: {@code docker rm -f $(docker ps -aq)}, {@code podman rm -af}. */
  private static Judgement containers(Unit u, List<String> argv) {
    int k = 1;
    while (k < argv.size() && argv.get(k).startsWith("-")) {
      k++;
    }
    if (k < argv.size() && argv.get(k).equals("container")) {
      k++;
    }
    if (k >= argv.size() || !Set.of("rm", "kill", "stop", "pause", "restart").contains(argv.get(k))) {
      return Judgement.ALLOW;
    }
    boolean all = argv.subList(k + 1, argv.size()).stream().anyMatch(x -> x.equals("--all")
        || Regexes.matches(x, "-[a-z]*a[a-z]*"));
    for (SimpleCommand c : u.argumentSources()) {
      if (c.argv().size() > 1 && ENGINES.contains(Unit.baseName(c.argv().get(0))) && c.argv().contains("ps")
          && c.argv().stream().noneMatch(x -> x.startsWith("--filter") || x.equals("-f"))) {
        all = true;
      }
    }
    return all ? Judgement.ask(Classifier.DELETE, u.shown() + " stops or removes every container on this machine,"
        + " including those of other projects and services; name the containers this task started") : Judgement.ALLOW;
  }

  /**
   * {@code docker rm -f api-dev}: containers named literally, without their volumes, are the task's own to remove
   * (their data lives in volumes); names from a listing, {@code --all} or {@code -v} are judged as removals.
   */
  static boolean namedContainersOnly(Unit u) {
    List<String> argv = u.argv();
    int k = 1;
    while (k < argv.size() && argv.get(k).startsWith("-")) {
      k++;
    }
    if (k < argv.size() && argv.get(k).equals("container")) {
      k++;
    }
    if (k >= argv.size() || !argv.get(k).equals("rm") || !u.argumentSources().isEmpty()) {
      return false;
    }
    List<String> rest = argv.subList(k + 1, argv.size());
    return rest.stream().allMatch(x -> x.equals("-f") || x.equals("--force") || !x.startsWith("-"))
        && rest.stream().anyMatch(x -> !x.startsWith("-"))
        && u.params().stream().noneMatch(a -> a.dynamic());
  }

  private static List<String> operands(List<String> argv) {
    List<String> out = new ArrayList<>();
    for (int k = 1; k < argv.size(); k++) {
      String x = argv.get(k);
      if (x.equals("-s") || x.equals("--signal") || x.equals("-u") || x.equals("-U") || x.equals("-g")
          || x.equals("-t") || x.equals("-P") || x.equals("--user") || x.equals("-o") || x.equals("-y")) {
        k++;
        continue;
      }
      if (!x.startsWith("-")) {
        out.add(x);
      }
    }
    return out;
  }

}
