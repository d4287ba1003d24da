/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples.bench;

import dev.containment4j.ExecResult;
import dev.containment4j.egress.EgressProxy;
import dev.containment4j.event.AuditListener;
import dev.containment4j.isolation.bubblewrap.BubblewrapProvider;
import dev.containment4j.isolation.bubblewrap.internal.SeccompFilter;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.ExecRequest;
import dev.containment4j.spi.IsolationBackend;
import dev.containment4j.spi.IsolationSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The egress path from inside a bubblewrap sandbox against the same proxy reached directly from the host, in the same
 * run: one egress proxy in this JVM; per repetition, {@link EgressBench}'s load generator runs on the host (against
 * the proxy's host listener) twice, once in this JVM's session and once in a session of its own ({@code setsid}, where
 * bubblewrap's {@code --new-session} put every sandbox before the {@code c4j-pgrp} launcher step: with the scheduler's
 * autogroups on, a new session is a new scheduling group), once inside a real bubblewrap sandbox with {@code network.mode: proxy} (against {@code
 * 127.0.0.1:3128} inside, the listening socket the proxy adopted from the sandbox) and once inside the same sandbox
 * with the host's network (against the host listener: the sandbox's cost without the bridge), in a random order per
 * repetition (seed printed, {@code -Dbench.seed} repeats it); the order of the CONNECT and SOCKS5 targets inside each
 * load run alternates by repetition. With the bulk row, each path also fetches {@code bench.curl.bytes} (1 GiB) with
 * curl to {@code /dev/null} per protocol: a native client whose own run-to-run spread is a third of the Java load
 * generator's on that row (docs/benchmarks.md, session 10). Prints one Markdown table of medians and per-repetition
 * ratios (median and interquartile range).
 *
 * <pre>
 * java -cp CP dev.containment4j.examples.bench.BubblewrapEgressBench [REPS]    (-Dbench.seconds=1)
 * </pre>
 */
