/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A credential written into a workspace file that is shared with others: a live key pasted into
 * {@code config/settings.py}, a token into {@code docs/deploy.md}, a fixture that is a real
 * {@code aws_credentials}. The next {@code git commit} publishes it to everyone who can read the repository. The
 * content filter's secret rules find the credential (documented example keys such as AWS's {@code …EXAMPLE} are
 * not credentials to them); the files meant to hold local secrets ({@code .env}, {@code .env.local},
 * {@code .dev.vars}, {@code *.local.*}, {@code .envrc}) stay ordinary to write, and so does a credential the edit
 * only moves (it was in the replaced text already).
 */
final class WrittenSecrets {
  /** Local, usually git-ignored, files whose purpose is to hold this machine's secrets. */
  private static final Pattern LOCAL_SECRET_FILE = Pattern.compile("\\.env(\\.(local|dev|development|test|prod"
      + "|production|staging|preview)(\\.local)?)?|\\.envrc|\\.dev\\.vars|.*\\.local(\\.[a-z0-9]+)?|\\.secrets?"
      + "(\\.[a-z0-9]+)?|secrets?\\.(local\\.)?(ya?ml|json|toml)|credentials\\.local.*|\\.netrc|\\.npmrc|\\.pypirc");
  /** Texts longer than this are not scanned (the filter's cost grows with the text). */
  private static final int MAX = 262144;

  private WrittenSecrets() {}

  static Judgement judge(Path file, String content, String replaced, boolean inWorkspace) {
    if (!inWorkspace || content.isEmpty() || content.length() > MAX) {
      return Judgement.ALLOW;
    }
    Path name = file.getFileName();
    if (name == null || LOCAL_SECRET_FILE.matcher(name.toString().toLowerCase(java.util.Locale.ROOT)).matches()) {
      return Judgement.ALLOW;
    }
    if (AuditText.redact(content).equals(content)) {
      return Judgement.ALLOW;
    }
    if (replaced != null && !AuditText.redact(replaced).equals(replaced)) {
      return Judgement.ALLOW; // the replaced text held a credential already: this edit does not add one
    }
    return Judgement.ask(Classifier.EXFIL, "this call writes a credential into " + file + ", a project file that is"
        + " committed and shared (the content filter's secret rules find one); the next commit publishes it. Read"
        + " it from the environment or a git-ignored .env file instead, or a human must confirm");
  }
}
