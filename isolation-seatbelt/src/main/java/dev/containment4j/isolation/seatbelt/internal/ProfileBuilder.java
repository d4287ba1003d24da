/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the SBPL profile for one call from a {@link ProfileInput}. Pure: same input, same text (golden-tested).
 *
 * <p>Seatbelt applies the last rule that matches, so the profile is ordered from general to specific: deny
 * everything, the system allowances a shell needs, network, reads (allow all, deny {@code denyRead}, re-open carve-outs
 * by specificity, glob denies last), writes (deny all, allow the roots, deny {@code denyWrite}, the protected files,
 * and the rename/unlink/link rules that stop moving a protected path or one of its parents away and back). Every
 * deny carries {@code (with message "<tag>:<rule id>")}; every rule has a comment with its id.
 */
public final class ProfileBuilder {

  /**
   * sysctl names runtimes read to learn the CPU, OS and their own process (derived from the Chromium and Codex
   * lists). Reading them reveals nothing about the user.
   */
  static final List<String> SYSCTL_NAMES = List.of(
      "hw.activecpu", "hw.byteorder", "hw.cachelinesize_compat", "hw.cpufamily", "hw.cpufrequency",
      "hw.cpufrequency_compat", "hw.cputype", "hw.logicalcpu", "hw.logicalcpu_max", "hw.machine", "hw.memsize",
      "hw.model", "hw.ncpu", "hw.nperflevels", "hw.pagesize", "hw.pagesize_compat", "hw.physicalcpu",
      "hw.physicalcpu_max", "hw.tbfrequency_compat", "hw.vectorunit", "kern.argmax", "kern.hostname",
      "kern.maxfilesperproc", "kern.maxproc", "kern.ngroups", "kern.osproductversion", "kern.osrelease",
      "kern.ostype", "kern.osvariant_status", "kern.osversion", "kern.secure_kernel", "kern.usrstack64",
      "kern.version", "machdep.cpu.brand_string", "sysctl.proc_cputype", "vm.loadavg");

  /** sysctl name prefixes: CPU features and process information (own processes; others are filtered by the kernel). */
  static final List<String> SYSCTL_PREFIXES = List.of(
      "hw.optional.", "hw.perflevel", "kern.proc.pgrp.", "kern.proc.pid.", "machdep.cpu.");

  private final ProfileInput in;
  private final StringBuilder out = new StringBuilder(8192);

  private ProfileBuilder(ProfileInput in) {
    this.in = in;
  }

  /** The SBPL text for {@code input}. */
  public static String build(ProfileInput input) {
    return new ProfileBuilder(input).render();
  }

  private String render() {
    line(";; containment4j Seatbelt profile, generated from the policy. The last matching rule wins.");
    line(";; Each deny carries (with message \"<tag>:<rule id>\") so a denial in the unified log names its call");
    line(";; and rule; the comment above each rule gives its id.");
    line("(version 1)");
    deny("default", List.of("default"), List.of());
    system();
    network();
    reads();
    writes();
    devices();
    return out.toString();
  }

  // --- system allowances --------------------------------------------------------------------------------------

