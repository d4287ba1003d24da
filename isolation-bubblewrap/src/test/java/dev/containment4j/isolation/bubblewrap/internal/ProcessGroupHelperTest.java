/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled c4j-pgrp helper on this host's kernel (no bwrap involved). */
class ProcessGroupHelperTest {
  @TempDir
  Path dir;

  @Test
  void binariesAreBundledForBothCpus() {
    assertThat(ProcessGroupHelper.resourceFor("amd64")).contains("c4j-pgrp-x86_64");
    assertThat(ProcessGroupHelper.resourceFor("aarch64")).contains("c4j-pgrp-aarch64");
    assertThat(ProcessGroupHelper.resourceFor("riscv64")).isEmpty();
    for (String r : List.of("c4j-pgrp-x86_64", "c4j-pgrp-aarch64")) {
      assertThat(ProcessGroupHelper.class.getResource(r)).as(r).isNotNull();
    }
  }

  @Test
  void theCommandRunsInAProcessGroupOfItsOwnInTheCallersSessionWithoutATerminal() throws Exception {
    Path helper = installed();
    Result r = run(helper, "/bin/cat", "/proc/self/stat");
    assertThat(r.exit).as(r.err).isZero();
    String[] own = fields(r.out);
    String[] jvm = fields(Files.readString(Path.of("/proc/self/stat")));
    assertThat(own[4]).as("process group = its own pid").isEqualTo(own[0]).isNotEqualTo(jvm[4]);
    assertThat(own[5]).as("session: the caller's").isEqualTo(jvm[5]);
    assertThat(own[6]).as("tty_nr").isEqualTo("0");
  }

  @Test
  void aRelativeOrMissingCommandRunsNothingAndSaysSo() throws Exception {
    Path helper = installed();
    for (List<String> argv : List.of(List.of("cat"), List.of("/nonexistent/c4j"), List.<String>of())) {
      Result r = run(helper, argv.toArray(String[]::new));
      assertThat(ProcessGroupHelper.refused(r.exit, r.err)).as("%s: %s %s", argv, r.exit, r.err).isTrue();
      assertThat(r.out).isEmpty();
    }
  }

  @Test
  void theInstalledCopyIsOwnerReadAndExecuteOnly() throws Exception {
    Path helper = installed();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(helper))).isEqualTo("r-x------");
    assertThat(ProcessGroupHelper.wrap(helper, List.of("/usr/bin/bwrap", "--args", "4")))
        .containsExactly(helper.toString(), "/usr/bin/bwrap", "--args", "4");
  }

  private Path installed() throws IOException {
    assumeTrue(System.getProperty("os.name", "").startsWith("Linux")
        && ProcessGroupHelper.resourceFor(System.getProperty("os.arch", "")).isPresent(),
        "c4j-pgrp is bundled for Linux on x86_64 and aarch64 only");
    Optional<Path> helper = ProcessGroupHelper.install(dir);
    assertThat(helper).as("the helper runs here (the temp directory allows executing files)").isPresent();
    return helper.orElseThrow();
  }

  /** pid, comm, state, ppid, pgrp, session, tty_nr (comm may hold spaces). */
  private static String[] fields(String stat) {
    int close = stat.lastIndexOf(')');
    String[] rest = stat.substring(close + 2).split(" ");
    return new String[] {stat.substring(0, stat.indexOf(' ')), "comm", rest[0], rest[1], rest[2], rest[3], rest[4]};
  }

  private record Result(int exit, String out, String err) {}

  private static Result run(Path helper, String... args) throws Exception {
    List<String> argv = new java.util.ArrayList<>(List.of(helper.toString()));
    argv.addAll(List.of(args));
    Process p = new ProcessBuilder(argv).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), out, err);
  }
}
