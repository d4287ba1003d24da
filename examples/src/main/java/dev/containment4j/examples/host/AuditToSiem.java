/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples.host;

import dev.containment4j.Containment;
import dev.containment4j.ToolCall;
import dev.containment4j.event.AuditEvent;
import java.util.function.Consumer;

/** Forwarding audit events to a SIEM or endpoint-detection pipeline ({@code docs/audit.md}). */
public final class AuditToSiem {
  private AuditToSiem() {}

  static void forward(Containment base, Consumer<String> siem) {
    // tag::listener[]
    Containment c = base.onEvent((AuditEvent e) -> {
      if (e.type().equals("guard.decision") && e.fields().get("decision").equals("deny")) {
        siem.accept("agent call denied: " + e.fields().get("reason"));
      }
    });
    c.run(ToolCall.bash("cat ~/.ssh/id_ed25519"));
    // end::listener[]
  }
}
