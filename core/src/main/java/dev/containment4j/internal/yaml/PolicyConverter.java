/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.yaml;

import dev.containment4j.internal.guard.RuleSyntax;
import dev.containment4j.internal.net.HostPattern;
import dev.containment4j.policy.Policy;
import dev.containment4j.policy.Secret;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the values of a bound {@link PolicyYaml} (paths, globs, hosts, CIDRs, rules, names, ranges, enums and how
 * settings fit together) and converts it to a {@link Policy}, filling every key that was not written with its safe
 * default. Every error names the YAML path and its location; values that came from {@code ${env:NAME}} are shown as
 * the reference, and credential values are never shown.
 */
final class PolicyConverter {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyConverter.class);

  static final List<String> DEFAULT_DENY_READ = EmbeddedDefault.DENY_READ;
  static final long DEFAULT_WALL_SECONDS = 120;
  static final long DEFAULT_MEMORY_MB = 1024;
  static final long DEFAULT_PIDS = 256;
  static final long DEFAULT_OUTPUT_BYTES = 1_048_576;
  static final long DEFAULT_MAX_CONSECUTIVE_DENIALS = 3;
  static final long DEFAULT_MAX_TOTAL_DENIALS = 20;
  static final long DEFAULT_MAX_OUTPUT_BYTES = 200_000;
  static final String DEFAULT_WORKSPACE_CONFIG = ".containment.yaml";

  /** Settings of the gVisor backend that the loader knows and checks. */
  static final List<String> GVISOR_KEYS = List.of("runsc", "platform", "poolSize", "rootless");
  static final List<String> GVISOR_PLATFORMS = List.of("ptrace", "systrap", "kvm");

  private final YamlDocument doc;
  private final EnvReferences env;
  /** Workspace configurations only tighten: warnings about what they would loosen would mislead. */
  private final boolean warn;

  private PolicyConverter(YamlDocument doc, EnvReferences env, boolean warn) {
    this.doc = doc;
    this.env = env;
    this.warn = warn;
  }

  static Policy convert(PolicyYaml y, YamlDocument doc, EnvReferences env) {
    return new PolicyConverter(doc, env, true).policy(y);
  }

  static Policy convertWorkspace(PolicyYaml y, YamlDocument doc, EnvReferences env) {
    return new PolicyConverter(doc, env, false).policy(y);
  }

  private Policy policy(PolicyYaml y) {
    if (y.version() == null) {
      throw error("version", "'version' is missing; write 'version: 1' as the first line");
    }
    if (y.version() != 1) {
      throw error("version", "unsupported version " + y.version() + "; this containment4j reads version: 1");
    }
    Policy.Isolation isolation = isolation(or(y.isolation(), new PolicyYaml.IsolationYaml(null, null, null, null,
        null, null, null)));
    Policy.Network network = network(or(y.network(), new PolicyYaml.NetworkYaml(null, null, null, null, null, null,
        null, null, null, null)));
    Policy.Guard guard = guard(or(y.guard(), new PolicyYaml.GuardYaml(null, null, null, null, null, null)));
    PolicyYaml.ContentYaml c = or(y.content(), new PolicyYaml.ContentYaml(null, null, null));
    Policy.Content content = new Policy.Content(
        enumValue("content.secrets", c.secrets(), Policy.SecretsMode.class, Policy.SecretsMode.REDACT),
        enumValue("content.injection", c.injection(), Policy.InjectionMode.class, Policy.InjectionMode.QUARANTINE),
        number("content.maxOutputBytes", c.maxOutputBytes(), DEFAULT_MAX_OUTPUT_BYTES));
    PolicyYaml.TrustYaml t = or(y.trust(), new PolicyYaml.TrustYaml(null));
    Policy.Trust trust = new Policy.Trust(workspaceConfig(or(t.workspaceConfig(), DEFAULT_WORKSPACE_CONFIG)));
    PolicyYaml.AuditYaml a = or(y.audit(), new PolicyYaml.AuditYaml(null));
    Optional<Path> jsonl = Optional.empty();
    if (a.jsonl() != null) {
      check("audit.jsonl", ValueSyntax.pathProblem(a.jsonl(), ValueSyntax.PathKind.WORKDIR));
      // a Path in the model, used as is by the audit log: expand ~ here, since nothing else will
      jsonl = Optional.of(a.jsonl().equals("~") || a.jsonl().startsWith("~/")
          ? Path.of(System.getProperty("user.home")).resolve(a.jsonl().substring(1).replaceFirst("^/", ""))
          : Path.of(a.jsonl()));
    }
    return new Policy(doc.source, isolation, network, guard, content, trust, new Policy.Audit(jsonl));
  }

  private Policy.Isolation isolation(PolicyYaml.IsolationYaml y) {
    Policy.Backend backend = enumValue("isolation.backend", y.backend(), Policy.Backend.class, Policy.Backend.AUTO);
    if (warn && backend == Policy.Backend.NONE) {
      LOG.warn("{}: isolation.backend is none: tool calls will run WITHOUT isolation", doc.source);
    }
    PolicyYaml.FilesystemYaml f = or(y.filesystem(), new PolicyYaml.FilesystemYaml(null, null, null, null, null,
        null, null));
    String workdir = or(f.workdir(), ".");
    check("isolation.filesystem.workdir", ValueSyntax.pathProblem(workdir, ValueSyntax.PathKind.WORKDIR));
    Policy.Filesystem filesystem = new Policy.Filesystem(workdir,
        paths("isolation.filesystem.allowWrite", f.allowWrite(), List.of()),
        paths("isolation.filesystem.denyRead", f.denyRead(), DEFAULT_DENY_READ),
        paths("isolation.filesystem.allowRead", f.allowRead(), List.of()),
        paths("isolation.filesystem.denyWrite", f.denyWrite(), List.of()),
        or(f.hideHome(), true),
        enumValue("isolation.filesystem.tmp", f.tmp(), Policy.TmpMode.class, Policy.TmpMode.PRIVATE));
    PolicyYaml.LimitsYaml l = or(y.limits(), new PolicyYaml.LimitsYaml(null, null, null, null));
    Policy.Limits limits = new Policy.Limits(
        Duration.ofSeconds(number("isolation.limits.wallSeconds", l.wallSeconds(), DEFAULT_WALL_SECONDS)),
        number("isolation.limits.memoryMb", l.memoryMb(), DEFAULT_MEMORY_MB),
        (int) number("isolation.limits.pids", l.pids(), DEFAULT_PIDS),
        number("isolation.limits.outputBytes", l.outputBytes(), DEFAULT_OUTPUT_BYTES));
    PolicyYaml.EnvYaml e = or(y.env(), new PolicyYaml.EnvYaml(null, null));
    List<String> pass = or(e.pass(), List.of());
    for (int i = 0; i < pass.size(); i++) {
      envName(YamlPath.index("isolation.env.pass", i), pass.get(i));
    }
    Map<String, String> set = or(e.set(), Map.of());
    for (String name : set.keySet()) {
      envName(YamlPath.child("isolation.env.set", name), name);
    }
    Map<String, Map<String, String>> backends = new LinkedHashMap<>();
    putBackend(backends, "gvisor", y.gvisor());
    putBackend(backends, "bubblewrap", y.bubblewrap());
    putBackend(backends, "seatbelt", y.seatbelt());
    return new Policy.Isolation(backend, filesystem, limits, new Policy.Env(pass, set), backends);
  }

  private void putBackend(Map<String, Map<String, String>> out, String id, Map<String, Object> settings) {
    if (settings == null) {
      return;
    }
    String base = "isolation." + id;
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : settings.entrySet()) {
      String path = YamlPath.child(base, e.getKey());
      Object v = e.getValue();
      if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
        throw error(path, "wrong type: expected a single value (string, number or boolean), found "
            + (v instanceof Map ? "a mapping" : v instanceof List ? "a list" : "nothing"));
      }
      if (id.equals("gvisor")) {
        gvisorSetting(path, e.getKey(), v);
      } else if (!ValueSyntax.isEnvName(e.getKey())) {
        throw doc.keyError(path, "'" + e.getKey() + "' is not a setting name; use letters, digits and '_'", null);
      }
      values.put(e.getKey(), v.toString());
    }
    out.put(id, values);
  }

  private void gvisorSetting(String path, String key, Object v) {
    switch (key) {
      case "runsc":
        if (!(v instanceof String s)) {
          throw error(path, "wrong type: expected the path of the runsc binary as a string");
        }
        check(path, ValueSyntax.pathProblem(s, ValueSyntax.PathKind.WORKDIR));
        break;
      case "platform":
        if (!(v instanceof String s) || !GVISOR_PLATFORMS.contains(s)) {
          throw error(path, "invalid platform '" + v + "'; valid values: " + String.join(", ", GVISOR_PLATFORMS)
              + (v instanceof String s ? "." + Suggestions.didYouMean(s, GVISOR_PLATFORMS) : ""));
        }
        break;
      case "poolSize":
        if (!(v instanceof Integer || v instanceof Long)) {
          throw error(path, "wrong type: expected a whole number; " + Ranges.hint("poolSize"));
        }
        inRange(path, ((Number) v).longValue());
        break;
      case "rootless":
        if (!(v instanceof Boolean)) {
          throw error(path, "wrong type: expected true or false without quotes");
        }
        break;
      default:
        throw doc.keyError(path, "unknown gvisor setting '" + key + "'." + Suggestions.didYouMean(key, GVISOR_KEYS)
            + " Valid keys in isolation.gvisor: " + String.join(", ", GVISOR_KEYS) + ".", null);
    }
  }

  private Policy.Network network(PolicyYaml.NetworkYaml y) {
    Policy.NetworkMode mode = enumValue("network.mode", y.mode(), Policy.NetworkMode.class, Policy.NetworkMode.NONE);
    List<String> allow = hosts("network.allow", or(y.allow(), List.of()));
    List<String> deny = hosts("network.deny", or(y.deny(), List.of()));
    Policy.TlsMode tls = enumValue("network.tls", y.tls(), Policy.TlsMode.class, Policy.TlsMode.PASSTHROUGH);
    Map<String, String> hosts = or(y.hosts(), Map.of());
    for (Map.Entry<String, String> e : hosts.entrySet()) {
      String path = YamlPath.child("network.hosts", e.getKey());
      String name = e.getKey();
      Optional<String> bad = name.contains("*") || name.contains(":")
          ? Optional.of("'" + name + "' must be a plain host name (no wildcard, no port)") : HostPattern.problem(name);
      if (bad.isPresent()) {
        throw doc.keyError(path, mask(bad.get()), null);
      }
      if (!ValueSyntax.isIpLiteral(e.getValue())) {
        throw error(path, mask("'" + e.getValue() + "' is not an IP address; write an IPv4 address such as"
            + " 10.0.0.5 (no leading zeros) or an IPv6 address such as fd00::5"));
      }
    }
    List<String> allowPrivate = or(y.allowPrivate(), List.of());
    for (int i = 0; i < allowPrivate.size(); i++) {
      check(YamlPath.index("network.allowPrivate", i), ValueSyntax.cidrProblem(allowPrivate.get(i)));
    }
    List<Policy.Credential> credentials = new ArrayList<>();
    List<PolicyYaml.CredentialYaml> cs = or(y.credentials(), List.of());
    for (int i = 0; i < cs.size(); i++) {
      credentials.add(credential(YamlPath.index("network.credentials", i), cs.get(i)));
    }
    if (!credentials.isEmpty() && mode != Policy.NetworkMode.PROXY) {
      throw error("network.mode", "credentials are injected by the egress proxy, but network.mode is "
          + lower(mode) + "; set network.mode: proxy or remove network.credentials");
    }
    List<String> tlsIntercept = hosts("network.tlsIntercept", or(y.tlsIntercept(), List.of()));
    List<String> tlsPassthrough = hosts("network.tlsPassthrough", or(y.tlsPassthrough(), List.of()));
    for (int i = 0; i < credentials.size(); i++) {
      String host = credentials.get(i).host();
      Optional<String> excluded = tlsPassthrough.stream().filter(e -> HostPattern.covers(e, host)).findFirst();
      if (excluded.isPresent()) {
        throw error(YamlPath.child(YamlPath.index("network.credentials", i), "host"), "'" + host + "' is bound to a"
            + " credential, but network.tlsPassthrough entry '" + excluded.get() + "' keeps its TLS closed to the"
            + " proxy, so the credential could never be injected over HTTPS; remove the entry from"
            + " network.tlsPassthrough or the binding");
      }
      boolean intercepted = tls == Policy.TlsMode.INTERCEPT
          || tlsIntercept.stream().anyMatch(e -> HostPattern.covers(e, host));
      if (warn && !intercepted) {
        // Binding works on plain HTTP without interception; over HTTPS the proxy cannot see the header, so it
        // refuses tunnels to a bound host (credential-needs-interception) rather than let an unseen credential by.
        LOG.warn("{}: TLS to {} is not intercepted, so its credential is injected on plain HTTP only; HTTPS requests"
            + " to it are refused. Set network.tls: intercept or add it to network.tlsIntercept", doc.source, host);
      }
    }
    if (warn && mode == Policy.NetworkMode.NONE && !allow.isEmpty()) {
      LOG.warn("{}: network.mode is none, so network.allow ({} entries) has no effect", doc.source, allow.size());
    }
    if (warn && mode == Policy.NetworkMode.HOST) {
      LOG.warn("{}: network.mode is host: the sandbox uses the host network unfiltered", doc.source);
    }
    return new Policy.Network(mode, allow, deny, or(y.blockPrivateAddresses(), true), tls, hosts, allowPrivate,
        credentials, tlsIntercept, tlsPassthrough);
  }

  private Policy.Credential credential(String path, PolicyYaml.CredentialYaml c) {
    String valid = "; a credential needs host, header and value (sandboxEnv is optional), e.g. {host: api.github.com,"
        + " header: Authorization, value: \"Bearer ${env:GITHUB_TOKEN}\", sandboxEnv: GITHUB_TOKEN}";
    if (c.host() == null) {
      throw error(path, "'host' is missing" + valid);
    }
    if (c.header() == null) {
      throw error(path, "'header' is missing" + valid);
    }
    if (c.value() == null) {
      throw error(path, "'value' is missing" + valid);
    }
    check(path + ".host", HostPattern.problem(c.host()));
    if (!ValueSyntax.isHeaderName(c.header())) {
      throw error(path + ".header", mask("'" + c.header() + "' is not an HTTP header name; write a name such as"
          + " Authorization or X-Api-Key"));
    }
    List<String> refs = env.referencesAt(path + ".value");
    if (c.value().isBlank()) {
      throw error(path + ".value", "the credential value is empty"
          + (refs.isEmpty() ? "" : " after resolving " + String.join(", ", refs) + " (the variable is set but empty)")
          + "; give the real value, preferably as \"${env:NAME}\"");
    }
    if (c.sandboxEnv() != null) {
      envName(path + ".sandboxEnv", c.sandboxEnv());
    }
    String origin = refs.isEmpty() ? path + ".value (written in " + doc.source + ")" : String.join(" ", refs);
    if (warn && refs.isEmpty()) {
      LOG.warn("{}: {}.value is written in the policy file; prefer \"${env:NAME}\" so the file holds no secret",
          doc.source, path);
    }
    return new Policy.Credential(c.host(), c.header(), Secret.of(c.value(), origin), c.sandboxEnv());
  }

  private Policy.Guard guard(PolicyYaml.GuardYaml y) {
    Policy.GuardMode mode = enumValue("guard.mode", y.mode(), Policy.GuardMode.class, Policy.GuardMode.AUTO);
    long consecutive = number("guard.maxConsecutiveDenials", y.maxConsecutiveDenials(),
        DEFAULT_MAX_CONSECUTIVE_DENIALS);
    long total = number("guard.maxTotalDenials", y.maxTotalDenials(), DEFAULT_MAX_TOTAL_DENIALS);
    if (consecutive > total) {
      throw error(y.maxConsecutiveDenials() != null ? "guard.maxConsecutiveDenials" : "guard.maxTotalDenials",
          "maxConsecutiveDenials (" + consecutive + ") is larger than maxTotalDenials (" + total + "), so it could"
              + " never trigger; make maxTotalDenials at least " + consecutive);
    }
    return new Policy.Guard(mode, rules("guard.deny", y.deny()), rules("guard.ask", y.ask()),
        rules("guard.allow", y.allow()), (int) consecutive, (int) total);
  }

  private List<String> rules(String path, List<PolicyYaml.RuleYaml> rules) {
    List<PolicyYaml.RuleYaml> entries = or(rules, List.of());
    List<String> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      PolicyYaml.RuleYaml r = entries.get(i);
      String at = YamlPath.index(path, i);
      if (r == null || r.rule() == null) {
        throw error(at, "a rule entry is a string such as \"Bash(git push:*)\", or a mapping with 'rule:' and"
            + " optional 'match:' / 'notMatch:' example lists; this entry has no rule");
      }
      boolean mapping = r.match() != null || r.notMatch() != null || doc.node(at) != null && doc.node(at).isObject();
      check(mapping ? YamlPath.child(at, "rule") : at, RuleSyntax.problem(r.rule()));
      examples(at, r.rule(), "match", or(r.match(), List.of()), true);
      examples(at, r.rule(), "notMatch", or(r.notMatch(), List.of()), false);
      out.add(r.rule());
    }
    return List.copyOf(out);
  }

  /** Each example must (match) or must not (notMatch) be matched by the rule; a wrong one is an error at its line. */
  private void examples(String at, String rule, String key, List<String> examples, boolean mustMatch) {
    for (int j = 0; j < examples.size(); j++) {
      String e = examples.get(j);
      String where = YamlPath.index(YamlPath.child(at, key), j);
      if (e == null || e.isBlank()) {
        throw error(where, "an example is a non-empty string: a command for Bash, a path for Read/Write/Edit, a URL"
            + " or host for Fetch, server/tool for Mcp");
      }
      check(where, RuleSyntax.checkExamples(rule, mustMatch ? List.of(e) : List.of(),
          mustMatch ? List.of() : List.of(e)));
    }
  }

  private List<String> hosts(String path, List<String> entries) {
    for (int i = 0; i < entries.size(); i++) {
      check(YamlPath.index(path, i), HostPattern.problem(entries.get(i)));
    }
    return entries;
  }

  private List<String> paths(String path, List<String> entries, List<String> defaults) {
    if (entries == null) {
      return defaults;
    }
    for (int i = 0; i < entries.size(); i++) {
      check(YamlPath.index(path, i), ValueSyntax.pathProblem(entries.get(i), ValueSyntax.PathKind.ENTRY));
    }
    return entries;
  }

  private String workspaceConfig(String name) {
    if (name.isBlank() || name.startsWith("/") || name.startsWith("~") || name.contains("\\")
        || Arrays.asList(name.split("/")).contains("..") || name.chars().anyMatch(ch -> ch == '*' || ch == '?'
        || ch == '[' || ch == '{' || Character.isISOControl(ch))) {
      throw error("trust.workspaceConfig", "'" + name + "' must be a file name relative to the workspace folder,"
          + " without '..' or globs, e.g. .containment.yaml");
    }
    return name;
  }

  private void envName(String path, String name) {
    if (!ValueSyntax.isEnvName(name)) {
      throw error(path, mask("'" + name + "' is not an environment variable name; use letters, digits and '_',"
          + " not starting with a digit, e.g. GITHUB_TOKEN"));
    }
  }

  private long number(String path, Long value, long defaultValue) {
    if (value == null) {
      return defaultValue;
    }
    inRange(path, value);
    return value;
  }

  private void inRange(String path, long value) {
    Ranges.Range r = Ranges.BY_KEY.get(YamlPath.lastKey(path));
    if (value < r.min() || value > r.max()) {
      throw error(path, (value < 1 ? "must be positive, found " : "out of range: ") + value + "; "
          + Ranges.hint(YamlPath.lastKey(path)));
    }
  }

  private <E extends Enum<E>> E enumValue(String path, String written, Class<E> type, E defaultValue) {
    if (written == null) {
      return defaultValue;
    }
    List<String> valid = new ArrayList<>();
    for (E e : type.getEnumConstants()) {
      if (lower(e).equals(written)) {
        return e;
      }
      valid.add(lower(e));
    }
    throw error(path, mask("invalid value '" + written + "'; valid values: " + String.join(", ", valid) + "."
        + Suggestions.didYouMean(written, valid)));
  }

  static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private void check(String path, Optional<String> problem) {
    if (problem.isPresent()) {
      throw error(path, mask(problem.get()));
    }
  }

  private String mask(String message) {
    return env.mask(message);
  }

  private dev.containment4j.PolicyException error(String path, String problem) {
    return doc.error(path, mask(problem));
  }

  private static <T> T or(T value, T defaultValue) {
    return value != null ? value : defaultValue;
  }
}
