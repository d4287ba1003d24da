/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/** Service provider interface for isolation backends, discovered with {@link java.util.ServiceLoader}. */
package dev.containment4j.spi;
