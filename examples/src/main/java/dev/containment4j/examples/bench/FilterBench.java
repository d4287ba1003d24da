/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples.bench;

import dev.containment4j.guard.ContentFilter;
import dev.containment4j.guard.FilterContext;
import dev.containment4j.guard.FilterResult;
import dev.containment4j.internal.Filters;
import dev.containment4j.policy.Policy;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Content-filter benchmark: single-thread throughput of the secret + injection + PII scan on clean and on
 * finding-dense text, and a same-run comparison with secretlint (speed and recall) on the same files.
 *
 * <pre>
 * # corpus files come from the core test run: mvn -pl core test -Dtest=FilterCorpusTest
 * java -cp ... dev.containment4j.examples.bench.FilterBench core/target/filter-corpus [/path/to/secretlint-dir]
 * # before/after in one JVM, plus real text from this machine (JDK sources, man pages, /usr/share/doc, logs)
 * # (--mb N: clean text of N Mi chars, the other texts N/2; default 16; --cut: the corpus texts cut to that size,
 * # otherwise they are at least one whole copy of the corpus; --reps N: the median of N timed calls, default 3)
 * java -cp ... dev.containment4j.examples.bench.FilterBench --baseline /tmp/main-core-classes --real core/target/filter-corpus
 * java -cp ... dev.containment4j.examples.bench.FilterBench --make-big /tmp/big.log 1024   # 1 GB test log
 * </pre>
 */
public final class FilterBench {
  private FilterBench() {}

  /** Timed calls per engine and text (the median is reported); {@code --reps} sets it for loaded machines. */
  private static int reps = 3;

