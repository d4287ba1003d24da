/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {
  private final AddressPolicy strict = new AddressPolicy(true, List.of(), Set.of(ip("93.184.1.1")));
  private final AddressPolicy exempt = new AddressPolicy(true, List.of(Cidr.parse("127.0.0.0/8"),
      Cidr.parse("10.1.0.0/16")), Set.of());
  private final AddressPolicy open = new AddressPolicy(false, List.of(), Set.of());

  private static InetAddress ip(String s) {
    try {
      return InetAddress.getByName(s);
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.9.9.9", "::1", "0.0.0.0", "::", "169.254.169.254", "169.254.1.1",
      "fe80::1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1", "100.127.255.255",
      "fc00::1", "fd12:3456::1", "fd00:ec2::254", "224.0.0.1", "ff02::1", "255.255.255.255", "198.18.0.1",
      "64:ff9b::7f00:1", "2002:a00:1::", "::a00:1", "::ffff:0:7f00:1", "::ffff:0:a9fe:a9fe", "64:ff9b:1::808:808", "93.184.1.1", "100.100.100.200", "168.63.129.16"})
  void refusesInternalAddresses(String address) {
    assertThat(strict.refusal(ip(address))).as(address).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "2606:4700::1111", "172.32.0.1", "100.128.0.1",
      "64:ff9b::808:808"})
  void allowsPublicAddresses(String address) {
    assertThat(strict.refusal(ip(address))).as(address).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "10.1.9.9"})
  void allowPrivateExemptsExactlyItsRanges(String address) {
    assertThat(exempt.refusal(ip(address))).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.2.0.1", "169.254.169.254", "0.0.0.0", "224.0.0.1"})
  void allowPrivateDoesNotExemptOthers(String address) {
    assertThat(exempt.refusal(ip(address))).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"169.254.169.254", "fd00:ec2::254", "0.0.0.0", "ff02::1"})
  void metadataAndUnspecifiedStayRefusedWithoutBlockPrivate(String address) {
    assertThat(open.refusal(ip(address))).isPresent();
    assertThat(open.refusal(ip("10.0.0.1"))).isEmpty();
  }
}
