/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/** Guard extensions: a second-stage reviewer that asks a language model over HTTP. */
package dev.containment4j.examples.guard;
