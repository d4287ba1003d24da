/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.testing;

import dev.containment4j.Containment;
import dev.containment4j.ContainmentException;
import dev.containment4j.Layer;
import dev.containment4j.ToolCall;
import dev.containment4j.Verdict;
import dev.containment4j.guard.FilterResult;
import dev.containment4j.policy.Policy;
import java.io.IOException;
import java.util.Optional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A host program (bwrap, runsc) planted inside a workdir, as a call could leave it: a script that appends to a
 * marker file next to it, then runs the real program. The workdir is a {@link PrivateTestDirs} directory with mode 0755,
 * so that only its being a writable root (not its owner, mode or ancestors) can make a backend refuse the program.
 *
 * @param workdir the new workdir
 * @param program the planted script, at {@code workdir/tools/bin/NAME}
 * @param marker the file the script appends to whenever it runs
 */
public record PlantedHostBinary(Path workdir, Path program, Path marker) {

  /** Plants {@code name}, which runs {@code real} after leaving its mark. */
  public static PlantedHostBinary plant(String name, Path real) throws IOException {
    Path work = PrivateTestDirs.create(name + "-in-workdir-");
    Path bin = Files.createDirectories(work.resolve("tools/bin"));
    Path marker = work.resolve("planted-" + name + "-ran");
    Path program = Files.writeString(bin.resolve(name), "#!/bin/sh\necho ran >> '" + marker + "'\nexec " + real
        + " \"$@\"\n");
    Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
    return new PlantedHostBinary(work, program, marker);
  }

  /** Runs {@code /bin/true} in the workdir under {@code policy} (guard and filter out of the way): what it threw. */
  public Optional<ContainmentException> refusal(Policy policy) {
    try (Containment c = Containment.with(policy).withWorkdir(workdir)
        .withGuard((call, ctx) -> Verdict.allow(Layer.GUARD, "", "", "planted host binary"))
        .withFilter((text, ctx) -> FilterResult.pass(text))) {
      c.run(ToolCall.command("/bin/true"));
      return Optional.empty();
    } catch (ContainmentException e) {
      return Optional.of(e);
    }
  }
}
