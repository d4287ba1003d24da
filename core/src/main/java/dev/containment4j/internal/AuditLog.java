/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containment4j.event.AuditEvent;
import dev.containment4j.event.AuditListener;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers audit events to the SLF4J logger {@code containment.audit}, to the policy's JSON-lines file, and to the
 * listeners of the call in progress (a thread-local set by the pipeline, so backends need no reference to them).
 */
public final class AuditLog implements AuditListener, AutoCloseable {
  private static final Logger AUDIT = LoggerFactory.getLogger("containment.audit");
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  private static final ThreadLocal<List<AuditListener>> CALL_LISTENERS = ThreadLocal.withInitial(List::of);

  private final Path file;
  private Writer writer;
  private boolean closed;

  public AuditLog(Path jsonlFile) {
    this.file = jsonlFile;
  }

  /** Runs {@code action} with {@code listeners} receiving the events it causes on this thread. */
  public static <T> T withListeners(List<AuditListener> listeners, java.util.function.Supplier<T> action) {
    List<AuditListener> previous = CALL_LISTENERS.get();
    CALL_LISTENERS.set(listeners);
    try {
      return action.get();
    } finally {
      CALL_LISTENERS.set(previous);
    }
  }

  /**
   * A sink for events that happen on other threads on behalf of the call in progress on this thread (egress
   * connections of the call's sandbox, handled on the proxy's event loops): each event goes to {@code sink} with the
   * call's listeners, captured now, in effect.
   */
  public static AuditListener forCurrentCall(AuditListener sink) {
    List<AuditListener> captured = CALL_LISTENERS.get();
    if (captured.isEmpty()) {
      return sink;
    }
    return event -> withListeners(captured, () -> {
      sink.onEvent(event);
      return null;
    });
  }

  /**
   * Whether an event sent now would reach anyone (the audit logger is on, a file is configured, or the call in progress
   * has listeners). Callers skip building an event, and redacting its text, when nobody would receive it.
   */
  public boolean wanted() {
    return file != null || AUDIT.isInfoEnabled() || !CALL_LISTENERS.get().isEmpty();
  }

  @Override
  public void onEvent(AuditEvent event) {
    if (AUDIT.isInfoEnabled() || file != null) {
      String line = toJson(event);
      AUDIT.info(line);
      if (file != null) {
        append(line);
      }
    }
    for (AuditListener l : CALL_LISTENERS.get()) {
      try {
        l.onEvent(event);
      } catch (RuntimeException e) {
        LOG.warn("audit listener {} failed on {}: {}", l, event.type(), e.toString());
      }
    }
  }

  /** Created on first use: with the audit logger off and no file (the CLI's default), Jackson never starts. */
  private static final class Json {
    static final ObjectMapper MAPPER = JsonLines.mapper();
  }

  /** One JSON object per event: {@code time}, {@code type}, {@code callId}, then the fields. */
  public static String toJson(AuditEvent event) {
    ObjectMapper json = Json.MAPPER;
    ObjectNode node = json.createObjectNode();
    node.put("time", event.time().toString());
    node.put("type", event.type());
    if (!event.callId().isEmpty()) {
      node.put("callId", event.callId());
    }
    event.fields().forEach((k, v) -> node.set(k, json.valueToTree(v)));
    return node.toString();
  }

  private synchronized void append(String line) {
    if (closed) {
      return;
    }
    try {
      if (writer == null) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        // The file may sit in a workdir a tool wrote: never follow a link it planted there, never block on a FIFO
        // (opening one for writing waits for a reader), never append to a device
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)
            && !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          LOG.error("audit file {} is not a regular file (a symlink, FIFO or device put there?); audit events go to"
              + " the containment.audit logger only. Remove it, or point audit.jsonl outside the workdir", file);
          closed = true;
          return;
        }
        writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
      }
      writer.write(line);
      writer.write('\n');
      writer.flush();
    } catch (IOException e) {
      LOG.error("cannot write audit file {}: {}", file, e.toString());
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException e) {
        LOG.warn("closing audit file {}: {}", file, e.toString());
      }
      writer = null;
    }
  }
}
