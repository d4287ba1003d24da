/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/** Contains AI-agent tool calls: {@link dev.containment4j.Containment} is the entry point; calls go through the model guard, OS isolation and the content filter. */
package dev.containment4j;
