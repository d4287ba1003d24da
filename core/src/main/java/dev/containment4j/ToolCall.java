/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j;

import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A tool call an agent proposes. Immutable: {@link #cwd(Path)}, {@link #stdin(String)} and {@link #withId(String)}
 * return copies.
 *
 * <pre>{@code
 * ToolCall.bash("pytest -q");
 * ToolCall.command("python3", "tool.py").cwd(work).stdin(input);
 * ToolCall.read(Path.of("src/Main.java"));
 * ToolCall.of("run_tests", Map.of("module", "core"));   // host-defined tool, run with the block form
 * }</pre>
 *
 * @since 0.1
 */
public final class ToolCall {

  /** What kind of tool this is; decides how the pipeline runs it and which guard rules apply. */
  public enum Kind {
    /** A shell command string, run with {@code bash -c}. Rules: {@code Bash(...)}. */
    BASH,
    /** An argument vector run without a shell. Rules: {@code Bash(...)} on the joined, quoted command. */
    COMMAND,
    /** Read a file. Rules: {@code Read(...)}. */
    READ,
    /** Create or overwrite a file. Rules: {@code Write(...)}. */
    WRITE,
    /** Replace text in a file. Rules: {@code Edit(...)}. */
    EDIT,
    /** Fetch a URL. Rules: {@code Fetch(domain:...)}. */
    FETCH,
    /** A tool of an MCP server. Rules: {@code Mcp(server/tool)}. */
    MCP,
    /** Any other host-defined tool; runs only through the block form. */
    CUSTOM
  }

  private final Kind kind;
  private final String name;
  private final String id;
  private final String command;
  private final List<String> argv;
  private final Path path;
  private final String content;
  private final String oldText;
  private final URI url;
  private final String server;
  private final Map<String, Object> arguments;
  private final Path cwd;
  private final String stdin;

  private ToolCall(Builder b) {
    this.kind = Objects.requireNonNull(b.kind, "kind");
    this.name = b.name == null ? defaultName(b.kind) : b.name;
    this.id = b.id;
    this.command = b.command;
    this.argv = b.argv == null ? List.of() : List.copyOf(b.argv);
    this.path = b.path;
    this.content = b.content;
    this.oldText = b.oldText;
    this.url = b.url;
    this.server = b.server;
    this.arguments = b.arguments == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(b.arguments));
    this.cwd = b.cwd;
    this.stdin = b.stdin;
  }

  private static String defaultName(Kind kind) {
    switch (kind) {
      case BASH:
      case COMMAND:
        return "bash";
      case READ:
        return "read";
      case WRITE:
        return "write";
      case EDIT:
        return "edit";
      case FETCH:
        return "fetch";
      case MCP:
        return "mcp";
      default:
        return "custom";
    }
  }

  /** A shell command string, for example {@code "pytest -q && git status"}. */
  public static ToolCall bash(String command) {
    Objects.requireNonNull(command, "command");
    return builder(Kind.BASH).command(command).build();
  }

  /** A command run without a shell. */
  public static ToolCall command(String... argv) {
    return command(List.of(argv));
  }

  /** A command run without a shell. */
  public static ToolCall command(List<String> argv) {
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("a command needs at least the program name");
    }
    return builder(Kind.COMMAND).argv(argv).build();
  }

  /** Read a file (relative paths are relative to the workdir). */
  public static ToolCall read(Path path) {
    return builder(Kind.READ).path(Objects.requireNonNull(path, "path")).build();
  }

  /** Create or overwrite a file with the given content. */
  public static ToolCall write(Path path, String content) {
    return builder(Kind.WRITE).path(Objects.requireNonNull(path, "path"))
        .content(Objects.requireNonNull(content, "content")).build();
  }

  /** Replace exactly one occurrence of {@code oldText} with {@code newText} in a file. */
  public static ToolCall edit(Path path, String oldText, String newText) {
    return builder(Kind.EDIT).path(Objects.requireNonNull(path, "path"))
        .oldText(Objects.requireNonNull(oldText, "oldText"))
        .content(Objects.requireNonNull(newText, "newText")).build();
  }

  /** Fetch a URL (through the egress proxy). */
  public static ToolCall fetch(String url) {
    return fetch(URI.create(url));
  }

  /** Fetch a URL (through the egress proxy). */
  public static ToolCall fetch(URI url) {
    return builder(Kind.FETCH).url(Objects.requireNonNull(url, "url")).build();
  }

  /** A tool of an MCP server; run it with the block form. */
  public static ToolCall mcp(String server, String tool, Map<String, ?> arguments) {
    return builder(Kind.MCP).server(server).name(tool).arguments(arguments).build();
  }

  /** A host-defined tool with its arguments; run it with the block form. */
  public static ToolCall of(String name, Map<String, ?> arguments) {
    return builder(Kind.CUSTOM).name(name).arguments(arguments).build();
  }

  public static Builder builder(Kind kind) {
    return new Builder(kind);
  }

  public Builder toBuilder() {
    Builder b = new Builder(kind);
    b.name = name;
    b.id = id;
    b.command = command;
    b.argv = argv;
    b.path = path;
    b.content = content;
    b.oldText = oldText;
    b.url = url;
    b.server = server;
    b.arguments = arguments;
    b.cwd = cwd;
    b.stdin = stdin;
    return b;
  }

  /** A copy that runs in {@code dir} (inside the sandbox, where the workdir keeps its host path). */
  public ToolCall cwd(Path dir) {
    return toBuilder().cwd(dir).build();
  }

  /** A copy with the given standard input. */
  public ToolCall stdin(String input) {
    return toBuilder().stdin(input).build();
  }

  /** A copy with the host's id for this call (carried into audit events). */
  public ToolCall withId(String callId) {
    return toBuilder().id(callId).build();
  }

  public Kind kind() {
    return kind;
  }

  /** Tool name as the host knows it ({@code bash}, {@code read}, an MCP tool name, ...). */
  public String name() {
    return name;
  }

  /** The host's id for this call, if it gave one. */
  public Optional<String> id() {
    return Optional.ofNullable(id);
  }

  /** The shell string of a {@link Kind#BASH} call. */
  public Optional<String> command() {
    return Optional.ofNullable(command);
  }

  /** The argument vector of a {@link Kind#COMMAND} call; empty otherwise. */
  public List<String> argv() {
    return argv;
  }

  /** The file of a read, write or edit call. */
  public Optional<Path> path() {
    return Optional.ofNullable(path);
  }

  /** New content of a write, or replacement text of an edit. */
  public Optional<String> content() {
    return Optional.ofNullable(content);
  }

  /** Text an edit replaces. */
  public Optional<String> oldText() {
    return Optional.ofNullable(oldText);
  }

  public Optional<URI> url() {
    return Optional.ofNullable(url);
  }

  /** MCP server name of an {@link Kind#MCP} call. */
  public Optional<String> server() {
    return Optional.ofNullable(server);
  }

  /** Arguments of an MCP or custom call. */
  public Map<String, Object> arguments() {
    return arguments;
  }

  public Optional<Path> cwd() {
    return Optional.ofNullable(cwd);
  }

  public Optional<String> stdin() {
    return Optional.ofNullable(stdin);
  }

  /** A short, one-line description for logs and audit events (never the content of a write). */
  public String describe() {
    switch (kind) {
      case BASH:
        return "bash: " + command;
      case COMMAND:
        return "command: " + String.join(" ", argv);
      case READ:
      case WRITE:
      case EDIT:
        return name + ": " + path;
      case FETCH:
        return "fetch: " + url;
      case MCP:
        return "mcp: " + server + "/" + name;
      default:
        return name;
    }
  }

  @Override
  public String toString() {
    return "ToolCall[" + describe() + "]";
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ToolCall)) {
      return false;
    }
    ToolCall t = (ToolCall) o;
    return kind == t.kind && name.equals(t.name) && Objects.equals(id, t.id) && Objects.equals(command, t.command)
        && argv.equals(t.argv) && Objects.equals(path, t.path) && Objects.equals(content, t.content)
        && Objects.equals(oldText, t.oldText) && Objects.equals(url, t.url) && Objects.equals(server, t.server)
        && arguments.equals(t.arguments) && Objects.equals(cwd, t.cwd) && Objects.equals(stdin, t.stdin);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, name, id, command, argv, path, content, oldText, url, server, arguments, cwd, stdin);
  }

  /** Builds a {@link ToolCall}; prefer the static factories. */
  public static final class Builder {
    private final Kind kind;
    private String name;
    private String id;
    private String command;
    private List<String> argv;
    private Path path;
    private String content;
    private String oldText;
    private URI url;
    private String server;
    private Map<String, ?> arguments;
    private Path cwd;
    private String stdin;

    private Builder(Kind kind) {
      this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Builder name(String value) {
      this.name = value;
      return this;
    }

    public Builder id(String value) {
      this.id = value;
      return this;
    }

    public Builder command(String value) {
      this.command = value;
      return this;
    }

    public Builder argv(List<String> value) {
      this.argv = value;
      return this;
    }

    public Builder path(Path value) {
      this.path = value;
      return this;
    }

    public Builder content(String value) {
      this.content = value;
      return this;
    }

    public Builder oldText(String value) {
      this.oldText = value;
      return this;
    }

    public Builder url(URI value) {
      this.url = value;
      return this;
    }

    public Builder server(String value) {
      this.server = value;
      return this;
    }

    public Builder arguments(Map<String, ?> value) {
      this.arguments = value;
      return this;
    }

    public Builder cwd(Path value) {
      this.cwd = value;
      return this;
    }

    public Builder stdin(String value) {
      this.stdin = value;
      return this;
    }

    public ToolCall build() {
      return new ToolCall(this);
    }
  }
}
