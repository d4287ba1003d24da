/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

import dev.containment4j.internal.fs.FilesystemPlan;
import dev.containment4j.internal.fs.GitRedirects;
import dev.containment4j.internal.fs.ProtectedNames;
import dev.containment4j.policy.Policy;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Maps a policy's filesystem section onto a {@link ProfileInput}. */
public final class ProfilePlan {

  /**
   * Protected on top of core's {@link ProtectedNames} (which every backend protects): git's per-worktree config,
   * submodule and worktree git directories, the user's git config and the remaining shell start-up files. Seatbelt
   * matches them with regexes, so covering more costs nothing.
   */
  static final List<String> SEATBELT_EXTRA = List.of(".git/config.worktree", ".git/modules/**/hooks",
      ".git/modules/**/config", ".git/worktrees/*/config.worktree", ".gitconfig", ".bash_login", ".bash_logout",
      ".zshenv", ".zlogin", ".zlogout");

  private ProfilePlan() {}

  /** The protected globs for a policy (below {@code /}, any depth): core's names, then the extras. */
  public static List<String> protectedGlobs(Policy policy) {
    String ws = policy.trust().workspaceConfig();
    if (ws.contains("/") || GlobRegex.isGlob(ws)) {
      throw new IllegalArgumentException("trust.workspaceConfig must be a plain file name: " + Sbpl.printable(ws));
    }
    Set<String> globs = new LinkedHashSet<>();
    ProtectedNames.forPolicy(policy).forEach(n -> globs.add("**/" + n));
    SEATBELT_EXTRA.forEach(n -> globs.add("**/" + n));
    return List.copyOf(globs);
  }

  /**
   * @param policy the policy
   * @param workdir the workdir (the workdir of the spec, already absolute)
   * @param home the user's home directory
   * @param tmp the session's private temp directory
   * @param network what the network section opens
   * @param tag the call's tag
   * @param resolver resolves the entries (host filesystem, or identity in tests)
   * @throws IllegalArgumentException naming the entry when one cannot be used
   */
  public static ProfileInput input(Policy policy, Path workdir, Path home, Path tmp, NetworkAccess network,
      String tag, PathResolver resolver) {
    Policy.Filesystem fs = policy.isolation().filesystem();
    List<FsTarget> readDeny = new ArrayList<>(all(resolver, "denyRead", fs.denyRead()));
    if (fs.hideHome()) {
      readDeny.add(resolver.directory("hideHome", home));
    }
    // tmp: private. Seatbelt cannot mount a fresh /tmp, so the host's temp directories are unreadable instead and
    // the session's own directory (below the JVM's temp directory, a writable root) is the carve-out.
    Set<Path> hostTmp = new LinkedHashSet<>(List.of(Path.of("/tmp"), Path.of("/var/tmp")));
    if (tmp.getParent() != null) {
      hostTmp.add(tmp.getParent());
    }
    int n = 0;
    for (Path t : hostTmp) {
      readDeny.add(resolver.directory("hostTmp." + n++, t));
    }
    List<FsTarget> roots = new ArrayList<>();
    roots.add(resolver.directory("workdir", workdir));
    roots.addAll(all(resolver, "allowWrite", fs.allowWrite()));
    roots.add(resolver.directory("tmp", tmp));
    List<FsTarget> denyWrite = all(resolver, "denyWrite", fs.denyWrite());
    List<String> globs = new ArrayList<>(protectedGlobs(policy));
    globs.addAll(insideRoots(policy, roots, home));
    return new ProfileInput(tag, readDeny, all(resolver, "allowRead", fs.allowRead()), roots, denyWrite,
        List.copyOf(new LinkedHashSet<>(globs)), network);
  }

  /**
   * Paths inside the writable roots that must never be written, renamed or moved with a parent, as literal globs
   * (below {@code /}), so the parent pins of {@link ProfileBuilder} cover them too: what the repository's read-only
   * configuration names ({@code core.hooksPath}, {@code include.path}, submodules, linked worktrees: core's
   * {@link GitRedirects}, which bubblewrap and gVisor protect the same way) and the audit file the host appends to.
   * (Denied paths and their parents are pinned by {@link ProfileBuilder} already.)
   */
  static List<String> insideRoots(Policy policy, List<FsTarget> roots, Path home) {
    List<Path> rootPaths = roots.stream().filter(t -> !t.isGlob()).map(t -> Path.of(t.path())).toList();
    List<Path> targets = new ArrayList<>();
    for (Path root : rootPaths) {
      Path git = root.resolve(ProtectedNames.GIT);
      if (Files.isDirectory(git, LinkOption.NOFOLLOW_LINKS)) {
        targets.addAll(GitRedirects.targets(git, home));
      }
    }
    policy.audit().jsonl().map(FilesystemPlan::auditPath).ifPresent(targets::add);
    List<String> out = new ArrayList<>();
    for (Path t : targets) {
      if (rootPaths.stream().noneMatch(r -> t.startsWith(r) && !t.equals(r))) {
        continue; // outside every writable root: not writable anyway
      }
      String glob = t.toString().substring(1);
      if (GlobRegex.isGlob(glob) || glob.indexOf('{') >= 0 || glob.indexOf('}') >= 0 || glob.indexOf('[') >= 0
          || glob.indexOf(']') >= 0 || glob.indexOf('\\') >= 0) {
        throw new IllegalArgumentException("cannot write-protect " + Sbpl.printable(t.toString()) + " inside a"
            + " writable root: its name contains glob characters. Rename it, or move it out of the workdir");
      }
      out.add(glob);
    }
    return out;
  }

  private static List<FsTarget> all(PathResolver resolver, String key, List<String> entries) {
    List<FsTarget> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      out.add(resolver.resolve(key + "." + i, entries.get(i)));
    }
    return out;
  }
}
