/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import dev.containment4j.internal.net.HostName;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A per-proxy interception CA made with BouncyCastle. The keys exist only in memory (never written to disk, never
 * handed to the sandbox); only the certificate leaves, as PEM. Leaves share one EC P-256 key, so a new host costs one
 * signature; they carry SAN, SKI, AKI (Python 3.13's strict verification wants it) and EKU serverAuth. Thread-safe.
 */
public final class CertificateAuthority {
  private static final String SIGNATURE = "SHA256withECDSA";
  private final SecureRandom random;
  private final KeyPair caKeys;
  private final X509Certificate caCert;
  private final KeyPair leafKeys;
  private final Duration leafValidity;

  private CertificateAuthority(SecureRandom random, KeyPair caKeys, X509Certificate caCert, KeyPair leafKeys,
      Duration leafValidity) {
    this.random = random;
    this.caKeys = caKeys;
    this.caCert = caCert;
    this.leafKeys = leafKeys;
    this.leafValidity = leafValidity;
  }

  /** A fresh CA valid for {@code validity}, named so that users can tell it apart in a trust store. */
  public static CertificateAuthority create(SecureRandom random, Duration validity) {
    try {
      KeyPair ca = ecKeys(random);
      byte[] id = new byte[4];
      random.nextBytes(id);
      X500Principal name = new X500Principal("CN=containment4j egress interception CA " + HexFormat.of().formatHex(id)
          + ", O=containment4j");
      Instant now = Instant.now();
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(127, random),
          Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), name, ca.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(ca.getPublic()));
      X509Certificate cert = convert(b.build(signer(ca)));
      return new CertificateAuthority(random, ca, cert, ecKeys(random), validity);
    } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
      throw new IllegalStateException("cannot create the interception CA: " + e.getMessage(), e);
    }
  }

  public X509Certificate certificate() {
    return caCert;
  }

  /** The private key of every leaf (never of the CA). */
  java.security.PrivateKey leafKey() {
    return leafKeys.getPrivate();
  }

  /** A leaf certificate for {@code host}, signed by this CA. */
  public X509Certificate leaf(HostName host) {
    try {
      Instant now = Instant.now();
      Instant notAfter = now.plus(leafValidity);
      if (notAfter.isAfter(caCert.getNotAfter().toInstant())) {
        notAfter = caCert.getNotAfter().toInstant();
      }
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X500Principal subject = new X500Principal("CN=" + host.name());
      X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(caCert, new BigInteger(127, random),
          Date.from(now.minus(Duration.ofHours(1))), Date.from(notAfter), subject, leafKeys.getPublic());
      GeneralName san = host.isAddress() ? new GeneralName(GeneralName.iPAddress, host.address().getHostAddress())
          : new GeneralName(GeneralName.dNSName, host.name());
      b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(san));
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(leafKeys.getPublic()));
      b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(caCert));
      return convert(b.build(signer(caKeys)));
    } catch (GeneralSecurityException | OperatorCreationException | java.io.IOException e) {
      throw new IllegalStateException("cannot mint a certificate for " + host + ": " + e.getMessage(), e);
    }
  }

  /** PEM text of a certificate. */
  public static String pem(X509Certificate cert) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
              .encodeToString(cert.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair ecKeys(SecureRandom random) throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), random);
    return g.generateKeyPair();
  }

  private static ContentSigner signer(KeyPair keys) throws OperatorCreationException {
    return new JcaContentSignerBuilder(SIGNATURE).build(keys.getPrivate());
  }

  private static X509Certificate convert(X509CertificateHolder h) throws GeneralSecurityException {
    return new JcaX509CertificateConverter().getCertificate(h);
  }
}
