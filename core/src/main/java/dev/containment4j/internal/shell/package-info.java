/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal: a parser for the bash subset agents send (quotes, escapes, operators, redirections, substitutions,
 * here-docs, assignments), producing every simple command that would run. Not API.
 */
package dev.containment4j.internal.shell;
