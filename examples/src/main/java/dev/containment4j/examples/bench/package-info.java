/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/** Benchmark runners (not JMH): throughput and comparisons with peer tools, results in docs/benchmarks.md. */
package dev.containment4j.examples.bench;
