/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */

/*
 * c4j-exec: the first program of every gVisor session call (`runsc exec`).
 *
 *   c4j-exec [--kill-all] CMD [ARG...]
 *
 * 1. Installs a seccomp filter on itself (with no_new_privs): no unshare, no setns, no clone with CLONE_NEWUSER,
 *    no io_uring, clone3 -> ENOSYS (so libc falls back to clone, which the filter can inspect), no set-user-ID or
 *    set-group-ID bit set by chmod/fchmod/fchmodat/mknod(at)/creat or a creating open(at), openat2 and fchmodat2 ->
 *    ENOSYS. runsc 20221219 applies the OCI
 *    seccomp filter of config.json to the container's first process only, never to `runsc exec` processes; this
 *    helper closes that gap. If the filter cannot be installed it prints a line starting with
 *    "c4j-exec: seccomp" and exits 125 without running anything (the backend then fails closed).
 * 2. Runs CMD as its child (PATH lookup like execvp; a file without a #! line runs under /bin/sh), waits for it.
 * 3. With --kill-all, and only when it is the top of a pid namespace it entered from outside (getppid() == 0, as
 *    for `runsc exec`), kills every other process it can signal (kill(-1): all but the sandbox's init and itself),
 *    again and again until /proc shows none but zombies: whatever the call left running dies with it.
 * 4. Exits with CMD's status (128 + signal when CMD was killed by a signal).
 *
 * Freestanding (no libc): a few KiB, static, nothing to load inside the sandbox. Built by build.sh for x86_64 and
 * aarch64; the binaries are committed next to the Java code that mounts them (see build.sh for how to check them).
 */

#include <asm/unistd.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/sched.h>
#include <linux/seccomp.h>
#include <stddef.h>

#define EPERM 1
#define ENOENT 2
#define EINTR 4
#define E2BIG 7
#define ENOEXEC 8
#define EACCES 13
#define ENOTDIR 20
#define ENOSYS 38
#define SIGKILL 9
#define SIGCHLD 17
#define PR_SET_NO_NEW_PRIVS 38

#if defined(__x86_64__)
#define AUDIT_ARCH_SELF AUDIT_ARCH_X86_64
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
#define AUDIT_ARCH_SELF AUDIT_ARCH_AARCH64
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
#error "c4j-exec supports x86_64 and aarch64"
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

static int same(const char *a, const char *b) {
  while (*a && *a == *b) a++, b++;
  return *a == *b;
}

static void say(const char *a, const char *b, const char *c) {
  sys3(__NR_write, 2, a, len(a));
  sys3(__NR_write, 2, b, len(b));
  sys3(__NR_write, 2, c, len(c));
}

static __attribute__((noreturn)) void leave(int status) {
  for (;;) sys1(__NR_exit_group, status);
}

#define ARG_LO(i) (offsetof(struct seccomp_data, args) + 8 * (i))
#define RET_ERRNO(e) BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (e))
#define SETID_BITS 06000
#define O_CREAT_BIT 0100          /* the same on x86_64 and aarch64 */
#define O_TMPFILE_BIT 020000000   /* __O_TMPFILE, without O_DIRECTORY (which differs between them) */
#define NR_FCHMODAT2 452          /* Linux 6.6, one number on every architecture */
#ifndef __NR_openat2
#define __NR_openat2 437
#endif
/* call NR with a mode argument I: refused when the mode carries a set-ID bit (A holds nr before and after) */
#define MODE_CHECK(nr, i) \
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 4), \
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LO(i)), \
    BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, SETID_BITS, 0, 1), \
    RET_ERRNO(EPERM), \
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)
/* open-like call NR: its mode argument M counts only when its flags F create a file */
#define CREATE_CHECK(nr, f, m) \
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (nr), 0, 6), \
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LO(f)), \
    BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, O_CREAT_BIT | O_TMPFILE_BIT, 0, 3), \
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LO(m)), \
    BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, SETID_BITS, 0, 1), \
    RET_ERRNO(EPERM), \
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)

static struct sock_filter FILTER[] = {
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_SELF, 1, 0),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS),
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
#if defined(__x86_64__)
    /* x32 system calls (nr | 0x40000000) would bypass the numbers below */
    BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1),
    RET_ERRNO(ENOSYS),
