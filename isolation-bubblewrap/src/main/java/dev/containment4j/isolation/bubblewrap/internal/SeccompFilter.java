/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap.internal;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.containment4j.SandboxSetupException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The seccomp filter for sandboxed commands, compiled to classic BPF with libseccomp (through JNA) and handed to
 * {@code bwrap --seccomp FD}. Default allow; the listed system calls fail with {@code EPERM} ({@code clone3} with
 * {@code ENOSYS}, so that libc falls back to {@code clone}, whose flags can be inspected). Calls of a foreign
 * architecture (i386 {@code int 0x80}, x32) are killed by libseccomp's architecture check.
 */
public final class SeccompFilter {

  private static final int EPERM = 1;
  private static final int ENOSYS = 38;
  private static final long AF_UNIX = 1;
  private static final long AF_VSOCK = 40;
  private static final long CLONE_NEWUSER = 0x10000000L;

  /** Denied outright: kernel attack surface, namespace and mount changes, keyrings, tracing. */
  static final List<String> DENIED = List.of(
      "ptrace", "process_vm_readv", "process_vm_writev",
      "keyctl", "add_key", "request_key",
      "bpf", "userfaultfd", "perf_event_open",
      "io_uring_setup", "io_uring_enter", "io_uring_register",
      "mount", "umount2", "pivot_root", "move_mount", "open_tree", "fsopen", "fsmount", "fsconfig", "fspick",
      "mount_setattr", "setns",
      "kexec_load", "kexec_file_load", "init_module", "finit_module", "delete_module",
      "open_by_handle_at", "name_to_handle_at", "acct", "swapon", "swapoff", "reboot", "syslog", "quotactl",
      "lookup_dcookie", "iopl", "ioperm", "uselib", "vm86", "vm86old", "settimeofday", "clock_settime",
      "clock_adjtime", "adjtimex");

  /** Socket address families refused by {@code socket(2)}: host Unix sockets (docker.sock, agents) and vsock. */
  static final List<Long> DENIED_SOCKET_FAMILIES = List.of(AF_UNIX, AF_VSOCK);

  /**
   * Terminal ioctls refused: {@code TIOCSTI} (push input into a terminal, CVE-2017-5226) and {@code TIOCLINUX}
   * (console selection can do the same). The launcher already leaves the sandbox without the caller's terminal
   * ({@link ProcessGroupHelper}'s {@code TIOCNOTTY}, or bwrap's {@code --new-session} without it); this holds even if
   * a descriptor of one reaches it, and on a terminal the sandbox makes its own controlling terminal. Compared on the low 32 bits only, the width
   * the kernel uses (CVE-2019-10063: high bits set slipped past filters comparing all 64).
   */
  static final List<Long> DENIED_IOCTLS = List.of(0x5412L, 0x541CL);

  private static final long S_ISUID = 04000;
  private static final long S_ISGID = 02000;
  private static final long O_CREAT = 0100;
  /** O_TMPFILE without its O_DIRECTORY half, whose value differs between x86_64 and aarch64. */
  private static final long O_TMPFILE = 020000000;
  /** fchmodat2 (Linux 6.6): the same number on every architecture; older libseccomp does not know its name. */
  private static final int NR_FCHMODAT2 = 452;

  /**
   * Where each call that sets a file's mode takes it, for the set-user-ID / set-group-ID refusal: a sandbox of a
   * root-run host creates root-owned files in the workdir, and a set-user-ID one there is a root shell for any
   * local user who can reach it (systemd's RestrictSUIDSGID= refuses the same calls).
   */
  static final SortedMap<String, Integer> MODE_ARGUMENT = Collections.unmodifiableSortedMap(new TreeMap<>(Map.of(
      "chmod", 1, "fchmod", 1, "fchmodat", 2, "creat", 1, "mknod", 1, "mknodat", 2))); // sorted: a stable cache key

  private final byte[] bpf;
  private final int rules;

  private SeccompFilter(byte[] bpf, int rules) {
    this.bpf = bpf;
    this.rules = rules;
  }

  /** The compiled program. */
  public byte[] bpf() {
    return bpf.clone();
  }

  /** How many rules it holds. */
  public int rules() {
    return rules;
  }

  /** One line for reports. */
  public String describe() {
    return "seccomp BPF (libseccomp, " + rules + " rules): socket(AF_UNIX|AF_VSOCK), ioctl(TIOCSTI|TIOCLINUX),"
        + " set-user/group-ID modes (chmod, open(O_CREAT), mknod, ...),"
        + " unshare/clone(CLONE_NEWUSER),"
        + " clone3 and " + DENIED.size() + " syscalls (ptrace, mount API, keyrings, bpf, io_uring, ...) fail with EPERM";
  }

