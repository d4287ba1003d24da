/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/** The {@code containment} command line. */
package dev.containment4j.examples.cli;
