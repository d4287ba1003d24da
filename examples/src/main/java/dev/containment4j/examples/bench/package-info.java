/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/** Benchmark runners: each compares our path with the raw tool measured in the same run. */
package dev.containment4j.examples.bench;
