/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.egress.EgressProxy;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.IsolationSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code network.mode: proxy} changes in the plan, the OCI config and the runsc flags (a real proxy, no runsc).
 */
class ProxyModePlanTest {
  @TempDir
  Path tmp;

  private static Policy proxyPolicy(Policy.TlsMode tls) {
    Policy p = SandboxPlannerTest.policy();
    return new Policy(p.source(), p.isolation(), new Policy.Network(Policy.NetworkMode.PROXY, List.of("pypi.org"),
        List.of(), true, tls, Map.of(), List.of(), List.of()), p.guard(), p.content(), p.trust(), p.audit());
  }

  private SandboxPlan plan(EgressProxy proxy, Policy.TlsMode tls, boolean rootless) {
    Policy p = proxyPolicy(tls);
    IsolationSpec spec = new IsolationSpec(p, SandboxPlannerTest.WORK, SandboxPlannerTest.HOME,
        Map.of("PATH", "/usr/bin:/bin"), e -> { }, Optional.of(proxy));
    return SandboxPlanner.plan(spec, SandboxPlannerTest.settings(rootless), SandboxPlannerTest.EMPTY,
        SandboxPlannerTest.fs(false));
  }

  @Test
  void asRootTheSandboxJoinsItsOwnNamespaceAndSeesTheProxyAtPort3128() {
    try (EgressProxy proxy = EgressProxy.builder(proxyPolicy(Policy.TlsMode.INTERCEPT).network())
        .stateDirectory(tmp).start()) {
      SandboxPlan plan = plan(proxy, Policy.TlsMode.INTERCEPT, false);
      assertThat(plan.process().env()).containsEntry("HTTP_PROXY", "http://127.0.0.1:3128")
          .containsEntry("ALL_PROXY", "socks5h://127.0.0.1:3128")
          .containsEntry("NODE_EXTRA_CA_CERTS", proxy.caCertificate().orElseThrow().toString());
      assertThat(plan.limits()).anySatisfy(l -> assertThat(l.name() + "=" + l.value()).isEqualTo("network=proxy"));
      assertThat(plan.notes()).noneMatch(n -> n.contains("no network"));
      // the CA directory (under this test's temp dir, as under the host's /tmp) is readable, not writable
      Path caDir = proxy.caCertificate().orElseThrow().getParent();
      assertThat(plan.mounts()).filteredOn(m -> m.destination().equals(caDir.toString())).singleElement()
          .satisfies(m -> assertThat(m.options()).contains("ro"));
      assertThat(plan.networkNamespace()).isEmpty();
      assertThat(OciConfig.render(plan.withNetworkNamespace("/proc/42/ns/net")))
          .contains("\"type\" : \"network\",\n        \"path\" : \"/proc/42/ns/net\"");
      RunscArgs args = new RunscArgs("runsc", SandboxPlannerTest.settings(false), Path.of("/s"), true);
      assertThat(args.globalFlags()).contains("--network=host").doesNotContain("--network=none");
      assertThat(Explain.text(plan, args, List.of("/bin/sleep"), SandboxPlannerTest.settings(false), "test"))
          .contains("unshare --net -- perl", "\"path\" : \"/proc/BINDER/ns/net\"", "network = proxy");
    }
  }

  @Test
  void rootlessSandboxesKeepNoNetworkAndSaySo() {
    try (EgressProxy proxy = EgressProxy.builder(proxyPolicy(Policy.TlsMode.PASSTHROUGH).network())
        .stateDirectory(tmp).start()) {
      SandboxPlan plan = plan(proxy, Policy.TlsMode.PASSTHROUGH, true);
      assertThat(plan.process().env()).doesNotContainKey("HTTP_PROXY");
      assertThat(plan.limits()).anySatisfy(l -> assertThat(l.name() + "=" + l.value()).isEqualTo("network=none"));
      assertThat(plan.notes()).anyMatch(n -> n.contains("not available to rootless") && n.contains("no network"));
      IsolationSpec spec = new IsolationSpec(proxyPolicy(Policy.TlsMode.PASSTHROUGH), SandboxPlannerTest.WORK,
          SandboxPlannerTest.HOME, Map.of(), e -> { }, Optional.of(proxy));
      assertThat(ProxyNetwork.applies(spec, SandboxPlannerTest.settings(true))).isFalse();
      assertThat(ProxyNetwork.applies(spec, SandboxPlannerTest.settings(false))).isTrue();
      assertThat(OciConfig.render(plan)).doesNotContain("/ns/net");
    }
  }
}
