package io.cuttle.controller.status;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * Makes one kind of {@link HostStatusStore}; found with {@link java.util.ServiceLoader} and chosen
 * by the {@code status.store} setting. Discovery never throws: a provider that cannot work here
 * says so through {@link #isAvailable()} and {@link #unavailabilityCause()}.
 */
public interface HostStatusStoreProvider {
  /** The value of {@code status.store} that selects this provider. */
  String name();

  boolean isAvailable();

  /** Why {@link #isAvailable()} is false; empty when available. */
  Optional<String> unavailabilityCause();

  /** Higher wins when two providers share a name. */
  int priority();

  /**
   * Opens the store: reads what it already holds and starts its writer.
   *
   * @throws IOException if its storage cannot be reached or prepared; the message says which and why
   */
  HostStatusStore open(StatusOptions options, Clock clock, MeterRegistry registry) throws IOException;
}
