/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

import dev.containment4j.policy.Policy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Policies and inputs for the profile tests; paths are synthetic, so nothing depends on the test machine. */
final class Fixtures {
  static final Path HOME = Path.of("/Users/dev");
  static final Path WORKDIR = Path.of("/Users/dev/proj");
  static final Path TMP = Path.of("/private/var/folders/xy/abc/T/containment4j-seatbelt-1");
  static final String TAG = "containment4j:0123abcd:call-1";

  private Fixtures() {}

  /** The embedded default policy with another filesystem section and network mode. */
  static Policy policy(Policy.Filesystem fs, Policy.NetworkMode mode) {
    Policy d = Policy.defaults();
    Policy.Isolation i = d.isolation();
    Policy.Network n = d.network();
    return new Policy("test", new Policy.Isolation(i.backend(), fs, i.limits(), i.env(), i.backends()),
        new Policy.Network(mode, n.allow(), n.deny(), n.blockPrivateAddresses(), n.tls(), n.hosts(),
            n.allowPrivate(), n.credentials()), d.guard(), d.content(), d.trust(), d.audit());
  }

  static Policy.Filesystem fs(List<String> allowWrite, List<String> denyRead, List<String> allowRead,
      List<String> denyWrite, boolean hideHome) {
    return new Policy.Filesystem(".", allowWrite, denyRead, allowRead, denyWrite, hideHome, Policy.TmpMode.PRIVATE);
  }

  /** Resolution without a filesystem: {@code /tmp} and {@code /var} map to {@code /private} as on macOS. */
  static final UnaryOperator<Path> MAC_LIKE = p -> {
    String s = p.toString();
    for (String link : List.of("/tmp", "/var", "/etc")) {
      if (s.equals(link) || s.startsWith(link + "/")) {
        return Path.of("/private" + s);
      }
    }
    return p;
  };

  static ProfileInput input(Policy policy, Path workdir, Path home, NetworkAccess net) {
    return ProfilePlan.input(policy, workdir, home, TMP, net, TAG, new PathResolver(workdir, home, MAC_LIKE));
  }

  static ProfileInput input(Policy policy, NetworkAccess net) {
    return input(policy, WORKDIR, HOME, net);
  }

  /** The named scenarios that have golden files. */
  static Map<String, ProfileInput> scenarios() {
    return Map.of(
        "default-policy", input(Policy.defaults(), NetworkAccess.none("network.mode: none")),
        "minimal", input(policy(fs(List.of(), List.of(), List.of(), List.of(), false), Policy.NetworkMode.NONE),
            NetworkAccess.none("network.mode: none")),
        "proxy", input(policy(fs(List.of(), List.of("~/.ssh"), List.of(), List.of(), false),
            Policy.NetworkMode.PROXY), NetworkAccess.proxy(List.of(3128, 1080))),
        "host-network", input(policy(fs(List.of(), List.of(), List.of(), List.of(), false), Policy.NetworkMode.HOST),
            NetworkAccess.host()),
        "carve-outs", input(policy(fs(List.of("~/.cache/tool", "/tmp/shared"),
            List.of("~/.ssh", "~/.config", "/etc/secrets", "./secrets"),
            List.of("~/.config/allowed", "~/.config/allowed/deeper"), List.of("./secrets/public"), true),
            Policy.NetworkMode.NONE), NetworkAccess.none("network.mode: none")),
        "globs", input(policy(fs(List.of("~/.cache/*/tmp"), List.of("**/*.pem", "~/.config/*/credentials",
            "/**/id_{rsa,ed25519}", "~/.aws/credentials[0-9]"),
            List.of("~/.config/tool/**"), List.of("./build/**/generated", "*.lock"), false),
            Policy.NetworkMode.NONE), NetworkAccess.none("network.mode: none")));
  }
}
