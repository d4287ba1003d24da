/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * macOS isolation with Seatbelt: an SBPL profile generated from the policy, applied with {@code /usr/bin/sandbox-exec}.
 * The provider is found with {@link java.util.ServiceLoader} under the id {@code seatbelt}; profiles can be printed on
 * any OS with {@code containment explain --backend seatbelt}.
 */
package dev.containment4j.isolation.seatbelt;
