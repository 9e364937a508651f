package io.cuttle.controller.annotation;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Static values the operator declares for the links a selector picks. Declared values win over
 * what the wrapped provider says; a declared capacity also wins over the measured interface speed
 * (a contracted rate on a faster port).
 *
 * @param where      where the rule was written (file:line), for messages
 * @param costMicros monetary cost in millionths of a currency unit per GB
 * @param labels     labels added to the link's labels
 * @param counters   named numbers merged into the link's counters
 */
public record LinkRule(String where, LinkSelector selector, OptionalLong costMicros, OptionalLong capacityBps,
    Set<String> labels, Map<String, Double> counters) {
  public LinkRule {
    Objects.requireNonNull(where, "where");
    Objects.requireNonNull(selector, "selector");
    Objects.requireNonNull(costMicros, "costMicros");
    Objects.requireNonNull(capacityBps, "capacityBps");
    labels = Collections.unmodifiableSet(new TreeSet<>(labels));
    counters = Collections.unmodifiableMap(new TreeMap<>(counters));
  }
}
