/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/** Netty pipeline, policy matching, address checks, interception CA and credential binding of the egress proxy. */
package dev.containment4j.egress.internal;
