/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.trust;

import dev.containment4j.internal.yaml.PolicyLoader;
import dev.containment4j.internal.yaml.PolicyYaml;
import dev.containment4j.policy.Policy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Combines the host policy with a trusted workspace configuration so that the result is never looser than the host:
 * lists that restrict are united, lists that permit are intersected with the host's, numbers take the minimum, modes
 * the stricter value; whatever a workspace may not set (credentials, hosts, environment, backend settings, trust,
 * audit) is ignored. Only keys the workspace wrote count: an absent key keeps the host's value. Every change and
 * every ignored setting is reported.
 */
public final class Tightening {
  /** What was applied and what was ignored, in words for the audit log. */
  public record Result(Policy policy, List<String> applied, List<String> ignored) {
    public Result {
      applied = List.copyOf(applied);
      ignored = List.copyOf(ignored);
    }
  }

  private final List<String> applied = new ArrayList<>();
  private final List<String> ignored = new ArrayList<>();

  private Tightening() {}

  public static Result apply(Policy host, PolicyLoader.Parsed workspace, String source) {
    return new Tightening().run(host, workspace, source);
  }

  private Result run(Policy host, PolicyLoader.Parsed ws, String source) {
    PolicyYaml w = ws.written();
    Policy p = ws.policy();
    Policy.Isolation isolation = isolation(host.isolation(), w.isolation(), p.isolation());
    Policy.Network network = network(host.network(), w.network(), p.network());
    Policy.Guard guard = guard(host.guard(), w.guard(), p.guard());
    Policy.Content content = content(host.content(), w.content(), p.content());
    if (w.trust() != null) {
      ignored.add("trust: ignored: only the host names the workspace configuration file");
    }
    if (w.audit() != null) {
      ignored.add("audit: ignored: only the host decides where audit events go");
    }
    if (!ws.profiles().isEmpty()) {
      ignored.add("profiles: ignored: the host selects profiles from its own policy only");
    }
    Policy result = new Policy(host.source() + " tightened by " + source, isolation, network, guard, content,
        host.trust(), host.audit());
    return new Result(result, applied, ignored);
  }

  private Policy.Isolation isolation(Policy.Isolation h, PolicyYaml.IsolationYaml w, Policy.Isolation p) {
    if (w == null) {
      return h;
    }
    Policy.Backend backend = h.backend();
    if (w.backend() != null && p.backend() != h.backend()) {
      if (p.backend() == Policy.Backend.NONE) {
        ignored.add("isolation.backend: none ignored: a workspace cannot turn isolation off");
      } else if (h.backend() == Policy.Backend.AUTO && p.backend() != Policy.Backend.AUTO) {
        backend = p.backend();
        applied.add("isolation.backend: auto -> " + p.backend().id());
      } else {
        ignored.add("isolation.backend: " + p.backend().id() + " ignored: the host chose " + h.backend().id());
      }
    }
    Policy.Filesystem fs = filesystem(h.filesystem(), w.filesystem(), p.filesystem());
    Policy.Limits limits = limits(h.limits(), w.limits(), p.limits());
    if (w.env() != null) {
      ignored.add("isolation.env: ignored: a workspace cannot pass host variables or set the sandbox environment");
    }
    for (String id : new String[] {"gvisor", "bubblewrap", "seatbelt"}) {
      if (p.backends().containsKey(id)) {
        ignored.add("isolation." + id + ": ignored: backend settings (binaries, pools) come from the host only");
      }
    }
    return new Policy.Isolation(backend, fs, limits, h.env(), h.backends());
  }

