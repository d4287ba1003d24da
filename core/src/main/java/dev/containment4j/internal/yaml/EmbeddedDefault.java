/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.yaml;

import dev.containment4j.policy.Policy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded default policy ({@code default-policy.yaml}, the documented source) written out as Java, so that
 * {@code Policy.defaults()} does not start the YAML parser and Jackson: for a short-lived process such as
 * {@code containment run} that start-up (about 650 classes, 0.4 s of CPU on the measured host) was the largest cost.
 * {@code EmbeddedDefaultTest} parses the YAML with the strict loader and requires it to equal this object, so the
 * two cannot drift apart and the YAML stays validated.
 */
final class EmbeddedDefault {
  private EmbeddedDefault() {}

  /**
   * Hidden paths of the default policy, and the default of {@code isolation.filesystem.denyRead} in any policy file
   * that leaves the key out: a file that only sets the network must not expose what the default hides.
   */
  static final List<String> DENY_READ = List.of(
      "~/.ssh", "~/.aws", "~/.config/gcloud", "~/.kube", "~/.docker", "~/.netrc", "~/.gnupg",
      "/etc/shadow", "/etc/shadow-", "/etc/gshadow", "/etc/gshadow-", "/etc/security/opasswd",
      "/etc/sudoers", "/etc/sudoers.d", "/etc/ssh/ssh_host_*_key",
      "/etc/ssl/private", "/etc/pki/tls/private", "/etc/letsencrypt", "/etc/krb5.keytab", "/run/secrets",
      "/var/run/secrets", "/run/credentials", "/etc/credstore", "/etc/kubernetes", "/etc/rancher",
      "/etc/gitlab-runner", "/etc/wireguard", "/etc/NetworkManager/system-connections", "/etc/mysql/debian.cnf",
      "/var/lib/cloud", "/var/spool/cron",
      "/root", "/home", "/run/user");

  static Policy policy() {
    Policy.Filesystem filesystem = new Policy.Filesystem(".", List.of(), DENY_READ,
        List.of(), List.of(), true, Policy.TmpMode.PRIVATE);
    Policy.Isolation isolation = new Policy.Isolation(Policy.Backend.AUTO, filesystem,
        new Policy.Limits(Duration.ofSeconds(120), 1024, 256, 1_048_576), new Policy.Env(List.of(), Map.of()),
        Map.of());
    Policy.Network network = new Policy.Network(Policy.NetworkMode.NONE, List.of(), List.of(), true,
        Policy.TlsMode.PASSTHROUGH, Map.of(), List.of(), List.of());
    Policy.Guard guard = new Policy.Guard(Policy.GuardMode.AUTO,
        List.of("Read(~/.ssh/**)", "Read(~/.aws/**)", "Read(~/.config/gcloud/**)", "Read(~/.kube/**)",
            "Read(~/.docker/config.json)", "Read(~/.gnupg/**)", "Read(~/.netrc)",
            "Bash(rm -rf /)", "Bash(rm -rf /:*)", "Bash(rm -rf ~)", "Bash(rm -rf ~/:*)",
            "Bash(rm -rf $HOME:*)",
            "Bash(curl * | sh)", "Bash(wget * | sh)"),
        List.of(), List.of(), 3, 20);
    Policy.Content content = new Policy.Content(Policy.SecretsMode.REDACT, Policy.InjectionMode.QUARANTINE, 200_000);
    return new Policy(PolicyLoader.DEFAULT_SOURCE, isolation, network, guard, content,
        new Policy.Trust(".containment.yaml"), new Policy.Audit(Optional.empty()));
  }
}
