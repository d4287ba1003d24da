/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.yaml;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.Map;

/**
 * The policy file as Jackson binds it: every key optional ({@code null} = not written, so the default applies or, for
 * a workspace configuration, the host's value stays), enums and paths as written. {@link PolicyBinder} checks and
 * converts it to {@link dev.containment4j.policy.Policy}; the tightening of workspace configurations needs the
 * {@code null}s to tell "not written" from "written as the default".
 */
public record PolicyYaml(
    Integer version,
    IsolationYaml isolation,
    NetworkYaml network,
    GuardYaml guard,
    ContentYaml content,
    TrustYaml trust,
    AuditYaml audit) {

  /** {@code isolation:}; {@code gvisor}, {@code bubblewrap}, {@code seatbelt} hold per-backend settings. */
  public record IsolationYaml(
      String backend,
      FilesystemYaml filesystem,
      LimitsYaml limits,
      EnvYaml env,
      Map<String, Object> gvisor,
      Map<String, Object> bubblewrap,
      Map<String, Object> seatbelt) {}

  /** {@code isolation.filesystem:}. */
  public record FilesystemYaml(
      String workdir,
      List<String> allowWrite,
      List<String> denyRead,
      List<String> allowRead,
      List<String> denyWrite,
      Boolean hideHome,
      String tmp) {}

  /** {@code isolation.limits:}; numbers bound as {@code Long} so range errors can name the key. */
  public record LimitsYaml(Long wallSeconds, Long memoryMb, Long pids, Long outputBytes) {}

  /** {@code isolation.env:}. */
  public record EnvYaml(List<String> pass, Map<String, String> set) {}

  /** {@code network:}. */
  public record NetworkYaml(
      String mode,
      List<String> allow,
      List<String> deny,
      Boolean blockPrivateAddresses,
      String tls,
      Map<String, String> hosts,
      List<String> allowPrivate,
      List<CredentialYaml> credentials,
      List<String> tlsIntercept,
      List<String> tlsPassthrough) {}

  /** One entry of {@code network.credentials:}. */
  public record CredentialYaml(String host, String header, String value, String sandboxEnv) {}

  /** {@code guard:}. */
  public record GuardYaml(
      String mode, List<RuleYaml> deny, List<RuleYaml> ask, List<RuleYaml> allow, Long maxConsecutiveDenials,
      Long maxTotalDenials) {}

  /**
   * One entry of {@code guard.deny/ask/allow}: the rule as a string ({@code - "Bash(git push:*)"}), or a mapping
   * with the rule and examples checked when the policy loads ({@code - rule: ... match: [...] notMatch: [...]}).
   */
  public record RuleYaml(String rule, List<String> match, List<String> notMatch) {
    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public RuleYaml {}

    /** The rule texts of a list of entries (null stays null: the key was not written). */
    public static List<String> texts(List<RuleYaml> entries) {
      return entries == null ? null : entries.stream().map(e -> e == null ? null : e.rule()).toList();
    }

    /** The plain form: a string. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static RuleYaml of(String rule) {
      return new RuleYaml(rule, null, null);
    }
  }

  /** {@code content:}. */
  public record ContentYaml(String secrets, String injection, Long maxOutputBytes) {}

  /** {@code trust:}. */
  public record TrustYaml(String workspaceConfig) {}

  /** {@code audit:}. */
  public record AuditYaml(String jsonl) {}
}