  private void system() {
    section("system: what a shell and its children need");
    allow("sys.exec", "run programs; children inherit this profile", List.of("process-exec"), List.of());
    allow("sys.fork", "fork; children inherit this profile", List.of("process-fork"), List.of());
    allow("sys.signal", "signal own processes (job control, kill); never processes outside this sandbox",
        List.of("signal"), List.of("(target same-sandbox)"));
    allow("sys.process-info", "ps/wait/libproc on own processes only", List.of("process-info*"),
        List.of("(target same-sandbox)"));
    List<String> sysctls = new ArrayList<>();
    SYSCTL_NAMES.forEach(n -> sysctls.add("(sysctl-name " + Sbpl.string(n) + ")"));
    SYSCTL_PREFIXES.forEach(n -> sysctls.add("(sysctl-name-prefix " + Sbpl.string(n) + ")"));
    allow("sys.sysctl-read", "CPU/OS identification and own-process sysctls (libc, Python, the JVM, Node)",
        List.of("sysctl-read"), sysctls);
    allow("sys.sysctl-cputype", "the JVM reads the CPU type through a sysctl the kernel classes as a write",
        List.of("sysctl-write"), List.of("(sysctl-name \"kern.grade_cputype\")"));
    allow("sys.mach-host", "host_info/host_processor_info: CPU count and memory (JVM, Node)", List.of("mach-host*"),
        List.of());
    allow("sys.user-lookup", "getpwuid and friends (whoami, ~ expansion) go through opendirectoryd",
        List.of("mach-lookup"), List.of("(global-name \"com.apple.system.opendirectoryd.libinfo\")"));
    allow("sys.preferences", "CFPreferences reads by Foundation-based command-line tools",
        List.of("user-preference-read"), List.of());
    allow("sys.semaphores", "POSIX semaphores (Python multiprocessing)", List.of("ipc-posix-sem"), List.of());
    allow("sys.socketpair", "socketpair() and unnamed Unix sockets between own processes; binding or connecting to a"
        + " socket path stays denied (network*)", List.of("system-socket"), List.of("(socket-domain AF_UNIX)"));
    allow("sys.dev-ioctl", "ioctl on /dev/null and dtrace's helper device (dyld registers at start-up)",
        List.of("file-ioctl"), List.of("(literal \"/dev/null\")", "(literal \"/dev/dtracehelper\")"));
  }

  // --- network ------------------------------------------------------------------------------------------------

  private void network() {
    NetworkAccess net = in.network();
    section("network: " + net.kind().name().toLowerCase(java.util.Locale.ROOT));
    deny("net.denied", List.of("network*"), List.of());
    switch (net.kind()) {
      case NONE -> line("; (no network rule: every socket operation is denied)");
      case PROXY -> {
        List<String> remotes = new ArrayList<>();
        for (int port : net.proxyPorts()) {
          remotes.add("(remote ip \"localhost:" + port + "\")");
        }
        allow("net.proxy", "only the egress proxy on loopback (127.0.0.1/::1)", List.of("network-outbound"),
            remotes);
      }
      case HOST -> {
        allow("net.host", "network.mode: host: the host network, unfiltered", List.of("network*"), List.of());
        allow("net.host-sockets", "sockets of any domain", List.of("system-socket"), List.of());
        allow("net.host-services", "DNS, network configuration and TLS trust services", List.of("mach-lookup"),
            List.of("(global-name \"com.apple.dnssd.service\")",
                "(global-name \"com.apple.SystemConfiguration.DNSConfiguration\")",
                "(global-name \"com.apple.SystemConfiguration.configd\")",
                "(global-name \"com.apple.trustd.agent\")", "(global-name \"com.apple.SecurityServer\")",
                "(global-name \"com.apple.networkd\")"));
      }
      default -> throw new IllegalStateException("unknown network kind " + net.kind());
    }
  }

  // --- reads --------------------------------------------------------------------------------------------------

  /** A literal read rule, ordered by depth so a more specific path comes later and wins. */
  private record ReadRule(FsTarget target, boolean deny) {}

  private void reads() {
    section("reads: everything except denyRead (and the home directory under hideHome); carve-outs re-open");
    allow("read.all", "reads are allowed by default", List.of("file-read*"), List.of());
    List<FsTarget> literalDenies = in.readDeny().stream().filter(t -> !t.isGlob()).toList();
    List<ReadRule> rules = new ArrayList<>();
    literalDenies.forEach(t -> rules.add(new ReadRule(t, true)));
    List<FsTarget> reopened = new ArrayList<>();
    List<FsTarget> candidates = new ArrayList<>(in.readAllow());
    candidates.addAll(in.writeRoots());
    for (FsTarget t : candidates) {
      if (!t.isGlob() && coveredBy(t, literalDenies)) {
        rules.add(new ReadRule(t, false));
        reopened.add(t);
      }
    }
    // Shallow first; at equal depth the carve-out follows the deny and wins.
    rules.sort(Comparator.comparingInt((ReadRule r) -> r.target().depth()).thenComparing(r -> !r.deny()));
    for (ReadRule r : rules) {
      if (r.deny()) {
        deny("read." + r.target().source(), List.of("file-read*"), subpaths(r.target()));
      } else {
        allow("read." + r.target().source(), "carve-out: readable inside a denied path", List.of("file-read*"),
            List.of(subpath(r.target().path())));
      }
    }
    Set<String> traversal = new TreeSet<>();
    for (FsTarget t : reopened) {
      for (String a : ancestors(t.path())) {
        if (literalDenies.stream().anyMatch(d -> d.spellings().stream().anyMatch(s -> covers(s, a)))) {
          traversal.add(a);
        }
      }
    }
    if (!traversal.isEmpty()) {
      allow("read.traversal", "stat (not list) the denied parents of carve-outs, so realpath/getcwd work",
          List.of("file-read-metadata"), traversal.stream().map(ProfileBuilder::literal).toList());
    }
    for (FsTarget t : candidates) {
      if (t.isGlob()) {
        allow("read." + t.source(), "glob carve-out", List.of("file-read*"),
            List.of(regex(t.regex(GlobRegex.End.SUBTREE))));
      }
    }
    for (FsTarget t : in.readDeny()) {
      if (t.isGlob()) {
        deny("read." + t.source(), List.of("file-read*"), List.of(regex(t.regex(GlobRegex.End.SUBTREE))));
      }
    }
  }

