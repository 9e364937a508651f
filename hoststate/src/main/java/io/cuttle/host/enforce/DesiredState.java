package io.cuttle.host.enforce;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The whole enforcement the host should be in: at most one {@link AppRestriction} per application,
 * none empty. Adapters reconcile the operating system to it; anything they own and it does not
 * name is removed. Immutable; {@link #empty()} means "nothing restricted".
 */
public record DesiredState(Map<String, AppRestriction> byApp) {
  private static final DesiredState EMPTY = new DesiredState(Map.of());

  public DesiredState {
    TreeMap<String, AppRestriction> sorted = new TreeMap<>();
    byApp.forEach((app, r) -> {
      if (!app.equals(r.app())) {
        throw new IllegalArgumentException("key '" + app + "' holds a restriction of app '" + r.app() + "'");
      }
      if (!r.isEmpty()) {
        sorted.put(app, r);
      }
    });
    byApp = java.util.Collections.unmodifiableSortedMap(sorted);
  }

  public static DesiredState empty() {
    return EMPTY;
  }

  /** Combines restrictions, several per app allowed, into the strictest one per app. */
  public static DesiredState combining(Collection<AppRestriction> restrictions) {
    Map<String, AppRestriction> m = new TreeMap<>();
    for (AppRestriction r : restrictions) {
      m.merge(r.app(), r, AppRestriction::strictest);
    }
    return new DesiredState(m);
  }

  public Optional<AppRestriction> of(String app) {
    return Optional.ofNullable(byApp.get(app));
  }

  public boolean isEmpty() {
    return byApp.isEmpty();
  }
}
