package io.cuttle.controller.status;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/** Provides the {@link EmbeddedHostStatusStore}; always available. */
public final class EmbeddedStoreProvider implements HostStatusStoreProvider {
  @Override
  public String name() {
    return StatusOptions.EMBEDDED;
  }

  @Override
  public boolean isAvailable() {
    return true;
  }

  @Override
  public Optional<String> unavailabilityCause() {
    return Optional.empty();
  }

  @Override
  public int priority() {
    return 0;
  }

  @Override
  public HostStatusStore open(StatusOptions options, Clock clock, MeterRegistry registry) throws IOException {
    if (options.dataDir().isEmpty()) {
      return EmbeddedHostStatusStore.inMemory(options.history());
    }
    try {
      return EmbeddedHostStatusStore.open(options.dataDir().get(), options.snapshotInterval(), options.history(),
          clock);
    } catch (IOException e) {
      throw new IOException("status.data-dir: cannot use " + options.dataDir().get() + ": " + e, e);
    }
  }
}