  private Policy.Filesystem filesystem(Policy.Filesystem h, PolicyYaml.FilesystemYaml w, Policy.Filesystem p) {
    if (w == null) {
      return h;
    }
    if (w.workdir() != null && !w.workdir().equals(h.workdir())) {
      ignored.add("isolation.filesystem.workdir: " + w.workdir() + " ignored: the host chose " + h.workdir());
    }
    boolean hideHome = h.hideHome();
    if (w.hideHome() != null && p.hideHome() != h.hideHome()) {
      if (p.hideHome()) {
        hideHome = true;
        applied.add("isolation.filesystem.hideHome: true");
      } else {
        ignored.add("isolation.filesystem.hideHome: false ignored: a workspace cannot show the home directory");
      }
    }
    return new Policy.Filesystem(h.workdir(),
        intersect("isolation.filesystem.allowWrite", h.allowWrite(), w.allowWrite(), Function.identity()),
        union("isolation.filesystem.denyRead", h.denyRead(), w.denyRead()),
        intersect("isolation.filesystem.allowRead", h.allowRead(), w.allowRead(), Function.identity()),
        union("isolation.filesystem.denyWrite", h.denyWrite(), w.denyWrite()),
        hideHome, h.tmp());
  }

  private Policy.Limits limits(Policy.Limits h, PolicyYaml.LimitsYaml w, Policy.Limits p) {
    if (w == null) {
      return h;
    }
    long wall = min("isolation.limits.wallSeconds", h.wall().toSeconds(), w.wallSeconds(), p.wall().toSeconds());
    long memory = min("isolation.limits.memoryMb", h.memoryMb(), w.memoryMb(), p.memoryMb());
    long pids = min("isolation.limits.pids", h.pids(), w.pids(), p.pids());
    long output = min("isolation.limits.outputBytes", h.outputBytes(), w.outputBytes(), p.outputBytes());
    return new Policy.Limits(wall == h.wall().toSeconds() ? h.wall() : Duration.ofSeconds(wall), memory, (int) pids,
        output);
  }

  private Policy.Network network(Policy.Network h, PolicyYaml.NetworkYaml w, Policy.Network p) {
    if (w == null) {
      return h;
    }
    Policy.NetworkMode mode = stricter("network.mode", h.mode(), w.mode(), p.mode(),
        List.of(Policy.NetworkMode.HOST, Policy.NetworkMode.PROXY, Policy.NetworkMode.NONE));
    boolean block = h.blockPrivateAddresses();
    if (w.blockPrivateAddresses() != null && p.blockPrivateAddresses() != block) {
      if (p.blockPrivateAddresses()) {
        block = true;
        applied.add("network.blockPrivateAddresses: true");
      } else {
        ignored.add("network.blockPrivateAddresses: false ignored: a workspace cannot open private addresses");
      }
    }
    if (w.tls() != null && p.tls() != h.tls()) {
      ignored.add("network.tls: " + p.tls().name().toLowerCase(Locale.ROOT) + " ignored: the host chose "
          + h.tls().name().toLowerCase(Locale.ROOT));
    }
    if (w.tlsIntercept() != null || w.tlsPassthrough() != null) {
      ignored.add("network.tlsIntercept/tlsPassthrough: ignored: the host chooses where TLS is intercepted");
    }
    if (w.hosts() != null) {
      ignored.add("network.hosts: ignored: a workspace cannot map names to addresses");
    }
    if (w.allowPrivate() != null) {
      ignored.add("network.allowPrivate: ignored: a workspace cannot exempt private addresses");
    }
    if (w.credentials() != null) {
      ignored.add("network.credentials: ignored: credentials come from the host policy only");
    }
    return new Policy.Network(mode, intersect("network.allow", h.allow(), w.allow(), Tightening::hostKey),
        union("network.deny", h.deny(), w.deny()), block, h.tls(), h.hosts(), h.allowPrivate(), h.credentials(),
        h.tlsIntercept(), h.tlsPassthrough());
  }

