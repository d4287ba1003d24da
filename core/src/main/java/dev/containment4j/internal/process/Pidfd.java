/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.process;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * A process file descriptor ({@code pidfd_open(2)}, Linux 5.3+) and the two calls made through it: duplicating one of
 * the process's descriptors ({@code pidfd_getfd(2)}, Linux 5.6+; needs ptrace access: same uid, and the target is
 * our descendant) and sending it a signal ({@code pidfd_send_signal(2)}). A pidfd names one process for good, so a
 * recycled pid can never be hit. Not thread-safe; close it.
 *
 * <p>Needs JNA, an optional dependency of core: the backends that use this class (bubblewrap, gVisor) depend on it.
 */
public final class Pidfd implements AutoCloseable {
  // asm-generic numbers, the same on every architecture for calls added after 5.1
  private static final long SYS_PIDFD_SEND_SIGNAL = 424;
  private static final long SYS_PIDFD_OPEN = 434;
  private static final long SYS_PIDFD_GETFD = 438;
  public static final int SIGCONT = 18;

  private final int fd;
  private boolean closed;

  private Pidfd(int fd) {
    this.fd = fd;
  }

  /** JNA binding of {@code syscall(2)} and {@code close(2)}. */
  interface Sys extends Library {
    // syscall(2) reads every argument as a long: pass longs, so no upper register half is left undefined
    Sys INSTANCE = Native.load("c", Sys.class);

    long syscall(long number, Object... args);

    int close(int fd);
  }

  /**
   * Opens a pidfd for {@code pid}.
   *
   * @throws IllegalStateException with errno when the kernel refuses (too old: ENOSYS; gone: ESRCH)
   */
  public static Pidfd open(long pid) {
    long rc = Sys.INSTANCE.syscall(SYS_PIDFD_OPEN, pid, 0L);
    if (rc < 0) {
      throw error("pidfd_open(" + pid + ")");
    }
    return new Pidfd((int) rc);
  }

  /** A duplicate (close-on-exec) of the process's descriptor {@code targetFd}, now owned by the caller. */
  public int getfd(int targetFd) {
    long rc = Sys.INSTANCE.syscall(SYS_PIDFD_GETFD, (long) fd, (long) targetFd, 0L);
    if (rc < 0) {
      throw error("pidfd_getfd(" + targetFd + ")");
    }
    return (int) rc;
  }

  /** Sends {@code signal}. */
  public void signal(int signal) {
    long rc = Sys.INSTANCE.syscall(SYS_PIDFD_SEND_SIGNAL, (long) fd, (long) signal, Pointer.NULL, 0L);
    if (rc < 0) {
      throw error("pidfd_send_signal(" + signal + ")");
    }
  }

  public static void closeFd(int fd) {
    Sys.INSTANCE.close(fd);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      Sys.INSTANCE.close(fd);
    }
  }

  private static IllegalStateException error(String call) {
    int errno = Native.getLastError();
    String hint = switch (errno) {
      case 38 -> " (ENOSYS: the kernel is older than Linux 5.6)";
      case 1 -> " (EPERM: no ptrace access to the sandbox process; is kernel.yama.ptrace_scope 3, or does an LSM"
          + " forbid it?)";
      case 3 -> " (ESRCH: the process is gone)";
      case 9 -> " (EBADF: the process has no such descriptor)";
      default -> "";
    };
    return new IllegalStateException(call + " failed with errno " + errno + hint);
  }
}
