/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.yaml;

import dev.containment4j.PolicyException;
import dev.containment4j.policy.Policy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * Loads policies strictly: YAML is read into a located tree ({@link YamlDocument}), bound to {@link PolicyYaml} with
 * Jackson ({@link PolicyMapper}) before any {@code ${env:NAME}} is resolved (so Jackson's messages can never contain a
 * resolved value), then references are resolved ({@link EnvReferences}), the document bound again, and the values
 * checked and converted ({@link PolicyConverter}). Every problem is a {@link PolicyException} with source, line,
 * column, YAML path and fix.
 */
public final class PolicyLoader {
  /** The embedded default policy, on the class path. */
  public static final String DEFAULT_RESOURCE = "/dev/containment4j/default-policy.yaml";
  static final String DEFAULT_SOURCE = "<embedded default>";

  private PolicyLoader() {}

  public static Policy load(Path file) {
    return load(file, null);
  }

  /** Loads {@code file} with the profile {@code profile} merged in ({@code null}: the top-level policy). */
  public static Policy load(Path file, String profile) {
    return parse(read(file), file.toString(), profile, System::getenv);
  }

  public static Policy parse(String yaml, String source) {
    return parse(yaml, source, null, System::getenv);
  }

  /** {@link #parse(String, String)} with {@code env} standing for the host environment (tests). */
  public static Policy parse(String yaml, String source, Function<String, String> env) {
    return parse(yaml, source, null, env);
  }

  /**
   * Parses {@code yaml} with {@code profile} merged in ({@code null}: the top-level policy). The other profiles are
   * checked for structure (keys, types, {@code extends}); their values are checked when they are selected.
   */
  public static Policy parse(String yaml, String source, String profile, Function<String, String> env) {
    Profiles profiles = Profiles.of(YamlDocument.parse(yaml, source));
    for (String other : profiles.names()) {
      if (!other.equals(profile)) {
        PolicyMapper.bind(profiles.select(other));
      }
    }
    YamlDocument doc = profiles.select(profile);
    PolicyMapper.bind(doc);
    EnvReferences refs = EnvReferences.resolve(doc, env);
    Policy p = PolicyConverter.convert(PolicyMapper.bind(doc), doc, refs);
    return profile == null ? p : new Policy(source + ", profile " + profile, p.isolation(), p.network(), p.guard(),
        p.content(), p.trust(), p.audit());
  }

  /**
   * Parses an untrusted workspace configuration with the same strictness, but without resolving anything from the
   * host: a {@code ${env:NAME}} reference is an error.
   *
   * @return the bound document (absent keys are {@code null}) and its checked conversion
   */
  public static Parsed parseWorkspace(String yaml, String source) {
    Profiles profiles = Profiles.of(YamlDocument.parse(yaml, source));
    for (String name : profiles.names()) {
      EnvReferences.forbid(profiles.select(name));
      PolicyMapper.bind(profiles.select(name));
    }
    YamlDocument doc = profiles.select(null);
    PolicyYaml bound = PolicyMapper.bind(doc);
    EnvReferences refs = EnvReferences.forbid(doc);
    return new Parsed(bound, PolicyConverter.convertWorkspace(bound, doc, refs), profiles.names());
  }

  /** A parsed policy, what was written in it, and the names of its profiles (which a workspace cannot use). */
  public record Parsed(PolicyYaml written, Policy policy, List<String> profiles) {
    public Parsed {
      profiles = List.copyOf(profiles);
    }
  }

  /** The embedded default policy, parsed (and so validated) by the same loader once. */
  public static Policy defaults() {
    return DefaultPolicy.INSTANCE;
  }

  /** Decodes policy bytes as strict UTF-8; {@code source} names them in errors. */
  public static String decode(byte[] bytes, String source) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new PolicyException(source, 0, 0, "", "the file is not UTF-8 text; save it as UTF-8", e);
    }
  }

  private static String read(Path file) {
    try {
      if (Files.size(file) > YamlDocument.MAX_CHARS * 4L) {
        throw new PolicyException(file.toString(), 0, 0, "", "the file is larger than 4 MiB; a policy is a short"
            + " YAML file: check that the right file was given");
      }
      return decode(Files.readAllBytes(file), file.toString());
    } catch (NoSuchFileException e) {
      throw new PolicyException(file.toString(), 0, 0, "", "the policy file does not exist; check the path (relative"
          + " paths are resolved against " + Path.of("").toAbsolutePath() + ")", e);
    } catch (IOException e) {
      throw new PolicyException(file.toString(), 0, 0, "", "cannot read the policy file: " + e
          + "; check that it is a readable file", e);
    }
  }

  /** The embedded default, built once on first use (see {@link EmbeddedDefault}; equal to the parsed resource). */
  private static final class DefaultPolicy {
    static final Policy INSTANCE = EmbeddedDefault.policy();
  }

  /** The embedded default policy resource parsed by the strict loader (what {@link EmbeddedDefault} must equal). */
  static Policy parseDefaultResource() {
    try (InputStream in = PolicyLoader.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + DEFAULT_RESOURCE + " is missing from the containment4j jar");
      }
      return parse(decode(in.readAllBytes(), DEFAULT_SOURCE), DEFAULT_SOURCE, name -> null);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE, e);
    }
  }
}
