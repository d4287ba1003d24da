/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI contract of DESIGN.md, through the real launcher {@code bin/containment} as a user runs it. */
@Tag("integration")
class CliIT {
  static final Path ROOT = Path.of("").toAbsolutePath().getParent();

  @TempDir
  Path work;

  record Run(int status, String stdout, String stderr) {}

  Run containment(String... args) throws IOException, InterruptedException {
    return containmentWithInput(null, args);
  }

  /** Runs the CLI with {@code input} written to its standard input and closed ({@code null}: closed at once). */
  Run containmentWithInput(String input, String... args) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>();
    argv.add(ROOT.resolve("bin/containment").toString());
    argv.addAll(List.of(args));
    Process p = new ProcessBuilder(argv).directory(work.toFile()).start();
    if (input != null) {
      p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
    }
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
  }

  @Test
  void exitStatusPassesThroughAndArgumentsAreNotReinterpreted() throws Exception {
    Run r = containment("run", "--backend", "none", "--", "/bin/sh", "-c", "printf '%s|' \"$@\"; exit 7", "sh",
        "a b", "$HOME", "--json");
    assertThat(r.status()).isEqualTo(7);
    assertThat(r.stdout()).isEqualTo("a b|$HOME|--json|");
  }

  @Test
  void shellStringsRunWithDashC() throws Exception {
    Run r = containment("run", "--backend=none", "-c", "echo one && echo two >&2; exit 3");
    assertThat(r.status()).isEqualTo(3);
    assertThat(r.stdout()).isEqualTo("one\n");
    assertThat(r.stderr()).contains("two\n");
  }

  @Test
  void pipedStandardInputReachesTheCommandOnlyWithDashI() throws Exception {
    Run asked = containmentWithInput("line one\nline two\n", "run", "--backend", "none", "-i", "--", "wc", "-l");
    assertThat(asked.status()).isZero();
    assertThat(asked.stdout().strip()).isEqualTo("2");
    Run unasked = containmentWithInput("line one\nline two\n", "run", "--backend", "none", "--", "wc", "-l");
    assertThat(unasked.stdout().strip()).isEqualTo("0");
  }

  @Test
  void aRedirectedFileIsStandardInput() throws Exception {
    Path script = Files.writeString(work.resolve("script.sh"), "echo from-file; exit 5\n");
    Process p = new ProcessBuilder(ROOT.resolve("bin/containment").toString(), "run", "--backend", "none", "--", "sh")
        .directory(work.toFile()).redirectInput(script.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(5);
    assertThat(out).isEqualTo("from-file\n");
  }

  @Test
  void anOpenEmptyPipeIsNotWaitedFor() throws Exception {
    Process p = new ProcessBuilder(ROOT.resolve("bin/containment").toString(), "run", "--backend", "none", "--",
        "echo", "done").directory(work.toFile()).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(out).isEqualTo("done\n");
    } finally {
      p.getOutputStream().close();
    }
  }

  @Test
  void jsonPrintsTheWholeResult() throws Exception {
    Run r = containment("run", "--backend", "none", "--json", "--", "sh", "-c", "echo out; exit 2");
    JsonNode n = new ObjectMapper().readTree(r.stdout());
    assertThat(r.status()).isEqualTo(2);
    assertThat(n.get("exitCode").asInt()).isEqualTo(2);
    assertThat(n.get("stdout").asText()).isEqualTo("out\n");
    assertThat(n.get("decision").asText()).isEqualTo("allow");
    assertThat(n.get("isolation").get("backend").asText()).isEqualTo("none");
  }

  @Test
  void theWorkdirIsTheWorkingDirectory() throws Exception {
    Path other = Files.createDirectories(work.resolve("other"));
    Run r = containment("run", "--backend", "none", "--workdir", other.toString(), "--", "pwd");
    assertThat(r.stdout().strip()).isEqualTo(other.toRealPath().toString());
  }

  @Test
  void containmentErrorsExit125WithOneClearLine() throws Exception {
    Run badBackend = containment("run", "--backend", "chroot", "--", "true");
    assertThat(badBackend.status()).isEqualTo(125);
    assertThat(badBackend.stderr()).contains("unknown backend 'chroot'").contains("bubblewrap");

    Run noWorkdir = containment("run", "--backend", "none", "--workdir", work.resolve("missing").toString(), "--",
        "true");
    assertThat(noWorkdir.status()).isEqualTo(125);
    assertThat(noWorkdir.stderr()).contains("is not an existing directory");
  }

  @Test
  void usageErrorsShowUsage() throws Exception {
    Run r = containment("run", "--bogus");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.stderr()).contains("Unknown option").contains("Usage: containment run");
    assertThat(containment("run", "--backend", "none").status()).isEqualTo(2);
  }
}
