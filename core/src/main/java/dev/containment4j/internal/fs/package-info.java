/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Backend-neutral resolution of the policy's filesystem entries ({@code ~}, paths relative to the workdir, symlinks,
 * globs) into absolute real host paths, and the list of files that configure code execution and stay write-protected
 * inside writable roots. Used by the bubblewrap backend and meant for the gVisor and Seatbelt backends. Internal; not
 * API.
 */
package dev.containment4j.internal.fs;
