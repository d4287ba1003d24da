/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal;

import dev.containment4j.BackendUnavailableException;
import dev.containment4j.IsolationReport;
import dev.containment4j.policy.Policy;
import dev.containment4j.spi.Availability;
import dev.containment4j.spi.IsolationBackendProvider;
import dev.containment4j.spi.IsolationSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * Picks the isolation backend for a policy. {@code auto} probes every discovered provider, highest priority first,
 * and records why each one was rejected; a named backend must probe successfully or nothing runs. {@code none} is
 * never chosen automatically.
 */
public final class BackendSelector {

  private BackendSelector() {}

  /**
   * The chosen provider and what happened to the others.
   *
   * @param provider the chosen provider
   * @param availability its probe result
   * @param rejected backend id to the reason it was not chosen
   */
  public record Selection(IsolationBackendProvider provider, Availability availability, Map<String, String> rejected) {
    public IsolationReport report() {
      List<String> notes = new ArrayList<>();
      notes.add("selected " + provider.id() + ": " + availability.detail());
      rejected.forEach((id, why) -> notes.add("rejected " + id + ": " + why));
      return new IsolationReport(provider.id(), List.of(), notes);
    }
  }

  /** All providers on the class path, highest priority first (the built-in {@code none} excluded). */
  public static List<IsolationBackendProvider> discover(ClassLoader loader) {
    List<IsolationBackendProvider> all = new ArrayList<>();
    for (IsolationBackendProvider p : ServiceLoader.load(IsolationBackendProvider.class, loader)) {
      if (!NoneBackendProvider.ID.equals(p.id())) {
        all.add(p);
      }
    }
    all.sort(Comparator.comparingInt(IsolationBackendProvider::priority).reversed()
        .thenComparing(IsolationBackendProvider::id));
    return all;
  }

  public static Selection select(Policy.Backend wanted, List<IsolationBackendProvider> providers) {
    return select(wanted, providers, IsolationBackendProvider::probe);
  }

  /** {@link #select(Policy.Backend, List)} with each provider probed for {@code spec}'s policy. */
  public static Selection select(Policy.Backend wanted, List<IsolationBackendProvider> providers, IsolationSpec spec) {
    return select(wanted, providers, p -> p.probe(spec));
  }

  private static Selection select(Policy.Backend wanted, List<IsolationBackendProvider> providers,
      Function<IsolationBackendProvider, Availability> probe) {
    if (wanted == Policy.Backend.NONE) {
      return new Selection(new NoneBackendProvider(), Availability.available(
          "backend: none written in the policy; tools run UNISOLATED"), Map.of());
    }
    Map<String, String> attempts = new LinkedHashMap<>();
    for (IsolationBackendProvider p : providers) {
      if (wanted != Policy.Backend.AUTO && !p.id().equals(wanted.id())) {
        continue;
      }
      Availability a;
      try {
        a = probe.apply(p);
      } catch (RuntimeException e) {
        a = Availability.unavailable("probe failed: " + e, "report this as a bug");
      }
      if (a.available()) {
        return new Selection(p, a, attempts);
      }
      attempts.put(p.id(), a.describe());
    }
    if (wanted != Policy.Backend.AUTO && !attempts.containsKey(wanted.id())) {
      attempts.put(wanted.id(), "not on the class path; add the dependency dev.containment4j:containment4j-isolation-"
          + wanted.id());
    }
    if (attempts.isEmpty()) {
      attempts.put("auto", "no isolation backend on the class path; add dev.containment4j:"
          + "containment4j-isolation-bubblewrap (Linux) or containment4j-isolation-seatbelt (macOS)");
    }
    throw new BackendUnavailableException("No isolation backend can run here (backend: " + wanted.id()
        + "). Nothing was run. Fix one of the following, or write `backend: none` in the policy to run unisolated"
        + " on purpose:", attempts);
  }
}
