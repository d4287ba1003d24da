/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/** Benchmark runners (plain {@code main}s): warm-up, interleaved repetitions, medians and ratios. */
package dev.containment4j.examples.bench;