  private static boolean coveredBy(FsTarget t, List<FsTarget> denies) {
    return denies.stream().anyMatch(d -> d.spellings().stream().anyMatch(s -> covers(s, t.path())));
  }

  // --- writes -------------------------------------------------------------------------------------------------

  private void writes() {
    section("writes: only the workdir, allowWrite and the private temp directory");
    deny("write.outside", List.of("file-write*"), List.of());
    for (FsTarget t : in.writeRoots()) {
      List<String> filters = t.isGlob() ? List.of(regex(t.regex(GlobRegex.End.SUBTREE))) : List.of(subpath(t.path()));
      allow("write." + t.source(), "writable root", List.of("file-write*"), filters);
    }
    allow("write.devices", "writing to the null/zero devices, own stdout/stderr and dtrace's helper device",
        List.of("file-write-data"), List.of("(literal \"/dev/null\")", "(literal \"/dev/zero\")",
            "(literal \"/dev/stdout\")", "(literal \"/dev/stderr\")", "(literal \"/dev/dtracehelper\")"));
    for (FsTarget t : in.writeDeny()) {
      deny("write." + t.source(), List.of("file-write*"), filters(t));
    }
    for (int i = 0; i < in.protectedGlobs().size(); i++) {
      String glob = in.protectedGlobs().get(i);
      String re = regex(GlobRegex.compile("/", glob, GlobRegex.End.SUBTREE, true));
      deny("protect." + i, Sbpl.string(glob) + " in any letter case: never writable", List.of("file-write*"),
          List.of(re));
    }
    // the workdir's files stay on the host: a set-ID file left there would run as its owner for anyone who can reach it
    deny("write.setugid", "no set-user-ID or set-group-ID bit on any file", List.of("file-write-setugid"), List.of());
    pins();
  }

