/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.util.List;
import java.util.Set;

/**
 * Tools that keep a project's data and its history outside git (session 21): {@code dvc gc} deletes every cached
 * version of the data the workspace does not use (with {@code -c}, from the shared remote storage too), {@code mlflow
 * gc} erases deleted runs and their artifacts for good, {@code rclone sync} makes its destination identical to the
 * source by deleting what the source lacks, {@code dvc remote modify NAME url …} repoints where the next
 * {@code dvc push} sends the data; {@code restic forget} and {@code borg prune} delete backup snapshots. Pulling,
 * pushing to the configured remote, listing and copying stay ordinary.
 */
final class DataStores {
  private static final Set<String> TOOLS = Set.of("dvc", "mlflow", "rclone", "restic", "borg");

  private DataStores() {}

  static Judgement judge(Unit u) {
    if (!TOOLS.contains(u.name())) {
      return Judgement.ALLOW;
    }
    List<String> ops = u.argv().stream().filter(x -> !x.startsWith("-")).toList();
    String op = ops.size() > 1 ? ops.get(1) : "";
    switch (u.name()) {
      case "dvc":
        if (op.equals("gc")) {
          return Judgement.ask(Classifier.DELETE, u.shown() + " deletes cached versions of the project's data that"
              + " the workspace does not use" + (u.argv().contains("-c") || u.argv().contains("--cloud")
                  ? ", from the shared remote storage too" : "") + "; older data may exist nowhere else, so the user"
              + " decides");
        }
        if (op.equals("remote") && ops.size() > 4 && ops.get(2).equals("modify") && ops.get(4).equals("url")) {
          return Judgement.ask(Classifier.REDIRECT, u.shown() + " repoints the data remote `" + ops.get(3) + "`;"
              + " the next dvc push sends the project's data there");
        }
        return Judgement.ALLOW;
      case "mlflow":
        return op.equals("gc") ? Judgement.ask(Classifier.DELETE, u.shown() + " permanently erases deleted runs and"
            + " experiments with their artifacts; they cannot be restored afterwards, so the user decides")
            : Judgement.ALLOW;
      case "restic":
      case "borg":
        // restic -r REPO forget: the repository option's value comes first
        return ops.stream().skip(1).limit(2).anyMatch(x -> x.equals("forget") || x.equals("prune")
            && u.name().equals("borg")) ? Judgement.ask(Classifier.DELETE,
            u.shown() + " deletes backup snapshots; what only they hold is gone for good, so the user decides")
            : Judgement.ALLOW;
      default:
        boolean dryRun = u.argv().contains("--dry-run") || u.argv().contains("-n");
        return (op.equals("sync") || op.equals("bisync")) && !dryRun ? Judgement.ask(Classifier.DELETE, u.shown()
            + " makes the destination identical to the source, deleting every file there the source lacks; check"
            + " with --dry-run and let the user decide") : Judgement.ALLOW;
    }
  }
}
