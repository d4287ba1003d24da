/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/** Audit events and listeners. Events never carry secret values. */
package dev.containment4j.event;
