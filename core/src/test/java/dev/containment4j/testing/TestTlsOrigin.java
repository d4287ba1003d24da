/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed EC certificate for one host name (made with the JDK's {@code keytool}), as the server side of an
 * HTTPS test origin and as the trust a proxy needs to verify it. For the egress tests of the backends.
 *
 * @param server the origin's TLS context
 * @param trust trusts exactly this certificate (give it to {@code EgressProxy.Builder.upstreamTrust})
 */
public record TestTlsOrigin(SSLContext server, TrustManagerFactory trust) {

  /** Creates the key pair and certificate for {@code host} in {@code dir} (a PKCS12 file). */
  public static TestTlsOrigin create(Path dir, String host) throws IOException, InterruptedException,
      GeneralSecurityException {
    Path ks = dir.resolve(host + ".p12");
    Process kt = new ProcessBuilder("keytool", "-genkeypair", "-alias", "o", "-keyalg", "EC", "-dname", "CN=" + host,
        "-ext", "SAN=dns:" + host, "-validity", "2", "-keystore", ks.toString(), "-storepass", "changeit",
        "-storetype", "PKCS12").redirectErrorStream(true).start();
    String out = new String(kt.getInputStream().readAllBytes());
    if (kt.waitFor() != 0) {
      throw new IOException("keytool failed: " + out);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("o", store.getCertificate("o"));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    return new TestTlsOrigin(tls, tmf);
  }

  /** How many of this JVM's descriptors are sockets (to show that listeners were closed). */
  public static long socketDescriptors() throws IOException {
    try (var s = Files.list(Path.of("/proc/self/fd"))) {
      return s.filter(p -> {
        try {
          return Files.readSymbolicLink(p).toString().startsWith("socket:");
        } catch (IOException e) {
          return false;
        }
      }).count();
    }
  }
}
