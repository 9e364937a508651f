package io.cuttle.controller.status;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which hosts a query wants: by liveness ({@code stale=true|false}) and by having a restriction
 * with an outcome ({@code outcome=FAILED}). Empty criteria match every host.
 */
public record HostFilter(Optional<Liveness> liveness, Optional<EnforcementOutcome> outcome) {
  public static final HostFilter ALL = new HostFilter(Optional.empty(), Optional.empty());
  private static final Set<String> PARAMETERS = Set.of("stale", "outcome");

  public HostFilter {
    Objects.requireNonNull(liveness, "liveness");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** A parsed query string: the filter, or what is wrong with it. */
  public sealed interface Parsed {
    record Valid(HostFilter filter) implements Parsed {}

    record Invalid(String message) implements Parsed {}
  }

  public boolean matches(HostView v) {
    return liveness.map(l -> l == v.liveness()).orElse(true)
        && outcome.map(o -> v.status().hasOutcome(o)).orElse(true);
  }

  /** Parses a raw query string such as {@code stale=true&outcome=FAILED} (null or empty: all hosts). */
  public static Parsed parse(String rawQuery) {
    Optional<Liveness> liveness = Optional.empty();
    Optional<EnforcementOutcome> outcome = Optional.empty();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return new Parsed.Valid(ALL);
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      switch (name) {
        case "stale" -> {
          if (!value.equals("true") && !value.equals("false")) {
            return new Parsed.Invalid("stale: expected true or false, got '" + value + "'");
          }
          liveness = Optional.of(value.equals("true") ? Liveness.STALE : Liveness.REPORTING);
        }
        case "outcome" -> {
          Optional<EnforcementOutcome> o = EnforcementOutcome.parse(value);
          if (o.isEmpty()) {
            return new Parsed.Invalid("outcome: expected one of " + List.of(EnforcementOutcome.values())
                + ", got '" + value + "'");
          }
          outcome = o;
        }
        default -> {
          return new Parsed.Invalid("unknown parameter '" + name + "'; expected one of " + new TreeSet<>(PARAMETERS));
        }
      }
    }
    return new Parsed.Valid(new HostFilter(liveness, outcome));
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
