/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.containment4j.Containment;
import dev.containment4j.Layer;
import dev.containment4j.ToolCall;
import dev.containment4j.ToolResult;
import dev.containment4j.Verdict;
import dev.containment4j.guard.FilterResult;
import dev.containment4j.policy.Policy;
import dev.containment4j.testing.EnabledIfBubblewrap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded default policy keeps what only root may read on the host out of the sandbox, for a caller that runs as
 * root (CI, containers): shadow files, sudoers, SSH host keys, machine secrets (TLS keys, Kubernetes and systemd
 * credentials, cloud-init data) and other users' homes. Checked on the host side: the
 * content never comes out, whatever the sandbox runs. Needs root (a normal user cannot read these anyway).
 */
@EnabledIfBubblewrap
@Tag("integration")
@Tag("escape")
class BubblewrapHostSecretsIT {
  @TempDir
  Path work;

  private static Policy defaultsOnBubblewrap() {
    Policy d = Policy.defaults();
    Policy.Isolation i = d.isolation();
    return new Policy("embedded default on bubblewrap", new Policy.Isolation(Policy.Backend.BUBBLEWRAP,
        i.filesystem(), i.limits(), i.env(), i.backends()), d.network(), d.guard(), d.content(), d.trust(),
        d.audit());
  }

  private ToolResult sh(String script) {
    try (Containment c = Containment.with(defaultsOnBubblewrap()).withWorkdir(work)
        .withGuard((call, ctx) -> Verdict.allow(Layer.GUARD, "", "", "isolation only"))
        .withFilter((text, ctx) -> FilterResult.pass(text))) {
      return c.run(ToolCall.command("/bin/sh", "-c", script));
    }
  }

  @Test
  void shadowSudoersAndSshHostKeysNeverComeOut() throws IOException {
    assumeThat(Files.isReadable(Path.of("/etc/shadow"))).as("needs root: /etc/shadow is readable only by root")
        .isTrue();
    List<Path> secrets = new ArrayList<>();
    for (String f : List.of("/etc/shadow", "/etc/gshadow", "/etc/sudoers")) {
      if (Files.isRegularFile(Path.of(f))) {
        secrets.add(Path.of(f));
      }
    }
    for (Path dir : List.of(Path.of("/etc/sudoers.d"), Path.of("/etc/ssh"))) {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> s = Files.list(dir)) {
          s.filter(p -> dir.endsWith("sudoers.d") || p.getFileName().toString().matches("ssh_host_.*_key"))
              .filter(Files::isRegularFile).forEach(secrets::add);
        }
      }
    }
    StringBuilder script = new StringBuilder();
    for (Path p : secrets) {
      script.append("cat '").append(p).append("'; base64 '").append(p).append("'; ");
    }
    script.append("ls -la /etc/sudoers.d; echo done");
    ToolResult r = sh(script.toString());
    String out = r.stdout() + r.stderr();
    assertThat(r.stdout()).as(r.stderr()).endsWith("done\n");
    for (Path p : secrets) {
      for (String line : Files.readAllLines(p)) {
        if (line.strip().length() >= 12 && !line.startsWith("#")) {
          assertThat(out).as("a line of %s", p).doesNotContain(line.strip());
        }
      }
    }
    assertThat(out).contains("/etc/shadow: Permission denied");
  }

  @Test
  void otherHomesAndRootsHomeAreEmptyInside() throws IOException {
    assumeThat(Files.isWritable(Path.of("/root")) && Files.isWritable(Path.of("/home")))
        .as("needs root: plants canaries in /root and /home").isTrue();
    String canary = "C4J-CANARY-" + UUID.randomUUID();
    Path otherHome = Files.createDirectory(Path.of("/home", "c4j-it-" + UUID.randomUUID()));
    Path inRoot = Path.of("/root", "c4j-it-" + UUID.randomUUID());
    try {
      Files.writeString(otherHome.resolve("notes.txt"), canary);
      Files.writeString(inRoot, canary);
      ToolResult r = sh("cat " + otherHome + "/notes.txt " + inRoot + "; ls -a /home /root; echo done");
      String out = r.stdout() + r.stderr();
      assertThat(r.stdout()).as(r.stderr()).endsWith("done\n");
      assertThat(out).doesNotContain(canary).doesNotContain(otherHome.getFileName().toString() + "\n")
          .doesNotContain(inRoot.getFileName().toString() + "\n");
    } finally {
      Files.deleteIfExists(otherHome.resolve("notes.txt"));
      Files.deleteIfExists(otherHome);
      Files.deleteIfExists(inRoot);
    }
  }

  @Test
  void machineSecretsNeverComeOut() throws IOException {
    assumeThat(Files.isWritable(Path.of("/etc")) && Files.isWritable(Path.of("/run")))
        .as("needs root: plants canaries where machine secrets live").isTrue();
    String canary = "C4J-CANARY-" + UUID.randomUUID();
    String name = "c4j-it-" + UUID.randomUUID();
    List<Path> planted = new ArrayList<>();
    List<Path> created = new ArrayList<>();
    try {
      for (String dir : List.of("/run/secrets/kubernetes.io/serviceaccount", "/etc/ssl/private", "/etc/kubernetes",
          "/run/credentials/c4j.service", "/var/lib/cloud/instance")) {
        Path d = Path.of(dir);
        List<Path> missing = new ArrayList<>();
        for (Path up = d; up != null && !Files.exists(up); up = up.getParent()) {
          missing.add(0, up);
        }
        Files.createDirectories(d);
        created.addAll(missing);
        planted.add(Files.writeString(d.resolve(name), canary));
      }
      StringBuilder script = new StringBuilder();
      for (Path p : planted) {
        script.append("cat '").append(p).append("'; ");
      }
      ToolResult r = sh(script + "grep -r C4J-CANARY /run /etc/ssl /etc/kubernetes /var/lib/cloud; echo done");
      String out = r.stdout() + r.stderr();
      assertThat(r.stdout()).as(r.stderr()).endsWith("done\n");
      assertThat(out).doesNotContain(canary);
    } finally {
      for (Path p : planted) {
        Files.deleteIfExists(p);
      }
      for (int i = created.size() - 1; i >= 0; i--) {
        Files.deleteIfExists(created.get(i));
      }
    }
  }

  @Test
  void aWorkdirUnderAHiddenHomeStaysWritable() throws IOException {
    assumeThat(Files.isWritable(Path.of("/home"))).as("needs root: creates a workdir under /home").isTrue();
    Path dir = Files.createDirectory(Path.of("/home", "c4j-it-" + UUID.randomUUID()));
    try (Containment c = Containment.with(defaultsOnBubblewrap()).withWorkdir(dir)
        .withGuard((call, ctx) -> Verdict.allow(Layer.GUARD, "", "", "isolation only"))) {
      ToolResult r = c.run(ToolCall.command("/bin/sh", "-c", "echo made > out.txt && cat out.txt"));
      assertThat(r.stdout()).as(r.stderr()).isEqualTo("made\n");
      assertThat(Files.readString(dir.resolve("out.txt"))).isEqualTo("made\n");
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
