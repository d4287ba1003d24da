/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ProxyCommandTest {

  @Test
  void parsesListenAddressesAndRejectsNames() {
    assertThat(ProxyCommand.parseListen("127.0.0.1:3128").getPort()).isEqualTo(3128);
    assertThat(ProxyCommand.parseListen("[::1]:0").getAddress().isLoopbackAddress()).isTrue();
    assertThat(ProxyCommand.parseListen("localhost:8080").getAddress().isLoopbackAddress()).isTrue();
    assertThatThrownBy(() -> ProxyCommand.parseListen("example.com:80")).hasMessageContaining("IP address");
    assertThatThrownBy(() -> ProxyCommand.parseListen("3128")).hasMessageContaining("HOST:PORT");
  }

  @Test
  void servesUntilStoppedAndDeniesByDefault() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    ProxyCommand cmd = new ProxyCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
        () -> new CommandLine(cmd).execute("--listen", "127.0.0.1:0"));
    Matcher m = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher("");
    // the client environment is printed after the "listening" line: wait for both (the test read too early once)
    for (int i = 0; i < 100 && !(m.reset(out.toString(StandardCharsets.UTF_8)).find()
        && out.toString(StandardCharsets.UTF_8).contains("HTTPS_PROXY=")); i++) {
      Thread.sleep(50);
    }
    assertThat(m.find(0)).as(out.toString(StandardCharsets.UTF_8) + err).isTrue();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("HTTPS_PROXY=http://127.0.0.1:" + m.group(1));
    try (Socket s = new Socket("127.0.0.1", Integer.parseInt(m.group(1)))) {
      s.getOutputStream().write("CONNECT example.com:443 HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
      assertThat(answer).startsWith("HTTP/1.1 403").contains("no network access");
    }
    for (int i = 0; i < 50 && !err.toString(StandardCharsets.UTF_8).contains("egress.deny"); i++) {
      Thread.sleep(50);
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("\"type\":\"egress.deny\"", "example.com");
    cmd.stop();
    assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
  }
}
