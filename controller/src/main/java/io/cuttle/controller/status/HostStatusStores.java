package io.cuttle.controller.status;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Finds the {@link HostStatusStoreProvider} that {@code status.store} names and opens its store. */
public final class HostStatusStores {
  private HostStatusStores() {}

  /** Every provider on the class path, highest priority first. */
  public static List<HostStatusStoreProvider> providers() {
    return ServiceLoader.load(HostStatusStoreProvider.class, HostStatusStores.class.getClassLoader()).stream()
        .map(ServiceLoader.Provider::get)
        .sorted(Comparator.comparingInt(HostStatusStoreProvider::priority).reversed())
        .toList();
  }

  /**
   * Opens the store {@code options.store()} names.
   *
   * @throws IOException if no provider has that name, it is unavailable here, or its store cannot open
   */
  public static HostStatusStore open(StatusOptions options, Clock clock, MeterRegistry registry) throws IOException {
    List<HostStatusStoreProvider> all = providers();
    HostStatusStoreProvider p = all.stream().filter(x -> x.name().equals(options.store())).findFirst()
        .orElseThrow(() -> new IOException("status.store: expected one of "
            + new TreeSet<>(all.stream().map(HostStatusStoreProvider::name).toList()) + ", got '"
            + options.store() + "'"));
    if (!p.isAvailable()) {
      throw new IOException("status store '" + p.name() + "' is unavailable: "
          + p.unavailabilityCause().orElse("no reason given"));
    }
    return p.open(options, clock, registry);
  }
}
