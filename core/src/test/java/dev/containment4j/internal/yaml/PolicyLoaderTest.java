/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JacksonException;
import dev.containment4j.PolicyException;
import dev.containment4j.policy.Policy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {
  static final List<String> CREDENTIAL_DIRS =
      List.of("~/.ssh", "~/.aws", "~/.config/gcloud", "~/.kube", "~/.docker", "~/.netrc", "~/.gnupg");

  /** What a policy file that leaves {@code denyRead} out hides: the embedded default's list, root-only files too. */
  static final List<String> OMITTED_DENY_READ = List.of(
      "~/.ssh", "~/.aws", "~/.config/gcloud", "~/.kube", "~/.docker", "~/.netrc", "~/.gnupg",
      "/etc/shadow", "/etc/shadow-", "/etc/gshadow", "/etc/gshadow-", "/etc/security/opasswd",
      "/etc/sudoers", "/etc/sudoers.d", "/etc/ssh/ssh_host_*_key",
      "/etc/ssl/private", "/etc/pki/tls/private", "/etc/letsencrypt", "/etc/krb5.keytab", "/run/secrets",
      "/var/run/secrets", "/run/credentials", "/etc/credstore", "/etc/kubernetes", "/etc/rancher",
      "/etc/gitlab-runner", "/etc/wireguard", "/etc/NetworkManager/system-connections", "/etc/mysql/debian.cnf",
      "/var/lib/cloud", "/var/spool/cron",
      "/root", "/home", "/run/user");

  @Test
  void designExampleBindsEveryKey() throws IOException {
    Policy p = PolicyLoader.parse(fixture("valid/design-example.yaml"), "design.yaml", PolicyFixturesTest.ENV);

    assertThat(p.isolation().backend()).isEqualTo(Policy.Backend.AUTO);
    assertThat(p.isolation().filesystem().workdir()).isEqualTo(".");
    assertThat(p.isolation().filesystem().denyRead()).isEqualTo(CREDENTIAL_DIRS);
    assertThat(p.isolation().filesystem().hideHome()).isTrue();
    assertThat(p.isolation().limits()).isEqualTo(new Policy.Limits(Duration.ofSeconds(120), 1024, 256, 1048576));
    assertThat(p.isolation().backend("gvisor")).isEqualTo(Map.of("runsc", "runsc"));
    assertThat(p.network().mode()).isEqualTo(Policy.NetworkMode.PROXY);
    assertThat(p.network().allow()).containsExactly("pypi.org", "*.pythonhosted.org");
    assertThat(p.network().tls()).isEqualTo(Policy.TlsMode.PASSTHROUGH);
    Policy.Credential c = p.network().credentials().get(0);
    assertThat(c.host()).isEqualTo("api.github.com");
    assertThat(c.header()).isEqualTo("Authorization");
    assertThat(c.value().reveal()).isEqualTo("Bearer " + PolicyFixturesTest.TOKEN);
    assertThat(c.value().origin()).isEqualTo("${env:GITHUB_TOKEN}");
    assertThat(c.sandboxEnv()).isEqualTo("GITHUB_TOKEN");
    assertThat(p.guard().deny()).containsExactly("Read(~/.aws/**)", "Bash(curl * | sh)");
    assertThat(p.guard().ask()).containsExactly("Bash(git push:*)");
    assertThat(p.guard().allow()).containsExactly("Bash(mvn -q test)", "Read(./**)");
    assertThat(p.guard().maxConsecutiveDenials()).isEqualTo(3);
    assertThat(p.guard().maxTotalDenials()).isEqualTo(20);
    assertThat(p.content()).isEqualTo(new Policy.Content(Policy.SecretsMode.REDACT, Policy.InjectionMode.QUARANTINE,
        200000));
    assertThat(p.trust().workspaceConfig()).isEqualTo(".containment.yaml");
    assertThat(p.audit().jsonl()).contains(Path.of("./containment-audit.jsonl"));
  }

  @Test
  void omittedKeysTakeSafeDefaults() {
    Policy p = PolicyLoader.parse("version: 1\n", "minimal.yaml", name -> null);

    assertThat(p.isolation().backend()).isEqualTo(Policy.Backend.AUTO);
    Policy.Filesystem fs = p.isolation().filesystem();
    assertThat(fs.workdir()).isEqualTo(".");
    assertThat(fs.allowWrite()).isEmpty();
    assertThat(fs.denyRead()).isEqualTo(OMITTED_DENY_READ);
    assertThat(fs.allowRead()).isEmpty();
    assertThat(fs.denyWrite()).isEmpty();
    assertThat(fs.hideHome()).isTrue();
    assertThat(fs.tmp()).isEqualTo(Policy.TmpMode.PRIVATE);
    assertThat(p.isolation().limits()).isEqualTo(new Policy.Limits(Duration.ofSeconds(120), 1024, 256, 1048576));
    assertThat(p.isolation().env()).isEqualTo(new Policy.Env(List.of(), Map.of()));
    assertThat(p.isolation().backends()).isEmpty();
    assertThat(p.network()).isEqualTo(new Policy.Network(Policy.NetworkMode.NONE, List.of(), List.of(), true,
        Policy.TlsMode.PASSTHROUGH, Map.of(), List.of(), List.of()));
    assertThat(p.guard()).isEqualTo(new Policy.Guard(Policy.GuardMode.AUTO, List.of(), List.of(), List.of(), 3, 20));
    assertThat(p.content()).isEqualTo(new Policy.Content(Policy.SecretsMode.REDACT, Policy.InjectionMode.QUARANTINE,
        200000));
    assertThat(p.trust().workspaceConfig()).isEqualTo(".containment.yaml");
    assertThat(p.audit().jsonl()).isEmpty();
  }

  @Test
  void valuesOutsideTheExampleBind() throws IOException {
    Policy p = PolicyLoader.parse(fixture("valid/everything-else.yaml"), "else.yaml", PolicyFixturesTest.ENV);

    assertThat(p.isolation().backend("gvisor")).containsExactly(Map.entry("runsc", "/usr/local/bin/runsc"),
        Map.entry("platform", "systrap"), Map.entry("poolSize", "0"), Map.entry("rootless", "true"));
    assertThat(p.isolation().backend("bubblewrap")).isEqualTo(Map.of("bwrap", "/usr/bin/bwrap"));
    assertThat(p.isolation().backends()).containsKey("seatbelt");
    assertThat(p.isolation().env().set()).containsEntry("CI", "true").containsEntry("EMPTY", "");
    assertThat(p.network().allow()).containsExactly("pypi.example.org", "registry.npmjs.org:443", "EXAMPLE.com.");
    assertThat(p.network().hosts()).containsEntry("v6.internal", "fd00::5");
    assertThat(p.network().tlsIntercept()).containsExactly("api.openai.com", "*.githubusercontent.com:443");
    assertThat(p.network().tlsPassthrough()).containsExactly("pinned.example.org");
    assertThat(p.network().interceptsAny()).isTrue();
    assertThat(p.guard().mode()).isEqualTo(Policy.GuardMode.DENY);
    assertThat(p.guard().allow()).containsExactly("Bash(echo ${env:NOT_RESOLVED})");
    assertThat(p.content().secrets()).isEqualTo(Policy.SecretsMode.OFF);
    assertThat(p.trust().workspaceConfig()).isEqualTo("config/containment.yaml");
  }

  @Test
  void embeddedDefaultPolicyIsSafeAndCached() {
    Policy p = PolicyLoader.defaults();

    assertThat(PolicyLoader.defaults()).isSameAs(p);
    assertThat(Policy.defaults()).isSameAs(p);
    assertThat(p.source()).isEqualTo("<embedded default>");
    assertThat(p.isolation().backend()).isEqualTo(Policy.Backend.AUTO);
    assertThat(p.isolation().filesystem().workdir()).isEqualTo(".");
    assertThat(p.isolation().filesystem().allowWrite()).isEmpty();
    assertThat(p.isolation().filesystem().hideHome()).isTrue();
    assertThat(p.isolation().filesystem().tmp()).isEqualTo(Policy.TmpMode.PRIVATE);
    assertThat(p.isolation().filesystem().denyRead()).containsAll(CREDENTIAL_DIRS);
    assertThat(p.network().mode()).isEqualTo(Policy.NetworkMode.NONE);
    assertThat(p.network().allow()).isEmpty();
    assertThat(p.network().blockPrivateAddresses()).isTrue();
    assertThat(p.guard().deny()).contains("Read(~/.ssh/**)", "Read(~/.aws/**)", "Read(~/.gnupg/**)", "Bash(rm -rf /)",
        "Bash(rm -rf /:*)", "Bash(rm -rf ~/:*)");
    assertThat(p.guard().allow()).isEmpty();
    assertThat(p.content().secrets()).isEqualTo(Policy.SecretsMode.REDACT);
    assertThat(p.content().injection()).isEqualTo(Policy.InjectionMode.QUARANTINE);
  }

  @Test
  void auditFileExpandsHome() {
    Policy p = PolicyLoader.parse("version: 1\naudit: {jsonl: ~/logs/audit.jsonl}\n", "a.yaml", n -> null);

    assertThat(p.audit().jsonl()).contains(Path.of(System.getProperty("user.home"), "logs", "audit.jsonl"));
  }

  @Test
  void envReferencesResolveInStringValuesOnly() {
    Map<String, String> env = Map.of("MIRROR", "pypi.example.org", "LOG_DIR", "/var/log/c4j", "T", "tok-123456");
    Policy p = PolicyLoader.parse("""
        version: 1
        network:
          mode: proxy
          tls: intercept
          allow: ["${env:MIRROR}", "files.${env:MIRROR}"]
          credentials:
            - {host: "${env:MIRROR}", header: X-Token, value: "a ${env:T} b ${env:T}"}
        guard:
          deny: ["Bash(echo $${env:T})"]
        audit: {jsonl: "${env:LOG_DIR}/audit.jsonl"}
        """, "env.yaml", env::get);

    assertThat(p.network().allow()).containsExactly("pypi.example.org", "files.pypi.example.org");
    assertThat(p.network().credentials().get(0).host()).isEqualTo("pypi.example.org");
    assertThat(p.network().credentials().get(0).value().reveal()).isEqualTo("a tok-123456 b tok-123456");
    assertThat(p.network().credentials().get(0).value().origin()).isEqualTo("${env:T} ${env:T}");
    assertThat(p.guard().deny()).containsExactly("Bash(echo ${env:T})");
    assertThat(p.audit().jsonl()).contains(Path.of("/var/log/c4j/audit.jsonl"));
  }

  @Test
  void envReferenceInANumberIsAWrongTypeNotAResolution() {
    PolicyException e = catchThrowableOfType(PolicyException.class, () -> PolicyLoader.parse(
        "version: 1\nisolation:\n  limits: {wallSeconds: \"${env:WALL}\"}\n", "n.yaml", Map.of("WALL", "60")::get));

    assertThat(e.getMessage()).startsWith("n.yaml:3:25: isolation.limits.wallSeconds: wrong type: expected a whole"
        + " number, found a string");
  }

  @Test
  void missingVariableNamesVariableAndLocation() {
    PolicyException e = catchThrowableOfType(PolicyException.class, () -> PolicyLoader.parse(
        "version: 1\nnetwork:\n  mode: proxy\n  allow:\n    - pypi.org\n    - \"${env:NO_SUCH_MIRROR}\"\n",
        "m.yaml", name -> null));

    assertThat(e.getLine()).isEqualTo(6);
    assertThat(e.getColumn()).isEqualTo(7);
    assertThat(e.getPath()).isEqualTo("network.allow[1]");
    assertThat(e.getProblem()).contains("environment variable NO_SUCH_MIRROR is not set");
  }

  @Test
  void secretValuesNeverAppearInMessagesCausesOrToString() {
    String secret = "sk_live_4f9a8b7c6d5e4f3a2b1c";
    Map<String, String> env = Map.of("SECRET", secret);
    List<String> broken = List.of(
        // the secret used where a host belongs: the message shows the reference
        "version: 1\nnetwork:\n  mode: proxy\n  allow: [\"${env:SECRET}\"]\n",
        "version: 1\nnetwork:\n  hosts: {db.internal: \"${env:SECRET}\"}\n",
        "version: 1\nisolation:\n  backend: \"${env:SECRET}\"\n",
        "version: 1\nisolation:\n  env:\n    pass: [\"${env:SECRET}-X\"]\n",
        "version: 1\nguard:\n  deny: [\"${env:SECRET}\"]\n",
        // a credential with a problem elsewhere in it
        "version: 1\nnetwork:\n  mode: proxy\n  tls: intercept\n  credentials:\n"
            + "    - {host: api.github.com, header: \"Bad Header\", value: \"Bearer ${env:SECRET}\"}\n",
        "version: 1\nnetwork:\n  mode: none\n  tls: intercept\n  credentials:\n"
            + "    - {host: api.github.com, header: Authorization, value: \"Bearer ${env:SECRET}\"}\n",
        "version: 1\nnetwork:\n  mode: proxy\n  tls: intercept\n  credentials:\n"
            + "    - {host: api.github.com, header: Authorization, value: \"${env:SECRET}\", sandboxEnv: \"9X\"}\n");
    for (String yaml : broken) {
      PolicyException e = catchThrowableOfType(PolicyException.class, () -> PolicyLoader.parse(yaml, "s.yaml",
          env::get));
      assertThat(e).as(yaml).isNotNull();
      for (Throwable t = e; t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).as(yaml).doesNotContain(secret);
        assertThat(t.toString()).doesNotContain(secret);
      }
    }
    Policy ok = PolicyLoader.parse("version: 1\nnetwork:\n  mode: proxy\n  tls: intercept\n  credentials:\n"
        + "    - {host: api.github.com, header: Authorization, value: \"Bearer ${env:SECRET}\"}\n", "s.yaml", env::get);
    assertThat(ok.toString()).doesNotContain(secret).contains("${env:SECRET}");
  }

  @Test
  void secretValuesNeverAppearInLogs() {
    String secret = "xoxb_9f8e7d6c5b4a39281706";
    ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
        org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
        new ch.qos.logback.core.read.ListAppender<>();
    logs.start();
    root.addAppender(logs);
    try {
      // a literal secret in the file (warned about), one from the environment, and a failing load
      PolicyLoader.parse("version: 1\nnetwork:\n  mode: none\n  allow: [a.example]\n  tls: intercept\n"
          + "  credentials: []\nisolation: {backend: none}\n", "w.yaml", n -> null);
      PolicyLoader.parse("version: 1\nnetwork:\n  mode: proxy\n  tls: intercept\n  credentials:\n"
          + "    - {host: a.example, header: X-Key, value: \"" + secret + "\"}\n"
          + "    - {host: b.example, header: X-Key, value: \"${env:S}\"}\n", "l.yaml", Map.of("S", secret)::get);
      catchThrowableOfType(PolicyException.class, () -> PolicyLoader.parse("version: 1\nnetwork:\n  mode: proxy\n"
          + "  credentials:\n    - {host: a.example, header: X-Key, value: \"${env:S}\"}\n", "f.yaml",
          Map.of("S", secret)::get));
    } finally {
      root.detachAppender(logs);
    }

    assertThat(logs.list).extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
        .anySatisfy(m -> assertThat(m).contains("credentials[0].value is written in the policy file"))
        .anySatisfy(m -> assertThat(m).contains("WITHOUT isolation"))
        .allSatisfy(m -> assertThat(m).doesNotContain(secret));
  }

  @Test
  void envReferencesCannotFeedTheSandboxEnvironment() {
    assertThatThrownBy(() -> PolicyLoader.parse("version: 1\nisolation:\n  env:\n    set: {A: \"x${env:HOME}\"}\n",
        "e.yaml", Map.of("HOME", "/root")::get))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("isolation.env.set.A")
        .hasMessageContaining("isolation.env.pass");
  }

  @Test
  void jacksonErrorsStayTheCause() {
    assertThat(catchThrowableOfType(PolicyException.class, () -> PolicyLoader.parse(
        "version: 1\nversion: 1\n", "d.yaml", n -> null)).getCause()).isInstanceOf(JacksonException.class);
    assertThat(catchThrowableOfType(PolicyException.class, () -> PolicyLoader.parse(
        "version: 1\nnetwrk: {}\n", "u.yaml", n -> null)).getCause()).isInstanceOf(JacksonException.class);
    assertThat(catchThrowableOfType(PolicyException.class, () -> PolicyLoader.parse(
        "version: 1\nguard: {deny: x}\n", "t.yaml", n -> null)).getCause()).isInstanceOf(JacksonException.class);
    assertThat(catchThrowableOfType(PolicyException.class, () -> PolicyLoader.parse(
        "version: 1\nguard: {deny: [x}\n", "y.yaml", n -> null)).getCause()).isInstanceOf(JacksonException.class);
  }

  @Test
  void loadNamesTheFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("containment.yaml");
    Files.writeString(file, "version: 1\nisolation:\n  backend: nope\n");

    PolicyException e = catchThrowableOfType(PolicyException.class, () -> PolicyLoader.load(file));

    assertThat(e.getMessage()).startsWith(file + ":3:12: isolation.backend: invalid value 'nope'");
    assertThat(Policy.fromYaml(writeValid(dir)).source()).endsWith("ok.yaml");
  }

  @Test
  void missingAndNonUtf8FilesAreClearErrors(@TempDir Path dir) throws IOException {
    assertThatThrownBy(() -> PolicyLoader.load(dir.resolve("absent.yaml")))
        .isInstanceOf(PolicyException.class).hasMessageContaining("the policy file does not exist");
    Path latin1 = dir.resolve("latin1.yaml");
    Files.write(latin1, "version: 1\n# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> PolicyLoader.load(latin1))
        .isInstanceOf(PolicyException.class).hasMessageContaining("not UTF-8");
  }

  @Test
  void workspaceParsingRefusesHostEnvironment() {
    PolicyException e = catchThrowableOfType(PolicyException.class, () -> PolicyLoader.parseWorkspace(
        "version: 1\nnetwork:\n  deny: [\"${env:HOME}.evil.example\"]\n", "ws/.containment.yaml"));

    assertThat(e.getMessage()).startsWith("ws/.containment.yaml:3:10: network.deny[0]: ${env:HOME}: a workspace"
        + " configuration cannot read host environment variables");
  }

  @Test
  void workspaceParsingKeepsWhatWasWritten() {
    PolicyLoader.Parsed parsed = PolicyLoader.parseWorkspace("version: 1\nguard: {deny: [\"Bash(make:*)\"]}\n", "w");

    assertThat(PolicyYaml.RuleYaml.texts(parsed.written().guard().deny())).containsExactly("Bash(make:*)");
    assertThat(parsed.written().guard().allow()).isNull();
    assertThat(parsed.written().network()).isNull();
    assertThat(parsed.policy().guard().deny()).containsExactly("Bash(make:*)");
  }

  private static Path writeValid(Path dir) throws IOException {
    return Files.writeString(dir.resolve("ok.yaml"), "version: 1\n");
  }

  static String fixture(String name) throws IOException {
    try (var in = PolicyLoaderTest.class.getResourceAsStream("/policies/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

}
