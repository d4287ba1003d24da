/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.guard;

import dev.containment4j.Finding;
import java.util.List;

/**
 * An extra detector for the content filter, found with {@link java.util.ServiceLoader} (register the class in
 * {@code META-INF/services/dev.containment4j.guard.Detector}). Use it to add a machine-learning classifier, for
 * example an ONNX prompt-injection model run with {@code com.microsoft.onnxruntime} (see
 * {@code docs/content-filter.md}). The built-in detectors need no model and no network.
 *
 * <p>What a detector returns is merged with the built-in findings: type {@code injection} counts towards quarantine
 * when its score is at least {@link #INJECTION_THRESHOLD}; type {@code secret} spans are redacted with the rule as
 * label. A detector that throws is ignored for that text and logged (the built-in result stands).
 *
 * <p>Implementations must be thread-safe and fast: they run on every tool output, once per block of at most
 * {@code 256 KiB} when streaming.
 *
 * <pre>{@code
 * public final class OnnxInjectionDetector implements Detector {
 *   public String id() { return "onnx-injection"; }
 *   public List<Finding> detect(CharSequence text, FilterContext ctx) {
 *     double p = model.score(text);   // chunk to the model's window, max-pool
 *     return p < 0.9 ? List.of() : List.of(new Finding("injection", id(), 0, text.length(), p));
 *   }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface Detector {

  /** Score from which a detector's {@code injection} finding quarantines the output. */
  double INJECTION_THRESHOLD = 0.5;

  /** A short id, used in logs. */
  String id();

  /**
   * @param text the text (or one block of a stream); offsets of returned findings are relative to it
   * @param context where the text came from
   * @return findings, never the secret values themselves
   */
  List<Finding> detect(CharSequence text, FilterContext context);
}