#endif
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_unshare, 0, 1),
    RET_ERRNO(EPERM),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_setns, 0, 1),
    RET_ERRNO(EPERM),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone3, 0, 1),
    RET_ERRNO(ENOSYS),
    /* io_uring: gVisor's own implementation is newer, optional code of the Sentry (later releases turn it off by
       default); no tool needs it, and bwrap refuses it too */
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_io_uring_setup, 0, 1),
    RET_ERRNO(EPERM),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_io_uring_enter, 0, 1),
    RET_ERRNO(EPERM),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_io_uring_register, 0, 1),
    RET_ERRNO(EPERM),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone, 0, 4),
    /* clone's flags are its first argument on both architectures; CLONE_NEWUSER is in the low word */
    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG_LO(0)),
    BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_NEWUSER, 0, 1),
    RET_ERRNO(EPERM),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    /* no set-user-ID or set-group-ID bit on any file (systemd's RestrictSUIDSGID=): the workdir is the host's, and
       a set-user-ID file the sandbox's root leaves there runs as its owner for every local user */
    MODE_CHECK(__NR_fchmod, 1),
    MODE_CHECK(__NR_fchmodat, 2),
    MODE_CHECK(__NR_mknodat, 2),
    CREATE_CHECK(__NR_openat, 2, 3),
#ifdef __NR_chmod
    MODE_CHECK(__NR_chmod, 1),
    MODE_CHECK(__NR_creat, 1),
    MODE_CHECK(__NR_mknod, 1),
    CREATE_CHECK(__NR_open, 1, 2),
#endif
    /* arguments out of reach (a struct behind a pointer) or a call too new to inspect: libc falls back */
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_openat2, 0, 1),
    RET_ERRNO(ENOSYS),
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, NR_FCHMODAT2, 0, 1),
    RET_ERRNO(ENOSYS),
    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
};

static const char *env_get(char **envp, const char *name) {
  size_t n = len(name);
  for (; *envp; envp++) {
    const char *e = *envp;
    size_t i = 0;
    while (i < n && e[i] == name[i]) i++;
    if (i == n && e[n] == '=') return e + n + 1;
  }
  return 0;
}

/* execve, and for a file without #! (ENOEXEC) /bin/sh FILE ARGS, as execvp does. Returns the errno. */
static long try_exec(const char *path, char **argv, int argc, char **envp) {
  long r = sys3(__NR_execve, path, argv, envp);
  if (r == -ENOEXEC) {
    char *sh[argc + 2];
    sh[0] = "sh";
    sh[1] = (char *)path;
    for (int i = 1; i <= argc; i++) sh[i + 1] = argv[i];
    r = sys3(__NR_execve, "/bin/sh", sh, envp);
  }
  return -r;
}

static __attribute__((noreturn)) void run_child(char **argv, int argc, char **envp) {
  const char *name = argv[0];
  long err = ENOENT;
  int slash = 0;
  for (const char *p = name; *p; p++) slash |= *p == '/';
  if (slash) {
    err = try_exec(name, argv, argc, envp);
  } else if (*name) {
    const char *path = env_get(envp, "PATH");
    if (!path) path = "/usr/local/bin:/usr/bin:/bin";
    size_t nlen = len(name);
    int denied = 0;
    char buf[4096];
    for (const char *p = path;; p++) {
      const char *end = p;
      while (*end && *end != ':') end++;
      size_t dlen = (size_t)(end - p);
      if (dlen + nlen + 2 <= sizeof buf) {
        size_t k = 0;
        for (size_t i = 0; i < dlen; i++) buf[k++] = p[i];
        if (dlen == 0) buf[k++] = '.';
        buf[k++] = '/';
        for (size_t i = 0; i <= nlen; i++) buf[k++] = name[i];
        err = try_exec(buf, argv, argc, envp);
        if (err == EACCES) {
          denied = 1;
        } else if (err != ENOENT && err != ENOTDIR) {
          break;
        }
      }
      if (!*end) break;
      p = end;
    }
    if (denied && (err == ENOENT || err == ENOTDIR)) err = EACCES;
  }
  if (err == ENOENT || err == ENOTDIR) {
    say("containment: ", name, ": not found\n");
    leave(127);
  }
  say("containment: ", name, err == EACCES ? ": permission denied\n" : ": cannot execute\n");
  leave(126);
}

