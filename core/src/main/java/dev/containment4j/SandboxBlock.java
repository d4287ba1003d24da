/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j;

/**
 * Host-side tool code for the block form: receives a {@link Sandbox} and returns the text meant for the model.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface SandboxBlock {
  /**
   * @param sandbox the contained execution handle, valid only during this call
   * @return the tool's output for the model (it will be filtered)
   * @throws Exception anything the tool code throws is wrapped in a {@link ContainmentException}
   */
  String apply(Sandbox sandbox) throws Exception;
}
