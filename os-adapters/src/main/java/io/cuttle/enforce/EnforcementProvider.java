package io.cuttle.enforce;

import java.util.Optional;

/**
 * A pluggable enforcement technology, found with {@link java.util.ServiceLoader}. Discovery methods
 * never throw: a provider that cannot work here answers {@code isAvailable() == false} and says why in
 * {@link #unavailabilityCause()}.
 */
public interface EnforcementProvider {
  /** Short stable name, e.g. {@code linux}, {@code windows}, {@code dry-run}. */
  String name();

  /** True when this provider can enforce on this host now (OS, privileges, tools). */
  boolean isAvailable();

  /** Higher wins among available providers. */
  int priority();

  /** Why {@link #isAvailable()} is false; empty when available. */
  Optional<String> unavailabilityCause();

  /** A new adapter with the given settings. Only call when available. */
  EnforcementAdapter create(EnforcementSettings settings);
}
