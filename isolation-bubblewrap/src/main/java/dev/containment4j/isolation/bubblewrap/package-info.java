/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Linux isolation with bubblewrap ({@code bwrap}): user, mount, pid, network, ipc, uts and cgroup namespaces, all
 * capabilities dropped, a seccomp filter built with libseccomp, and cgroup limits. Found by {@link
 * java.util.ServiceLoader} as backend {@code bubblewrap}; see {@code docs/bubblewrap.md}.
 */
package dev.containment4j.isolation.bubblewrap;
