/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host directories a new container sees ({@code docker run -v /home/dev/proj:/src IMAGE CMD}, {@code --mount
 * type=volume,source=pgdata,target=/data}, {@code -w /src}), so that its command can be read as this machine reads
 * it: {@code rm -rf /src} there deletes the workspace here. Everything else in a new container is the image's own
 * and goes with it; a path under a mount is the host's (session 22).
 *
 * @param mounts where each host directory appears in the container, longest target first
 * @param workdir the container's working directory as a host path, or null when it is not on a mount
 */
record ContainerMounts(List<Mount> mounts, String workdir) {
  /** Separates the host paths of the mounts in a wrapper label (see {@link #label}). */
  static final String MOUNTING = " mounting ";

  /** Characters a host path may have to be written into shell text unquoted; others are not mapped. */
  /** The working directory as a mount's source is written: {@code $(pwd)}, {@code `pwd`}, {@code ${PWD}}. */
  private static final Pattern WORKING_DIRECTORY = Pattern.compile("\\$\\(pwd\\)|`pwd`|\\$\\{?PWD\\}?(?![A-Za-z0-9_])");
  private static final Pattern PLAIN_PATH = Pattern.compile("[A-Za-z0-9_./@%+=:,~-]+");

  /**
   * One mount.
   *
   * @param target the absolute path in the container, without a trailing slash
   * @param source the host path it shows, absolute
   */
  record Mount(String target, String source) {}

  ContainerMounts {
    mounts = List.copyOf(mounts);
  }

  /**
   * The mounts of a container engine's {@code run} ({@code words} are its arguments without the program name), or
   * none for any other subcommand. A named volume is the engine's directory for it ({@code
   * /var/lib/docker/volumes/NAME/_data}; Podman keeps them under the user's home).
   */
  static ContainerMounts of(String engine, List<String> words, Path cwd, Path home) {
    List<String> run = EmbeddedShell.containerRun(words);
    if (run == null) {
      return new ContainerMounts(List.of(), null);
    }
    List<Mount> mounts = new ArrayList<>();
    String[] workdir = {null};
    ContainerAccess.options(run, 0, (opt, val) -> {
      switch (opt) {
        case "-v", "--volume" -> {
          String[] parts = val.split(":");
          if (parts.length >= 2) {
            add(mounts, engine, parts[0], parts[1], cwd, home);
          }
        }
        case "--mount" -> mount(mounts, engine, val, cwd, home);
        case "-w", "--workdir" -> workdir[0] = val;
        default -> { }
      }
    });
    mounts.sort(Comparator.comparingInt((Mount m) -> m.target().length()).reversed());
    ContainerMounts m = new ContainerMounts(mounts, null);
    return workdir[0] == null ? m : new ContainerMounts(mounts, m.hostPath(workdir[0]));
  }

  private static void mount(List<Mount> mounts, String engine, String spec, Path cwd, Path home) {
    String type = "volume";
    String source = null;
    String target = null;
    for (String part : spec.split(",")) {
      int eq = part.indexOf('=');
      String key = eq > 0 ? part.substring(0, eq) : part;
      String value = eq > 0 ? part.substring(eq + 1) : "";
      switch (key) {
        case "type" -> type = value;
        case "source", "src" -> source = value;
        case "target", "destination", "dst", "dest" -> target = value;
        default -> { }
      }
    }
    if (source != null && target != null && (type.equals("bind") || type.equals("volume"))) {
      add(mounts, engine, source, target, cwd, home);
    }
  }

  private static void add(List<Mount> mounts, String engine, String source, String target, Path cwd, Path home) {
    if (!target.startsWith("/") || target.equals("/") || source.isEmpty()) {
      return;
    }
    Path host;
    Matcher pwd = WORKING_DIRECTORY.matcher(source);
    if (pwd.lookingAt()) {
      host = cwd == null ? null : cwd.resolve("." + source.substring(pwd.end())); // -v "$(pwd)/data:/data"
    } else if (source.startsWith("/")) {
      host = Path.of(source);
    } else if (source.equals("~") || source.startsWith("~/")) {
      host = home == null ? null : home.resolve(source.substring(1).replaceFirst("^/", ""));
    } else if (source.startsWith(".") || source.contains("/")) {
      host = cwd == null ? null : cwd.resolve(source);
    } else if (engine.equals("podman")) {
      host = home == null ? null : home.resolve(".local/share/containers/storage/volumes/" + source + "/_data");
    } else {
      host = Path.of("/var/lib/docker/volumes", source, "_data");
    }
    String h = host == null ? null : host.normalize().toString();
    if (h != null && PLAIN_PATH.matcher(h).matches()) {
      mounts.add(new Mount(target.replaceFirst("/+$", ""), h));
    }
  }

  /** The host path of {@code path} in the container, or null when it is on no mount. */
  String hostPath(String path) {
    for (Mount m : mounts) {
      if (path.equals(m.target()) || path.startsWith(m.target() + "/")) {
        return m.source() + path.substring(m.target().length());
      }
    }
    return null;
  }

  /**
   * {@code command} as this machine reads it: every path under a mount written as the host's path, and a {@code cd}
   * to the working directory first when that is on a mount; unchanged when there are no mounts.
   */
  String map(String command) {
    if (mounts.isEmpty()) {
      return command;
    }
    StringBuilder targets = new StringBuilder();
    for (Mount m : mounts) {
      targets.append(targets.length() == 0 ? "" : "|").append(Pattern.quote(m.target()));
    }
    // one pass, so that a host path written in is not read again as another mount's target
    String out = Pattern.compile("(?<![A-Za-z0-9_.~/-])(?:" + targets + ")(?=$|/|[^A-Za-z0-9_.-])").matcher(command)
        .replaceAll(r -> Matcher.quoteReplacement(hostPath(r.group())));
    return workdir == null ? out : "cd " + Units.quote(workdir) + " && " + out;
  }

  /** The wrapper label of a command run in this container: {@code how}, then the host paths it mounts. */
  String label(String how) {
    if (mounts.isEmpty()) {
      return how;
    }
    StringBuilder b = new StringBuilder(how).append(MOUNTING);
    for (int k = 0; k < mounts.size(); k++) {
      b.append(k == 0 ? "" : " ").append(mounts.get(k).source());
    }
    return b.toString();
  }

  /** The host paths a wrapper label of {@link #label} names; empty for any other label. */
  static List<String> sources(String label) {
    int at = label.indexOf(MOUNTING);
    return at < 0 ? List.of() : List.of(label.substring(at + MOUNTING.length()).split(" "));
  }
}
