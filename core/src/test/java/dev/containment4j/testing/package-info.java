/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Test support shipped in core's test-jar: JUnit 5 conditions that enable tests only where a backend really works
 * (and fail instead of skipping when {@code -Dcontainment.test.require} names it), and the shared {@link
 * dev.containment4j.testing.EscapeSuite} every backend runs, and {@link dev.containment4j.testing.Proportion} (rates with
 * 95% Wilson intervals) for the corpus reports.
 */
package dev.containment4j.testing;
