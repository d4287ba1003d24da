/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containment4j.SandboxSetupException;
import dev.containment4j.event.AuditListener;
import dev.containment4j.isolation.seatbelt.internal.SeatbeltBackend;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.ExecRequest;
import dev.containment4j.spi.IsolationBackendProvider;
import dev.containment4j.spi.IsolationSession;
import dev.containment4j.spi.IsolationSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The provider as the engine sees it, on a machine that is not a Mac. */
class SeatbeltBackendProviderTest {

  private static IsolationSpec spec(Policy policy, Path workdir, Map<String, String> env) {
    return new IsolationSpec(policy, workdir, workdir.getParent(), env, AuditListener.none());
  }

  private static Policy withNetwork(Policy p, Policy.NetworkMode mode) {
    Policy.Network n = p.network();
    return new Policy(p.source(), p.isolation(), new Policy.Network(mode, n.allow(), n.deny(),
        n.blockPrivateAddresses(), n.tls(), n.hosts(), n.allowPrivate(), n.credentials()), p.guard(), p.content(),
        p.trust(), p.audit());
  }

  private static Policy withSettings(Policy p, Map<String, String> seatbelt) {
    Policy.Isolation i = p.isolation();
    return new Policy(p.source(), new Policy.Isolation(i.backend(), i.filesystem(), i.limits(), i.env(),
        Map.of("seatbelt", seatbelt)), p.network(), p.guard(), p.content(), p.trust(), p.audit());
  }

  @Test
  void isFoundByServiceLoader() {
    assertThat(ServiceLoader.load(IsolationBackendProvider.class).stream().map(ServiceLoader.Provider::get)
        .map(IsolationBackendProvider::id)).contains("seatbelt");
  }

  @Test
  @DisabledOnOs(value = OS.MAC, disabledReason = "checks the behaviour off macOS")
  void offMacTheProbeSaysMacOsOnlyAndOpenFailsClosed(@TempDir Path tmp) {
    SeatbeltBackendProvider p = new SeatbeltBackendProvider();
    assertThat(p.probe().available()).isFalse();
    assertThat(p.probe().detail()).startsWith("macOS only");
    assertThatThrownBy(() -> p.open(spec(Policy.defaults(), tmp, Map.of())))
        .isInstanceOf(SandboxSetupException.class).hasMessageContaining("only on macOS")
        .hasMessageContaining("explain");
  }

  @Test
  void explainPrintsTheWholeProfileOnAnyOs(@TempDir Path tmp) throws Exception {
    Path work = Files.createDirectories(tmp.resolve("home/proj"));
    String text = new SeatbeltBackendProvider().explain(spec(Policy.defaults(), work, Map.of("PATH", "/usr/bin",
        "SECRET_LOOKING", "do-not-print")));
    assertThat(text).contains("command: /usr/bin/sandbox-exec -p PROFILE /bin/bash -c PROLOGUE",
        "memory 1024 MiB NOT enforced", "network: network.mode: none", "(version 1)", "(deny default",
        "(subpath " + '"' + work.toRealPath() + '"' + ")", "protect.", "pin.parents");
    assertThat(text).as("values of the environment are never printed").doesNotContain("do-not-print");
  }

  @Test
  void explainShowsPolicyErrorsInsteadOfAProfile(@TempDir Path tmp) {
    String text = new SeatbeltBackendProvider().explain(spec(withNetwork(Policy.defaults(),
        Policy.NetworkMode.PROXY), tmp, Map.of("HTTP_PROXY", "http://proxy.corp:8080")));
    assertThat(text).contains("error: cannot build the Seatbelt profile: HTTP_PROXY must name the egress proxy on"
        + " loopback").doesNotContain("(version 1)");
  }

  @Test
  void theBackendRejectsUnknownSettingsAndNonLoopbackProxies(@TempDir Path tmp) {
    assertThatThrownBy(() -> new SeatbeltBackend(spec(withSettings(Policy.defaults(), Map.of("sandboxExec",
        "/tmp/fake")), tmp, Map.of()))).isInstanceOf(SandboxSetupException.class)
        .hasMessageContaining("isolation.backends.seatbelt.sandboxExec is not a Seatbelt setting");
    assertThatThrownBy(() -> new SeatbeltBackend(spec(withSettings(Policy.defaults(), Map.of("violations",
        "sometimes")), tmp, Map.of()))).hasMessageContaining("off, on-failure, always");
    assertThatThrownBy(() -> new SeatbeltBackend(spec(withNetwork(Policy.defaults(), Policy.NetworkMode.PROXY),
        tmp, Map.of("ALL_PROXY", "socks5://10.1.2.3:1080")))).isInstanceOf(SandboxSetupException.class)
        .hasMessageContaining("ALL_PROXY");
  }

  @Test
  @DisabledOnOs(value = OS.MAC, disabledReason = "checks the behaviour off macOS")
  void withoutSandboxExecNothingRunsAndTheSessionCleansUp(@TempDir Path tmp) throws Exception {
    Path marker = tmp.resolve("ran");
    try (SeatbeltBackend backend = new SeatbeltBackend(spec(Policy.defaults(), tmp, Map.of("PATH", "/usr/bin:/bin")))) {
      IsolationSession session = backend.openSession();
      assertThatThrownBy(() -> session.exec(ExecRequest.of(List.of("/usr/bin/touch", marker.toString()), tmp)))
          .isInstanceOf(SandboxSetupException.class).hasMessageContaining("/usr/bin/sandbox-exec");
      assertThat(marker).as("never falls back to running unsandboxed").doesNotExist();
      long before;
      try (var dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
        before = dirs.filter(d -> d.getFileName().toString().startsWith("containment4j-seatbelt-")).count();
      }
      session.close();
      try (var dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
        assertThat(dirs.filter(d -> d.getFileName().toString().startsWith("containment4j-seatbelt-")).count())
            .isEqualTo(before - 1);
      }
    }
  }
}
