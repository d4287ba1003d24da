/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What {@code containment run} hands the command as standard input: a file redirected in ({@code < script.py}), or
 * a pipe that already holds data when the CLI starts ({@code echo hi | containment run -- cat}). A terminal, /dev/null,
 * or a pipe that is empty at start (a test harness that never closes its end) gives the command no input, so the CLI
 * never waits for input nobody sends.
 */
final class StandardInput {

  /** Larger input belongs in a file in the workdir, not in the JVM's heap. */
  static final int MAX_BYTES = 16 << 20;

  private static final int S_IFMT = 0170000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFIFO = 0010000;
  private static final int S_IFSOCK = 0140000;

  private StandardInput() {}

  /** The input to forward, decoded as UTF-8 (invalid bytes become U+FFFD); empty when there is none to forward. */
  static Optional<String> read(InputStream in) throws IOException {
    if (!hasInput(in)) {
      return Optional.empty();
    }
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw new IOException("standard input is larger than " + (MAX_BYTES >> 20) + " MiB; put it in a file in the"
          + " workdir and pass its path instead");
    }
    return Optional.of(new String(bytes, StandardCharsets.UTF_8));
  }

  private static boolean hasInput(InputStream in) throws IOException {
    int type;
    try {
      type = (Integer) Files.getAttribute(Path.of("/dev/stdin"), "unix:mode") & S_IFMT;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false; // closed, or no way to tell what it is: forward nothing rather than wait
    }
    if (type == S_IFREG) {
      return true;
    }
    return (type == S_IFIFO || type == S_IFSOCK) && in.available() > 0;
  }
}
