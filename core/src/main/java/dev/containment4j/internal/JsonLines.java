/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * JSON for JSON-lines output (audit files, the CLI's {@code --jsonl} answers): one object per line, whatever the
 * text inside. JSON allows U+2028, U+2029 and U+0085 raw in a string, but line readers split on them (Python's
 * {@code str.splitlines}, JavaScript before ES2019, many log shippers), so a tool output carrying one would break the
 * line apart; they are written as {@code \\uXXXX} escapes instead.
 */
public final class JsonLines {
  private JsonLines() {}

  /** A new mapper that escapes the line separators beyond ASCII (and fails on nothing Jackson cannot write). */
  public static ObjectMapper mapper() {
    ObjectMapper m = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    m.getFactory().setCharacterEscapes(new LineSeparatorEscapes());
    return m;
  }

  private static final class LineSeparatorEscapes extends CharacterEscapes {
    private static final long serialVersionUID = 1L;
    private final int[] ascii = standardAsciiEscapesForJSON();

    @Override
    public int[] getEscapeCodesForAscii() {
      return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return ch == 0x85 || ch == 0x2028 || ch == 0x2029 ? new SerializedString(String.format("\\u%04x", ch)) : null;
    }
  }
}
