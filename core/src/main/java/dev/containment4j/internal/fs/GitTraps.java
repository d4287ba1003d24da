/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.fs;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes, after a call, the one git redirection a sandbox can plant in a repository whose {@code .git/config} and
 * {@code .git/hooks} are read-only: a new {@code .git/commondir}. Git reads the repository's {@code config} and
 * {@code hooks} from the directory that file names (a linked worktree's layout), so a tool could point it at a copy
 * with {@code core.fsmonitor} set and run code on the host's next {@code git status}. A mount cannot occupy the name:
 * git dies on a {@code commondir} it cannot read, which would break git inside every sandbox. A main repository's
 * {@code .git} never holds one (git writes it only under {@code .git/worktrees/NAME/}), so a new one is removed when
 * the call ends, before the host gets its result; one that existed before is bound read-only by the backend
 * ({@link FilesystemPlan}).
 *
 * <p>Take the snapshot right before the tool starts and call {@link #removeNew()} once its processes are gone.
 */
public final class GitTraps {
  /** The file under {@code .git} that moves a repository's config and hooks elsewhere. */
  public static final String COMMONDIR = "commondir";

  private final List<Path> watched;

  private GitTraps(List<Path> watched) {
    this.watched = List.copyOf(watched);
  }

  /**
   * Notes which writable roots hold a {@code .git} directory without a {@code commondir}.
   *
   * @param writableRoots the call's writable roots (real paths)
   */
  public static GitTraps before(List<Path> writableRoots) {
    List<Path> watched = new ArrayList<>();
    for (Path root : writableRoots) {
      Path git = root.resolve(ProtectedNames.GIT);
      if (Files.isDirectory(git, LinkOption.NOFOLLOW_LINKS)
          && !Files.exists(git.resolve(COMMONDIR), LinkOption.NOFOLLOW_LINKS)) {
        watched.add(git.resolve(COMMONDIR));
      }
    }
    return new GitTraps(watched);
  }

  /**
   * Removes each {@code .git/commondir} the call created (a file, a link or a directory; links are removed, never
   * followed).
   *
   * @return one note per removal, for the call's result
   */
  public List<String> removeNew() {
    List<String> notes = new ArrayList<>();
    for (Path p : watched) {
      if (!Files.isDirectory(p.getParent(), LinkOption.NOFOLLOW_LINKS)) {
        // .git is no longer the directory it was (a link swapped in?): the path now leads elsewhere, delete nothing
        if (Files.exists(p.getParent(), LinkOption.NOFOLLOW_LINKS)) {
          notes.add(p.getParent() + " was replaced during the call; check it before running git in "
              + p.getParent().getParent());
        }
        continue;
      }
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        FileTrees.deleteTree(p);
        notes.add(Files.exists(p, LinkOption.NOFOLLOW_LINKS)
            ? "the call created " + p + ", which would make git read another config and hooks, and it could not be"
                + " removed: remove it before running git in " + p.getParent().getParent()
            : "removed " + p + ", created by the call: it would make git read a config and hooks of the tool's"
                + " choosing");
      }
    }
    return notes;
  }
}
