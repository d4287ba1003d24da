/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containment4j.egress.EgressProxy;
import dev.containment4j.event.AuditEvent;
import dev.containment4j.internal.JsonLines;
import dev.containment4j.policy.Policy;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code containment proxy}: the egress proxy on its own, for hosts that run their own sandboxes. It enforces the
 * policy's {@code network} section (whatever its {@code mode}), prints where it listens and the variables clients need,
 * writes one JSON line per allow/deny to stderr, and runs until killed.
 */
@Command(name = "proxy", description = "Run the egress proxy (HTTP CONNECT, http://, SOCKS5) for the policy's network"
    + " section until killed.")
public final class ProxyCommand implements Callable<Integer> {
  private static final int CONTAINMENT_ERROR = 125;

  @Option(names = {"-p", "--policy"}, paramLabel = "POLICY", description = "Policy YAML (default: embedded, which"
      + " allows no host).")
  Path policy;

  @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:3128",
      description = "Where to listen (default ${DEFAULT-VALUE}). The proxy has no authentication: keep it on"
          + " loopback or a socket only the sandbox reaches.")
  String listen;

  private final PrintStream out;
  private final PrintStream err;
  private final CountDownLatch stop = new CountDownLatch(1);

  public ProxyCommand() {
    this(System.out, System.err);
  }

  ProxyCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws Exception {
    InetSocketAddress address;
    Policy.Network network;
    try {
      address = parseListen(listen);
      Policy p = policy == null ? Policy.defaults() : Policy.fromYaml(policy);
      Policy.Network n = p.network();
      network = new Policy.Network(Policy.NetworkMode.PROXY, n.allow(), n.deny(), n.blockPrivateAddresses(), n.tls(),
          n.hosts(), n.allowPrivate(), n.credentials(), n.tlsIntercept(), n.tlsPassthrough());
    } catch (RuntimeException e) {
      err.println("containment: " + e.getMessage());
      return CONTAINMENT_ERROR;
    }
    ObjectMapper json = JsonLines.mapper();
    EgressProxy proxy;
    try {
      proxy = EgressProxy.builder(network).listen(address).events(e -> printEvent(json, e)).start();
    } catch (RuntimeException e) {
      err.println("containment: cannot start the proxy on " + listen + ": " + e.getMessage());
      return CONTAINMENT_ERROR;
    }
    Thread hook = new Thread(() -> {
      proxy.close();
      stop.countDown();
    }, "containment-proxy-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    InetSocketAddress bound = proxy.address();
    out.println("containment proxy: listening on " + bound.getAddress().getHostAddress() + ":" + bound.getPort()
        + " (HTTP CONNECT, http:// and SOCKS5 on one port); " + network.allow().size() + " allow entries"
        + (network.tls() == Policy.TlsMode.INTERCEPT ? ", TLS interception on"
            : network.interceptsAny() ? ", TLS interception for " + network.tlsIntercept() : ""));
    if (!bound.getAddress().isLoopbackAddress()) {
      err.println("containment: warning: listening on a non-loopback address; anyone who reaches it can use it");
    }
    out.println("client environment:");
    proxy.environment(bound.getPort()).forEach((k, v) -> {
      boolean placeholder = network.credentials().stream().anyMatch(c -> k.equals(c.sandboxEnv()));
      out.println("  " + k + "=" + (placeholder ? v + "   (placeholder; the proxy swaps in the real value)" : v));
    });
    out.flush();
    stop.await();
    proxy.close();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run
    }
    return 0;
  }

  /** Stops a running {@link #call()} (for tests and embedding). */
  void stop() {
    stop.countDown();
  }

  private void printEvent(ObjectMapper json, AuditEvent e) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("time", e.time().toString());
    line.put("type", e.type());
    line.putAll(e.fields());
    try {
      err.println(json.writeValueAsString(line));
    } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
      err.println(e.type() + " " + e.fields());
    }
  }

  static InetSocketAddress parseListen(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("--listen " + text + ": write HOST:PORT, e.g. 127.0.0.1:3128");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--listen " + text + ": the port must be a number", e);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("--listen " + text + ": the port must be 0..65535");
    }
    try {
      // literal addresses and localhost only: a listen address is never looked up remotely
      return new InetSocketAddress(host.equals("localhost") ? InetAddress.getLoopbackAddress()
          : InetAddress.getByName(dev.containment4j.internal.net.HostName.parse(host).authority()), port);
    } catch (java.net.UnknownHostException | IllegalArgumentException e) {
      throw new IllegalArgumentException("--listen " + text + ": the host must be an IP address or localhost", e);
    }
  }
}
