/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.policy;

import dev.containment4j.ContainmentException;
import dev.containment4j.PolicyException;
import dev.containment4j.event.AuditEvent;
import dev.containment4j.event.AuditListener;
import dev.containment4j.internal.trust.Tightening;
import dev.containment4j.internal.trust.TrustStore;
import dev.containment4j.internal.yaml.PolicyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workspace trust gate. A workspace (a repository folder) may carry its own configuration file (by default
 * {@code .containment.yaml}); it is never opened, parsed or acted on before the host grants trust for that folder.
 * Trust is recorded by the folder's real path (symlinks resolved) and the SHA-256 of the configuration file at grant
 * time; when the file changes, the trust no longer applies until it is granted again.
 *
 * <p>A trusted workspace configuration can only <em>tighten</em> the host policy ({@link #effectivePolicy}): it adds
 * deny rules and denied paths, lowers limits, narrows the network, and never loosens anything. Nothing in it is ever
 * executed. Grants, revocations and every tightening are audit events ({@code trust.grant}, {@code trust.revoke},
 * {@code trust.tighten}, {@code trust.stale}).
 *
 * <p>Thread-safe; the store file is re-read on every question, so grants made by another process are seen, and
 * written atomically with mode 0600.
 *
 * <pre>{@code
 * WorkspaceTrust trust = WorkspaceTrust.forPolicy(hostPolicy, auditListener);
 * if (userSaidYes) {
 *   trust.grant(repo);                                  // reads and validates repo/.containment.yaml now
 * }
 * Policy effective = trust.effectivePolicy(hostPolicy, repo);   // host policy, tightened if trusted and unchanged
 * }</pre>
 *
 * @since 0.1
 */
public final class WorkspaceTrust {
  private static final Logger LOG = LoggerFactory.getLogger(WorkspaceTrust.class);
  /** A workspace configuration is a short file; more is refused rather than read. */
  private static final int MAX_CONFIG_BYTES = 1 << 20;

  private final TrustStore store;
  private final String workspaceConfig;
  private final AuditListener listener;

  /**
   * @param store the trust store file, for example {@link #defaultStore()}
   * @param workspaceConfig the configuration file name that {@link #grant} records ({@code trust.workspaceConfig})
   * @param listener receives the trust audit events
   */
  public WorkspaceTrust(Path store, String workspaceConfig, AuditListener listener) {
    this.store = new TrustStore(Objects.requireNonNull(store, "store"));
    this.workspaceConfig = Objects.requireNonNull(workspaceConfig, "workspaceConfig");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /** A gate on {@code store} for the default configuration file name, {@code .containment.yaml}. */
  public WorkspaceTrust(Path store, AuditListener listener) {
    this(store, ".containment.yaml", listener);
  }

  /** Trust in the {@link #defaultStore()} for the configuration file named by {@code host}'s {@code trust:}. */
  public static WorkspaceTrust forPolicy(Policy host, AuditListener listener) {
    return new WorkspaceTrust(defaultStore(), host.trust().workspaceConfig(), listener);
  }

  /**
   * {@code $XDG_CONFIG_HOME/containment4j/trust.json}, or {@code ~/.config/containment4j/trust.json} when
   * {@code XDG_CONFIG_HOME} is unset or not absolute.
   */
  public static Path defaultStore() {
    String xdg = System.getenv("XDG_CONFIG_HOME");
    Path base = xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()
        ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
    return base.resolve("containment4j").resolve("trust.json");
  }

  /** The store file. */
  public Path store() {
    return store.file();
  }

  /**
   * Trusts {@code workspace} with its configuration file as it is now. The file is read and checked strictly first,
   * so an invalid configuration is reported before it is trusted; a workspace without one is trusted as having none.
   *
   * @throws PolicyException when the configuration is invalid (nothing is recorded then)
   * @throws ContainmentException when the folder does not exist or the store cannot be written
   */
  public void grant(Path workspace) {
    Path real = realDirectory(workspace);
    Path config = real.resolve(workspaceConfig);
    Optional<byte[]> bytes = readConfig(config);
    if (bytes.isPresent()) {
      PolicyLoader.parseWorkspace(PolicyLoader.decode(bytes.get(), config.toString()), config.toString());
    }
    String sha256 = bytes.map(WorkspaceTrust::sha256).orElse(null);
    store.update(entries -> {
      entries.put(real.toString(), new TrustStore.Entry(workspaceConfig, sha256, Instant.now().toString()));
      return entries;
    });
    emit("trust.grant", real, fields -> {
      fields.put("config", workspaceConfig);
      fields.put("sha256", sha256 == null ? "absent" : sha256);
    });
    LOG.info("trusted workspace {} with {} {}", real, workspaceConfig, sha256 == null ? "(absent)" : sha256);
  }

  /** Withdraws trust from {@code workspace}; returns whether it was trusted. */
  public boolean revoke(Path workspace) {
    String key = key(workspace);
    boolean[] removed = new boolean[1];
    store.update(entries -> {
      removed[0] = entries.remove(key) != null;
      return entries;
    });
    emit("trust.revoke", Path.of(key), fields -> fields.put("wasTrusted", removed[0]));
    return removed[0];
  }

  /**
   * Whether {@code workspace} is trusted and its configuration file is unchanged since the grant. Opens the file
   * only when the folder has a grant.
   */
  public boolean isTrusted(Path workspace) {
    Optional<Path> real = existingRealPath(workspace);
    if (real.isEmpty()) {
      return false;
    }
    Optional<TrustStore.Entry> entry = store.get(real.get().toString());
    if (entry.isEmpty()) {
      return false;
    }
    try {
      Optional<byte[]> bytes = readConfig(real.get().resolve(entry.get().config()));
      return Objects.equals(bytes.map(WorkspaceTrust::sha256).orElse(null), entry.get().sha256());
    } catch (ContainmentException e) {
      return false;  // became a symlink, a directory, too big or unreadable: not what was trusted
    }
  }

  /**
   * The policy to use for tool calls in {@code workspace}: {@code host} itself unless the folder is trusted for
   * {@code host}'s {@code trust.workspaceConfig} and the file is unchanged since the grant; then {@code host}
   * tightened by the file (see {@code docs/policy.md}, "Workspace trust"). An untrusted folder's file is not opened.
   *
   * @throws PolicyException when a trusted, unchanged configuration is invalid (fails closed)
   */
  public Policy effectivePolicy(Policy host, Path workspace) {
    Optional<Path> real = existingRealPath(workspace);
    if (real.isEmpty()) {
      return host;
    }
    Optional<TrustStore.Entry> entry = store.get(real.get().toString());
    if (entry.isEmpty()) {
      return host;
    }
    String configName = host.trust().workspaceConfig();
    if (!entry.get().config().equals(configName)) {
      LOG.warn("workspace {} was trusted for {}, but the policy names {}: not applying it; grant trust again",
          real.get(), entry.get().config(), configName);
      return host;
    }
    Path config = real.get().resolve(configName);
    Optional<byte[]> bytes;
    String sha256;
    try {
      bytes = readConfig(config);
      sha256 = bytes.map(WorkspaceTrust::sha256).orElse(null);
    } catch (ContainmentException e) {
      bytes = Optional.empty();
      sha256 = "unreadable: " + e.getMessage();
    }
    if (!Objects.equals(sha256, entry.get().sha256())) {
      String current = sha256;
      LOG.warn("{} changed since trust was granted: ignoring it until trust is granted again", config);
      emit("trust.stale", real.get(), fields -> {
        fields.put("config", configName);
        fields.put("granted", entry.get().sha256() == null ? "absent" : entry.get().sha256());
        fields.put("current", current == null ? "absent" : current);
      });
      return host;
    }
    if (bytes.isEmpty()) {
      return host;
    }
    String hash = sha256;
    // hash and parse the same bytes: the file cannot change between the check and the use
    PolicyLoader.Parsed parsed = PolicyLoader.parseWorkspace(PolicyLoader.decode(bytes.get(), config.toString()),
        config.toString());
    Tightening.Result result = Tightening.apply(host, parsed, config.toString());
    emit("trust.tighten", real.get(), fields -> {
      fields.put("config", configName);
      fields.put("sha256", hash);
      fields.put("applied", result.applied());
      fields.put("ignored", result.ignored());
    });
    for (String ignored : result.ignored()) {
      LOG.warn("{}: {}", config, ignored);
    }
    return result.policy();
  }

  private static Path realDirectory(Path workspace) {
    try {
      Path real = workspace.toRealPath();
      if (!Files.isDirectory(real)) {
        throw new ContainmentException("cannot trust " + workspace + ": it is not a directory; trust is granted to"
            + " a workspace folder");
      }
      return real;
    } catch (IOException e) {
      throw new ContainmentException("cannot trust " + workspace + ": " + e + "; give an existing folder", e);
    }
  }

  private static Optional<Path> existingRealPath(Path workspace) {
    try {
      return Optional.of(workspace.toRealPath());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String key(Path workspace) {
    return existingRealPath(workspace).orElse(workspace.toAbsolutePath().normalize()).toString();
  }

  /**
   * The configuration's bytes, or empty when there is none. Refuses symlinks (a link could point the trusted name at
   * any file of the user's, such as a key) and anything but a regular file of at most 1 MiB.
   */
  private static Optional<byte[]> readConfig(Path config) {
    try {
      Path parent = config.getParent();
      if (Files.exists(parent, LinkOption.NOFOLLOW_LINKS) && !parent.toRealPath().equals(parent)) {
        throw new ContainmentException(config + " is reached through a symlinked directory; a workspace configuration"
            + " must be a plain file inside the workspace: replace the link with a directory, or remove it");
      }
      BasicFileAttributes attrs = Files.readAttributes(config, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attrs.isRegularFile()) {
        throw new ContainmentException(config + " is not a regular file (" + (attrs.isSymbolicLink() ? "a symlink"
            : attrs.isDirectory() ? "a directory" : "a special file") + "); a workspace configuration must be a plain"
            + " file in the workspace: replace it with one, or remove it");
      }
      if (attrs.size() > MAX_CONFIG_BYTES) {
        throw new ContainmentException(config + " is larger than 1 MiB; a workspace configuration is a short YAML"
            + " file: shorten it");
      }
      try (InputStream in = Files.newInputStream(config, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
        byte[] bytes = in.readNBytes(MAX_CONFIG_BYTES + 1);
        if (bytes.length > MAX_CONFIG_BYTES) {
          throw new ContainmentException(config + " grew beyond 1 MiB while being read; shorten it");
        }
        return Optional.of(bytes);
      }
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new ContainmentException("cannot read " + config + ": " + e + "; check that it is a readable file", e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required on every Java platform", e);
    }
  }

  private void emit(String type, Path workspace, java.util.function.Consumer<Map<String, Object>> details) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("workspace", workspace.toString());
    details.accept(fields);
    try {
      listener.onEvent(AuditEvent.of(type, "", fields));
    } catch (RuntimeException e) {
      LOG.warn("audit listener failed on {}: {}", type, e.toString());
    }
  }
}
