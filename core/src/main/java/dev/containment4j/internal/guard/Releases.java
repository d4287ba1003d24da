/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Publishing: a package, image, chart or release pushed to a registry is public at once, copied by mirrors and
 * cannot be taken back, so it is the user's decision ({@code npm publish}, {@code cargo publish},
 * {@code twine upload}, {@code docker push}, {@code mvn deploy}, {@code gh release create} ...). Building, packing,
 * checking and dry runs stay ordinary. Text sent to a paste service ({@code pastebinit}, {@code nc termbin.com}) is
 * published too, and a file that holds secrets by its name ({@code .env}, {@code *.pem}) published that way is
 * denied.
 */
final class Releases {
  private static final Set<String> PASTE_TOOLS = Set.of("pastebinit", "wgetpaste", "pastebin", "haste", "gist",
      "termbin", "0x0", "ix", "sprunge", "paste.sh", "pastel", "rentry");
  private static final Pattern GRADLE_PUBLISH = Pattern.compile("(:?[\\w-]+:)*publish(?!ToMavenLocal)"
      + "(\\w*(Publication|Repository|Sonatype|Plugins|Portal)\\w*)?|publishPlugins|uploadArchives"
      + "|closeAndReleaseSonatypeStagingRepository|releaseSonatypeStagingRepository"
      // session 17: the vanniktech and nmcp plugins' tasks (publishToMavenCentral, publishAllPublicationsToCentralPortal)
      + "|publishToMavenCentral|publishAndReleaseToMavenCentral|publishAggregationToCentralPortal");

  /** fastlane's built-in actions that upload a build or its metadata to the App Store or Google Play. */
  private static final Set<String> STORE_ACTIONS = Set.of("deliver", "supply", "pilot", "upload_to_app_store",
      "upload_to_play_store", "upload_to_testflight", "appstore", "testflight",
      "upload_to_play_store_internal_app_sharing");

  private Releases() {}

  static Judgement judge(Unit u) {
    List<String> argv = u.argv();
    String name = u.name();
    if (argv.stream().anyMatch(x -> x.equals("--dry-run") || x.equals("--snapshot") || x.equals("--skip-publish")
        || x.equals("--dryrun"))) {
      return Judgement.ALLOW;
    }
    List<String> ops = argv.stream().filter(x -> !x.startsWith("-")).toList();
    String what = null;
    String to = "a registry";
    switch (name) {
      case "npm":
      case "pnpm":
      case "bun":
      case "cargo":
      case "uv":
      case "poetry":
      case "hatch":
      case "flit":
      case "vsce":
      case "ovsx":
        what = ops.contains("publish") ? "a package" : null;
        break;
      case "yarn":
        what = ops.contains("publish") ? "a package" : null;
        break;
      case "twine":
        what = ops.contains("upload") || ops.contains("register") ? "a Python package" : null;
        break;
      case "gem":
        what = ops.size() > 1 && ops.get(1).equals("push") ? "a Ruby gem" : null;
        break;
      case "mvn":
      case "mvnw":
        what = ops.stream().anyMatch(x -> x.equals("deploy") || Regexes.matches(x, ".*:deploy(-file)?")
            || x.equals("release:perform")) ? "Maven artifacts" : null;
        break;
      case "gradle":
      case "gradlew":
        what = ops.stream().skip(1).anyMatch(x -> GRADLE_PUBLISH.matcher(x).matches()) ? "Gradle publications"
            : null;
        break;
      case "dotnet":
      case "nuget":
        what = ops.contains("push") && (ops.contains("nuget") || name.equals("nuget")) ? "a NuGet package" : null;
        break;
      case "helm":
        what = ops.size() > 1 && ops.get(1).equals("push") ? "a Helm chart" : null;
        break;
      case "docker":
      case "podman":
      case "nerdctl":
      case "buildah":
        what = ops.size() > 1 && ops.get(1).equals("push") || ops.contains("image") && ops.contains("push")
            || ops.contains("manifest") && ops.contains("push")
            || argv.contains("--push") || argv.stream().anyMatch(x -> x.startsWith("--output=type=registry")
            || x.equals("type=registry")) ? "a container image" : null;
        break;
      case "gh":
      case "glab":
        what = ops.size() > 2 && ops.get(1).equals("release") && ops.get(2).equals("create") ? "a release" : null;
        break;
      case "goreleaser":
        what = ops.size() < 2 || ops.get(1).equals("release") ? "a release" : null;
        break;
      case "mix":
        what = ops.contains("hex.publish") ? "a Hex package" : null;
        break;
      case "pod":
        what = ops.contains("trunk") && ops.contains("push") ? "a CocoaPod" : null;
        break;
      case "skopeo":
      case "crane":
      case "oras":
      case "regctl":
        // copies between registries: pushing to one publishes there
        what = ops.stream().skip(1).limit(2).anyMatch(x -> Regexes.matches(x, "copy|cp|sync|push|mutate|tag|append"))
            ? "a container image or artifact" : null;
        break;
      case "semantic-release":
      case "release-it":
      case "np":
        what = "a release";
        break;
      // session 21: app stores, over-the-air updates and data hubs publish the same way
      case "fastlane":
        what = ops.stream().skip(1).limit(2).anyMatch(x -> STORE_ACTIONS.contains(x)) ? "an app build" : null;
        to = "an app store";
        break;
      case "eas":
        what = ops.size() > 1 && ops.get(1).equals("submit") ? "an app build"
            : ops.size() > 1 && ops.get(1).equals("update") && argv.stream().anyMatch(x -> x.contains("prod"))
                ? "an over-the-air update" : null;
        to = ops.size() > 1 && ops.get(1).equals("submit") ? "an app store" : "the app's production users";
        break;
      case "expo":
        what = ops.size() > 1 && ops.get(1).equals("publish") ? "an over-the-air update" : null;
        to = "the app's users";
        break;
      case "huggingface-cli":
      case "hf":
        what = ops.size() > 1 && ops.get(1).startsWith("upload") ? "files" : null;
        to = "the Hugging Face Hub";
        break;
      case "kaggle":
        what = ops.size() > 2 && Regexes.matches(ops.get(1), "datasets?|kernels?|models?")
            && Regexes.matches(ops.get(2), "create|version|push|update") ? "data or code" : null;
        to = "Kaggle";
        break;
      default:
        break;
    }
    if (name.startsWith("python") && argv.size() > 2 && argv.get(1).equals("-m") && argv.get(2).equals("twine")
        && ops.contains("upload")) {
      what = "a Python package";
    }
    if (name.equals("gradlew") || argv.get(0).endsWith("/gradlew")) {
      what = ops.stream().skip(1).anyMatch(x -> GRADLE_PUBLISH.matcher(x).matches()) ? "Gradle publications" : what;
    }
    if (what != null && what.equals("a container image") && localRegistry(ops)) {
      what = null;
    }
    Judgement withdrawn = withdraws(u, name, argv, ops);
    if (withdrawn != null) {
      return withdrawn;
    }
    if (what != null) {
      if (!to.equals("a registry")) {
        return Judgement.ask(Classifier.EXFIL, u.shown() + " publishes " + what + " to " + to + "; what is sent"
            + " there leaves the machine and reaches others, so the user decides when to release");
      }
      return Judgement.ask(Classifier.EXFIL, u.shown() + " publishes " + what + " to a registry; once published it is"
          + " public, mirrored and cannot be taken back, so the user decides when to release. Build and check it"
          + " locally (or use --dry-run)");
    }
    if (PASTE_TOOLS.contains(name)) {
      for (String x : ops.subList(1, ops.size())) {
        String file = x.substring(x.lastIndexOf('/') + 1);
        if (OverEagerActions.secretFile(file)) {
          return Judgement.deny(Classifier.EXFIL, u.shown() + " posts " + x + ", a file that holds secrets by its"
              + " name, to a paste service where anyone with the link can read it");
        }
      }
      return Judgement.ask(Classifier.EXFIL, u.shown() + " posts text to a public paste service; a human must confirm"
          + " what is shared");
    }
    if (name.equals("gh") && ops.size() > 2 && ops.get(1).equals("gist") && ops.get(2).equals("create")) {
      for (String x : ops.subList(3, ops.size())) {
        if (OverEagerActions.secretFile(x.substring(x.lastIndexOf('/') + 1))) {
          return Judgement.deny(Classifier.EXFIL, u.shown() + " publishes " + x + ", a file that holds secrets by its"
              + " name, as a gist; gists are readable by anyone with the link");
        }
      }
    }
    return Judgement.ALLOW;
  }


