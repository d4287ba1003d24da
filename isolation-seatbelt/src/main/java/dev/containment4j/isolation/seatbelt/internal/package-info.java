/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Seatbelt internals: the pure SBPL profile builder and its escaping, the path resolver, the sandbox-exec runner and
 * the unified-log violation reader. Not API.
 */
package dev.containment4j.isolation.seatbelt.internal;
