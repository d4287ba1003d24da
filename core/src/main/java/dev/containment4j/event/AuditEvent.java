/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.event;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One audit event. {@code type} is one of the documented types ({@code guard.decision}, {@code sandbox.start},
 * {@code sandbox.exit}, {@code egress.allow}, {@code egress.deny}, {@code filter.findings}, {@code trust.grant},
 * {@code trust.revoke}, {@code backend.selected}, ...); {@code fields} hold JSON-friendly values (strings, numbers,
 * booleans, lists and maps of those). Events never carry secret values. See {@code docs/audit.md}.
 *
 * @param time when it happened
 * @param type the event type
 * @param callId the call it belongs to, or empty
 * @param fields event data, in insertion order
 * @since 0.1
 */
public record AuditEvent(Instant time, String type, String callId, Map<String, Object> fields) {
  public AuditEvent {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(type, "type");
    callId = callId == null ? "" : callId;
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public static AuditEvent of(String type, String callId, Map<String, ?> fields) {
    return new AuditEvent(Instant.now(), type, callId, new LinkedHashMap<>(fields));
  }
}
