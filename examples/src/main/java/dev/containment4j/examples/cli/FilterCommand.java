/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containment4j.Finding;
import dev.containment4j.guard.ContentFilter;
import dev.containment4j.guard.FilterContext;
import dev.containment4j.guard.FilterResult;
import dev.containment4j.guard.StreamingContentFilter;
import dev.containment4j.internal.Filters;
import dev.containment4j.internal.JsonLines;
import dev.containment4j.policy.Policy;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.CharBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code containment filter}: runs the content filter over standard input.
 *
 * <pre>
 * containment filter [-p POLICY] [--json] &lt; text        filtered text, or one JSON result
 * containment filter [-p POLICY] --jsonl &lt; corpus.jsonl  one JSON result per input line {"text": ...}
 * containment filter [-p POLICY] --stream &lt; huge.log     bounded memory, output as it is filtered
 * </pre>
 *
 * Input is decoded as UTF-8; invalid bytes become U+FFFD (binary input is filtered as text, never a crash). Exit
 * status 0, or 125 when the policy cannot be loaded (one line on stderr).
 */
@Command(name = "filter", mixinStandardHelpOptions = true,
    description = "Filter text from stdin: redact secrets, quarantine prompt injections, cap the size.")
public final class FilterCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = JsonLines.mapper();

  @Option(names = {"-p", "--policy"}, description = "Policy YAML file (default: the embedded safe policy).")
  Path policy;

  @Option(names = "--json", description = "Print one JSON object: text, decision, findings.")
  boolean json;

  @Option(names = "--jsonl", description = "Each input line is {\"text\":...}; print one JSON result per line.")
  boolean jsonl;

  @Option(names = "--stream", description = "Filter as the input arrives with bounded memory (plain text output;"
      + " injections are withheld in place instead of wrapping the output).")
  boolean stream;

  private final InputStream in;
  private final OutputStream out;
  private final PrintStream err;

  public FilterCommand() {
    this(System.in, System.out, System.err);
  }

  FilterCommand(InputStream in, OutputStream out, PrintStream err) {
    this.in = in;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new FilterCommand()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    Policy p;
    try {
      p = policy == null ? Policy.defaults() : Policy.fromYaml(policy);
    } catch (RuntimeException e) {
      err.println("containment: cannot load policy " + policy + ": " + e.getMessage());
      return 125;
    }
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    try (Reader r = utf8(in)) {
      if (jsonl) {
        jsonl(Filters.forPolicy(p), new BufferedReader(r, 1 << 16), w);
      } else if (stream) {
        stream(p.content(), r, w);
      } else {
        String text = readAll(r);
        FilterResult result = Filters.forPolicy(p).filter(text, FilterContext.standalone());
        if (json) {
          w.write(JSON.writeValueAsString(toJson(result)));
          w.write('\n');
        } else {
          w.write(result.text());
        }
      }
    } finally {
      w.flush();
    }
    return 0;
  }

  private static Reader utf8(InputStream in) {
    return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
  }

  private static String readAll(Reader r) throws IOException {
    StringBuilder b = new StringBuilder();
    char[] buf = new char[1 << 16];
    for (int n; (n = r.read(buf)) > 0; ) {
      b.append(buf, 0, n);
    }
    return b.toString();
  }

  private void stream(Policy.Content content, Reader r, Writer w) throws IOException {
    StreamingContentFilter.Summary s;
    try (StreamingContentFilter f = StreamingContentFilter.create(content, w)) {
      char[] buf = new char[1 << 16];
      for (int n; (n = r.read(buf)) > 0; ) {
        f.write(CharBuffer.wrap(buf, 0, n));
      }
      s = f.finish();
    }
    err.println("containment: filter: " + s.decision().id() + ", " + s.findings().size() + " finding(s), "
        + s.charsIn() + " chars in, " + s.charsOut() + " out" + (s.truncated() ? " (truncated)" : ""));
  }

  private static void jsonl(ContentFilter filter, BufferedReader r, Writer w) throws IOException {
    long lineNo = 0;
    for (String line; (line = r.readLine()) != null; ) {
      lineNo++;
      ObjectNode answer;
      try {
        JsonNode node = JSON.readTree(line);
        if (node == null || !node.isObject() || !node.has("text") || !node.get("text").isTextual()) {
          answer = error(lineNo, "expected an object with a string field \"text\"");
        } else {
          answer = toJson(filter.filter(node.get("text").asText(), FilterContext.standalone()));
          if (node.has("id")) {
            answer.set("id", node.get("id"));
          }
        }
      } catch (JsonProcessingException e) {
        answer = error(lineNo, "not JSON: " + e.getOriginalMessage());
      }
      w.write(JSON.writeValueAsString(answer));
      w.write('\n');
    }
  }

  private static ObjectNode error(long line, String message) {
    ObjectNode o = JSON.createObjectNode();
    o.put("error", message);
    o.put("line", line);
    return o;
  }

  static ObjectNode toJson(FilterResult r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("text", r.text());
    o.put("decision", r.decision().id());
    ArrayNode a = o.putArray("findings");
    List<Finding> findings = r.findings();
    for (Finding f : findings) {
      ObjectNode x = a.addObject();
      x.put("type", f.type());
      x.put("rule", f.rule());
      x.put("start", f.start());
      x.put("end", f.end());
      x.put("score", Math.round(f.score() * 1000) / 1000.0);
    }
    return o;
  }
}