  /** Rules that stop the move-away-and-back bypass: renaming or unlinking a protected path or one of its parents. */
  private void pins() {
    Set<String> prefixes = new LinkedHashSet<>();
    for (String glob : in.protectedGlobs()) {
      String[] segs = java.util.Arrays.stream(glob.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
      for (int k = 1; k < segs.length; k++) {
        String prefix = String.join("/", java.util.Arrays.copyOf(segs, k));
        if (!prefix.equals("**")) {
          prefixes.add(prefix);
        }
      }
    }
    if (!prefixes.isEmpty()) {
      deny("pin.protected-parents", "parents of protected paths cannot be created, renamed or removed", List.of("file-write-unlink", "file-write-create"), prefixes.stream()
          .map(p -> regex(GlobRegex.compile("/", p, GlobRegex.End.EXACT, true))).toList());
      deny("pin.git-file", "a .git file (gitdir: pointer) cannot be rewritten", List.of("file-write-data"), List.of("(require-all "
          + regex(GlobRegex.compile("/", "**/.git", GlobRegex.End.EXACT, true)) + " (vnode-type REGULAR-FILE))"));
    }
    Set<String> parents = new TreeSet<>();
    for (FsTarget t : in.writeRoots()) {
      if (t.isGlob()) {
        parents.add(t.path());
        parents.addAll(ancestors(t.path()));
      } else {
        for (String s : t.spellings()) {
          parents.add(s);
          parents.addAll(ancestors(s));
        }
      }
    }
    List<FsTarget> denied = new ArrayList<>(in.writeDeny());
    denied.addAll(in.readDeny());
    for (FsTarget t : denied) {
      if (t.isGlob()) {
        parents.add(t.path());
        parents.addAll(ancestors(t.path()));
      } else {
        t.spellings().forEach(s -> parents.addAll(ancestors(s)));
      }
    }
    parents.remove("/");
    if (!parents.isEmpty()) {
      deny("pin.parents", "writable roots, denied paths and their parents cannot be renamed or removed",
          List.of("file-write-unlink", "file-write-create"),
          parents.stream().map(ProfileBuilder::literal).toList());
    }
    // A read-denied path inside a writable root must not be renamed to a readable name. Elsewhere nothing is
    // writable, and a carve-out's parent (the home directory around the workdir) is pinned above.
    List<String> readDenied = new ArrayList<>();
    for (FsTarget t : in.readDeny()) {
      if (t.isGlob()) {
        readDenied.addAll(filters(t));
      } else if (in.writeRoots().stream().anyMatch(r -> t.spellings().stream().anyMatch(s -> r.covers(s)
          && !s.equals(r.path())))) {
        readDenied.addAll(subpaths(t));
      }
    }
    if (!readDenied.isEmpty()) {
      deny("pin.read-denied", "read-denied paths inside writable roots cannot be moved to a readable name",
          List.of("file-write-unlink"), readDenied);
    }
    // Hard links: file-link is allowed nowhere (deny default), so no link to a protected or denied file is made.
  }

  private void devices() {
    section("terminals: no reading, writing or ioctl (TIOCSTI) on the host's terminals");
    deny("dev.tty", List.of("file-read*", "file-write*", "file-ioctl"),
        List.of(regex("^/dev/(tty|pty|ptmx|console)")));
  }

  // --- helpers ------------------------------------------------------------------------------------------------

  private List<String> filters(FsTarget t) {
    return t.isGlob() ? List.of(regex(t.regex(GlobRegex.End.SUBTREE))) : subpaths(t);
  }

  private static List<String> subpaths(FsTarget t) {
    return t.spellings().stream().map(ProfileBuilder::subpath).toList();
  }

  private static String subpath(String path) {
    return "(subpath " + Sbpl.string(path) + ")";
  }

  private static String literal(String path) {
    return "(literal " + Sbpl.string(path) + ")";
  }

  private static String regex(String re) {
    return "(regex " + Sbpl.string(re) + ")";
  }

  /** Strict ancestors of an absolute path, nearest first, {@code /} excluded. */
  static List<String> ancestors(String path) {
    List<String> out = new ArrayList<>();
    String p = path;
    while (true) {
      int slash = p.lastIndexOf('/');
      if (slash <= 0) {
        return out;
      }
      p = p.substring(0, slash);
      out.add(p);
    }
  }

  private static boolean covers(String root, String path) {
    return path.equals(root) || path.startsWith(root.endsWith("/") ? root : root + "/");
  }

  private void section(String title) {
    out.append('\n').append(";; --- ").append(title).append('\n');
  }

  private void line(String text) {
    out.append(text).append('\n');
  }

  private void allow(String id, String why, List<String> operations, List<String> filters) {
    line("; " + id + ": " + why);
    rule("allow", operations, filters, null);
  }

  private void deny(String id, List<String> operations, List<String> filters) {
    line("; " + id);
    rule("deny", operations, filters, in.tag() + ":" + id);
  }

  private void deny(String id, String why, List<String> operations, List<String> filters) {
    line("; " + id + ": " + why);
    rule("deny", operations, filters, in.tag() + ":" + id);
  }

  private void rule(String action, List<String> operations, List<String> filters, String message) {
    StringBuilder r = new StringBuilder("(").append(action).append(' ').append(String.join(" ", operations));
    if (filters.size() <= 1 && message == null) {
      filters.forEach(f -> r.append(' ').append(f));
    } else {
      filters.forEach(f -> r.append("\n  ").append(f));
      if (message != null) {
        r.append(filters.isEmpty() ? " " : "\n  ").append("(with message ").append(Sbpl.string(message)).append(')');
      }
    }
    line(r.append(')').toString());
  }
}
