/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/** Implementation of the gVisor backend: OCI config builder, runsc invocations, sandboxes, pool and reaper. */
package dev.containment4j.isolation.gvisor.internal;
