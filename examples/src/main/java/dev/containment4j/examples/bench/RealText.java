/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Real clean text found on a Linux build machine, read in a fixed order so that a run can be repeated: the JDK's
 * {@code java.util} sources (src.zip), man pages (troff source), Debian package documentation (changelogs,
 * READMEs) and the package manager's logs. Sources that do not exist are left out (and said so).
 *
 * @param name what the text is, for the table
 * @param text the text
 */
record RealText(String name, String text) {

  /** Every source that exists here, each cut at about {@code chars} characters (logs repeated up to it). */
  static List<RealText> onThisMachine(int chars) throws IOException {
    List<RealText> out = new ArrayList<>();
    Path zip = srcZip();
    if (zip != null) {
      out.add(new RealText("source code: java/util/** from " + zip, javaSources(zip, chars)));
    } else {
      System.out.println("(no JDK src.zip found: source-code row left out)");
    }
    String man = gzipped(Path.of("/usr/share/man/man1"), chars, false);
    if (!man.isEmpty()) {
      out.add(new RealText("man pages: /usr/share/man/man1/*.gz (troff), by name", man));
    }
    String doc = gzipped(Path.of("/usr/share/doc"), chars, true);
    if (!doc.isEmpty()) {
      out.add(new RealText("package docs: /usr/share/doc/**/*.gz (changelogs, READMEs), by path", doc));
    }
    StringBuilder log = new StringBuilder();
    for (String f : new String[] {"/var/log/dpkg.log", "/var/log/apt/history.log", "/var/log/alternatives.log"}) {
      Path p = Path.of(f);
      if (Files.isReadable(p)) {
        log.append(decode(Files.readAllBytes(p)));
      }
    }
    if (log.length() > 0) {
      String once = log.toString();
      while (log.length() < chars) {
        log.append(once);
      }
      out.add(new RealText("package-manager log: /var/log/dpkg.log + apt history + alternatives, repeated",
          log.toString()));
    }
    return out;
  }

  private static Path srcZip() throws IOException {
    Path own = Path.of(System.getProperty("java.home"), "lib", "src.zip");
    if (Files.isReadable(own)) {
      return own;
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return null;
    }
    try (Stream<Path> s = Files.list(jvms)) {
      return s.sorted().map(p -> p.resolve("lib/src.zip")).filter(Files::isReadable).findFirst().orElse(null);
    }
  }

  private static String javaSources(Path zip, int chars) throws IOException {
    StringBuilder b = new StringBuilder();
    try (ZipFile z = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> e = z.entries();
      while (e.hasMoreElements() && b.length() < chars) {
        ZipEntry entry = e.nextElement();
        if (entry.getName().startsWith("java.base/java/util/") && entry.getName().endsWith(".java")) {
          try (InputStream in = z.getInputStream(entry)) {
            b.append(decode(in.readAllBytes()));
          }
        }
      }
    }
    return b.length() > chars ? b.substring(0, chars) : b.toString();
  }

  private static String gzipped(Path dir, int chars, boolean recursive) throws IOException {
    if (!Files.isDirectory(dir)) {
      return "";
    }
    List<Path> files;
    try (Stream<Path> s = recursive ? Files.walk(dir) : Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".gz") && Files.isRegularFile(p) && Files.isReadable(p)).sorted()
          .toList();
    }
    StringBuilder b = new StringBuilder();
    for (Path f : files) {
      if (b.length() >= chars) {
        break;
      }
      try (InputStream in = new GZIPInputStream(Files.newInputStream(f))) {
        b.append(decode(in.readAllBytes()));
      } catch (IOException e) {
        // not a gzip file after all: skip it
      }
    }
    return b.length() > chars ? b.substring(0, chars) : b.toString();
  }

  private static String decode(byte[] bytes) throws IOException {
    return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
  }
}
