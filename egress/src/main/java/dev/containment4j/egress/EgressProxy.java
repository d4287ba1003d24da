/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress;

import dev.containment4j.egress.internal.AddressPolicy;
import dev.containment4j.egress.internal.CertificateAuthority;
import dev.containment4j.egress.internal.CredentialRules;
import dev.containment4j.egress.internal.DomainPolicy;
import dev.containment4j.egress.internal.EgressAudit;
import dev.containment4j.egress.internal.Gatekeeper;
import dev.containment4j.egress.internal.Interception;
import dev.containment4j.egress.internal.Limits;
import dev.containment4j.egress.internal.ProxyContext;
import dev.containment4j.egress.internal.ProxyServer;
import dev.containment4j.event.AuditListener;
import dev.containment4j.internal.fs.FileTrees;
import dev.containment4j.internal.net.HostName;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.EgressGateway;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.TrustManagerFactory;

/**
 * The egress proxy for one policy: one listener that speaks HTTP CONNECT, absolute-form HTTP (keep-alive, upstream
 * reuse) and SOCKS5 with remote name resolution; deny by default. Thread-safe; close it to stop the listener and every
 * tunnel.
 *
 * <pre>{@code
 * try (EgressProxy proxy = EgressProxy.builder(policy.network()).events(listener).start()) {
 *   Map<String, String> env = proxy.environment();   // HTTPS_PROXY=http://127.0.0.1:PORT, ...
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class EgressProxy implements EgressGateway {
  private final ProxyServer server;
  private final CredentialRules credentials;
  private final Optional<Path> trustDir;
  private final Limits.Counters counters;
  private final ProxyContext context;

  private EgressProxy(ProxyServer server, ProxyContext context, CredentialRules credentials, Optional<Path> trustDir,
      Limits.Counters counters) {
    this.server = server;
    this.context = context;
    this.credentials = credentials;
    this.trustDir = trustDir;
    this.counters = counters;
  }

  /** A builder for a proxy enforcing {@code network}. */
  public static Builder builder(Policy.Network network) {
    return new Builder(network);
  }

  @Override
  public InetSocketAddress address() {
    return server.address();
  }

  /** Tunnels and forwarding connections open now. */
  public int openTunnels() {
    return counters.openTunnels();
  }

  @Override
  public Map<String, String> environment(int port) {
    Map<String, String> env = new LinkedHashMap<>();
    String http = "http://127.0.0.1:" + port;
    String socks = "socks5h://127.0.0.1:" + port;
    for (String name : new String[] {"HTTP_PROXY", "HTTPS_PROXY"}) {
      env.put(name, http);
      env.put(name.toLowerCase(java.util.Locale.ROOT), http);
    }
    env.put("ALL_PROXY", socks);
    env.put("all_proxy", socks);
    // never list localhost: inside the sandbox nothing is reachable directly, and a bypass is a hole elsewhere
    env.put("NO_PROXY", "");
    env.put("no_proxy", "");
    env.put("GIT_CONFIG_COUNT", "1");
    env.put("GIT_CONFIG_KEY_0", "http.proxy");
    env.put("GIT_CONFIG_VALUE_0", http);
    // Node's built-in fetch (undici) ignores the proxy variables unless told (Node 24+, 22.21+; older ones ignore it)
    env.put("NODE_USE_ENV_PROXY", "1");
    StringBuilder jvm = new StringBuilder("-Dhttp.proxyHost=127.0.0.1 -Dhttp.proxyPort=" + port
        + " -Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=" + port);
    trustDir.ifPresent(dir -> {
      String bundle = dir.resolve("bundle.pem").toString();
      for (String name : new String[] {"SSL_CERT_FILE", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "GIT_SSL_CAINFO",
          "PIP_CERT", "CARGO_HTTP_CAINFO", "AWS_CA_BUNDLE"}) {
        env.put(name, bundle);
      }
      env.put("NODE_EXTRA_CA_CERTS", dir.resolve("ca.pem").toString());
      // npm (11 here) verifies registries against its own list, not NODE_EXTRA_CA_CERTS: give it the whole bundle
      env.put("npm_config_cafile", bundle);
      jvm.append(" -Djavax.net.ssl.trustStore=").append(dir.resolve("truststore.p12"))
          .append(" -Djavax.net.ssl.trustStoreType=PKCS12 -Djavax.net.ssl.trustStorePassword=changeit");
    });
    env.put("JAVA_TOOL_OPTIONS", jvm.toString());
    env.putAll(credentials.placeholders());
    return env;
  }

  /**
   * {@inheritDoc} Its directory also holds {@code bundle.pem} (this CA plus the host's roots) and
   * {@code truststore.p12} (for JVMs); make the whole directory readable at the same path inside.
   */
  @Override
  public Optional<Path> caCertificate() {
    return trustDir.map(d -> d.resolve("ca.pem"));
  }

  @Override
  public boolean canServeListeningSockets() {
    return ProxyServer.canServeDescriptors();
  }

  @Override
  public ServedSocket serve(int listeningFd, String callId, AuditListener events) {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(events, "events");
    ProxyServer.Served served = server.serve(listeningFd, context.forSandbox(new EgressAudit(events, callId)));
    return new ServedSocket() {
      @Override
      public InetSocketAddress address() {
        return served.address();
      }

      @Override
      public void close() {
        served.close();
      }
    };
  }

  @Override
  public void close() {
    server.close();
    trustDir.ifPresent(EgressProxy::deleteTree);
  }

  private static void deleteTree(Path dir) {
    FileTrees.deleteTree(dir);
  }

  /** Configures and starts an {@link EgressProxy}. */
  public static final class Builder {
    private final Policy.Network network;
    private InetSocketAddress listen = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private boolean sameUserOnly;
    private AuditListener events = AuditListener.none();
    private HostResolver resolver = HostResolver.system();
    private TrustManagerFactory upstreamTrust;
    private Limits limits = Limits.defaults();
    private Path stateDir;

    private Builder(Policy.Network network) {
      this.network = Objects.requireNonNull(network, "network");
    }

    /**
     * Whether the host listener serves only processes of this JVM's user (Linux; read from {@code /proc/net/tcp}):
     * a connection from another user's process is closed and reported ({@code egress.deny}, {@code foreign-user}).
     * Off by default (a standalone proxy may serve other users on purpose); {@code Containment}'s own proxy turns
     * it on. Sandboxes' own listeners ({@link #serve}) are not affected.
     *
     * @since 0.3
     */
    public Builder sameUserOnly(boolean on) {
      this.sameUserOnly = on;
      return this;
    }

    /** Where to listen; default an ephemeral port on the loopback interface. */
    public Builder listen(InetSocketAddress address) {
      this.listen = Objects.requireNonNull(address, "address");
      return this;
    }

    /** Receives {@code egress.allow}/{@code egress.deny} events. */
    public Builder events(AuditListener listener) {
      this.events = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Resolver for names not in {@code network.hosts}; default the JVM's. */
    public Builder resolver(HostResolver resolver) {
      this.resolver = Objects.requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * Which upstream servers to trust when intercepting TLS; default the JDK's trust store (the host's, or what
     * {@code javax.net.ssl.trustStore} names). Verification and hostname checks are never switched off: this only
     * replaces the set of trusted roots, e.g. for a private CA.
     */
    public Builder upstreamTrust(TrustManagerFactory trust) {
      this.upstreamTrust = Objects.requireNonNull(trust, "trust");
      return this;
    }

    /**
     * Resource bounds.
     *
     * @param maxConnections client connections at once (a sandbox's own listener, {@link #serve}: a quarter of them)
     * @param maxTunnels upstream connections at once (a sandbox's own listener: a quarter of them)
     * @param handshakeTimeout time for a request head, SOCKS handshake or TLS handshake
     * @param idleTimeout close connections idle this long
     */
    public Builder limits(int maxConnections, int maxTunnels, Duration handshakeTimeout, Duration idleTimeout) {
      this.limits = new Limits(maxConnections, maxTunnels, handshakeTimeout, idleTimeout, limits.connectTimeout(),
          limits.maxHeaderBytes(), limits.lookupTimeout());
      return this;
    }

    /** Request-head limit in bytes (default 32 KiB); longer heads get 431. */
    public Builder maxHeaderBytes(int bytes) {
      this.limits = new Limits(limits.maxConnections(), limits.maxTunnels(), limits.handshakeTimeout(),
          limits.idleTimeout(), limits.connectTimeout(), bytes, limits.lookupTimeout());
      return this;
    }

    /**
     * How long a name lookup may take (default 5 s); a slower one is answered {@code dns-failure} (502, SOCKS
     * {@code 0x04}) instead of holding the client.
     */
    public Builder lookupTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("lookupTimeout must be positive: " + timeout);
      }
      this.limits = limits.withLookupTimeout(timeout);
      return this;
    }

    /** Parent of the private directory for the CA certificate files; default the system temp directory. */
    public Builder stateDirectory(Path dir) {
      this.stateDir = dir;
      return this;
    }

    /**
     * Starts listening.
     *
     * @throws IllegalArgumentException when the network policy is invalid
     * @throws UncheckedIOException when the listener cannot bind
     */
    public EgressProxy start() {
      if (network.mode() != Policy.NetworkMode.PROXY) {
        throw new IllegalArgumentException("network.mode is " + network.mode().name().toLowerCase(java.util.Locale.ROOT)
            + "; the egress proxy serves network.mode: proxy only");
      }
      SecureRandom random = new SecureRandom();
      DomainPolicy domains = new DomainPolicy(network.allow(), network.deny());
      AddressPolicy addresses = new AddressPolicy(network.blockPrivateAddresses(),
          network.allowPrivate().stream().map(dev.containment4j.egress.internal.Cidr::parse).toList(),
          AddressPolicy.interfaceAddresses());
      Map<String, HostName> hosts = new LinkedHashMap<>();
      network.hosts().forEach((name, ip) -> {
        HostName n = HostName.parse(name);
        HostName a = HostName.parse(ip);
        if (n.isAddress() || !a.isAddress()) {
          throw new IllegalArgumentException("network.hosts: '" + name + ": " + ip + "' must map a name to an IP");
        }
        hosts.put(n.name(), a);
      });
      CredentialRules credentials = new CredentialRules(network.credentials(), random);
      var resolverPool = ProxyServer.resolverPool();
      Gatekeeper gatekeeper = new Gatekeeper(domains, addresses, hosts, resolver::resolve, resolverPool,
          limits.lookupTimeout());
      Optional<Interception> interception = Optional.empty();
      Optional<Path> trustDir = Optional.empty();
      if (network.interceptsAny()) {
        CertificateAuthority ca = CertificateAuthority.create(random, Duration.ofDays(30));
        interception = Optional.of(new Interception(ca, Interception.Scope.of(network),
            Optional.ofNullable(upstreamTrust)));
        trustDir = Optional.of(writeTrust(ca));
      }
      Limits.Counters counters = new Limits.Counters();
      ProxyContext px = new ProxyContext(gatekeeper, credentials, interception, new EgressAudit(events), limits,
          counters, ProxyServer.socketChannelFactory(), Limits.Share.whole(limits));
      ProxyServer server;
      try {
        server = ProxyServer.start(px, listen, resolverPool, sameUserOnly);
      } catch (RuntimeException e) {
        trustDir.ifPresent(EgressProxy::deleteTree);
        throw e;
      }
      return new EgressProxy(server, px, credentials, trustDir, counters);
    }

    private Path writeTrust(CertificateAuthority ca) {
      try {
        Path parent = stateDir != null ? stateDir : Path.of(System.getProperty("java.io.tmpdir"));
        // named after this JVM's pid, so a JVM killed before close() has its directory swept by the next one
        Path dir = FileTrees.createOwnedDirectory(parent, "containment-egress-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        String caPem = CertificateAuthority.pem(ca.certificate());
        Files.writeString(dir.resolve("ca.pem"), caPem, StandardCharsets.US_ASCII);
        StringBuilder bundle = new StringBuilder(caPem);
        for (String system : new String[] {"/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt",
            "/etc/ssl/cert.pem"}) {
          Path p = Path.of(system);
          if (Files.isReadable(p)) {
            bundle.append(Files.readString(p, StandardCharsets.US_ASCII));
            break;
          }
        }
        Files.writeString(dir.resolve("bundle.pem"), bundle, StandardCharsets.US_ASCII);
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("containment-egress-ca", ca.certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((KeyStore) null);
        int i = 0;
        for (var tm : tmf.getTrustManagers()) {
          if (tm instanceof javax.net.ssl.X509TrustManager x) {
            for (var c : x.getAcceptedIssuers()) {
              ts.setCertificateEntry("host-root-" + i++, c);
            }
          }
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve("truststore.p12"))) {
          ts.store(out, "changeit".toCharArray());
        }
        return dir;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the interception CA certificate: " + e.getMessage(), e);
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException("cannot write the Java trust store: " + e.getMessage(), e);
      }
    }
  }
}
