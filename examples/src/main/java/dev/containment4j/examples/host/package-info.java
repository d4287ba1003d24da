/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/** Examples of an agent host using containment4j; the docs include their tagged regions. */
package dev.containment4j.examples.host;