  /**
   * Writes the filter to {@code file}: the program another JVM compiled for the same rules, architecture and
   * libseccomp (see {@link HostCache}), or compiled now with libseccomp and cached. A cache hit needs neither JNA nor
   * libseccomp, which is most of what a short-lived process would spend here.
   *
   * @throws SandboxSetupException when libseccomp cannot be loaded or refuses a rule (fail closed)
   */
  public static SeccompFilter prepare(Path file, HostCache cache) {
    String key = HostCache.hostKey("seccomp v3\n" + DENIED + "\n" + DENIED_SOCKET_FAMILIES + "\nsetid="
        + MODE_ARGUMENT + ",open,openat;openat2,fchmodat2=ENOSYS\nioctl="
        + DENIED_IOCTLS + "\nnewuser="
        + CLONE_NEWUSER + "\nclone3=ENOSYS\n" + libseccompIdentity());
    Optional<byte[]> cached = cache.get("seccomp", key);
    if (cached.isPresent() && cached.get().length > 4) {
      ByteBuffer b = ByteBuffer.wrap(cached.get());
      int rules = b.getInt();
      byte[] program = Arrays.copyOfRange(cached.get(), 4, cached.get().length);
      if (program.length % 8 == 0 && program.length <= 4096 * 8) {
        try {
          Files.write(file, program, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
              LinkOption.NOFOLLOW_LINKS);
          return new SeccompFilter(program, rules);
        } catch (IOException e) {
          // compile it below
        }
      }
    }
    SeccompFilter compiled = compileTo(file);
    cache.put("seccomp", key, ByteBuffer.allocate(4 + compiled.bpf.length).putInt(compiled.rules)
        .put(compiled.bpf).array());
    return compiled;
  }

  /** Which libseccomp would be loaded (the real file behind the soname in the usual places). */
  static String libseccompIdentity() {
    StringBuilder sb = new StringBuilder("libseccomp");
    for (String dir : List.of("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
        "/usr/lib/aarch64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib")) {
      Path lib = Path.of(dir, "libseccomp.so.2");
      if (Files.exists(lib)) {
        sb.append('\n').append(HostCache.fileKey(lib));
      }
    }
    return sb.toString();
  }

  /**
   * Compiles the filter and writes it to {@code file} (created by the caller with mode 0600 in a private directory).
   *
   * @throws SandboxSetupException when libseccomp cannot be loaded or refuses a rule (fail closed)
   */
  public static SeccompFilter compileTo(Path file) {
    LibSeccomp lib = loadLibrary();
    Pointer ctx = lib.seccomp_init(LibSeccomp.SCMP_ACT_ALLOW);
    if (ctx == null) {
      throw fail("seccomp_init failed");
    }
    int rules = 0;
    try {
      int eperm = LibSeccomp.actErrno(EPERM);
      for (String name : DENIED) {
        if (add(lib, ctx, eperm, name)) {
          rules++;
        }
      }
      for (long family : DENIED_SOCKET_FAMILIES) {
        add(lib, ctx, eperm, "socket", arg(0, LibSeccomp.SCMP_CMP_EQ, family, 0));
        rules++;
      }
      for (long request : DENIED_IOCTLS) {
        add(lib, ctx, eperm, "ioctl", arg(1, LibSeccomp.SCMP_CMP_MASKED_EQ, 0xFFFFFFFFL, request));
        rules++;
      }
      for (long bit : List.of(S_ISUID, S_ISGID)) {
        for (Map.Entry<String, Integer> e : MODE_ARGUMENT.entrySet()) {
          add(lib, ctx, eperm, e.getKey(), arg(e.getValue(), LibSeccomp.SCMP_CMP_MASKED_EQ, bit, bit));
          rules++;
        }
        // open/openat take a mode only when they create: O_CREAT, or O_TMPFILE (linked in later)
        for (long creating : List.of(O_CREAT, O_TMPFILE)) {
          add(lib, ctx, eperm, "open", arg(1, LibSeccomp.SCMP_CMP_MASKED_EQ, creating, creating),
              arg(2, LibSeccomp.SCMP_CMP_MASKED_EQ, bit, bit));
          add(lib, ctx, eperm, "openat", arg(2, LibSeccomp.SCMP_CMP_MASKED_EQ, creating, creating),
              arg(3, LibSeccomp.SCMP_CMP_MASKED_EQ, bit, bit));
          rules += 2;
        }
      }
      // their arguments cannot be inspected (a struct behind a pointer): ENOSYS, so libc falls back to the calls above
      add(lib, ctx, LibSeccomp.actErrno(ENOSYS), "openat2");
      addNumber(lib, ctx, LibSeccomp.actErrno(ENOSYS), NR_FCHMODAT2);
      rules += 2;
      add(lib, ctx, eperm, "unshare", arg(0, LibSeccomp.SCMP_CMP_MASKED_EQ, CLONE_NEWUSER, CLONE_NEWUSER));
      add(lib, ctx, eperm, "clone", arg(0, LibSeccomp.SCMP_CMP_MASKED_EQ, CLONE_NEWUSER, CLONE_NEWUSER));
      add(lib, ctx, LibSeccomp.actErrno(ENOSYS), "clone3");
      rules += 3;
      int fd = LibC.INSTANCE.open(file.toString(), LibC.O_WRONLY | LibC.O_TRUNC | LibC.O_NOFOLLOW | LibC.O_CLOEXEC,
          0600);
      if (fd < 0) {
        throw fail("cannot open " + file + " (errno " + Native.getLastError() + ")");
      }
      int rc;
      try {
        rc = lib.seccomp_export_bpf(ctx, fd);
      } finally {
        LibC.INSTANCE.close(fd);
      }
      if (rc != 0) {
        throw fail("seccomp_export_bpf failed: " + rc);
      }
      byte[] program = Files.readAllBytes(file);
      if (program.length == 0 || program.length % 8 != 0) {
        throw fail("seccomp_export_bpf wrote " + program.length + " bytes, not a BPF program");
      }
      return new SeccompFilter(program, rules);
    } catch (IOException e) {
      throw fail("cannot read back " + file + ": " + e.getMessage());
    } finally {
      lib.seccomp_release(ctx);
    }
  }

