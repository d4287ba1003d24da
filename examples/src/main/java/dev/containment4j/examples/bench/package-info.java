/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/** Benchmark runners (run them with {@code java}, see {@code docs/benchmarks.md}). */
package dev.containment4j.examples.bench;
