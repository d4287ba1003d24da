/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/** The model guard (reviews proposed calls) and the content filter (reviews what comes back), and the approver SPI for human decisions. */
package dev.containment4j.guard;
