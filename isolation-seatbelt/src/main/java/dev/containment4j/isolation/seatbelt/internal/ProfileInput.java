/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.isolation.seatbelt.internal;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything the profile builder needs, already resolved to absolute host paths: the builder itself is pure.
 *
 * @param tag prefix of every deny message, {@code containment4j:<session>:<call>}; each rule appends {@code :<id>}
 * @param readDeny paths that must not be read ({@code denyRead}, and the home directory under {@code hideHome})
 * @param readAllow read carve-outs inside {@code readDeny} ({@code allowRead})
 * @param writeRoots writable roots: the workdir, {@code allowWrite}, the private temp directory (also readable)
 * @param writeDeny read-only carve-outs inside the roots ({@code denyWrite})
 * @param protectedGlobs files that configure code execution, as globs below {@code /} matched case-insensitively
 *     (for example {@code **}{@code /.git/hooks}); never writable, renamable or linkable, whether they exist or not
 * @param network what the network section opens
 */
public record ProfileInput(
    String tag,
    List<FsTarget> readDeny,
    List<FsTarget> readAllow,
    List<FsTarget> writeRoots,
    List<FsTarget> writeDeny,
    List<String> protectedGlobs,
    NetworkAccess network) {

  /** What a tag may contain: it is parsed back out of the system log. */
  public static final Pattern TAG = Pattern.compile("containment4j:[A-Za-z0-9]{1,32}:[A-Za-z0-9._-]{1,64}");

  public ProfileInput {
    Objects.requireNonNull(tag, "tag");
    if (!TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException("bad profile tag: " + Sbpl.printable(tag));
    }
    readDeny = List.copyOf(readDeny);
    readAllow = List.copyOf(readAllow);
    writeRoots = List.copyOf(writeRoots);
    writeDeny = List.copyOf(writeDeny);
    protectedGlobs = List.copyOf(protectedGlobs);
    Objects.requireNonNull(network, "network");
  }

  /**
   * The tag for one call: {@code session} is the backend's random nonce, {@code callId} is reduced to characters
   * that cannot confuse the log parser (anything else becomes {@code _}, long ids are cut).
   */
  public static String tagFor(String session, String callId) {
    String call = callId.replaceAll("[^A-Za-z0-9._-]", "_");
    if (call.isEmpty()) {
      call = "call";
    }
    return "containment4j:" + session + ":" + (call.length() > 64 ? call.substring(0, 64) : call);
  }
}
