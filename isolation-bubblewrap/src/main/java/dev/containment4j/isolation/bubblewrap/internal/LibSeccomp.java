/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.bubblewrap.internal;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * JNA binding of the few libseccomp functions the filter needs (libseccomp2 >= 2.5). Hidden behind {@link
 * SeccompFilter}; nothing else touches JNA.
 */
interface LibSeccomp extends Library {

  int SCMP_ACT_ALLOW = 0x7fff0000;
  int SCMP_CMP_EQ = 4;
  int SCMP_CMP_MASKED_EQ = 7;
  /** {@code __NR_SCMP_ERROR}: the name is unknown to this libseccomp. */
  int NR_SCMP_ERROR = -1;

  static int actErrno(int errno) {
    return 0x00050000 | (errno & 0x0000ffff);
  }

  Pointer seccomp_init(int defAction);

  int seccomp_syscall_resolve_name(String name);

  /** The array form of {@code seccomp_rule_add} (JNA cannot pass variadic structs by value). */
  int seccomp_rule_add_array(Pointer ctx, int action, int syscall, int argCnt, ScmpArgCmp[] args);

  int seccomp_export_bpf(Pointer ctx, int fd);

  void seccomp_release(Pointer ctx);

  /** {@code struct scmp_arg_cmp}. */
  @Structure.FieldOrder({"arg", "op", "datumA", "datumB"})
  class ScmpArgCmp extends Structure {
    public int arg;
    public int op;
    public long datumA;
    public long datumB;
  }

  /** Loads {@code libseccomp.so.2} (or the unversioned name from the -dev package). */
  static LibSeccomp load() {
    UnsatisfiedLinkError first = null;
    for (String name : new String[] {"seccomp", "libseccomp.so.2"}) {
      try {
        return Native.load(name, LibSeccomp.class);
      } catch (UnsatisfiedLinkError e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    throw first;
  }
}
