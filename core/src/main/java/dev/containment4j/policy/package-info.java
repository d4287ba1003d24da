/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/** The immutable containment policy and its YAML loading. */
package dev.containment4j.policy;
