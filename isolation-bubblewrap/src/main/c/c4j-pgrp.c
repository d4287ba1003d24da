/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * c4j-pgrp: the last step of the bubblewrap launcher, in place of bwrap's --new-session.
 *
 *   c4j-pgrp /ABSOLUTE/PATH/TO/bwrap [ARG...]
 *
 * 1. setpgid(0, 0): a process group of its own. Without it the sandbox would share the JVM's process group, and
 *    kill(0, SIG) from inside the sandbox's pid namespace reaches every member of that group outside it (the kernel
 *    does not stop a process group at a pid namespace).
 * 2. Drops the controlling terminal: opens /dev/tty and, when that succeeds, ioctl(TIOCNOTTY). It is never a
 *    session leader (checked), so only this process loses the terminal (no SIGHUP to anyone), and every process it
 *    starts inherits having none: /dev/tty inside the sandbox then fails with ENXIO.
 * 3. Checks both in /proc/self/stat (process group = its pid, tty_nr = 0), then execve()s its arguments as given
 *    (no PATH lookup) with the environment it got.
 * If any step fails it prints a line starting with "c4j-pgrp:" and exits 125 without running anything.
 *
 * It stays in the caller's session on purpose: a new session is a new scheduler autogroup (sched_autogroup), which
 * gave the sandbox's processes a scheduling share of their own apart from the JVM's (see docs/bubblewrap.md).
 * Freestanding (no libc), static, a few KiB; built by build.sh for x86_64 and aarch64, binaries committed.
 */

#include <asm/unistd.h>
#include <stddef.h>

#define O_RDWR 02
#define O_NOCTTY 0400
#define O_CLOEXEC 02000000
#define AT_FDCWD (-100)
#define TIOCNOTTY 0x5422
#define FAILED 125

#if defined(__x86_64__)
static long sys6(long n, long a, long b, long c, long d, long e, long f) {
  long ret;
  register long r10 __asm__("r10") = d;
  register long r8 __asm__("r8") = e;
  register long r9 __asm__("r9") = f;
  __asm__ volatile("syscall" : "=a"(ret) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8), "r"(r9)
                   : "rcx", "r11", "memory");
  return ret;
}
__asm__(".text\n.global _start\n_start:\n  xor %rbp, %rbp\n  mov %rsp, %rdi\n  and $-16, %rsp\n"
        "  call c_start\n  hlt\n");
#elif defined(__aarch64__)
static long sys6(long n, long a, long b, long c, long d, long e, long f) {
  register long x8 __asm__("x8") = n;
  register long x0 __asm__("x0") = a;
  register long x1 __asm__("x1") = b;
  register long x2 __asm__("x2") = c;
  register long x3 __asm__("x3") = d;
  register long x4 __asm__("x4") = e;
  register long x5 __asm__("x5") = f;
  __asm__ volatile("svc 0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5) : "memory");
  return x0;
}
__asm__(".text\n.global _start\n_start:\n  mov x29, #0\n  mov x30, #0\n  mov x0, sp\n  and sp, x0, #-16\n"
        "  bl c_start\n");
#else
#error "c4j-pgrp supports x86_64 and aarch64"
#endif

#define sys1(n, a) sys6(n, (long)(a), 0, 0, 0, 0, 0)
#define sys2(n, a, b) sys6(n, (long)(a), (long)(b), 0, 0, 0, 0)
#define sys3(n, a, b, c) sys6(n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define sys4(n, a, b, c, d) sys6(n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)

static size_t len(const char *s) {
  size_t n = 0;
  while (s[n]) n++;
  return n;
}

static __attribute__((noreturn)) void fail(const char *what) {
  static const char prefix[] = "c4j-pgrp: ";
  static const char suffix[] = "; nothing was run\n";
  sys3(__NR_write, 2, prefix, sizeof prefix - 1);
  sys3(__NR_write, 2, what, len(what));
  sys3(__NR_write, 2, suffix, sizeof suffix - 1);
  for (;;) sys1(__NR_exit_group, FAILED);
}

/* skips one space-separated field of /proc/self/stat and reads the next as a decimal number (-1 if none) */
static long field(const char **p) {
  const char *s = *p;
  while (*s == ' ') s++;
  if (*s < '0' || *s > '9') return -1;
  long v = 0;
  while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0');
  *p = s;
  return v;
}

static void check_stat(long pid) {
  char buf[1024];
  long fd = sys4(__NR_openat, AT_FDCWD, "/proc/self/stat", O_CLOEXEC, 0);
  if (fd < 0) fail("cannot read /proc/self/stat to check the process group and terminal");
  long n = sys3(__NR_read, fd, buf, sizeof buf - 1);
  sys1(__NR_close, fd);
  if (n <= 0) fail("cannot read /proc/self/stat to check the process group and terminal");
  buf[n] = 0;
  /* "pid (comm) state ppid pgrp session tty_nr ...": comm may hold anything, so start after the last ')' */
  const char *p = 0;
  for (const char *s = buf; *s; s++) {
    if (*s == ')') p = s + 1;
  }
  if (!p) fail("cannot parse /proc/self/stat");
  while (*p == ' ') p++;
  if (!*p) fail("cannot parse /proc/self/stat");
  p++; /* state */
  long ppid = field(&p);
  long pgrp = field(&p);
  long session = field(&p);
  long tty = field(&p);
  if (ppid < 0 || session < 0 || tty < 0) fail("cannot parse /proc/self/stat");
  if (pgrp != pid) fail("still in its parent's process group after setpgid");
  if (tty != 0) fail("still has a controlling terminal after TIOCNOTTY");
}

void c_start(long *sp) {
  int argc = (int)sp[0];
  char **argv = (char **)(sp + 1);
  char **envp = argv + argc + 1;
  if (argc < 2 || argv[1][0] != '/') fail("usage: c4j-pgrp /ABSOLUTE/PATH [ARG...]");
  long pid = sys1(__NR_getpid, 0);
  /* a session leader's TIOCNOTTY would hang up its whole session; the launcher never is one */
  if (sys1(__NR_getsid, 0) == pid) fail("is a session leader (started by setsid?)");
  if (sys2(__NR_setpgid, 0, 0) < 0) fail("setpgid(0, 0) failed");
  long tty = sys4(__NR_openat, AT_FDCWD, "/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC, 0);
  if (tty >= 0) {
    long r = sys3(__NR_ioctl, tty, TIOCNOTTY, 0);
    sys1(__NR_close, tty);
    if (r < 0) fail("ioctl(TIOCNOTTY) on /dev/tty failed");
  }
  /* otherwise ENXIO (no terminal), or no /dev/tty node: the check below tells whether a terminal is left */
  check_stat(pid);
  sys3(__NR_execve, argv[1], argv + 1, envp);
  fail("cannot execute its command");
}
