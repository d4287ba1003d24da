/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/** Internal implementation of the bubblewrap backend; not API, may change without notice. */
package dev.containment4j.isolation.bubblewrap.internal;
