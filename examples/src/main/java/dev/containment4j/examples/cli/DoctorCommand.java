/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.examples.cli;

import dev.containment4j.spi.Availability;
import dev.containment4j.spi.IsolationBackendProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code containment doctor}: which backends work here, and why not. */
@Command(name = "doctor", description = "Probe every isolation backend and say which work here, and why not.")
final class DoctorCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    System.out.println("containment4j doctor");
    System.out.println("  os:      " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    System.out.println("  java:    " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name")
        + ")");
    System.out.println("  user:    " + System.getProperty("user.name"));
    System.out.println("  cgroups: " + cgroups());
    System.out.println();
    List<IsolationBackendProvider> providers = new ArrayList<>();
    ServiceLoader.load(IsolationBackendProvider.class).forEach(providers::add);
    providers.sort(Comparator.comparingInt(IsolationBackendProvider::priority).reversed());
    if (providers.isEmpty()) {
      System.out.println("no isolation backend on the class path");
      return 1;
    }
    boolean any = false;
    // doctor runs every probe for real (the bubblewrap backend otherwise reuses a success from an earlier process)
    System.setProperty("containment.bubblewrap.nocache", "true");
    for (IsolationBackendProvider p : providers) {
      Availability a = p.probe();
      any |= a.available();
      System.out.printf("  %-11s %-9s priority %4d  %s%n", p.id(), a.available() ? "OK" : "UNAVAILABLE", p.priority(),
          a.detail());
      if (!a.available() && !a.fix().isEmpty()) {
        System.out.printf("  %-11s %-9s fix: %s%n", "", "", a.fix());
      }
    }
    System.out.println();
    System.out.println(any ? "backend: auto will use the first OK backend above."
        : "nothing can isolate here: `containment run` will refuse to run (fail closed).");
    return any ? 0 : 1;
  }

  private static String cgroups() {
    if (Files.exists(Path.of("/sys/fs/cgroup/cgroup.controllers"))) {
      return "v2 (unified)";
    }
    if (Files.isDirectory(Path.of("/sys/fs/cgroup/memory"))) {
      return "v1 (memory, pids controllers " + (Files.isDirectory(Path.of("/sys/fs/cgroup/pids")) ? "present" : "")
          + ")";
    }
    return "not available";
  }
}
