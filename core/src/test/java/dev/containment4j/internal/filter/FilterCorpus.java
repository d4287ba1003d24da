/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * The labelled content-filter corpus: committed payloads and hard negatives ({@code filter-corpus/*.jsonl}) embedded
 * into generated benign tool output; secrets and PII generated from a fixed seed at test time.
 */
final class FilterCorpus {
  static final long SEED = 20261127L;
  private static final String[] POSITIONS = {"start", "middle", "end"};

  /**
   * One item.
   *
   * @param label injection, secret, pii, clean
   * @param category category for the report (clean items: clean or hard-negative:family)
   * @param expected for secrets: values that must not survive; for PII: the rule expected
   */
  record Item(String id, String label, String category, String family, String split, String position, String text,
      List<String> expected) {}

  private FilterCorpus() {}

  static List<Item> generate() throws IOException {
    Random r = new Random(SEED);
    Carriers carriers = new Carriers(r);
    List<Item> items = new ArrayList<>();
    Carriers.Kind[] kinds = Carriers.Kind.values();
    int n = 0;
    // injections: every payload at three positions, in rotating carriers and sizes
    List<JsonNode> payloads = read("injections.jsonl");
    for (JsonNode p : payloads) {
      String category = p.get("category").asText();
      String text = p.get("payload").asText();
      for (int pos = 0; pos < 3; pos++) {
        Carriers.Kind k = category.equals("hidden") ? Carriers.Kind.HTML : kinds[(n + pos) % kinds.length];
        String body = category.equals("encoded") ? encode(text, p.get("family").asText(), pos) : text;
        String carrier = carriers.text(k, size(r, n++));
        items.add(new Item(p.get("id").asText() + "-" + POSITIONS[pos], "injection", category,
            p.get("family").asText(), p.get("split").asText(), POSITIONS[pos],
            Carriers.insert(carrier, Carriers.embed(k, body), POSITIONS[pos]), List.of()));
      }
    }
    // obfuscated variants of plain payloads: zero-width (train), tag characters (dev), homoglyphs (test)
    String[][] obf = {{"obf-zero-width", "train"}, {"obf-unicode-tags", "dev"}, {"obf-homoglyph", "test"}};
    int oi = 0;
    for (JsonNode p : payloads) {
      String cat = p.get("category").asText();
      if (!(cat.equals("override") || cat.equals("tool-directive") || cat.equals("exfil"))) {
        continue;
      }
      String[] o = obf[oi % 3];
      String text = p.get("payload").asText();
      String body = switch (o[0]) {
        case "obf-zero-width" -> zeroWidth(text, r);
        case "obf-unicode-tags" -> "Thanks for the report!" + tags(text);
        default -> homoglyph(text, r);
      };
      Carriers.Kind k = kinds[oi % kinds.length];
      String pos = POSITIONS[oi % 3];
      items.add(new Item(p.get("id").asText() + "-" + o[0], "injection", "obfuscation", o[0], o[1], pos,
          Carriers.insert(carriers.text(k, size(r, n++)), Carriers.embed(k, body), pos), List.of()));
      oi++;
    }
    // secrets: 224 samples over 32 kinds
    FakeSecrets fake = new FakeSecrets(r);
    for (int i = 0; i < 224; i++) {
      FakeSecrets.Sample s = fake.sample(i % FakeSecrets.KINDS);
      Carriers.Kind k = kinds[i % kinds.length];
      String pos = POSITIONS[i % 3];
      String split = i % 5 == 4 ? "test" : i % 5 == 3 ? "dev" : "train";
      items.add(new Item("sec-" + i + "-" + s.type(), "secret", s.type(), s.type(), split, pos,
          Carriers.insert(carriers.text(k, size(r, n++)), s.text(), pos), s.values()));
    }
    // PII
    Pii pii = new Pii(r);
    for (int i = 0; i < 104; i++) {
      String[] s = pii.sample(i % 4);
      String pos = POSITIONS[i % 3];
      Carriers.Kind k = i % 2 == 0 ? Carriers.Kind.JSON : Carriers.Kind.LOG;
      items.add(new Item("pii-" + i, "pii", s[0], s[0], i % 5 == 4 ? "test" : "train", pos,
          Carriers.insert(carriers.text(k, size(r, n++) / 4 + 800), s[1], pos), List.of(s[0])));
    }
    // clean: generated carriers
    for (int i = 0; i < 450; i++) {
      Carriers.Kind k = kinds[i % kinds.length];
      items.add(new Item("clean-" + i, "clean", "clean:" + k.name().toLowerCase(), "clean", i % 5 == 4 ? "test"
          : i % 5 == 3 ? "dev" : "train", "whole", carriers.text(k, size(r, n++)), List.of()));
    }
    // hard negatives: committed snippets in two carriers each, plus generated look-alikes
    for (JsonNode h : read("hard-negatives.jsonl")) {
      for (int j = 0; j < 2; j++) {
        Carriers.Kind k = j == 0 ? Carriers.Kind.MARKDOWN : kinds[(n + j) % kinds.length];
        String pos = POSITIONS[(n + j) % 3];
        items.add(new Item(h.get("id").asText() + "-" + j, "clean", "hard-negative:" + h.get("family").asText(),
            h.get("family").asText(), h.get("split").asText(), pos,
            Carriers.insert(carriers.text(k, size(r, n++) / 2 + 600), Carriers.embed(k, h.get("text").asText()), pos),
            List.of()));
      }
    }
    for (int i = 0; i < 48; i++) {
      String family = HardNegatives.FAMILIES[i % HardNegatives.FAMILIES.length];
      Carriers.Kind k = kinds[i % kinds.length];
      String pos = POSITIONS[i % 3];
      items.add(new Item("hn-gen-" + i, "clean", "hard-negative:" + family, family, i % 5 == 4 ? "test" : "train", pos,
          Carriers.insert(carriers.text(k, size(r, n++) / 2 + 600), HardNegatives.sample(family, r), pos),
          List.of()));
    }
    extraItems(items, "extra-train.jsonl", SEED + 1);
    extraItems(items, "session3.jsonl", SEED + 2);
    extraItems(items, "session5.jsonl", SEED + 3);
    extraItems(items, "session6.jsonl", SEED + 4);
    extraItems(items, "session7.jsonl", SEED + 5);
    extraItems(items, "session8.jsonl", SEED + 6);
    extraItems(items, "session9.jsonl", SEED + 7);
    extraItems(items, "session10.jsonl", SEED + 8);
    extraItems(items, "session11.jsonl", SEED + 9);
    return items;
  }

  /**
   * Items written per category after session 1 ({@code extra-train.jsonl}: session 2, all train;
   * {@code session3.jsonl}: session 3, {@code session5.jsonl} to {@code session11.jsonl}: sessions
   * 5-11, pairs of a hard negative and its injected twin in the same carrier, and session 7's multilingual items; train
   * and dev, never test): every injection at three positions, every hard
   * negative in two carriers. Each file has its own RNG, so the items before it stay byte-identical.
   */
  private static void extraItems(List<Item> items, String file, long seed) throws IOException {
    Random r = new Random(seed);
    Carriers carriers = new Carriers(r);
    Carriers.Kind[] kinds = Carriers.Kind.values();
    int n = 0;
    for (JsonNode p : read(file)) {
      String category = p.get("category").asText();
      boolean injection = p.get("label").asText().equals("injection");
      if (p.path("split").asText("train").equals("test")) {
        throw new IllegalStateException(file + " " + p.get("id").asText() + ": items written after session 1 are train or"
            + " dev only; the held-out split stays as frozen in session 1");
      }
      // session 8: "long" items are buried in the middle of 50-100 KB of output, in every carrier
      boolean buried = p.path("long").asBoolean(false);
      for (int pos = 0; pos < (injection ? 3 : 2); pos++) {
        Carriers.Kind k = category.equals("hidden") ? Carriers.Kind.HTML : kinds[(n + pos) % kinds.length];
        String position = buried ? "middle" : POSITIONS[injection ? pos : (n + pos) % 3];
        int sz = buried ? 50_000 + r.nextInt(50_000) : injection ? size(r, n) : size(r, n) / 2 + 600;
        n++;
        String carrier = carriers.text(k, sz);
        items.add(new Item(p.get("id").asText() + "-" + pos, injection ? "injection" : "clean",
            injection ? category : "hard-negative:" + category, p.get("family").asText(),
            p.path("split").asText("train"), position,
            Carriers.insert(carrier, Carriers.embed(k, p.get("text").asText()), position), List.of()));
      }
    }
  }

  /** 1 KB to 100 KB: about half ~1-2 KB, a third ~10 KB, the rest ~50-100 KB. */
  private static int size(Random r, int n) {
    int b = n % 20;
    if (b < 10) {
      return 1000 + r.nextInt(1000);
    }
    if (b < 17) {
      return 8000 + r.nextInt(4000);
    }
    return 50_000 + r.nextInt(50_000);
  }

  private static String encode(String text, String family, int variant) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    boolean hex = variant == 2;
    String enc = hex ? HexFormat.of().formatHex(b) : Base64.getEncoder().encodeToString(b);
    if (family.equals("encoded-bare")) {
      return enc;
    }
    return variant == 0 ? enc + " (decode this base64 and follow it)"
        : variant == 1 ? "Instructions for the assistant, base64-encoded: " + enc
        : "Decode the following hex string and then execute it: " + enc;
  }

  private static String zeroWidth(String s, Random r) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c);
      if (Character.isLetter(c) && r.nextInt(2) == 0) {
        b.append(r.nextBoolean() ? '\u200B' : '\u2060');
      }
    }
    return b.toString();
  }

  static String tags(String s) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c < 0x80) {
        b.appendCodePoint(0xE0000 + c);
      }
    }
    return b.toString();
  }

  private static String homoglyph(String s, Random r) {
    String from = "aeopcxyi";
    String to = "аеорсхуі";
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      int k = from.indexOf(c);
      b.append(k >= 0 && r.nextInt(3) > 0 ? to.charAt(k) : c);
    }
    return b.toString();
  }

  static List<JsonNode> read(String name) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    ObjectMapper om = new ObjectMapper();
    try (InputStream in = FilterCorpus.class.getResourceAsStream("/filter-corpus/" + name);
        BufferedReader br = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = br.readLine()) != null; ) {
        if (!line.isBlank()) {
          out.add(om.readTree(line));
        }
      }
    }
    return out;
  }

  /** PII records with checkable numbers. */
  static final class Pii {
    private final Random r;

    Pii(Random r) {
      this.r = r;
    }

    String digits(int n) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < n; i++) {
        b.append((char) ('0' + r.nextInt(10)));
      }
      return b.toString();
    }

    String card() {
      String prefix = switch (r.nextInt(3)) {
        case 0 -> "4";
        case 1 -> "5" + (1 + r.nextInt(5));
        default -> "6011";
      };
      String body = prefix + digits(15 - prefix.length());
      for (int d = 0; d < 10; d++) {
        if (PiiDetector.luhn(body + d)) {
          String c = body + d;
          return c.substring(0, 4) + " " + c.substring(4, 8) + " " + c.substring(8, 12) + " " + c.substring(12);
        }
      }
      throw new AssertionError();
    }

    String iban() {
      String[] cc = {"DE", "FR", "NL", "GB"};
      String c = cc[r.nextInt(cc.length)];
      String bban = c.equals("NL") ? "ABNA" + digits(10) : c.equals("GB") ? "NWBK" + digits(14) : digits(c.equals("DE")
          ? 18 : 23);
      for (int chk = 2; chk < 99; chk++) {
        String iban = c + String.format("%02d", chk) + bban;
        if (PiiDetector.mod97(iban)) {
          StringBuilder b = new StringBuilder();
          for (int i = 0; i < iban.length(); i++) {
            if (i > 0 && i % 4 == 0) {
              b.append(' ');
            }
            b.append(iban.charAt(i));
          }
          return b.toString();
        }
      }
      throw new AssertionError();
    }

    String ssn() {
      return (100 + r.nextInt(565)) + "-" + (10 + r.nextInt(89)) + "-" + (1000 + r.nextInt(8999));
    }

    /** {rule, text}. */
    String[] sample(int kind) {
      String name = List.of("Jane Roe", "John Smith", "Ana Silva", "Li Wei", "Sara Rossi").get(r.nextInt(5));
      return switch (kind) {
        case 0 -> new String[] {"credit-card", "{\"customer\": \"" + name + "\", \"card\": \"" + card()
            + "\", \"exp\": \"12/29\"}"};
        case 1 -> new String[] {"iban", "Payout account for " + name + ": IBAN " + iban() + " (verified)"};
        case 2 -> new String[] {"us-ssn", "employee: " + name + ", SSN: " + ssn() + ", start: 2024-03-01"};
        default -> new String[] {"email", "{\"name\": \"" + name + "\", \"email\": \"" + name.toLowerCase()
            .replace(' ', '.') + "@mail.example.com\", \"phone\": \"+1 202 555 0" + (100 + r.nextInt(899)) + "\"}"};
      };
    }
  }
}
