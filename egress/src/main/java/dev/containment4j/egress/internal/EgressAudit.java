/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.egress.internal;

import dev.containment4j.event.AuditEvent;
import dev.containment4j.event.AuditListener;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every allow and deny into an {@code egress.allow}/{@code egress.deny} audit event (host, port, address, rule,
 * bytes each way, duration) and a DEBUG log line. Only names, numbers and rule texts go in, never header values.
 */
public final class EgressAudit {
  private static final Logger LOG = LoggerFactory.getLogger("dev.containment4j.egress");
  private final AuditListener listener;
  private final String callId;

  public EgressAudit(AuditListener listener) {
    this(listener, "");
  }

  /** Events that carry {@code callId}: the connections of one call's sandbox. */
  public EgressAudit(AuditListener listener, String callId) {
    this.listener = listener;
    this.callId = callId;
  }

  /** A connection or request that was allowed, reported when it ends. */
  public void allow(String protocol, Gatekeeper.Target t, long bytesUp, long bytesDown, long startNanos,
      Map<String, Object> extra) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("protocol", protocol);
    f.put("host", t.host().name());
    f.put("port", t.port());
    f.put("address", t.dial().getAddress().getHostAddress());
    f.put("rule", t.rule());
    f.putAll(extra);
    f.put("bytesUp", bytesUp);
    f.put("bytesDown", bytesDown);
    f.put("durationMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    emit("egress.allow", f);
  }

  /** A refusal. {@code host} is the canonical host, or the raw request line when it could not be parsed. */
  public void deny(String protocol, String host, int port, Denial d, long startNanos, Map<String, Object> extra) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("protocol", protocol);
    f.put("host", host);
    f.put("port", port);
    f.put("reason", d.reason());
    f.put("rule", d.rule());
    f.put("message", d.message());
    f.putAll(extra);
    f.put("bytesUp", 0L);
    f.put("bytesDown", 0L);
    f.put("durationMs", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    emit("egress.deny", f);
  }

  private void emit(String type, Map<String, Object> fields) {
    if (LOG.isDebugEnabled()) {
      LOG.debug("{} {}", type, fields);
    }
    try {
      listener.onEvent(AuditEvent.of(type, callId, fields));
    } catch (RuntimeException e) {
      LOG.warn("audit listener failed on {}: {}", type, e.toString());
    }
  }
}
