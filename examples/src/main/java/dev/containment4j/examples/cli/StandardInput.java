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
 * What {@code containment run} hands the command as standard input: a file redirected in ({@code < script.py})
 * always, anything else (a pipe, a terminal) only with {@code -i}. A pipe may be the caller's own channel (an MCP
 * server on stdio that starts the CLI without redirecting its input): reading it unasked would eat the caller's
 * protocol, and waiting on it could hang the call.
 */
final class StandardInput {

  /** Larger input belongs in a file in the workdir, not in the JVM's heap. */
  static final int MAX_BYTES = 16 << 20;

  private static final int S_IFMT = 0170000;
  private static final int S_IFREG = 0100000;

  private StandardInput() {}

  /**
   * The input to forward, decoded as UTF-8 (invalid bytes become U+FFFD); empty when there is none to forward.
   *
   * @param asked {@code -i}: forward whatever standard input is, to its end
   */
  static Optional<String> read(InputStream in, boolean asked) throws IOException {
    if (!asked && !isRegularFile()) {
      return Optional.empty();
    }
    byte[] bytes = in.readNBytes(MAX_BYTES + 1);
    if (bytes.length > MAX_BYTES) {
      throw new IOException("standard input is larger than " + (MAX_BYTES >> 20) + " MiB; put it in a file in the"
          + " workdir and pass its path instead");
    }
    return Optional.of(new String(bytes, StandardCharsets.UTF_8));
  }

  private static boolean isRegularFile() {
    try {
      return ((Integer) Files.getAttribute(Path.of("/dev/stdin"), "unix:mode") & S_IFMT) == S_IFREG;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false; // closed, or no way to tell what it is: forward nothing unless asked
    }
  }
}
