/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.gvisor.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.containment4j.internal.fs.HostIdentity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code config.json} (and the {@code process.json} of {@code runsc exec}) from a {@link SandboxPlan}. Pure:
 * text out, golden-tested. Keys come out in a fixed order.
 */
public final class OciConfig {

  static final String OCI_VERSION = "1.0.2";
  private static final ObjectWriter WRITER = new ObjectMapper().writer(
      new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n")));

  private OciConfig() {}

  /** The bundle's {@code config.json}. */
  public static String render(SandboxPlan plan) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("ociVersion", OCI_VERSION);
    root.put("process", process(plan.process()));
    // the host root, read-write only into runsc's --overlay2=root:memory layer: the host file never changes
    root.put("root", ordered("path", "/", "readonly", false));
    root.put("hostname", HostIdentity.SANDBOX_HOSTNAME);
    List<Object> mounts = new ArrayList<>();
    for (OciMount m : plan.mounts()) {
      Map<String, Object> e = ordered("destination", m.destination(), "type", m.type(), "source", m.source());
      if (!m.options().isEmpty()) {
        e.put("options", m.options());
      }
      mounts.add(e);
    }
    root.put("mounts", mounts);
    Map<String, Object> linux = new LinkedHashMap<>();
    List<Object> ns = new ArrayList<>();
    for (String type : List.of("pid", "network", "ipc", "uts", "mount")) {
      // proxy mode: join the namespace that holds only lo and the proxy's listener (with runsc --network=host)
      ns.add(type.equals("network") && plan.networkNamespace().isPresent()
          ? ordered("type", type, "path", plan.networkNamespace().get()) : ordered("type", type));
    }
    plan.userNamespace().ifPresent(u -> ns.add(ordered("type", "user")));
    linux.put("namespaces", ns);
    plan.userNamespace().ifPresent(u -> {
      linux.put("uidMappings", List.of(ordered("containerID", 0, "hostID", u.uid(), "size", 1)));
      linux.put("gidMappings", List.of(ordered("containerID", 0, "hostID", u.gid(), "size", 1)));
    });
    plan.memoryLimitBytes().ifPresent(bytes -> linux.put("resources", ordered("memory", ordered("limit", bytes))));
    linux.put("seccomp", seccomp());
    root.put("linux", linux);
    return write(root);
  }

  /** A {@code process.json} for {@code runsc exec --process}. */
  public static String renderProcess(ProcessSpec process) {
    return write(process(process));
  }

  private static Map<String, Object> process(ProcessSpec p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("terminal", false);
    m.put("user", ordered("uid", 0, "gid", 0));
    m.put("args", p.args());
    List<String> env = new ArrayList<>();
    p.env().forEach((k, v) -> env.add(k + "=" + v));
    m.put("env", env);
    m.put("cwd", p.cwd());
    // empty sets: root inside gVisor's user namespace without a single capability
    m.put("capabilities", ordered("bounding", List.of(), "effective", List.of(), "inheritable", List.of(),
        "permitted", List.of(), "ambient", List.of()));
    List<Object> rl = new ArrayList<>();
    for (ProcessSpec.Rlimit r : p.rlimits()) {
      rl.add(ordered("type", r.type(), "hard", r.value(), "soft", r.value()));
    }
    m.put("rlimits", rl);
    m.put("noNewPrivileges", true);
    return m;
  }

  /**
   * Applied by gVisor's Sentry with {@code --oci-seccomp}: no new user namespaces (clone with CLONE_NEWUSER,
   * unshare, setns), no io_uring, and clone3 reports ENOSYS so libc falls back to the clone it can filter. runsc
   * 20221219 applies it to the container's first process and its children only, not to {@code runsc exec} processes.
   */
  private static Map<String, Object> seccomp() {
    List<Object> rules = new ArrayList<>();
    rules.add(ordered("names", List.of("unshare", "setns"), "action", "SCMP_ACT_ERRNO", "errnoRet", 1));
    rules.add(ordered("names", List.of("clone"), "action", "SCMP_ACT_ERRNO", "errnoRet", 1, "args",
        List.of(ordered("index", 0, "value", CLONE_NEWUSER, "valueTwo", CLONE_NEWUSER, "op", "SCMP_CMP_MASKED_EQ"))));
    rules.add(ordered("names", List.of("clone3"), "action", "SCMP_ACT_ERRNO", "errnoRet", 38));
    // the Sentry's own io_uring (newer, optional code; later gVisor releases turn it off): no tool needs it, and bwrap
    // refuses it as well
    rules.add(ordered("names", List.of("io_uring_setup", "io_uring_enter", "io_uring_register"), "action",
        "SCMP_ACT_ERRNO", "errnoRet", 1));
    // no set-user-ID / set-group-ID bit on any file: the sandbox's root leaves the workdir's files on the host, where a
    // set-user-ID one would run as its owner for every local user (as c4j-exec does for session calls)
    boolean legacyCalls = System.getProperty("os.arch", "").matches("amd64|x86_64");
    for (long bit : List.of(S_ISUID, S_ISGID)) {
      List<String> modeSecond = legacyCalls ? List.of("fchmod", "chmod", "creat", "mknod") : List.of("fchmod");
      rules.add(ordered("names", modeSecond, "action", "SCMP_ACT_ERRNO", "errnoRet", 1, "args",
          List.of(masked(1, bit))));
      rules.add(ordered("names", List.of("fchmodat", "mknodat"), "action", "SCMP_ACT_ERRNO", "errnoRet", 1, "args",
          List.of(masked(2, bit))));
      for (long creating : List.of(O_CREAT, O_TMPFILE)) {
        rules.add(ordered("names", List.of("openat"), "action", "SCMP_ACT_ERRNO", "errnoRet", 1, "args",
            List.of(masked(2, creating), masked(3, bit))));
        if (legacyCalls) {
          rules.add(ordered("names", List.of("open"), "action", "SCMP_ACT_ERRNO", "errnoRet", 1, "args",
              List.of(masked(1, creating), masked(2, bit))));
        }
      }
    }
    rules.add(ordered("names", List.of("openat2"), "action", "SCMP_ACT_ERRNO", "errnoRet", 38));
    return ordered("defaultAction", "SCMP_ACT_ALLOW", "architectures", List.of("SCMP_ARCH_X86_64",
        "SCMP_ARCH_AARCH64"), "syscalls", rules);
  }

  static final long CLONE_NEWUSER = 0x10000000L;
  private static final long S_ISUID = 04000;
  private static final long S_ISGID = 02000;
  private static final long O_CREAT = 0100;
  /** O_TMPFILE without its O_DIRECTORY half, whose value differs between x86_64 and aarch64. */
  private static final long O_TMPFILE = 020000000;

  /** An argument condition: {@code (arg[index] & bits) == bits}. */
  private static Map<String, Object> masked(int index, long bits) {
    return ordered("index", index, "value", bits, "valueTwo", bits, "op", "SCMP_CMP_MASKED_EQ");
  }

  private static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], kv[i + 1]);
    }
    return m;
  }

  private static String write(Object o) {
    try {
      return WRITER.writeValueAsString(o) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render OCI JSON", e);
    }
  }
}