/* getdents64's record */
struct dirent64_ {
  unsigned long long ino;
  long long off;
  unsigned short reclen;
  unsigned char type;
  char name[];
};

/*
 * 1 when a process other than the init (pid 1) and this one is alive (not a zombie: the init does not reap), 0 when
 * none is, -1 when /proc cannot be read.
 */
static int others_alive(long self) {
  long dir = sys4(__NR_openat, -100, "/proc", 0, 0);
  if (dir < 0) return -1;
  char buf[4096];
  int found = 0;
  long n;
  while (!found && (n = sys3(__NR_getdents64, dir, buf, sizeof buf)) > 0) {
    for (long off = 0; off < n && !found;) {
      struct dirent64_ *d = (struct dirent64_ *)(buf + off);
      off += d->reclen;
      const char *c = d->name;
      long pid = 0;
      if (*c < '0' || *c > '9') continue;
      for (; *c >= '0' && *c <= '9'; c++) pid = pid * 10 + (*c - '0');
      if (*c || pid == 1 || pid == self || c - d->name > 20) continue;
      char path[40];
      size_t k = 0;
      for (const char *p = "/proc/"; *p; p++) path[k++] = *p;
      for (const char *p = d->name; *p; p++) path[k++] = *p;
      for (const char *p = "/stat"; *p; p++) path[k++] = *p;
      path[k] = 0;
      long fd = sys4(__NR_openat, -100, path, 0, 0);
      if (fd < 0) continue; /* gone meanwhile */
      char st[512];
      long m = sys3(__NR_read, fd, st, sizeof st);
      sys1(__NR_close, fd);
      long paren = -1;
      for (long i = 0; i < m; i++) {
        if (st[i] == ')') paren = i;
      }
      char state = paren >= 0 && paren + 2 < m ? st[paren + 2] : '?';
      if (state != 'Z' && state != 'X') found = 1;
    }
  }
  sys1(__NR_close, dir);
  return found;
}

/*
 * kill(-1) until nothing but the init and zombies is left: a process forking while the signal is delivered can leave a
 * child that the signal missed (measured in gVisor: a session call's loop left a `sleep` running into the next call).
 * At most 100 rounds, 10 ms apart.
 */
static void kill_the_rest(void) {
  long self = sys1(__NR_getpid, 0);
  long pause[2];
  pause[0] = 0;
  pause[1] = 10000000;
  for (int round = 0; round < 100; round++) {
    sys2(__NR_kill, -1, SIGKILL);
    if (others_alive(self) <= 0) return;
    sys2(__NR_nanosleep, pause, 0);
  }
  say("c4j-exec: processes of the call survived 100 rounds of kill(-1)", "", "\n");
}

void c_start(long *sp) {
  int argc = (int)sp[0];
  char **argv = (char **)(sp + 1);
  char **envp = argv + argc + 1;
  int first = 1;
  int kill_all = 0;
  if (first < argc && same(argv[first], "--kill-all")) {
    kill_all = 1;
    first++;
  }
  if (first >= argc) {
    say("c4j-exec: usage: c4j-exec [--kill-all] CMD [ARG...]", "", "\n");
    leave(125);
  }
  struct sock_fprog prog = {.len = sizeof FILTER / sizeof FILTER[0], .filter = FILTER};
  if (sys6(__NR_prctl, PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0, 0) != 0
      || sys3(__NR_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0) {
    say("c4j-exec: seccomp filter not installed; refusing to run ", argv[first], "\n");
    leave(125);
  }
  long pid = sys6(__NR_clone, SIGCHLD, 0, 0, 0, 0, 0);
  if (pid < 0) {
    say("containment: cannot fork to run ", argv[first], "\n");
    leave(126);
  }
  if (pid == 0) {
    run_child(argv + first, argc - first, envp);
  }
  int status = 0;
  long r;
  do {
    r = sys4(__NR_wait4, pid, &status, 0, 0);
  } while (r == -EINTR);
  int code = r < 0 ? 126 : (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
  if (kill_all && sys1(__NR_getppid, 0) == 0) {
    kill_the_rest();
  }
  leave(code);
}
