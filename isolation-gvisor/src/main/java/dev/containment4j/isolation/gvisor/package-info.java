/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * gVisor isolation backend: every sandbox is a {@code runsc} OCI sandbox generated from the policy, with a user-space
 * kernel between the tool and the host, no network, and an in-memory root overlay. Sessions keep one sandbox across
 * calls; a warm pool hides the cold start. Select it with {@code isolation.backend: gvisor}.
 */
package dev.containment4j.isolation.gvisor;
