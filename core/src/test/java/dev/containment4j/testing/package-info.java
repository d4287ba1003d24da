/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Test support shipped in core's test-jar: JUnit 5 conditions that enable tests only where a backend really works
 * (and fail instead of skipping when {@code -Dcontainment.test.require} names it), and the shared {@link
 * dev.containment4j.testing.EscapeSuite} every backend runs.
 */
package dev.containment4j.testing;
