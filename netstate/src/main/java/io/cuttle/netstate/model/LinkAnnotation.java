package io.cuttle.netstate.model;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What operators measure or declare about a link. Every field is optional: an absent value was
 * never measured or declared.
 *
 * @param capacityBps link capacity in bit/s
 * @param loadAbBps   load from end a to end b in bit/s
 * @param loadBaBps   load from end b to end a in bit/s
 * @param costMicros  monetary cost in millionths of a currency unit per GB
 * @param labels      free labels such as {@code backup} or {@code metered}
 * @param counters    up to {@link #MAX_COUNTERS} named numeric counters
 * @param measuredAt  when the measured fields were last measured
 */
public record LinkAnnotation(
    OptionalLong capacityBps,
    OptionalLong loadAbBps,
    OptionalLong loadBaBps,
    OptionalLong costMicros,
    Set<String> labels,
    Map<String, Double> counters,
    Optional<Instant> measuredAt) {

  public static final int MAX_COUNTERS = 16;
  public static final LinkAnnotation EMPTY = new LinkAnnotation(OptionalLong.empty(),
      OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Set.of(), Map.of(),
      Optional.empty());

  public LinkAnnotation {
    requireNonNegative(capacityBps, "capacityBps");
    requireNonNegative(loadAbBps, "loadAbBps");
    requireNonNegative(loadBaBps, "loadBaBps");
    requireNonNegative(costMicros, "costMicros");
    labels = Collections.unmodifiableSet(new TreeSet<>(labels));
    counters = Collections.unmodifiableMap(new TreeMap<>(counters));
    if (counters.size() > MAX_COUNTERS) {
      throw new IllegalArgumentException(
          "a link has at most " + MAX_COUNTERS + " counters, got " + counters.size());
    }
    Objects.requireNonNull(measuredAt, "measuredAt");
  }

  private static void requireNonNegative(OptionalLong v, String field) {
    Objects.requireNonNull(v, field);
    if (v.isPresent() && v.getAsLong() < 0) {
      throw new IllegalArgumentException(field + " must not be negative, got " + v.getAsLong());
    }
  }

  public boolean isEmpty() {
    return this.equals(EMPTY);
  }

  public boolean hasLabel(String label) {
    return labels.contains(label);
  }

  /** Load leaving {@code fromNode} over {@code link}, if measured. */
  public OptionalLong loadFrom(Link link, int fromNode) {
    return fromNode == link.a() ? loadAbBps : loadBaBps;
  }

  /** The value of a scalar field. */
  public OptionalLong value(AnnotationField field) {
    return field.of(capacityBps, loadAbBps, loadBaBps, costMicros);
  }

  /** Applies a patch: fields present in it replace ours, cleared fields lose their value. */
  public LinkAnnotation apply(AnnotationPatch p, Instant roundMeasuredAt) {
    Map<String, Double> newCounters = new TreeMap<>(counters);
    p.removedCounters().forEach(newCounters::remove);
    newCounters.putAll(p.counters());
    boolean measured = p.capacityBps().isPresent() || p.loadAbBps().isPresent()
        || p.loadBaBps().isPresent() || !p.counters().isEmpty();
    Optional<Instant> when = p.measuredAt().isPresent() ? p.measuredAt()
        : measured ? Optional.of(roundMeasuredAt) : measuredAt;
    return new LinkAnnotation(
        merged(p, AnnotationField.CAPACITY),
        merged(p, AnnotationField.LOAD_AB),
        merged(p, AnnotationField.LOAD_BA),
        merged(p, AnnotationField.COST),
        p.labels().orElse(labels),
        newCounters,
        when);
  }

  private OptionalLong merged(AnnotationPatch p, AnnotationField f) {
    if (p.cleared().contains(f)) {
      return OptionalLong.empty();
    }
    OptionalLong v = p.value(f);
    return v.isPresent() ? v : value(f);
  }
}
