/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** The libc calls needed to hand libseccomp a file descriptor. */
interface LibC extends Library {
  int O_WRONLY = 01;
  int O_TRUNC = 01000;
  int O_NOFOLLOW = 0400000;
  int O_CLOEXEC = 02000000;

  LibC INSTANCE = Native.load("c", LibC.class);

  int open(String path, int flags, int mode);

  int close(int fd);
}
