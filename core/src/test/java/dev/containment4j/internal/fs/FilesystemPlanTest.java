/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containment4j.ContainmentException;
import dev.containment4j.PolicyException;
import dev.containment4j.internal.fs.FilesystemPlan.ProtectedPath;
import dev.containment4j.internal.fs.FilesystemPlan.Protection;
import dev.containment4j.policy.Policy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemPlanTest {
  @TempDir
  Path tmp;
  Path home;
  Path work;

  @BeforeEach
  void layout() throws IOException {
    tmp = tmp.toRealPath();
    home = Files.createDirectories(tmp.resolve("home/dev"));
    work = Files.createDirectories(home.resolve("project"));
  }

  static Policy policy(List<String> allowWrite, List<String> denyRead, List<String> allowRead,
      List<String> denyWrite, boolean hideHome) {
    Policy d = Policy.defaults();
    Policy.Isolation i = d.isolation();
    return new Policy("test.yaml", new Policy.Isolation(i.backend(), new Policy.Filesystem(".", allowWrite, denyRead,
        allowRead, denyWrite, hideHome, Policy.TmpMode.PRIVATE), i.limits(), i.env(), Map.of()), d.network(),
        d.guard(), d.content(), d.trust(), d.audit());
  }

  private FilesystemPlan plan(Policy p) {
    return FilesystemPlan.resolve(p, work, home);
  }

  @Test
  void homeEntriesGlobsAndCarveOutsResolveToRealPaths() throws IOException {
    Files.createDirectories(home.resolve(".ssh"));
    Files.writeString(home.resolve(".netrc"), "x");
    Files.createDirectories(work.resolve("a/b"));
    Files.writeString(work.resolve("a/b/id.pem"), "k");
    Files.writeString(work.resolve("top.pem"), "k");
    Path shared = Files.createDirectories(tmp.resolve("srv/shared/public"));
    FilesystemPlan plan = plan(policy(List.of(), List.of("~/.ssh", "$HOME/.netrc", "~/.aws", "**/*.pem",
        tmp.resolve("srv/shared").toString()), List.of(shared.toString()), List.of(), true));
    assertThat(plan.denyRead()).extracting(HostPath::path).containsExactlyInAnyOrder(home.resolve(".ssh"),
        home.resolve(".netrc"), work.resolve("a/b/id.pem"), work.resolve("top.pem"), tmp.resolve("srv/shared"));
    assertThat(plan.denyRead()).filteredOn(HostPath::isDirectory).extracting(HostPath::path)
        .containsExactlyInAnyOrder(home.resolve(".ssh"), tmp.resolve("srv/shared"));
    assertThat(plan.allowRead()).containsExactly(shared);
    assertThat(plan.hiddenHome()).contains(home);
    assertThat(plan.writable()).containsExactly(work);
  }

  @Test
  void aPlantedSymlinkCannotWidenAllowWrite() throws IOException {
    Path outside = Files.createDirectories(tmp.resolve("etc-like"));
    Files.createSymbolicLink(work.resolve("out"), outside);
    assertThatThrownBy(() -> plan(policy(List.of("./out"), List.of(), List.of(), List.of(), true)))
        .isInstanceOf(PolicyException.class)
        .hasMessageContaining("isolation.filesystem.allowWrite[0]")
        .hasMessageContaining("outside");
    // written as an absolute path it is refused too (since session 10): a call may have planted the link, so the
    // policy's path no longer says which directory is writable; the real path written out is used
    assertThatThrownBy(() -> plan(policy(List.of(work.resolve("out").toString()), List.of(), List.of(), List.of(),
        true))).isInstanceOf(PolicyException.class).hasMessageContaining("outside it (a symlink)");
    FilesystemPlan plan = plan(policy(List.of(outside.toString()), List.of(), List.of(), List.of(), true));
    assertThat(plan.writable()).containsExactly(work, outside);
  }

  @Test
  void rootIsNeverWritable() {
    assertThatThrownBy(() -> plan(policy(List.of("/"), List.of(), List.of(), List.of(), true)))
        .isInstanceOf(PolicyException.class).hasMessageContaining("makes / writable");
  }

  @Test
  void protectedNamesAreListedWhetherTheyExistOrNot() throws IOException {
    Files.createDirectories(work.resolve(".git/hooks"));
    Files.writeString(work.resolve(".git/config"), "");
    Files.writeString(work.resolve(".bashrc"), "");
    Map<Path, Protection> p = plan(policy(List.of(), List.of(), List.of(), List.of(), true)).protectedPaths()
        .stream().collect(Collectors.toMap(ProtectedPath::path, ProtectedPath::protection));
    assertThat(p).containsEntry(work.resolve(".git"), Protection.PIN)
        .containsEntry(work.resolve(".git/hooks"), Protection.READ_ONLY)
        .containsEntry(work.resolve(".git/config"), Protection.READ_ONLY)
        .containsEntry(work.resolve(".bashrc"), Protection.READ_ONLY)
        .containsEntry(work.resolve(".mcp.json"), Protection.OCCUPY)
        .containsEntry(work.resolve(".vscode"), Protection.OCCUPY)
        .containsEntry(work.resolve(".containment.yaml"), Protection.OCCUPY);
  }

  @Test
  void aMissingGitDirectoryIsOccupiedAsAWholeAndAWorktreeFileIsReadOnly() throws IOException {
    Map<Path, Protection> missing = protections();
    assertThat(missing).containsEntry(work.resolve(".git"), Protection.OCCUPY)
        .doesNotContainKey(work.resolve(".git/hooks"));
    Files.writeString(work.resolve(".git"), "gitdir: /elsewhere\n");
    assertThat(protections()).containsEntry(work.resolve(".git"), Protection.READ_ONLY)
        .doesNotContainKey(work.resolve(".git/config"));
  }

  /**
   * A repository's own {@code .git/commondir} (rare, but the host's) stays as it is; a missing one is not occupied
   * (git dies on an empty one; {@link GitTraps} removes one a call creates). {@code HEAD} at the top is occupied, so
   * the workdir can never pass for a bare repository.
   */
  @Test
  void anExistingCommondirIsReadOnlyAMissingOneIsNotOccupiedAndTopLevelHeadIs() throws IOException {
    Files.createDirectories(work.resolve(".git"));
    assertThat(protections()).doesNotContainKey(work.resolve(".git/commondir"))
        .containsEntry(work.resolve("HEAD"), Protection.OCCUPY);
    Files.writeString(work.resolve(".git/commondir"), "../elsewhere\n");
    assertThat(protections()).containsEntry(work.resolve(".git/commondir"), Protection.READ_ONLY);
  }

  private Map<Path, Protection> protections() {
    return plan(policy(List.of(), List.of(), List.of(), List.of(), true)).protectedPaths().stream()
        .collect(Collectors.toMap(ProtectedPath::path, ProtectedPath::protection));
  }

  @Test
  void aSymlinkedProtectedNameIsRefused() throws IOException {
    Files.writeString(work.resolve("profile"), "");
    Files.createSymbolicLink(work.resolve(".profile"), work.resolve("profile"));
    assertThatThrownBy(() -> plan(policy(List.of(), List.of(), List.of(), List.of(), true)))
        .isInstanceOf(ContainmentException.class).hasMessageContaining("symlink").hasMessageContaining(".profile");
  }

  @Test
  void uselessEntriesAreNotedNotApplied() throws IOException {
    Files.createDirectories(work.resolve("docs"));
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    FilesystemPlan plan = plan(policy(List.of("./missing"), List.of(), List.of(elsewhere.toString()),
        List.of("./docs", elsewhere.toString()), true));
    assertThat(plan.denyWrite()).containsExactly(work.resolve("docs"));
    assertThat(plan.allowRead()).isEmpty();
    assertThat(plan.notes()).anyMatch(n -> n.contains("./missing") && n.contains("does not exist"))
        .anyMatch(n -> n.contains("not inside a hidden path"));
  }

  /** A call may plant a symlink into a hidden directory where an allowRead entry is written: nothing opens. */
  @Test
  void anAllowReadWrittenInsideTheWorkdirThatLeadsIntoAHiddenDirectoryCarvesNothing() throws IOException {
    Path secrets = Files.createDirectories(tmp.resolve("secrets/sub"));
    Files.createSymbolicLink(work.resolve("docs"), secrets);
    for (String entry : List.of("./docs", work.resolve("docs").toString())) {
      FilesystemPlan plan = plan(policy(List.of(), List.of(secrets.getParent().toString()), List.of(entry), List.of(),
          true));
      assertThat(plan.allowRead()).as(entry).isEmpty();
      assertThat(plan.notes()).anyMatch(n -> n.contains("allowRead " + entry) && n.contains("planted"));
    }
    assertThat(plan(policy(List.of(), List.of(secrets.getParent().toString()), List.of(secrets.toString()),
        List.of(), true)).allowRead()).as("the real path written out").containsExactly(secrets);
  }

  /** The home's start-up files, ~/.gitconfig and ~/.local/bin would be writable: what the host runs next. */
  @Test
  void aWorkdirOrAllowWriteThatIsOrHoldsTheHomeIsRefused() {
    for (Path dir : List.of(tmp, home)) {
      assertThatThrownBy(() -> FilesystemPlan.resolve(policy(List.of(), List.of(), List.of(), List.of(), true), dir,
          home)).isInstanceOf(PolicyException.class).hasMessageContaining("isolation.filesystem.workdir")
          .hasMessageContaining("the workdir " + dir).hasMessageContaining("home directory " + home);
    }
    assertThatThrownBy(() -> plan(policy(List.of(home.getParent().toString()), List.of(), List.of(), List.of(),
        true))).isInstanceOf(PolicyException.class).hasMessageContaining("allowWrite[0]")
        .hasMessageContaining("holds the home directory");
    assertThatThrownBy(() -> plan(policy(List.of("/etc"), List.of(), List.of(), List.of(), true)))
        .isInstanceOf(PolicyException.class).hasMessageContaining("system directory /etc");
    for (String shared : List.of("/home", "/var", "/opt")) {
      assertThatThrownBy(() -> plan(policy(List.of(shared), List.of(), List.of(), List.of(), true)))
          .isInstanceOf(PolicyException.class).hasMessageContaining(shared + " is " + shared);
    }
    assertThat(HostCriticalPaths.whyNotWritable(Path.of("/var/lib/ci/workspace"), home)).as("a project inside /var")
        .isEmpty();
  }

  @Test
  void aDenyReadEntryThatIsTheWorkdirOrTheHiddenHomeIsNotHiddenAgainButItsAncestorsAre() {
    // the embedded default denies /root and /home: the caller's own home and workdir live there
    FilesystemPlan plan = plan(policy(List.of(), List.of(work.toString(), home.toString(), tmp.resolve("home")
        .toString()), List.of(), List.of(), true));
    assertThat(plan.denyRead()).extracting(HostPath::path).containsExactly(tmp.resolve("home"));
    assertThat(plan.hiddenHome()).contains(home);
    assertThat(plan.writable()).containsExactly(work);
    assertThat(plan.notes()).anySatisfy(n -> assertThat(n).contains(work + " is the workdir, not hidden"));

    FilesystemPlan visibleHome = plan(policy(List.of(), List.of(home.toString()), List.of(), List.of(), false));
    assertThat(visibleHome.denyRead()).extracting(HostPath::path).containsExactly(home);
  }

  @Test
  void theEmbeddedDefaultDeniesSystemSecretsAndOtherHomes() {
    assertThat(Policy.defaults().isolation().filesystem().denyRead()).contains("/etc/shadow", "/etc/gshadow",
        "/etc/sudoers", "/etc/sudoers.d", "/etc/ssh/ssh_host_*_key", "/root", "/home");
  }

  /**
   * Paths the repository's read-only config names in the worktree (core.hooksPath, include.path, includeIf) and the
   * existing submodules' config, hooks and {@code .git} files are protected; the directories on the way are pinned; a
   * missing target's first missing directory is occupied; what lies outside every writable root is left alone.
   */
  @Test
  void pathsTheRepositoryConfigurationNamesAreProtected() throws IOException {
    Files.createDirectories(work.resolve(".git/hooks"));
    Files.writeString(work.resolve(".git/config"), "[core]\n\thooksPath = \"tools/git hooks\" # husky\n"
        + "[include]\n\tpath = ../.gitconfig.local\n[includeIf \"gitdir:/x/\"]\n  path = extra.cfg\n"
        + "[include]\n\tpath = /etc/gitconfig\n");
    Files.createDirectories(work.resolve("tools/git hooks"));
    Files.createDirectories(work.resolve(".git/modules/lib/hooks"));
    Files.writeString(work.resolve(".git/modules/lib/HEAD"), "ref: refs/heads/main\n");
    Files.writeString(work.resolve(".git/modules/lib/config"), "[core]\n\tworktree = ../../../lib\n");
    Files.createDirectories(work.resolve("lib"));
    Files.writeString(work.resolve("lib/.git"), "gitdir: ../.git/modules/lib\n");
    Files.createDirectories(work.resolve(".git/worktrees/feature"));
    Files.writeString(work.resolve(".git/worktrees/feature/commondir"), "../..\n");
    Map<Path, Protection> p = protections();
    assertThat(p).containsEntry(work.resolve("tools"), Protection.PIN)
        .containsEntry(work.resolve("tools/git hooks"), Protection.READ_ONLY)
        .containsEntry(work.resolve(".gitconfig.local"), Protection.OCCUPY)
        .containsEntry(work.resolve(".git/extra.cfg"), Protection.OCCUPY)
        .containsEntry(work.resolve(".git/modules"), Protection.PIN)
        .containsEntry(work.resolve(".git/modules/lib"), Protection.PIN)
        .containsEntry(work.resolve(".git/modules/lib/config"), Protection.READ_ONLY)
        .containsEntry(work.resolve(".git/modules/lib/hooks"), Protection.READ_ONLY)
        .containsEntry(work.resolve("lib"), Protection.PIN)
        .containsEntry(work.resolve("lib/.git"), Protection.READ_ONLY)
        .containsEntry(work.resolve(".git"), Protection.PIN)
        .containsEntry(work.resolve(".git/worktrees"), Protection.PIN)
        .containsEntry(work.resolve(".git/worktrees/feature"), Protection.PIN)
        .containsEntry(work.resolve(".git/worktrees/feature/commondir"), Protection.READ_ONLY)
        .containsEntry(work.resolve(".git/worktrees/feature/config.worktree"), Protection.OCCUPY)
        .doesNotContainKey(Path.of("/etc/gitconfig"));
    Files.writeString(work.resolve(".git/config"), "[core]\n\thooksPath = missing/deeper/hooks\n");
    assertThat(protections()).containsEntry(work.resolve("missing"), Protection.OCCUPY)
        .doesNotContainKey(work.resolve("missing/deeper"));
  }

  @Test
  void aHooksPathThatIsTheWorkdirOrGitItselfOrASymlinkFailsClosed() throws IOException {
    Files.createDirectories(work.resolve(".git"));
    for (String value : List.of(".", ".git")) {
      Files.writeString(work.resolve(".git/config"), "[core]\n\thooksPath = " + value + "\n");
      assertThatThrownBy(this::protections).isInstanceOf(ContainmentException.class)
          .hasMessageContaining("core.hooksPath");
    }
    Files.createSymbolicLink(work.resolve("hooks"), tmp);
    Files.writeString(work.resolve(".git/config"), "[core]\n\thooksPath = hooks\n");
    assertThatThrownBy(this::protections).isInstanceOf(ContainmentException.class).hasMessageContaining("symlink");
  }

  @Test
  void gitConfigurationSyntax() {
    assertThat(GitRedirects.parse("[Core]\n\tHooksPath = \"a \\\" b\" ; c\n[core] bare\n"
        + "[include.x]\n path = p\\\nq  \n# comment\n[includeIf \"gitdir:~/w/\"]\npath=z # t\n"))
        .containsExactly(new GitRedirects.Entry("core", "hookspath", "a \" b"),
            new GitRedirects.Entry("core", "bare", "true"),
            new GitRedirects.Entry("include", "path", "pq"),
            new GitRedirects.Entry("includeif", "path", "z"));
  }

  /** A mount moves with its directory: every directory above a mask or read-only bind inside the workdir is pinned. */
  @Test
  void directoriesAboveMasksAndReadOnlyFilesInsideTheWorkdirArePinned() throws IOException {
    Files.createDirectories(work.resolve("conf/keys"));
    Files.writeString(work.resolve("conf/keys/secret.env"), "s");
    Files.writeString(work.resolve("conf/settings.json"), "{}");
    Files.createDirectories(work.resolve("data/vault/inner"));
    Files.writeString(work.resolve("data/vault/inner/token"), "t");
    Files.writeString(work.resolve("top.env"), "s");
    FilesystemPlan plan = FilesystemPlan.resolve(policy(List.of(), List.of("conf/keys/secret.env", "data/vault",
        "data/vault/inner/token", "top.env"), List.of(), List.of("conf/settings.json"), false), work, home);
    Map<Path, Protection> p = new java.util.HashMap<>();
    plan.protectedPaths().forEach(x -> p.put(x.path(), x.protection()));
    assertThat(p).containsEntry(work.resolve("conf"), Protection.PIN)
        .containsEntry(work.resolve("conf/keys"), Protection.PIN)
        .containsEntry(work.resolve("data"), Protection.PIN)
        .as("nothing is bound inside a hidden directory, which would show it")
        .doesNotContainKey(work.resolve("data/vault")).doesNotContainKey(work.resolve("data/vault/inner"))
        .doesNotContainKey(work).doesNotContainKey(work.resolve("top.env"));
  }

  /** The audit file inside the workdir is read-only (occupied while missing), the directories above it pinned. */
  @Test
  void anAuditFileInsideTheWorkdirIsProtectedAndOneOutsideIsNot() throws IOException {
    Policy base = policy(List.of(), List.of(), List.of(), List.of(), false);
    Files.createDirectories(work.resolve("logs"));
    Files.writeString(work.resolve("logs/audit.jsonl"), "{}\n");
    Policy inside = new Policy(base.source(), base.isolation(), base.network(), base.guard(), base.content(),
        base.trust(), new Policy.Audit(java.util.Optional.of(work.resolve("logs/audit.jsonl"))));
    Map<Path, Protection> p = new java.util.HashMap<>();
    FilesystemPlan.resolve(inside, work, home).protectedPaths().forEach(x -> p.put(x.path(), x.protection()));
    assertThat(p).containsEntry(work.resolve("logs"), Protection.PIN)
        .containsEntry(work.resolve("logs/audit.jsonl"), Protection.READ_ONLY);
    Policy missing = new Policy(base.source(), base.isolation(), base.network(), base.guard(), base.content(),
        base.trust(), new Policy.Audit(java.util.Optional.of(work.resolve("audit.jsonl"))));
    assertThat(FilesystemPlan.resolve(missing, work, home).protectedPaths())
        .contains(new FilesystemPlan.ProtectedPath(work.resolve("audit.jsonl"), Protection.OCCUPY));
    Policy outside = new Policy(base.source(), base.isolation(), base.network(), base.guard(), base.content(),
        base.trust(), new Policy.Audit(java.util.Optional.of(tmp.resolve("audit.jsonl"))));
    assertThat(FilesystemPlan.resolve(outside, work, home).protectedPaths())
        .noneMatch(x -> x.path().equals(tmp.resolve("audit.jsonl")));
  }

  /**
   * The host JVM's own code (its class path and module path) inside the workdir: a call could replace a class or a
   * jar the host runs on its next start (an agent host started from the project it works on). Each entry is
   * read-only and its directories pinned; a workdir or {@code allowWrite} inside a class path directory (where a
   * call could add classes or {@code META-INF/services} files) is refused.
   */
  @Test
  void theHostsOwnCodeInsideTheWorkdirIsProtectedAndAWorkdirInsideItIsRefused() throws IOException {
    Policy policy = policy(List.of(), List.of(), List.of(), List.of(), false);
    Path classes = Files.createDirectories(work.resolve("target/classes"));
    Path jar = Files.writeString(Files.createDirectories(work.resolve("lib")).resolve("agent.jar"), "PK");
    Path outsideJar = Files.writeString(tmp.resolve("other.jar"), "PK");
    Map<Path, Protection> p = new java.util.HashMap<>();
    FilesystemPlan.resolve(policy, work, home, List.of(classes, jar, outsideJar, work.resolve("missing.jar")))
        .protectedPaths().forEach(x -> p.put(x.path(), x.protection()));
    assertThat(p).containsEntry(work.resolve("target"), Protection.PIN)
        .containsEntry(classes, Protection.READ_ONLY)
        .containsEntry(work.resolve("lib"), Protection.PIN)
        .containsEntry(jar, Protection.READ_ONLY)
        .doesNotContainKey(outsideJar)
        .doesNotContainKey(work.resolve("missing.jar"));
    assertThatThrownBy(() -> FilesystemPlan.resolve(policy, classes, home, List.of(classes)))
        .isInstanceOf(PolicyException.class).hasMessageContaining("class path");
    assertThatThrownBy(() -> FilesystemPlan.resolve(policy, work, home, List.of(work)))
        .isInstanceOf(PolicyException.class).hasMessageContaining("class path");
  }

  /**
   * An application started with {@code java -jar app.jar} loads the jars its manifest's {@code Class-Path} names
   * (session 13): {@code lib/dep.jar} in the workdir is the host's code as much as the launched jar, and so is a jar
   * that jar's manifest names in turn (a space in a name is {@code %20} in the attribute). Missing names, other URL
   * schemes and a manifest that names itself add nothing and do not loop.
   */
  @Test
  void jarsNamedByALaunchedJarsManifestAreTheHostsCodeToo() throws IOException {
    Path lib = Files.createDirectories(work.resolve("lib"));
    Path dep = jar(lib.resolve("dep.jar"), "inner/more.jar");
    Path more = jar(Files.createDirectories(lib.resolve("inner")).resolve("more.jar"), "../other lib.jar more.jar");
    Path spaced = jar(lib.resolve("other lib.jar"), null);
    // app.jar lives outside the workdir and names the workdir's jars by relative URL, as launchers do
    Path app = jar(tmp.resolve("app.jar"), tmp.relativize(dep).toString() + " missing.jar http://example.com/x.jar");
    List<Path> code = HostCode.withManifestClassPaths(List.of(app));
    assertThat(code).containsExactly(app.toRealPath(), dep.toRealPath(), more.toRealPath(), spaced.toRealPath());
    Policy policy = policy(List.of(), List.of(), List.of(), List.of(), false);
    Map<Path, Protection> p = new java.util.HashMap<>();
    FilesystemPlan.resolve(policy, work, home, code).protectedPaths().forEach(x -> p.put(x.path(), x.protection()));
    assertThat(p).containsEntry(dep, Protection.READ_ONLY).containsEntry(more, Protection.READ_ONLY)
        .containsEntry(spaced, Protection.READ_ONLY).containsEntry(lib, Protection.PIN);
  }

  /** An agent jar's {@code Boot-Class-Path} is loaded like a {@code Class-Path}: those jars are the host's code too. */
  @Test
  void jarsAnAgentsBootClassPathNamesAreTheHostsCodeToo() throws IOException {
    Path boot = jar(Files.createDirectories(work.resolve("agent")).resolve("boot.jar"), null);
    Path agent = tmp.resolve("agent.jar");
    java.util.jar.Manifest m = new java.util.jar.Manifest();
    m.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().putValue("Boot-Class-Path", tmp.relativize(boot).toString());
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(agent), m)) {
      out.putNextEntry(new java.util.zip.ZipEntry("x.txt"));
    }
    assertThat(HostCode.withManifestClassPaths(List.of(agent))).containsExactly(agent.toRealPath(), boot.toRealPath());
  }

  /** A jar whose manifest has the given {@code Class-Path} (none when null). */
  private static Path jar(Path at, String classPath) throws IOException {
    java.util.jar.Manifest m = new java.util.jar.Manifest();
    m.getMainAttributes().put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
    if (classPath != null && !classPath.isEmpty()) {
      m.getMainAttributes().put(java.util.jar.Attributes.Name.CLASS_PATH, classPath.replace("other lib.jar",
          "other%20lib.jar"));
    }
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(at), m)) {
      out.putNextEntry(new java.util.zip.ZipEntry("x.txt"));
      out.write(1);
    }
    return at;
  }
}