  public static void main(String[] args) throws Exception {
    if (args.length >= 1 && args[0].equals("--make-big")) {
      makeBig(Path.of(args[1]), Long.parseLong(args[2]) << 20);
      return;
    }
    List<String> positional = new ArrayList<>();
    Path baseline = null;
    boolean real = false;
    int mb = 16;
    boolean cut = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--baseline" -> baseline = Path.of(args[++i]);
        case "--real" -> real = true;
        case "--mb" -> mb = Integer.parseInt(args[++i]);
        case "--cut" -> cut = true;
        case "--reps" -> reps = Integer.parseInt(args[++i]);
        default -> positional.add(args[i]);
      }
    }
    Path corpus = Path.of(positional.isEmpty() ? "core/target/filter-corpus" : positional.get(0));
    Path secretlint = positional.size() > 1 ? Path.of(positional.get(1)) : null;
    List<String[]> manifest = new ArrayList<>();
    for (String line : Files.readAllLines(corpus.resolve("manifest.tsv"))) {
      manifest.add(line.split("\t", -1));
    }
    ContentFilter filter = Filters.forPolicy(Policy.defaults());
    StringBuilder clean = new StringBuilder();
    StringBuilder dense = new StringBuilder();
    for (String[] m : manifest) {
      String text = Files.readString(corpus.resolve(m[0]));
      if (m[1].equals("clean") && m[2].startsWith("clean:")) {
        clean.append(text);
      } else if (m[1].equals("secret") || m[1].equals("injection")) {
        dense.append(text);
      }
    }
    List<Engine> engines = new ArrayList<>();
    if (baseline != null) {
      engines.add(Engine.baseline(baseline));
    }
    engines.add(Engine.current(filter));
    System.out.printf(Locale.ROOT, "load average at start: %.1f%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    StringBuilder header = new StringBuilder("| text | MB (UTF-8) |");
    StringBuilder rule = new StringBuilder("|---|---|");
    for (Engine e : engines) {
      header.append(' ').append(e.name).append(", MB/s (thread CPU, median of ").append(reps).append(") |");
      rule.append("---|");
    }
    if (engines.size() == 2) {
      header.append(" after / before |");
      rule.append("---|");
    }
    System.out.println(header);
    System.out.println(rule);
    String cleanText = repeat(clean, mb << 20);
    String denseText = repeat(dense, Math.max(1, mb / 2) << 20);
    if (cut) { // the corpus texts cut to the size asked for (without --cut: at least one whole copy)
      cleanText = cleanText.substring(0, Math.min(cleanText.length(), mb << 20));
      denseText = denseText.substring(0, Math.min(denseText.length(), Math.max(1, mb / 2) << 20));
    }
    throughput("clean: the corpus' generated clean items, repeated", cleanText, engines);
    throughput("finding-dense: every secret and injection item, repeated", denseText, engines);
    if (real) {
      for (RealText t : RealText.onThisMachine(Math.max(1, mb / 2) << 20)) {
        throughput(t.name(), t.text(), engines);
      }
    }
    System.out.printf(Locale.ROOT, "load average at end: %.1f%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    if (secretlint != null) {
      compare(corpus, manifest, filter, secretlint);
    }
  }

  /** A filter under test: this build, or a baseline build loaded in its own class loader. */
  private static final class Engine {
    final String name;
    final Function<String, Integer> run;

    Engine(String name, Function<String, Integer> run) {
      this.name = name;
      this.run = run;
    }

    static Engine current(ContentFilter filter) {
      return new Engine("this build", t -> filter.filter(t, FilterContext.standalone()).findings().size());
    }

    /**
     * The core classes in {@code dir} (a directory or jar, e.g. {@code core/target/classes} of main) with this
     * class path's dependency jars, isolated from this build's core classes.
     */
    static Engine baseline(Path dir) throws Exception {
      List<URL> urls = new ArrayList<>();
      urls.add(dir.toUri().toURL());
      for (String e : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
        if (e.endsWith(".jar") && !e.contains("containment4j")) {
          urls.add(Path.of(e).toUri().toURL());
        }
      }
      ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
      Class<?> policy = loader.loadClass("dev.containment4j.policy.Policy");
      Class<?> ctx = loader.loadClass("dev.containment4j.guard.FilterContext");
      Object filter = loader.loadClass("dev.containment4j.internal.Filters").getMethod("forPolicy", policy)
          .invoke(null, policy.getMethod("defaults").invoke(null));
      Object standalone = ctx.getMethod("standalone").invoke(null);
      Method filterText = loader.loadClass("dev.containment4j.guard.ContentFilter")
          .getMethod("filter", String.class, ctx);
      Method findings = loader.loadClass("dev.containment4j.guard.FilterResult").getMethod("findings");
      return new Engine("baseline", t -> {
        try {
          return ((List<?>) findings.invoke(filterText.invoke(filter, t, standalone))).size();
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      });
    }
  }

  private static String repeat(StringBuilder b, int chars) {
    StringBuilder r = new StringBuilder(chars + b.length());
    while (r.length() < chars) {
      r.append(b);
    }
    return r.toString();
  }

  /**
   * Thread CPU time of one filter call per engine, the engines interleaved (baseline, this build, baseline, ...) so
   * both see the same machine load; after one warm-up call each, the median of {@link #reps}.
   */
  private static void throughput(String name, String text, List<Engine> engines) {
    double mb = text.getBytes(StandardCharsets.UTF_8).length / 1e6;
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    List<List<Double>> rates = new ArrayList<>();
    List<Integer> findings = new ArrayList<>();
    for (Engine e : engines) {
      rates.add(new ArrayList<>());
      findings.add(e.run.apply(text)); // warm-up
    }
    for (int i = 0; i < reps; i++) {
      for (int k = 0; k < engines.size(); k++) {
        long t0 = cpu.getCurrentThreadCpuTime();
        int n = engines.get(k).run.apply(text);
        long t1 = cpu.getCurrentThreadCpuTime();
        if (n != findings.get(k)) {
          throw new IllegalStateException("findings differ between runs");
        }
        rates.get(k).add(mb / ((t1 - t0) / 1e9));
      }
    }
    StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %.1f |", name, mb));
    double[] median = new double[engines.size()];
    for (int k = 0; k < engines.size(); k++) {
      rates.get(k).sort(Double::compare);
      median[k] = rates.get(k).get(reps / 2);
      row.append(String.format(Locale.ROOT, " %.1f |", median[k]));
    }
    if (engines.size() == 2) {
      row.append(String.format(Locale.ROOT, " %.1f× |", median[1] / median[0]));
      if (!findings.get(0).equals(findings.get(1))) {
        row.append(" (findings differ: ").append(findings).append(')');
      }
    }
    System.out.println(row);
  }

  private static void compare(Path corpus, List<String[]> manifest, ContentFilter filter, Path secretlint)
      throws IOException, InterruptedException {
    List<String[]> secrets = manifest.stream().filter(m -> m[1].equals("secret")).toList();
    List<String[]> clean = manifest.stream().filter(m -> m[1].equals("clean")).toList();
    // ours, on the same files
    long t0 = System.nanoTime();
    int ourHits = 0;
    int ourComplete = 0;
    for (String[] m : secrets) {
      FilterResult r = filter.filter(Files.readString(corpus.resolve(m[0])), FilterContext.standalone());
      if (r.findings().stream().anyMatch(f -> f.type().equals("secret"))) {
        ourHits++;
        boolean leak = false;
        for (String v : m[4].split(" ")) {
          for (int i = 0; i + 8 <= v.length() && !leak; i++) {
            leak = r.text().contains(v.substring(i, i + 8));
          }
        }
        if (!leak) {
          ourComplete++;
        }
      }
    }
    int ourFp = 0;
    for (String[] m : clean) {
      FilterResult r = filter.filter(Files.readString(corpus.resolve(m[0])), FilterContext.standalone());
      if (r.findings().stream().anyMatch(f -> f.type().equals("secret"))) {
        ourFp++;
      }
    }
    double ours = (System.nanoTime() - t0) / 1e9;
    // secretlint on the same files
    long s0 = System.nanoTime();
    String secretOut = secretlint(secretlint, corpus.resolve("secret").toAbsolutePath());
    String cleanOut = secretlint(secretlint, corpus.resolve("clean").toAbsolutePath());
    double theirs = (System.nanoTime() - s0) / 1e9;
    int theirHits = countFiles(secretOut);
    int theirFp = countFiles(cleanOut);
    long bytes = 0;
    for (String[] m : secrets) {
      bytes += Files.size(corpus.resolve(m[0]));
    }
    for (String[] m : clean) {
      bytes += Files.size(corpus.resolve(m[0]));
    }
    System.out.println();
    System.out.println("| tool | files with a secret found (of " + secrets.size() + ") | clean files flagged (of "
        + clean.size() + ") | wall time, " + (secrets.size() + clean.size()) + " files, "
        + String.format(Locale.ROOT, "%.1f", bytes / 1e6) + " MB |");
    System.out.println("|---|---|---|---|");
    System.out.printf(Locale.ROOT, "| containment4j (in-process, 1 thread) | %d (%d fully redacted) | %d | %.2f s |%n",
        ourHits, ourComplete, ourFp, ours);
    System.out.printf(Locale.ROOT, "| secretlint 12.0.0 + preset-recommend (CLI, incl. node start) | %d | %d | %.2f s |%n",
        theirHits, theirFp, theirs);
  }

  private static String secretlint(Path dir, Path files) throws IOException, InterruptedException {
    Path out = Files.createTempFile("secretlint", ".json");
    Process p = new ProcessBuilder(dir.resolve("node_modules/.bin/secretlint").toString(), "--format", "json",
        "--secretlintrc", dir.resolve(".secretlintrc.json").toString(), files + "/**/*.txt")
        .directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(30, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("secretlint did not finish in 30 minutes");
    }
    String s = Files.readString(out);
    Files.delete(out);
    return s;
  }

  /** Files with at least one message in secretlint's JSON output. */
  private static int countFiles(String json) throws IOException {
    com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
    int n = 0;
    for (com.fasterxml.jackson.databind.JsonNode f : root) {
      if (f.has("messages") && f.get("messages").size() > 0) {
        n++;
      }
    }
    return n;
  }

  private static void makeBig(Path file, long bytes) throws IOException {
    Random r = new Random(1);
    String[] lines = {
      "2026-11-27 04:12:55.120 INFO  [worker-3] c.a.Handler - processed request id=%d in %dms\n",
      "[INFO] Tests run: %d, Failures: 0, Errors: 0, Skipped: %d\n",
      "{\"id\": %d, \"status\": \"ok\", \"latency_ms\": %d}\n"};
    long written = 0;
    long n = 0;
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      while (written < bytes) {
        String l = String.format(Locale.ROOT, lines[(int) (n % 3)], r.nextInt(100000), r.nextInt(500));
        if (++n % 1_000_000 == 0) {
          StringBuilder k = new StringBuilder("AWS_ACCESS_KEY_ID=AK" + "IA");
          for (int i = 0; i < 16; i++) {
            k.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".charAt(r.nextInt(32)));
          }
          l = k + "\n";
        }
        w.write(l);
        written += l.length();
      }
    }
  }
}
