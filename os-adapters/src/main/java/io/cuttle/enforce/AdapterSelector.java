package io.cuttle.enforce;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the enforcement provider to use: the available one of highest priority, or the one named
 * explicitly. Logs the choice and why every other provider was passed over.
 */
public final class AdapterSelector {
  private static final Logger log = LoggerFactory.getLogger(AdapterSelector.class);

  private final List<EnforcementProvider> providers;

  public AdapterSelector(List<EnforcementProvider> providers) {
    this.providers = List.copyOf(providers);
  }

  /** All providers on the class path. */
  public static AdapterSelector fromServiceLoader() {
    List<EnforcementProvider> found = new ArrayList<>();
    for (EnforcementProvider p : ServiceLoader.load(EnforcementProvider.class, AdapterSelector.class.getClassLoader())) {
      found.add(p);
    }
    return new AdapterSelector(found);
  }

  /** What was chosen (if anything) and a line per provider saying why it was or was not. */
  public record Selection(Optional<EnforcementProvider> chosen, List<String> reasons) {
    public Selection {
      reasons = List.copyOf(reasons);
    }
  }

  /** Chooses {@code wanted} by name, or the best available when {@code wanted} is empty. */
  public Selection select(Optional<String> wanted) {
    List<EnforcementProvider> sorted = providers.stream()
        .sorted(Comparator.comparingInt(EnforcementProvider::priority).reversed()
            .thenComparing(EnforcementProvider::name))
        .toList();
    EnforcementProvider chosen = null;
    List<String> reasons = new ArrayList<>();
    for (EnforcementProvider p : sorted) {
      String cause = probe(p);
      boolean available = cause.isEmpty();
      String state = available ? "available" : "unavailable: " + cause;
      boolean named = wanted.isEmpty() || wanted.get().equals(p.name());
      if (chosen == null && available && named) {
        chosen = p;
        reasons.add(p.name() + " (priority " + p.priority() + "): chosen, " + state);
      } else {
        String why = chosen != null ? "a provider was already chosen" : !named ? "not the one asked for" : state;
        reasons.add(p.name() + " (priority " + p.priority() + "): passed over, " + why);
      }
    }
    Selection s = new Selection(Optional.ofNullable(chosen), reasons);
    if (chosen != null) {
      log.info("enforcement adapter: {} ({})", chosen.name(), String.join("; ", reasons));
    } else {
      log.warn("enforcement adapter: none usable, expected {}, got: {}",
          wanted.map(w -> "'" + w + "' available").orElse("an available provider"), String.join("; ", reasons));
    }
    return s;
  }

  /** Empty when available, else why not; a provider that throws is unavailable, with the exception as cause. */
  private static String probe(EnforcementProvider p) {
    try {
      if (p.isAvailable()) {
        return "";
      }
      return p.unavailabilityCause().orElse("no cause given");
    } catch (RuntimeException e) {
      return "availability check failed: " + e;
    }
  }
}