public final class BubblewrapEgressBench {
  private BubblewrapEgressBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("calls")) {
      perCall(args.length > 1 ? Integer.parseInt(args[1]) : 40);
      return;
    }
    if (args.length > 1 && args[0].equals("parts")) {
      writeParts(Path.of(args[1]));
      return;
    }
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 12;
    String seconds = System.getProperty("bench.seconds", "1");
    long seed = Long.getLong("bench.seed", System.nanoTime());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("java.class.path");
    int originPort = freePort();
    Path work = Files.createTempDirectory("c4j-bwrap-egress-bench").toRealPath();
    Process origin = new ProcessBuilder(java, "-Xmx256m", "-cp", cp, EgressBench.class.getName(), "origin",
        Integer.toString(originPort)).redirectErrorStream(true).redirectOutput(work.resolve("origin.log").toFile())
        .start();
    try {
      waitForPort(originPort);
      Policy d = Policy.defaults();
      Policy.Isolation i = d.isolation();
      Policy policy = new Policy("bwrap-egress-bench",
          new Policy.Isolation(Policy.Backend.BUBBLEWRAP, i.filesystem(),
              new Policy.Limits(Duration.ofMinutes(10), 2048, 512, 1 << 20), i.env(), Map.of()),
          new Policy.Network(Policy.NetworkMode.PROXY, List.of("origin.test:" + originPort), List.of(), true,
              Policy.TlsMode.PASSTHROUGH, Map.of("origin.test", "127.0.0.1"), List.of("127.0.0.0/8"), List.of()),
          d.guard(), d.content(), d.trust(), d.audit());
      AtomicLong events = new AtomicLong();
      AuditListener counter = e -> events.incrementAndGet();
      try (EgressProxy proxy = EgressProxy.builder(policy.network())
              .limits(4096, 2048, Duration.ofSeconds(10), Duration.ofMinutes(5)).events(counter).start();
          IsolationBackend backend = new BubblewrapProvider().open(new IsolationSpec(policy, work,
              Path.of(System.getProperty("user.home")), Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8"), counter,
              Optional.of(proxy)));
          // the same sandbox with the host's network (network.mode: host): separates the bridge from the rest of the
          // sandbox's cost (seccomp on every client syscall, cgroups, namespaces)
          IsolationBackend hostNet = new BubblewrapProvider().open(new IsolationSpec(withNetwork(policy,
              Policy.NetworkMode.HOST), work, Path.of(System.getProperty("user.home")),
              Map.of("PATH", "/usr/bin:/bin", "LANG", "C.UTF-8"), counter))) {
        int hostPort = proxy.address().getPort();
        System.out.println("bubblewrap egress bench: " + reps + " reps, " + seconds + " s per row, proxy "
            + proxy.address() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, "
            + System.getProperty("java.version") + ", scheduler autogroups " + autogroups()
            + ", load average at start " + loadAverage() + ", path order seed " + seed);
        Optional<String> curl = curl();
        if (curl.isEmpty()) {
          System.out.println("(no curl on this host: no curl bulk rows)");
        }
        Load load = new Load(java, cp, originPort, hostPort, backend, hostNet, work,
            System.getProperty("bench.rows", "ka,new,latency,bulk").contains("bulk") ? curl : Optional.empty());
        // warm-up: from the host until the JIT of this JVM (the proxy's) is quiet, then every path once
        load.warmUp();
        for (String where : Load.PATHS) {
          load.run(where, "2", -1);
        }
        Map<String, Map<String, List<Double>>> results = new LinkedHashMap<>();
        Random random = new Random(seed);
        for (int rep = 0; rep < reps; rep++) {
          // a random order per repetition, so neither drift of the shared machine nor a fixed neighbour favours a path
          List<String> order = new ArrayList<>(Load.PATHS);
          Collections.shuffle(order, random);
          for (String where : order) {
            collect(results, where, load.run(where, seconds, rep));
          }
          System.err.println("rep " + (rep + 1) + "/" + reps + " done");
        }
        print(results);
        System.out.println("(egress events: " + events.get() + "; load average at the end " + loadAverage() + ")");
      }
    } finally {
      origin.destroyForcibly();
      try (var s = Files.list(work)) {
        for (Path p : s.toList()) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(work);
    }
  }

  /**
   * One run of {@link EgressBench}'s load generator (CONNECT and SOCKS5 targets): on the host, inside the bubblewrap
   * sandbox with {@code network.mode: proxy}, or inside the same sandbox with the host's network.
   */
  private record Load(String java, String cp, int originPort, int hostPort, IsolationBackend backend,
      IsolationBackend hostNet, Path work, Optional<String> curl) {
    static final List<String> PATHS = List.of("host", "host-session", "sandbox", "sandbox-hostnet");

    /** Host load runs until the proxy's JIT (this JVM's) and the load generator's are quiet (at most 60 s each). */
    void warmUp() throws IOException, InterruptedException {
      long self = ProcessHandle.current().pid();
      Process p = new ProcessBuilder(java, "-Xms256m", "-Xmx512m", "-Dbench.seconds=1", "-Dbench.rows=ka", "-cp", cp,
          EgressBench.class.getName(), "load", Integer.toString(originPort), "1", "connect=connect:" + hostPort + ":"
              + self, "socks5=socks:" + hostPort + ":" + self).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      if (p.waitFor() != 0) {
        throw new IllegalStateException("warm-up load failed");
      }
    }

    String run(String where, String seconds, int rep) throws IOException, InterruptedException {
      int port = where.equals("sandbox") ? 3128 : hostPort;
      // each run is a fresh load JVM: a short warm-up of its own (the proxy is warm already); the target measured
      // first in a fresh JVM meets its JIT busiest, so CONNECT and SOCKS5 take turns being first
      List<String> targets = List.of("connect=connect:" + port, "socks5=socks:" + port);
      List<String> argv = new ArrayList<>(List.of(java, "-Xms256m", "-Xmx512m", "-Dbench.seconds=" + seconds,
          "-Dbench.warmup.max=" + System.getProperty("bench.warmup.max", "6"), "-cp", cp,
          EgressBench.class.getName(), "load", Integer.toString(originPort), "1"));
      String rows = System.getProperty("bench.rows");
      if (rows != null) {
        argv.add(1, "-Dbench.rows=" + rows);
      }
      argv.addAll(rep % 2 == 0 ? targets : List.of(targets.get(1), targets.get(0)));
      String table = exec(where, argv, rep);
      if (curl.isPresent()) {
        // the same path with curl (CONNECT and SOCKS5 with the name resolved by the proxy, first in turn), one more row
        long bytes = Long.getLong("bench.curl.bytes", 1L << 30);
        String url = "http://origin.test:" + originPort + "/big?n=" + bytes;
        List<String> viaConnect = List.of(curl.get(), "-s", "-o", "/dev/null", "-w", "%{speed_download}", "-p", "-x",
            "http://127.0.0.1:" + port, url);
        List<String> viaSocks = List.of(curl.get(), "-s", "-o", "/dev/null", "-w", "%{speed_download}",
            "--socks5-hostname", "127.0.0.1:" + port, url);
        double connect;
        double socks;
        if (rep % 2 == 0) {
          connect = Double.parseDouble(exec(where, viaConnect, rep).strip());
          socks = Double.parseDouble(exec(where, viaSocks, rep).strip());
        } else {
          socks = Double.parseDouble(exec(where, viaSocks, rep).strip());
          connect = Double.parseDouble(exec(where, viaConnect, rep).strip());
        }
        table += String.format(Locale.ROOT, "| row | connect | socks5 |%n| %s | %.1f | %.1f |%n", curlRow(bytes),
            connect / 1e6, socks / 1e6);
      }
      return table;
    }

    /** Runs argv on the path ({@code where}) and returns its standard output; fails on a non-zero exit. */
    private String exec(String where, List<String> argv, int rep) throws IOException, InterruptedException {
      if (where.startsWith("host")) {
        List<String> command = new ArrayList<>(argv);
        if (where.equals("host-session")) {
          command.addAll(0, List.of("setsid", "--wait"));
        }
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
          throw new IllegalStateException(where + " " + argv.get(0) + " failed: " + out);
        }
        return out;
      }
      IsolationBackend b = where.equals("sandbox") ? backend : hostNet;
      ExecResult r = b.exec(ExecRequest.of(argv, work).withCallId("bench-" + rep));
      if (r.exitCode() != 0) {
        throw new IllegalStateException(where + " " + argv.get(0) + " failed (" + r.exitCode() + "): " + r.stderr());
      }
      return r.stdout();
    }
  }

  static String curlRow(long bytes) {
    return (bytes % (1L << 30) == 0 ? bytes / (1L << 30) + " GiB" : bytes / (1L << 20) + " MiB")
        + " through one tunnel, curl to /dev/null (MB/s)";
  }

  /** curl's absolute path (the sandbox's PATH is the backend's, not this JVM's). */
  static Optional<String> curl() {
    return Stream.of("/usr/bin/curl", "/bin/curl", "/usr/local/bin/curl")
        .filter(c -> Files.isExecutable(Path.of(c))).findFirst();
  }

  /**
   * Writes the backend's seccomp program ({@code filter.bpf}) and its {@code c4j-pgrp} helper into {@code dir}, for
   * {@code examples/bench/bwrap_bulk_toggles.py}, which starts bwrap itself with each part toggled.
   */
  static void writeParts(Path dir) throws IOException {
    Path filter = dir.resolve("filter.bpf");
    Files.deleteIfExists(filter);
    Files.createFile(filter, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
    System.out.println(SeccompFilter.compileTo(filter).describe());
    String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch64" : "x86_64";
    try (var in = SeccompFilter.class.getResourceAsStream("c4j-pgrp-" + arch)) {
      if (in == null) {
        throw new IllegalStateException("no c4j-pgrp for " + arch);
      }
      Path helper = dir.resolve("c4j-pgrp");
      Files.copy(in, helper, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.setPosixFilePermissions(helper, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }
  }

  /**
   * What the bridge adds per call: {@code /bin/true} in a sandbox with {@code network.mode: none} and with
   * {@code proxy} (binder start, pidfd hand-off, listener close), interleaved; prints the medians.
   */
  static void perCall(int n) throws Exception {
    Path work = Files.createTempDirectory("c4j-bwrap-egress-calls").toRealPath();
    Policy d = Policy.defaults();
    Policy proxyPolicy = withNetwork(new Policy("bwrap-egress-calls", new Policy.Isolation(Policy.Backend.BUBBLEWRAP,
        d.isolation().filesystem(), d.isolation().limits(), d.isolation().env(), Map.of()), new Policy.Network(
        Policy.NetworkMode.PROXY, List.of("origin.test"), List.of(), true, Policy.TlsMode.PASSTHROUGH, Map.of(),
        List.of(), List.of()), d.guard(), d.content(), d.trust(), d.audit()), Policy.NetworkMode.PROXY);
    Map<String, String> env = Map.of("PATH", "/usr/bin:/bin");
    Path home = Path.of(System.getProperty("user.home"));
    try (EgressProxy proxy = EgressProxy.builder(proxyPolicy.network()).start();
        IsolationBackend none = new BubblewrapProvider().open(new IsolationSpec(withNetwork(proxyPolicy,
            Policy.NetworkMode.NONE), work, home, env, AuditListener.none()));
        IsolationBackend bridged = new BubblewrapProvider().open(new IsolationSpec(proxyPolicy, work, home, env,
            AuditListener.none(), Optional.of(proxy)))) {
      List<Double> a = new ArrayList<>();
      List<Double> b = new ArrayList<>();
      for (int i = 0; i < n + 5; i++) {
        for (IsolationBackend backend : List.of(none, bridged)) {
          long t0 = System.nanoTime();
          ExecResult r = backend.exec(ExecRequest.of(List.of("/bin/true"), work));
          double ms = (System.nanoTime() - t0) / 1e6;
          if (r.exitCode() != 0) {
            throw new IllegalStateException(r.stderr());
          }
          if (i >= 5) {
            (backend == none ? a : b).add(ms);
          }
        }
      }
      System.out.printf(Locale.ROOT, "/bin/true per call, median of %d: network none %.1f ms, proxy (bridge) %.1f ms"
          + " (+%.1f ms)%n", n, EgressBench.median(a), EgressBench.median(b),
          EgressBench.median(b) - EgressBench.median(a));
    } finally {
      Files.deleteIfExists(work);
    }
  }

  private static Policy withNetwork(Policy p, Policy.NetworkMode mode) {
    Policy.Network n = p.network();
    return new Policy(p.source(), p.isolation(), new Policy.Network(mode, n.allow(), n.deny(),
        n.blockPrivateAddresses(), n.tls(), n.hosts(), n.allowPrivate(), n.credentials()), p.guard(), p.content(),
        p.trust(), p.audit());
  }

  /**
   * Adds each "| row | connect | socks5 |" line's first number per column under "row / column / where"; the columns
   * are named by the table's header line (their order alternates between repetitions).
   */
  private static void collect(Map<String, Map<String, List<Double>>> results, String where, String table) {
    String[] columns = {};
    for (String line : table.lines().toList()) {
      if (line.startsWith("| row")) {
        columns = java.util.Arrays.stream(line.split("\\|")).skip(2).map(String::strip).toArray(String[]::new);
        continue;
      }
      if (!line.startsWith("| ")) {
        continue;
      }
      String[] cells = line.split("\\|");
      String row = cells[1].strip();
      for (int c = 0; c < columns.length && c + 2 < cells.length; c++) {
        String cell = cells[c + 2].strip();
        if (cell.equals("-")) {
          continue;
        }
        double v = Double.parseDouble(cell.split(" ")[0].replace(",", ""));
        results.computeIfAbsent(row + " / " + columns[c], x -> new LinkedHashMap<>())
            .computeIfAbsent(where, x -> new ArrayList<>()).add(v);
      }
    }
  }

  /**
   * Medians per path, and the median (interquartile range) of the per-repetition ratios of the sandbox with the bridge to the host
   * path in this JVM's session and to the host path in a session of its own, and of the same sandbox on the host's
   * network to the latter (same repetition each).
   */
  private static void print(Map<String, Map<String, List<Double>>> results) {
    int n = results.values().stream().flatMap(m -> m.values().stream()).mapToInt(List::size).max().orElse(0);
    StringBuilder md = new StringBuilder("Medians of " + n + " repetitions; ratio cells: median of the per-repetition"
        + " ratios (interquartile range).\n\n| row / proxy protocol | host → proxy | host, own session → proxy"
        + " | bwrap proxy mode → proxy (bridge) | bwrap host network → proxy | bridge / host"
        + " | bridge / host own session | hostnet sandbox / host own session | bridge ≥ 0.95× host"
        + " | bridge ≥ 0.95× host own session |\n|---|---|---|---|---|---|---|---|---|---|\n");
    results.forEach((row, byWhere) -> {
      List<Double> host = byWhere.getOrDefault("host", List.of());
      List<Double> session = byWhere.getOrDefault("host-session", List.of());
      List<Double> bridge = byWhere.getOrDefault("sandbox", List.of());
      List<Double> hostNet = byWhere.getOrDefault("sandbox-hostnet", List.of());
      md.append(String.format(Locale.ROOT, "| %s | %,.1f | %,.1f | %,.1f | %,.1f | %s | %s | %s | %s | %s |%n", row,
          median(host), median(session), median(bridge), median(hostNet), ratios(host, bridge),
          ratios(session, bridge), ratios(session, hostNet), verdict(row, host, bridge),
          verdict(row, session, bridge)));
    });
    System.out.print(md);
  }

  private static double median(List<Double> v) {
    return v.isEmpty() ? Double.NaN : EgressBench.median(v);
  }

  /**
   * Met or not by the median per-rep ratio; for latency rows (lower is better) the bound is 1 / 0.95; CPU rows have
   * no target.
   */
  private static String verdict(String row, List<Double> base, List<Double> bridge) {
    List<Double> r = new ArrayList<>();
    for (int i = 0; i < Math.min(base.size(), bridge.size()); i++) {
      r.add(bridge.get(i) / base.get(i));
    }
    if (r.isEmpty() || row.contains("CPU")) {
      return "-";
    }
    double m = EgressBench.median(r);
    boolean latency = row.contains("latency");
    boolean met = latency ? m <= 1 / 0.95 : m >= 0.95;
    return (met ? "met" : "not met") + String.format(Locale.ROOT, " (%.2f×)", m);
  }

  /** Whether the scheduler groups each session ({@code kernel.sched_autogroup_enabled}). */
  static String autogroups() {
    try {
      return Files.readString(Path.of("/proc/sys/kernel/sched_autogroup_enabled")).strip().equals("1") ? "on"
          : "off";
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** The 1, 5 and 15 minute load averages, as /proc/loadavg gives them. */
  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Median and interquartile range of the per-repetition ratios {@code other / base} (same repetition each). */
  private static String ratios(List<Double> base, List<Double> other) {
    List<Double> r = new ArrayList<>();
    for (int i = 0; i < Math.min(base.size(), other.size()); i++) {
      r.add(other.get(i) / base.get(i));
    }
    if (r.isEmpty()) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.2f× (%.2f–%.2f)", quantile(r, 0.5), quantile(r, 0.25), quantile(r, 0.75));
  }

  /** The {@code p}-quantile, linear between the closest ranks (R's type 7, numpy's default). */
  static double quantile(List<Double> v, double p) {
    List<Double> s = new ArrayList<>(v);
    Collections.sort(s);
    double h = (s.size() - 1) * p;
    int lo = (int) Math.floor(h);
    return s.get(lo) + (h - lo) * (s.get(Math.min(lo + 1, s.size() - 1)) - s.get(lo));
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void waitForPort(int port) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        Thread.sleep(50);
      }
    }
    throw new IllegalStateException("origin did not listen on " + port);
  }
}
