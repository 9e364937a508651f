package io.cuttle.controller.status;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/** Provides the {@link PostgresHostStatusStore}; available when the PostgreSQL JDBC driver is on the class path. */
public final class PostgresStoreProvider implements HostStatusStoreProvider {
  static final String DRIVER = "org.postgresql.Driver";

  @Override
  public String name() {
    return StatusOptions.POSTGRES;
  }

  @Override
  public boolean isAvailable() {
    return unavailabilityCause().isEmpty();
  }

  @Override
  public Optional<String> unavailabilityCause() {
    try {
      Class.forName(DRIVER, false, PostgresStoreProvider.class.getClassLoader());
      return Optional.empty();
    } catch (ClassNotFoundException | LinkageError e) {
      return Optional.of("the PostgreSQL JDBC driver (" + DRIVER + ") is not on the class path");
    }
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public HostStatusStore open(StatusOptions options, Clock clock, MeterRegistry registry) throws IOException {
    PostgresOptions pg = options.postgres().orElseThrow(() ->
        new IOException("status.postgres: expected url and user with store 'postgres', got nothing"));
    return PostgresHostStatusStore.open(pg, options.history(), registry);
  }
}