  /** Loads libseccomp, or explains how to install it. */
  static LibSeccomp loadLibrary() {
    try {
      return LibSeccomp.load();
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      throw new SandboxSetupException("bubblewrap", -1, "", "cannot load libseccomp through JNA (" + e.getMessage()
          + "); install it: apt-get install libseccomp2 (Debian/Ubuntu) or dnf install libseccomp (Fedora)", e);
    }
  }

  /** Adds one rule; false when the call does not exist on this architecture (so it cannot be made either). */
  private static boolean add(LibSeccomp lib, Pointer ctx, int action, String name, LibSeccomp.ScmpArgCmp... cmp) {
    int nr = lib.seccomp_syscall_resolve_name(name);
    if (nr == LibSeccomp.NR_SCMP_ERROR) {
      throw fail("libseccomp does not know the system call " + name + "; update libseccomp2 (>= 2.5)");
    }
    if (nr < 0) {
      return false; // __NR_SCMP_UNDEF: known to libseccomp, absent on this architecture (vm86 on x86_64)
    }
    LibSeccomp.ScmpArgCmp[] args = null;
    if (cmp.length > 0) {
      args = (LibSeccomp.ScmpArgCmp[]) new LibSeccomp.ScmpArgCmp().toArray(cmp.length);
      for (int i = 0; i < cmp.length; i++) {
        args[i].arg = cmp[i].arg;
        args[i].op = cmp[i].op;
        args[i].datumA = cmp[i].datumA;
        args[i].datumB = cmp[i].datumB;
        args[i].write();
      }
    }
    int rc = lib.seccomp_rule_add_array(ctx, action, nr, cmp.length, args);
    // -EDOM/-EINVAL for pseudo-syscalls of another architecture would be a bug in this list: fail closed
    if (rc != 0) {
      throw fail("seccomp_rule_add(" + name + ") failed: " + rc);
    }
    return true;
  }

  /** Adds an unconditional rule for a call libseccomp may not know by name. */
  private static void addNumber(LibSeccomp lib, Pointer ctx, int action, int nr) {
    int rc = lib.seccomp_rule_add_array(ctx, action, nr, 0, null);
    if (rc != 0) {
      throw fail("seccomp_rule_add(" + nr + ") failed: " + rc);
    }
  }

  private static LibSeccomp.ScmpArgCmp arg(int index, int op, long a, long b) {
    LibSeccomp.ScmpArgCmp c = new LibSeccomp.ScmpArgCmp();
    c.arg = index;
    c.op = op;
    c.datumA = a;
    c.datumB = b;
    return c;
  }

  private static SandboxSetupException fail(String message) {
    return new SandboxSetupException("bubblewrap", -1, "", "seccomp filter: " + message);
  }
}
