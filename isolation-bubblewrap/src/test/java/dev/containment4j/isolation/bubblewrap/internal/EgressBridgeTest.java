/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containment4j.SandboxSetupException;
import dev.containment4j.event.AuditListener;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.EgressGateway;
import dev.containment4j.spi.IsolationSpec;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EgressBridgeTest {
  private static final Path WORK = Path.of("/home/dev/project");

  private static Policy proxyPolicy() {
    Policy d = Policy.defaults();
    Policy.Network n = d.network();
    return new Policy("bridge-test", d.isolation(), new Policy.Network(Policy.NetworkMode.PROXY, List.of("a.test"),
        List.of(), true, n.tls(), Map.of(), List.of(), List.of()), d.guard(), d.content(), d.trust(), d.audit());
  }

  /** A gateway that cannot adopt descriptors (the NIO transport, or another implementation). */
  private static final class PlainGateway implements EgressGateway {
    @Override
    public InetSocketAddress address() {
      return new InetSocketAddress("127.0.0.1", 4000);
    }

    @Override
    public Map<String, String> environment(int port) {
      return Map.of("HTTPS_PROXY", "http://127.0.0.1:" + port);
    }

    @Override
    public Optional<Path> caCertificate() {
      return Optional.of(Path.of("/tmp/containment-egress-1/ca.pem"));
    }

    @Override
    public void close() {}
  }

  @Test
  void proxyModeFailsClosedWithoutAGatewayThatCanServeADescriptor() {
    IsolationSpec none = new IsolationSpec(proxyPolicy(), WORK, Path.of("/home/dev"), Map.of(), AuditListener.none());
    assertThatThrownBy(() -> EgressBridge.open(none)).isInstanceOf(SandboxSetupException.class)
        .hasMessageContaining("network.mode: proxy").hasMessageContaining("no egress proxy")
        .hasMessageContaining("nothing was run");
    IsolationSpec plain = new IsolationSpec(proxyPolicy(), WORK, Path.of("/home/dev"), Map.of(),
        AuditListener.none(), Optional.of(new PlainGateway()));
    assertThatThrownBy(() -> EgressBridge.open(plain)).isInstanceOf(SandboxSetupException.class)
        .hasMessageContaining("epoll").hasMessageContaining("nothing was run");
    assertThatThrownBy(() -> new PlainGateway().serve(5, "c", AuditListener.none()))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void theBinderRunsFirstAndTheCommandKeepsItsArguments() {
    List<String> cmd = List.of("printf", "%s\n", "$(touch /pwned)", "a b", "--");
    List<String> perl = EgressBridge.Interpreter.perl(Path.of("/usr/bin/perl")).wrap(cmd);
    assertThat(perl.subList(0, 2)).containsExactly("/usr/bin/perl", "-e");
    assertThat(perl.subList(3, perl.size())).containsExactlyElementsOf(
        java.util.stream.Stream.concat(java.util.stream.Stream.of("--", EgressBridge.MARKER, "3128", "100"),
            cmd.stream()).toList());
    List<String> python = EgressBridge.Interpreter.python(Path.of("/usr/bin/python3")).wrap(cmd);
    assertThat(python.subList(0, 4)).containsExactly("/usr/bin/python3", "-I", "-S", "-c");
    assertThat(python.subList(5, python.size())).startsWith(EgressBridge.MARKER, "3128", "100").endsWith(
        cmd.toArray(String[]::new));
  }

  @Test
  void theSandboxSeesTheProxyAtItsOwnLoopbackPortAndCanReadTheCaDirectory() {
    PlainGateway g = new PlainGateway();
    Map<String, String> env = EgressBridge.environment(Map.of("HTTPS_PROXY", "http://127.0.0.1:4000", "A", "b"), g);
    assertThat(env).containsEntry("HTTPS_PROXY", "http://127.0.0.1:3128").containsEntry("A", "b");
    assertThat(EgressBridge.readablePaths(g)).containsExactly(Path.of("/tmp/containment-egress-1"));
  }

  @Test
  void onlyAStoppedProcessRunningTheBinderIsTaken() {
    assertThat(EgressBridge.isStoppedBinder(ProcessHandle.current().pid())).isFalse();
    assertThat(EgressBridge.findStoppedBinder(ProcessHandle.current().pid())).isEmpty();
  }
}
