/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containment4j.isolation.seatbelt.SeatbeltBackendProvider;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Parsing of {@code log show --style ndjson} events. The lines follow the documented shape of Seatbelt's kernel
 * messages ({@code Sandbox: NAME(PID) deny(N) OPERATION TARGET} followed by the rule's message); reading the real log
 * happens only on macOS and is untested here.
 */
class ViolationLogTest {
  static final String TAG = "containment4j:abc123:call-1";

  @Test
  void parsesADenialAndItsRule() {
    String line = "{\"timestamp\":\"2026-11-27 05:00:00.000000+0000\",\"eventMessage\":\"Sandbox: cat(4242) deny(1)"
        + " file-read-data /Users/dev/.ssh/id_ed25519\\n" + TAG + ":read.denyRead.0\",\"processID\":0}";
    assertThat(ViolationLog.parse(line, TAG)).singleElement().satisfies(v -> {
      assertThat(v.process()).isEqualTo("cat");
      assertThat(v.pid()).isEqualTo(4242);
      assertThat(v.operation()).isEqualTo("file-read-data");
      assertThat(v.target()).isEqualTo("/Users/dev/.ssh/id_ed25519");
      assertThat(v.rule()).isEqualTo("read.denyRead.0");
      assertThat(v.fields()).containsEntry("backend", "seatbelt").containsEntry("rule", "read.denyRead.0");
    });
  }

  @Test
  void parsesAMessageOnTheSameLineAndProcessNamesWithParentheses() {
    String line = "{\"eventMessage\":\"Sandbox: my (tool)(77) deny(2) network-outbound 1.1.1.1:443 " + TAG
        + ":net.denied\"}";
    assertThat(ViolationLog.parse(line, TAG)).singleElement().satisfies(v -> {
      assertThat(v.process()).isEqualTo("my (tool)");
      assertThat(v.target()).isEqualTo("1.1.1.1:443");
      assertThat(v.rule()).isEqualTo("net.denied");
    });
  }

  @Test
  void ignoresOtherCallsAndNoise() {
    assertThat(ViolationLog.parse("{\"eventMessage\":\"Sandbox: cat(1) deny(1) file-read-data /x\\n"
        + "containment4j:abc123:call-2:read.hideHome\"}", TAG)).isEmpty();
    assertThat(ViolationLog.parse("{\"eventMessage\":\"Sandbox: cat(1) deny(1) file-read-data /x\\n"
        + TAG + "0:default\"}", TAG)).as("call-10 is not call-1").isEmpty();
    assertThat(ViolationLog.parse("not json", TAG)).isEmpty();
    assertThat(ViolationLog.parse("{\"eventMessage\":42}", TAG)).isEmpty();
    assertThat(ViolationLog.parse("", TAG)).isEmpty();
  }

  @Test
  @DisabledOnOs(value = OS.MAC, disabledReason = "on macOS the log exists")
  void withoutTheUnifiedLogReadingFailsVisibly() {
    assertThat(SeatbeltBackendProvider.onMac()).isFalse();
    assertThatThrownBy(() -> ViolationLog.read(TAG, Instant.now(), Duration.ofSeconds(5)))
        .isInstanceOf(ViolationLog.LogUnavailable.class).hasMessageContaining("/usr/bin/log");
  }
}
