/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * HotSpot never compiles a method with more than 8,000 bytes of bytecode ({@code -XX:+DontCompileHugeMethods}, the
 * default): it runs in the interpreter for the life of the JVM, silently. {@code Classifier.command} grew past that
 * limit in session 4 and ran interpreted on every decision. This test reads the class files of the guard and the
 * shell parser and fails when any method's code reaches the limit again.
 */
class JitSizeLimitTest {
  private static final int HUGE_METHOD_LIMIT = 8_000;

  @Test
  void noGuardOrParserMethodIsTooLargeForTheJit() throws Exception {
    List<String> huge = new ArrayList<>();
    for (String pkg : List.of("dev/containment4j/internal/guard", "dev/containment4j/internal/shell")) {
      try (Stream<Path> files = Files.list(classes(pkg))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
          try (InputStream in = Files.newInputStream(f)) {
            for (String m : methodsOver(new DataInputStream(in), HUGE_METHOD_LIMIT)) {
              huge.add(f.getFileName() + " " + m);
            }
          }
        }
      }
    }
    assertThat(huge).as("methods the JIT will never compile (split them)").isEmpty();
    // the reader itself finds code: the classifier's dispatch is large, but below the limit
    try (InputStream in = Files.newInputStream(classes("dev/containment4j/internal/guard").resolve(
        "Classifier.class"))) {
      assertThat(methodsOver(new DataInputStream(in), 2_000)).isNotEmpty();
    }
  }

  private static Path classes(String pkg) throws URISyntaxException {
    return Path.of(Classifier.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve(pkg);
  }

  /** The names and sizes of the methods whose Code attribute holds more than {@code limit} bytes. */
  static List<String> methodsOver(DataInputStream in, int limit) throws IOException {
    in.readInt(); // magic
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    for (int k = 1; k < count; k++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1:
          utf8[k] = in.readUTF();
          break;
        case 5:
        case 6:
          in.readLong();
          k++; // takes two slots
          break;
        case 7:
        case 8:
        case 16:
        case 19:
        case 20:
          in.readUnsignedShort();
          break;
        case 15:
          in.readUnsignedByte();
          in.readUnsignedShort();
          break;
        case 3:
        case 4:
        case 9:
        case 10:
        case 11:
        case 12:
        case 17:
        case 18:
          in.readInt();
          break;
        default:
          throw new IOException("unknown constant pool tag " + tag);
      }
    }
    in.readUnsignedShort(); // access
    in.readUnsignedShort(); // this
    in.readUnsignedShort(); // super
    in.skipBytes(2 * in.readUnsignedShort()); // interfaces
    int fields = in.readUnsignedShort();
    for (int k = 0; k < fields; k++) {
      in.skipBytes(6);
      skipAttributes(in);
    }
    List<String> out = new ArrayList<>();
    int methods = in.readUnsignedShort();
    for (int k = 0; k < methods; k++) {
      in.readUnsignedShort();
      String name = utf8[in.readUnsignedShort()];
      in.readUnsignedShort();
      int attrs = in.readUnsignedShort();
      for (int a = 0; a < attrs; a++) {
        String attr = utf8[in.readUnsignedShort()];
        int len = in.readInt();
        if (attr.equals("Code")) {
          in.readUnsignedShort(); // max stack
          in.readUnsignedShort(); // max locals
          int code = in.readInt();
          if (code > limit) {
            out.add(name + " (" + code + " bytes)");
          }
          in.skipBytes(len - 8);
        } else {
          in.skipBytes(len);
        }
      }
    }
    return out;
  }

  private static void skipAttributes(DataInputStream in) throws IOException {
    int attrs = in.readUnsignedShort();
    for (int a = 0; a < attrs; a++) {
      in.readUnsignedShort();
      in.skipBytes(in.readInt());
    }
  }
}
