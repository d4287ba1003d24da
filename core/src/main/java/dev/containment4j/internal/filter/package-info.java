/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/** Internal implementation; not API, may change without notice. */
package dev.containment4j.internal.filter;
