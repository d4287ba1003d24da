/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.policy;

import dev.containment4j.internal.yaml.PolicyLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A containment policy: isolation, network, guard, content filter, trust and audit settings. Immutable; every default
 * is safe. Load one with {@link #fromYaml(Path)} or start from {@link #defaults()}, the embedded default policy.
 *
 * <pre>{@code
 * Policy policy = Policy.fromYaml(Path.of("containment.yaml"));
 * Containment c = Containment.with(policy);
 * }</pre>
 *
 * @param source where the policy came from (a file name, {@code <embedded default>}, ...)
 * @since 0.1
 */
public record Policy(
    String source,
    Isolation isolation,
    Network network,
    Guard guard,
    Content content,
    Trust trust,
    Audit audit) {

  public Policy {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(isolation, "isolation");
    Objects.requireNonNull(network, "network");
    Objects.requireNonNull(guard, "guard");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(audit, "audit");
  }

  /**
   * Loads and validates a policy file. {@code ${env:NAME}} references are resolved on the host.
   *
   * @throws dev.containment4j.PolicyException naming file, line, column and the fix when the policy is invalid
   */
  public static Policy fromYaml(Path file) {
    return PolicyLoader.load(file);
  }

  /**
   * Loads a policy file with one of its {@code profiles:} merged over the top-level policy (see
   * {@code docs/policy.md}, "Profiles").
   *
   * @param profile the profile name; {@code null} for the top-level policy
   * @throws dev.containment4j.PolicyException when the policy or the profile is invalid, or there is no such profile
   * @since 0.1
   */
  public static Policy fromYaml(Path file, String profile) {
    return PolicyLoader.load(file, profile);
  }

  /** Loads a policy from YAML text; {@code sourceName} names it in error messages. */
  public static Policy fromYaml(String yaml, String sourceName) {
    return PolicyLoader.parse(yaml, sourceName);
  }

  /** The embedded default policy (see {@code docs/policy.md}). */
  public static Policy defaults() {
    return PolicyLoader.defaults();
  }

  /** A copy that uses another isolation backend (the CLI's {@code --backend}). */
  public Policy withBackend(Backend backend) {
    Isolation i = isolation;
    return new Policy(source, new Isolation(backend, i.filesystem(), i.limits(), i.env(), i.backends()), network,
        guard, content, trust, audit);
  }

  /** Per-backend choice. */
  public enum Backend {
    AUTO, BUBBLEWRAP, GVISOR, SEATBELT, NONE;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The backend with this id ({@code auto}, {@code bubblewrap}, ...). */
    public static Backend ofId(String id) {
      for (Backend b : values()) {
        if (b.id().equals(id)) {
          return b;
        }
      }
      throw new IllegalArgumentException("unknown backend '" + id + "'; valid: auto, bubblewrap, gvisor, seatbelt,"
          + " none");
    }
  }

  /** How the sandbox reaches the network. */
  public enum NetworkMode {
    /** No network at all (loopback only). */
    NONE,
    /** Only through the egress proxy, for allowed hosts. */
    PROXY,
    /** The host's network, unfiltered. Needs an explicit opt-in. */
    HOST
  }

  /** What the egress proxy does with TLS. */
  public enum TlsMode {
    PASSTHROUGH, INTERCEPT
  }

  /** Private {@code /tmp} or the host's. */
  public enum TmpMode {
    PRIVATE
  }

  /** What the guard does with calls no rule decides. */
  public enum GuardMode {
    /** The built-in classifier decides. */
    AUTO,
    /** Ask a human (deny when there is no approver). */
    ASK,
    /** Deny. */
    DENY
  }

  public enum SecretsMode {
    REDACT, BLOCK, OFF
  }

  public enum InjectionMode {
    QUARANTINE, ANNOTATE, OFF
  }

  /**
   * {@code isolation:}.
   *
   * @param backend which backend, or {@code auto}
   * @param filesystem what the sandbox may read and write
   * @param limits resource limits
   * @param env environment passed into the sandbox
   * @param backends per-backend settings, by backend id (for example {@code gvisor: {runsc: /usr/bin/runsc}})
   */
  public record Isolation(
      Backend backend, Filesystem filesystem, Limits limits, Env env, Map<String, Map<String, String>> backends) {
    public Isolation {
      Objects.requireNonNull(backend, "backend");
      Objects.requireNonNull(filesystem, "filesystem");
      Objects.requireNonNull(limits, "limits");
      Objects.requireNonNull(env, "env");
      backends = Map.copyOf(backends);
    }

    /** Settings of one backend; empty when the policy has none. */
    public Map<String, String> backend(String id) {
      return backends.getOrDefault(id, Map.of());
    }
  }

  /**
   * {@code isolation.filesystem:}. Path entries are kept as written ({@code ~}, relative paths, globs); backends
   * resolve them against the workdir and home through {@code dev.containment4j.spi.FilesystemView}.
   *
   * @param workdir the writable workspace; relative to the current directory; empty means the current directory
   * @param allowWrite more read-write host paths
   * @param denyRead paths that read as empty (files) or empty directories
   * @param allowRead read-only carve-outs inside {@code denyRead}
   * @param denyWrite read-only carve-outs inside writable paths
   * @param hideHome whether {@code $HOME} is an empty tmpfs except the workdir
   * @param tmp private {@code /tmp}
   */
  public record Filesystem(
      String workdir,
      List<String> allowWrite,
      List<String> denyRead,
      List<String> allowRead,
      List<String> denyWrite,
      boolean hideHome,
      TmpMode tmp) {
    public Filesystem {
      workdir = workdir == null || workdir.isEmpty() ? "." : workdir;
      allowWrite = List.copyOf(allowWrite);
      denyRead = List.copyOf(denyRead);
      allowRead = List.copyOf(allowRead);
      denyWrite = List.copyOf(denyWrite);
      Objects.requireNonNull(tmp, "tmp");
    }
  }

  /**
   * {@code isolation.limits:}.
   *
   * @param wall wall-time limit of one call
   * @param memoryMb memory limit in MiB
   * @param pids maximum number of processes/threads
   * @param outputBytes maximum bytes captured per stream (the rest is drained and dropped)
   */
  public record Limits(Duration wall, long memoryMb, int pids, long outputBytes) {
    public Limits {
      Objects.requireNonNull(wall, "wall");
      if (wall.isNegative() || wall.isZero() || memoryMb <= 0 || pids <= 0 || outputBytes <= 0) {
        throw new IllegalArgumentException("limits must be positive");
      }
    }
  }

  /**
   * {@code isolation.env:}. The host environment is not inherited: only PATH, HOME, LANG, LC_*, TERM, TZ, USER, the
   * names in {@code pass}, and the fixed values in {@code set}.
   */
  public record Env(List<String> pass, Map<String, String> set) {
    public Env {
      pass = List.copyOf(pass);
      set = Map.copyOf(set);
    }
  }

  /**
   * {@code network:}.
   *
   * @param mode none, proxy or host
   * @param allow allowed hosts ({@code example.com}, {@code *.example.com} for subdomains only, optional {@code :port})
   * @param deny denied hosts; deny wins over allow
   * @param blockPrivateAddresses refuse names that resolve to loopback, link-local, private or own addresses
   * @param tls passthrough or intercept: what the proxy does with TLS to hosts neither list below names
   * @param hosts static name to IP map
   * @param allowPrivate CIDRs exempted from {@code blockPrivateAddresses}
   * @param credentials credential bindings injected by the proxy
   * @param tlsIntercept hosts intercepted even when {@code tls} is passthrough (same syntax as {@code allow})
   * @param tlsPassthrough hosts never intercepted (certificate pinning, mTLS clients); beats {@code tlsIntercept}
   */
  public record Network(
      NetworkMode mode,
      List<String> allow,
      List<String> deny,
      boolean blockPrivateAddresses,
      TlsMode tls,
      Map<String, String> hosts,
      List<String> allowPrivate,
      List<Credential> credentials,
      List<String> tlsIntercept,
      List<String> tlsPassthrough) {
    public Network {
      Objects.requireNonNull(mode, "mode");
      allow = List.copyOf(allow);
      deny = List.copyOf(deny);
      Objects.requireNonNull(tls, "tls");
      hosts = Map.copyOf(hosts);
      allowPrivate = List.copyOf(allowPrivate);
      credentials = List.copyOf(credentials);
      tlsIntercept = List.copyOf(tlsIntercept);
      tlsPassthrough = List.copyOf(tlsPassthrough);
    }

    /** One TLS mode for every host (no per-host lists). */
    public Network(NetworkMode mode, List<String> allow, List<String> deny, boolean blockPrivateAddresses,
        TlsMode tls, Map<String, String> hosts, List<String> allowPrivate, List<Credential> credentials) {
      this(mode, allow, deny, blockPrivateAddresses, tls, hosts, allowPrivate, credentials, List.of(), List.of());
    }

    /** Whether the proxy may intercept TLS to any host: the CA exists and its certificate goes into the sandbox. */
    public boolean interceptsAny() {
      return tls == TlsMode.INTERCEPT || !tlsIntercept.isEmpty();
    }
  }

  /**
   * One credential binding: the sandbox sees a placeholder in {@code sandboxEnv}; the proxy puts the real value into
   * {@code header} on requests to {@code host} only.
   */
  public record Credential(String host, String header, Secret value, String sandboxEnv) {
    public Credential {
      Objects.requireNonNull(host, "host");
      Objects.requireNonNull(header, "header");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * {@code guard:}. Rules are kept as written; the guard compiles them (and the loader has already checked them).
   *
   * @param mode what decides calls no rule matches
   * @param deny deny rules (checked first)
   * @param ask ask rules
   * @param allow allow rules
   * @param maxConsecutiveDenials after this many denials in a row, a session stops
   * @param maxTotalDenials after this many denials in all, a session stops
   */
  public record Guard(
      GuardMode mode, List<String> deny, List<String> ask, List<String> allow, int maxConsecutiveDenials,
      int maxTotalDenials) {
    public Guard {
      Objects.requireNonNull(mode, "mode");
      deny = List.copyOf(deny);
      ask = List.copyOf(ask);
      allow = List.copyOf(allow);
    }
  }

  /** {@code content:}. */
  public record Content(SecretsMode secrets, InjectionMode injection, long maxOutputBytes) {
    public Content {
      Objects.requireNonNull(secrets, "secrets");
      Objects.requireNonNull(injection, "injection");
    }
  }

  /** {@code trust:}: the name of the workspace configuration file read only after the host grants trust. */
  public record Trust(String workspaceConfig) {
    public Trust {
      Objects.requireNonNull(workspaceConfig, "workspaceConfig");
    }
  }

  /** {@code audit:}: the JSON-lines file, if any. */
  public record Audit(java.util.Optional<Path> jsonl) {
    public Audit {
      Objects.requireNonNull(jsonl, "jsonl");
    }
  }
}