  /** Package tools whose registry can withdraw, deprecate or re-point a published version. */
  private static final Set<String> REGISTRY_TOOLS = Set.of("npm", "pnpm", "yarn", "bun", "cargo", "gem", "dotnet",
      "nuget", "twine", "poetry", "hatch", "flit", "mix", "pod", "vsce", "ovsx");
  /** Registry verbs that take back or re-point what others already depend on. */
  private static final Pattern WITHDRAW = Pattern.compile("yank|unpublish|deprecate|undeprecate|dist-tag|owner|unlist"
      + "|delete|retire|revert");

  /**
   * {@code cargo yank}, {@code npm unpublish|deprecate|dist-tag rm}, {@code gem yank}, {@code dotnet nuget delete}:
   * a version others already depend on is withdrawn or re-pointed; their builds break or move to another version.
   * Listing ({@code npm dist-tag ls}, {@code cargo owner --list}) stays ordinary.
   */
  private static Judgement withdraws(Unit u, String name, List<String> argv, List<String> ops) {
    if (!REGISTRY_TOOLS.contains(name) || argv.stream().anyMatch(x -> Regexes.matches(x, "ls|list|--list|-l"))) {
      return null;
    }
    for (String op : ops.subList(1, Math.min(3, ops.size()))) {
      if (WITHDRAW.matcher(op).matches() && !(op.equals("delete") && !ops.contains("nuget") && !name.equals("nuget"))) {
        return Judgement.ask(Classifier.INFRA, u.shown() + " withdraws, deprecates or re-points a published package"
            + " version that others may depend on; the user decides that");
      }
    }
    return null;
  }

  /** {@code docker push localhost:5000/app}: a registry on this machine publishes nothing. */
  static boolean localRegistry(List<String> ops) {
    String image = ops.get(ops.size() - 1);
    return Regexes.matches(image, "(localhost|127\\.0\\.0\\.1|\\[::1\\])(:\\d+)?/.*");
  }
}
