/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples.bench;

import com.sun.net.httpserver.HttpServer;
import dev.containment4j.egress.EgressProxy;
import dev.containment4j.internal.SandboxEnvironment;
import dev.containment4j.isolation.gvisor.GvisorBackendProvider;
import dev.containment4j.isolation.gvisor.internal.GvisorBackend;
import dev.containment4j.isolation.gvisor.internal.Reaper;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.ExecRequest;
import dev.containment4j.spi.IsolationSession;
import dev.containment4j.spi.IsolationSpec;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code network.mode: proxy} costs a gVisor sandbox, against {@code mode: none} in the same run (interleaved
 * rounds): per session call (a fresh duplicate of the listener served and closed around each call), per cold one-shot
 * (the network namespace binder), and one HTTP request with curl through the proxy from inside a session against
 * curl starting without a request in the same session and the same curl on the host through the same proxy. Run as
 * root:
 * {@code java -cp "examples/target/classes:examples/target/cli/lib/*"
 * dev.containment4j.examples.bench.GvisorProxyBench 21}.
 */
public final class GvisorProxyBench {
  private GvisorProxyBench() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    Path base = Files.createTempDirectory(Path.of(System.getProperty("user.dir")), "gvisor-proxy-bench");
    Path work = Files.createDirectories(base.resolve("work"));
    Path state = Files.createDirectories(base.resolve("state"));
    HttpServer origin = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 64);
    byte[] body = "hello\n".getBytes(StandardCharsets.UTF_8);
    origin.createContext("/", ex -> {
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    origin.start();
    String url = "http://origin.test:" + origin.getAddress().getPort() + "/";
    Policy none = policy(state, new Policy.Network(Policy.NetworkMode.NONE, List.of(), List.of(), true,
        Policy.TlsMode.PASSTHROUGH, Map.of(), List.of(), List.of()));
    Policy proxied = policy(state, new Policy.Network(Policy.NetworkMode.PROXY,
        List.of("origin.test:" + origin.getAddress().getPort()), List.of(), true, Policy.TlsMode.PASSTHROUGH,
        Map.of("origin.test", "127.0.0.1"), List.of("127.0.0.0/8"), List.of()));
    ExecRequest trueCall = ExecRequest.of(List.of("/bin/true"), work);
    ExecRequest curlCall = ExecRequest.of(List.of("curl", "-sSf", "-o", "/dev/null", url), work);
    // curl starting without a request: what the request itself adds inside the sandbox
    ExecRequest curlVersion = ExecRequest.of(List.of("curl", "-sS", "-o", "/dev/null", "-V"), work);
    double[] m;
    double[] cold;
    try (EgressProxy proxy = EgressProxy.builder(proxied.network()).start();
        GvisorBackend plain = open(none, work, Optional.empty());
        GvisorBackend viaProxy = open(proxied, work, Optional.of(proxy));
        IsolationSession s0 = plain.openSession();
        IsolationSession s1 = viaProxy.openSession()) {
      List<String> hostCurl = List.of("curl", "-sSf", "-o", "/dev/null", "-x", "http://127.0.0.1:"
          + proxy.address().getPort(), url);
      m = GvisorBench.interleaved(n, () -> GvisorBench.timed(() -> s0.exec(trueCall)),
          () -> GvisorBench.timed(() -> s1.exec(trueCall)), () -> GvisorBench.timed(() -> s1.exec(curlCall)),
          () -> GvisorBench.timed(() -> s1.exec(curlVersion)), () -> GvisorBench.time(hostCurl));
      cold = GvisorBench.interleaved(n, () -> GvisorBench.timed(() -> plain.exec(trueCall)),
          () -> GvisorBench.timed(() -> viaProxy.exec(trueCall)));
    } finally {
      origin.stop(0);
      Reaper.deleteTree(base);
    }
    System.out.printf("gVisor network.mode proxy, %d interleaved rounds (medians)%n", n);
    System.out.println("| measurement | median ms | ratio |");
    System.out.println("|---|---|---|");
    System.out.printf("| session call `/bin/true`, mode none | %.1f | 1.00 |%n", m[0]);
    System.out.printf("| session call `/bin/true`, mode proxy | %.1f | %.2fx mode none |%n", m[1], m[1] / m[0]);
    System.out.printf("| session call `curl` one request through the proxy | %.1f | |%n", m[2]);
    System.out.printf("| session call `curl -V` (no request), mode proxy | %.1f | request minus no request: %+.1f ms"
        + " |%n", m[3], m[2] - m[3]);
    System.out.printf("| host `curl -x` the same request through the same proxy | %.1f | |%n", m[4]);
    System.out.printf("| one-shot cold `/bin/true`, mode none | %.1f | 1.00 |%n", cold[0]);
    System.out.printf("| one-shot cold `/bin/true`, mode proxy | %.1f | %.2fx mode none |%n", cold[1],
        cold[1] / cold[0]);
  }

  private static Policy policy(Path state, Policy.Network network) {
    Policy d = Policy.defaults();
    Policy.Isolation i = d.isolation();
    return new Policy(d.source(), new Policy.Isolation(Policy.Backend.GVISOR, i.filesystem(), i.limits(), i.env(),
        Map.of("gvisor", Map.of("poolSize", "0", "stateDir", state.toString()))), network, d.guard(), d.content(),
        d.trust(), d.audit());
  }

  private static GvisorBackend open(Policy p, Path work, Optional<EgressProxy> proxy) {
    Path home = Path.of(System.getProperty("user.home"));
    IsolationSpec spec = new IsolationSpec(p, work, home, SandboxEnvironment.build(p, System.getenv(), home),
        e -> { }, proxy.map(x -> x));
    return (GvisorBackend) new GvisorBackendProvider().open(spec);
  }
}
