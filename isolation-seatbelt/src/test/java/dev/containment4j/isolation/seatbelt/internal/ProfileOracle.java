/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containment4j.isolation.seatbelt.internal.SbplModel.Query;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The policy's meaning, written independently of the builder: which reads and writes a profile must allow for a
 * {@link ProfileInput}. {@link #check} evaluates the parsed profile (Seatbelt semantics) on probe paths around every
 * entry and compares.
 */
final class ProfileOracle {
  private final ProfileInput in;

  ProfileOracle(ProfileInput in) {
    this.in = in;
  }

  /**
   * Reads: the most specific literal entry decides (carve-outs win ties); glob carve-outs beat literal denies; glob
   * denies win over everything; the host's terminals are never readable.
   */
  boolean readAllowed(String path) {
    int denyDepth = -1;
    int allowDepth = -1;
    for (FsTarget t : in.readDeny()) {
      if (!t.isGlob()) {
        for (String s : t.spellings()) {
          if (covers(s, path)) {
            denyDepth = Math.max(denyDepth, depth(s));
          }
        }
      }
    }
    List<FsTarget> carve = new ArrayList<>(in.readAllow());
    carve.addAll(in.writeRoots());
    for (FsTarget t : carve) {
      if (!t.isGlob() && covers(t.path(), path)) {
        allowDepth = Math.max(allowDepth, depth(t.path()));
      }
    }
    boolean allowed = denyDepth < 0 || allowDepth >= denyDepth;
    if (carve.stream().anyMatch(t -> t.isGlob() && globMatches(t, path))) {
      allowed = true;
    }
    if (in.readDeny().stream().anyMatch(t -> t.isGlob() && globMatches(t, path))) {
      allowed = false;
    }
    if (path.matches("/dev/(tty|pty|ptmx|console).*")) {
      allowed = false;
    }
    return allowed;
  }

  /** Writes: inside a root, not inside a denyWrite entry, not a protected path (any case). */
  boolean writeAllowed(String path) {
    boolean inRoot = in.writeRoots().stream().anyMatch(t -> t.isGlob() ? globMatches(t, path)
        : covers(t.path(), path));
    boolean denied = in.writeDeny().stream().anyMatch(t -> t.isGlob() ? globMatches(t, path)
        : t.spellings().stream().anyMatch(s -> covers(s, path)));
    return inRoot && !denied && !isProtected(path);
  }

  /** Create/unlink: also never on a root, a parent of a root or denied entry, or a parent of a protected path. */
  boolean createOrUnlinkAllowed(String path, boolean unlink) {
    if (!writeAllowed(path)) {
      return false;
    }
    List<FsTarget> all = new ArrayList<>(in.writeRoots());
    all.addAll(in.writeDeny());
    all.addAll(in.readDeny());
    for (FsTarget t : all) {
      boolean root = in.writeRoots().contains(t);
      for (String s : t.spellings()) {
        if ((root || t.isGlob()) ? covers(path, s) : covers(path, s) && !path.equals(s)) {
          return false;
        }
      }
    }
    String lower = path.toLowerCase(java.util.Locale.ROOT);
    if (lower.matches("(?s).*/\\.git(/modules(/.*)?|/worktrees(/[^/]*)?)?")) {
      return false;
    }
    if (unlink) {
      for (FsTarget t : in.readDeny()) {
        if (t.isGlob() ? globMatches(t, path) : t.spellings().stream().anyMatch(s -> covers(s, path)
            && in.writeRoots().stream().anyMatch(r -> covers(r.path(), s) && !r.path().equals(s)))) {
          return false;
        }
      }
    }
    return true;
  }

  boolean isProtected(String path) {
    String lower = path.toLowerCase(java.util.Locale.ROOT);
    return in.protectedGlobs().stream()
        .anyMatch(g -> javaGlobMatchesSubtree(g.toLowerCase(java.util.Locale.ROOT), lower.substring(1)));
  }

  /**
   * Java's own {@code glob:} matcher (the syntax core's resolver uses), so the oracle shares no code with the
   * builder: does {@code rest} or one of its parent paths match? A leading {@code **}{@code /} also matches at the
   * top level, as in core.
   */
  static boolean javaGlobMatchesSubtree(String glob, String rest) {
    List<java.nio.file.PathMatcher> matchers = new ArrayList<>();
    matchers.add(java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob));
    if (glob.startsWith("**/")) {
      matchers.add(java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3)));
    }
    String[] segs = rest.split("/");
    StringBuilder prefix = new StringBuilder();
    for (String seg : segs) {
      if (seg.isEmpty()) {
        return false;
      }
      prefix.append(prefix.length() == 0 ? "" : "/").append(seg);
      java.nio.file.Path p = java.nio.file.Path.of(prefix.toString());
      if (matchers.stream().anyMatch(m -> m.matches(p))) {
        return true;
      }
    }
    return false;
  }

  private static boolean globMatches(FsTarget t, String path) {
    String base = t.path().equals("/") ? "" : t.path();
    if (!path.startsWith(base + "/")) {
      return false;
    }
    return javaGlobMatchesSubtree(t.glob().orElseThrow(), path.substring(base.length() + 1));
  }

  static boolean covers(String root, String path) {
    return path.equals(root) || path.startsWith(root.endsWith("/") ? root : root + "/");
  }

  private static int depth(String p) {
    return (int) p.chars().filter(c -> c == '/').count();
  }

  /** Probe paths: each entry, below it, a sibling sharing its prefix, its parents, protected names below roots. */
  Set<String> probes() {
    Set<String> out = new LinkedHashSet<>();
    List<FsTarget> all = new ArrayList<>();
    all.addAll(in.readDeny());
    all.addAll(in.readAllow());
    all.addAll(in.writeRoots());
    all.addAll(in.writeDeny());
    for (FsTarget t : all) {
      for (String s : t.spellings()) {
        out.add(s);
        out.add(s + "/child");
        out.add(s + "/a/b/c.txt");
        out.add(s + "x/child");
        out.addAll(ProfileBuilder.ancestors(s));
        if (t.isGlob()) {
          out.add(s + "/x/y/z.pem");
          out.add(s + "/a/credentials");
          out.add(s + "/cachedir/tmp/f");
          out.add(s + "/gen/build/deep/generated/f");
          out.add(s + "/build/x/generated/f");
          out.add(s + "/a.lock");
        }
      }
    }
    for (FsTarget r : in.writeRoots()) {
      if (!r.isGlob()) {
        for (String p : List.of("/.git/hooks/pre-commit", "/.git/hooks", "/.GIT/Hooks/post-checkout",
            "/sub/.git/config", "/.git/modules/lib/x/hooks/pre-push", "/.git/objects/ab/cd", "/.bashrc",
            "/deep/er/.zshrc", "/.vscode/settings.json", "/.IDEA/workspace.xml", "/.mcp.json", "/.gitmodules",
            "/.containment.yaml", "/src/Main.java", "/.git/worktrees/w/config.worktree")) {
          out.add(r.path() + p);
        }
      }
    }
    out.addAll(List.of("/etc/passwd", "/private/etc/hosts", "/usr/bin/true", "/Users/dev/.zshrc",
        "/Users/dev/.ssh/id_ed25519", "/dev/ttys001", "/dev/tty", "/Library/Keychains/System.keychain"));
    return out;
  }

  /** Compares the parsed profile with the oracle on every probe path. */
  void check(SbplModel model) {
    for (String p : probes()) {
      assertThat(model.allows(Query.file("file-read-data", p)))
          .as("read of %s (rule %s)", p, describe(model, Query.file("file-read-data", p)))
          .isEqualTo(readAllowed(p));
      boolean gitFile = p.toLowerCase(java.util.Locale.ROOT).endsWith("/.git");
      assertThat(model.allows(Query.file("file-write-data", p)))
          .as("write of %s (rule %s)", p, describe(model, Query.file("file-write-data", p)))
          .isEqualTo((writeAllowed(p) && !gitFile) || isDevice(p));
      assertThat(model.allows(Query.file("file-write-create", p)))
          .as("create of %s (rule %s)", p, describe(model, Query.file("file-write-create", p)))
          .isEqualTo(createOrUnlinkAllowed(p, false));
      assertThat(model.allows(Query.file("file-write-unlink", p)))
          .as("unlink of %s (rule %s)", p, describe(model, Query.file("file-write-unlink", p)))
          .isEqualTo(createOrUnlinkAllowed(p, true));
      assertThat(model.allows(Query.file("file-link", p))).as("hard link of %s", p).isFalse();
      if (isProtected(p) || in.writeRoots().stream().anyMatch(r -> r.spellings().stream()
          .anyMatch(s -> covers(p, s)))) {
        assertThat(model.allows(Query.file("file-write-unlink", p)))
            .as("unlink/rename of protected path or a root's parent %s", p).isFalse();
      }
    }
  }

  private static boolean isDevice(String p) {
    return Set.of("/dev/null", "/dev/zero", "/dev/stdout", "/dev/stderr", "/dev/dtracehelper").contains(p);
  }

  static String describe(SbplModel model, Query q) {
    SbplModel.Rule r = model.decide(q);
    return (r.allow() ? "allow " : "deny ") + r.operations() + " " + r.message().orElse("") + " " + r.filters();
  }
}