  private Policy.Guard guard(Policy.Guard h, PolicyYaml.GuardYaml w, Policy.Guard p) {
    if (w == null) {
      return h;
    }
    Policy.GuardMode mode = stricter("guard.mode", h.mode(), w.mode(), p.mode(),
        List.of(Policy.GuardMode.AUTO, Policy.GuardMode.ASK, Policy.GuardMode.DENY));
    long consecutive = min("guard.maxConsecutiveDenials", h.maxConsecutiveDenials(), w.maxConsecutiveDenials(),
        p.maxConsecutiveDenials());
    long total = min("guard.maxTotalDenials", h.maxTotalDenials(), w.maxTotalDenials(), p.maxTotalDenials());
    return new Policy.Guard(mode, union("guard.deny", h.deny(), PolicyYaml.RuleYaml.texts(w.deny())),
        union("guard.ask", h.ask(), PolicyYaml.RuleYaml.texts(w.ask())),
        intersect("guard.allow", h.allow(), PolicyYaml.RuleYaml.texts(w.allow()), Function.identity()),
        (int) consecutive, (int) total);
  }

  private Policy.Content content(Policy.Content h, PolicyYaml.ContentYaml w, Policy.Content p) {
    if (w == null) {
      return h;
    }
    Policy.SecretsMode secrets = stricter("content.secrets", h.secrets(), w.secrets(), p.secrets(),
        List.of(Policy.SecretsMode.OFF, Policy.SecretsMode.REDACT, Policy.SecretsMode.BLOCK));
    Policy.InjectionMode injection = stricter("content.injection", h.injection(), w.injection(), p.injection(),
        List.of(Policy.InjectionMode.OFF, Policy.InjectionMode.ANNOTATE, Policy.InjectionMode.QUARANTINE));
    long max = min("content.maxOutputBytes", h.maxOutputBytes(), w.maxOutputBytes(), p.maxOutputBytes());
    return new Policy.Content(secrets, injection, max);
  }

  /** Host entries plus the workspace's new ones. */
  private List<String> union(String key, List<String> host, List<String> written) {
    if (written == null) {
      return host;
    }
    Set<String> out = new LinkedHashSet<>(host);
    for (String s : written) {
      if (out.add(s)) {
        applied.add(key + ": added " + s);
      }
    }
    return List.copyOf(out);
  }

  /** Host entries the workspace also lists; workspace entries the host lacks are dropped and reported. */
  private List<String> intersect(String key, List<String> host, List<String> written, Function<String, String> norm) {
    if (written == null) {
      return host;
    }
    Set<String> wanted = new LinkedHashSet<>();
    written.forEach(s -> wanted.add(norm.apply(s)));
    Set<String> hostKeys = new LinkedHashSet<>();
    host.forEach(s -> hostKeys.add(norm.apply(s)));
    List<String> out = new ArrayList<>();
    for (String s : host) {
      if (wanted.contains(norm.apply(s))) {
        out.add(s);
      } else {
        applied.add(key + ": removed " + s);
      }
    }
    for (String s : written) {
      if (!hostKeys.contains(norm.apply(s))) {
        ignored.add(key + ": " + s + " dropped: the host policy does not allow it");
      }
    }
    return out;
  }

  private long min(String key, long host, Long written, long parsed) {
    if (written == null || parsed == host) {
      return host;
    }
    if (parsed < host) {
      applied.add(key + ": " + host + " -> " + parsed);
      return parsed;
    }
    ignored.add(key + ": " + parsed + " ignored: higher than the host's " + host);
    return host;
  }

  /** {@code order} runs from loosest to strictest. */
  private <E extends Enum<E>> E stricter(String key, E host, String written, E parsed, List<E> order) {
    if (written == null || parsed == host) {
      return host;
    }
    if (order.indexOf(parsed) > order.indexOf(host)) {
      applied.add(key + ": " + lower(host) + " -> " + lower(parsed));
      return parsed;
    }
    ignored.add(key + ": " + lower(parsed) + " ignored: looser than the host's " + lower(host));
    return host;
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /** Host names compare without case and trailing dot. */
  private static String hostKey(String entry) {
    String s = entry.strip().toLowerCase(Locale.ROOT);
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }
}
