/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our filter costs a bulk transfer nothing beyond the fixed cost of having one, because the kernel (5.11+) never runs
 * it for the calls of the data path: when a filter is attached, it emulates the program once per system call number
 * ({@code seccomp_is_const_allow} in kernel/seccomp.c) and caches "always allowed" for every number whose result does
 * not depend on the arguments. This emulates the same rule on the compiled program, so a new argument rule on
 * {@code read}, {@code write} or {@code futex}, or an argument load before the number dispatch, fails here instead of
 * putting the whole program on every system call of every sandbox.
 */
class SeccompCacheTest {
  private static final int AUDIT_ARCH_X86_64 = 0xC000003E;
  private static final int AUDIT_ARCH_I386 = 0x40000003;
  private static final int AUDIT_ARCH_AARCH64 = 0xC00000B7;
  private static final int AUDIT_ARCH_ARM = 0x40000028;
  private static final int X32_SYSCALL_BIT = 0x40000000;
  private static final int RET_ALLOW = 0x7fff0000;

  @TempDir
  static Path dir;

  private static int[][] program;
  private static LibSeccomp lib;
  private static boolean x86;

  @BeforeAll
  static void compile() throws Exception {
    Path file = Files.createFile(dir.resolve("filter.bpf"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    ByteBuffer b = ByteBuffer.wrap(SeccompFilter.compileTo(file).bpf()).order(ByteOrder.nativeOrder());
    List<int[]> insns = new ArrayList<>();
    while (b.hasRemaining()) {
      insns.add(new int[] {Short.toUnsignedInt(b.getShort()), Byte.toUnsignedInt(b.get()),
          Byte.toUnsignedInt(b.get()), b.getInt()});
    }
    program = insns.toArray(int[][]::new);
    lib = SeccompFilter.loadLibrary();
    x86 = List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
  }

  @Test
  void everyCallOfTheDataPathIsAllowedWithoutRunningTheProgram() {
    for (String name : List.of("read", "write", "readv", "writev", "pread64", "pwrite64", "recvfrom", "sendto",
        "recvmsg", "sendmsg", "splice", "sendfile", "epoll_pwait", "ppoll", "pselect6", "futex", "close",
        "connect", "accept4", "getsockopt", "setsockopt", "mmap", "munmap", "brk", "madvise", "sched_yield",
        "clock_nanosleep", "rt_sigreturn", "exit_group")) {
      assertThat(cachedAction(nr(name), nativeArch())).as(name).contains(RET_ALLOW);
    }
  }

  @Test
  void onlyTheCallsWithArgumentRulesRunTheProgram() {
    TreeSet<String> expected = new TreeSet<>();
    Stream.concat(SeccompFilter.MODE_ARGUMENT.keySet().stream(),
        Stream.of("open", "openat", "socket", "ioctl", "clone", "unshare"))
        .filter(n -> lib.seccomp_syscall_resolve_name(n) >= 0).forEach(expected::add);
    TreeSet<Integer> withArguments = new TreeSet<>();
    for (int nr = 0; nr < 1024; nr++) {
      if (cachedAction(nr, nativeArch()).isEmpty()) {
        withArguments.add(nr);
      }
    }
    TreeSet<Integer> expectedNumbers = new TreeSet<>(expected.stream().map(SeccompCacheTest::nr).toList());
    assertThat(withArguments).as("system calls the kernel cannot cache (%s expected)", expected)
        .isEqualTo(expectedNumbers);
  }

  @Test
  void refusedCallsAndForeignArchitecturesAreNeverAllowed() {
    for (String name : List.of("ptrace", "bpf", "mount", "keyctl", "io_uring_setup", "clone3")) {
      assertThat(cachedAction(nr(name), nativeArch())).as(name).isPresent().get().isNotEqualTo(RET_ALLOW);
    }
    int foreign = x86 ? AUDIT_ARCH_I386 : AUDIT_ARCH_ARM;
    assertThat(cachedAction(3, foreign)).as("foreign architecture").isPresent().get().isNotEqualTo(RET_ALLOW);
    if (x86) {
      assertThat(cachedAction(nr("read") | X32_SYSCALL_BIT, AUDIT_ARCH_X86_64)).as("x32 read").isPresent().get()
          .isNotEqualTo(RET_ALLOW);
    }
  }

  private static int nativeArch() {
    return x86 ? AUDIT_ARCH_X86_64 : AUDIT_ARCH_AARCH64;
  }

  private static int nr(String name) {
    int nr = lib.seccomp_syscall_resolve_name(name);
    assertThat(nr).as(name).isNotNegative();
    return nr;
  }

  /**
   * The kernel's {@code seccomp_is_const_allow} run to its end: the constant action for this call number and
   * architecture, or empty when the program loads an argument (or uses an instruction the kernel's emulator does not
   * know), in which case the kernel runs the program on every such call.
   */
  private static Optional<Integer> cachedAction(int nr, int arch) {
    int acc = 0;
    for (int pc = 0; pc < program.length; pc++) {
      int code = program[pc][0];
      int jt = program[pc][1];
      int jf = program[pc][2];
      int k = program[pc][3];
      switch (code) {
        case 0x20 -> { // BPF_LD | BPF_W | BPF_ABS: struct seccomp_data offsets 0 (nr) and 4 (arch) only
          if (k == 0) {
            acc = nr;
          } else if (k == 4) {
            acc = arch;
          } else {
            return Optional.empty();
          }
        }
        case 0x06 -> { // BPF_RET | BPF_K
          return Optional.of(k);
        }
        case 0x05 -> pc += k; // BPF_JMP | BPF_JA
        case 0x15, 0x35, 0x25, 0x45 -> { // BPF_JMP | JEQ, JGE, JGT, JSET with K (unsigned)
          boolean taken = switch (code) {
            case 0x15 -> acc == k;
            case 0x35 -> Integer.compareUnsigned(acc, k) >= 0;
            case 0x25 -> Integer.compareUnsigned(acc, k) > 0;
            default -> (acc & k) != 0;
          };
          pc += taken ? jt : jf;
        }
        case 0x54 -> acc &= k; // BPF_ALU | BPF_AND | BPF_K
        default -> {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
