package io.cuttle.netstate.model;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The fields of one link's annotation that changed. Absent fields keep their value; only the
 * patch travels on the wire, which keeps an annotation round small.
 *
 * @param cleared    scalar fields that no longer have a value
 * @param measuredAt when this link was measured, if different from its round's time
 */
public record AnnotationPatch(
    int link,
    OptionalLong capacityBps,
    OptionalLong loadAbBps,
    OptionalLong loadBaBps,
    OptionalLong costMicros,
    Set<AnnotationField> cleared,
    Optional<Set<String>> labels,
    Map<String, Double> counters,
    Set<String> removedCounters,
    Optional<Instant> measuredAt) {

  public AnnotationPatch {
    Objects.requireNonNull(capacityBps);
    Objects.requireNonNull(loadAbBps);
    Objects.requireNonNull(loadBaBps);
    Objects.requireNonNull(costMicros);
    cleared = cleared.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(cleared));
    labels = labels.map(l -> Collections.unmodifiableSet(new TreeSet<>(l)));
    counters = Collections.unmodifiableMap(new TreeMap<>(counters));
    removedCounters = Collections.unmodifiableSet(new TreeSet<>(removedCounters));
    Objects.requireNonNull(measuredAt);
    for (AnnotationField f : cleared) {
      if (f.of(capacityBps, loadAbBps, loadBaBps, costMicros).isPresent()) {
        throw new IllegalArgumentException(
            "a patch cannot both set and clear " + f + " of link " + link);
      }
    }
  }

  /** A patch that only carries new loads, the common case of a measurement round. */
  public static AnnotationPatch loads(int link, long abBps, long baBps) {
    return new AnnotationPatch(link, OptionalLong.empty(), OptionalLong.of(abBps),
        OptionalLong.of(baBps), OptionalLong.empty(), Set.of(), Optional.empty(), Map.of(),
        Set.of(), Optional.empty());
  }

  /** The value this patch sets for {@code field}, if any. */
  public OptionalLong value(AnnotationField field) {
    return field.of(capacityBps, loadAbBps, loadBaBps, costMicros);
  }

  /**
   * The patch that turns {@code before} into {@code after}, or empty when they are equal.
   * {@code roundAt} is the measurement time the patch's round will carry; a link whose own
   * measurement time differs carries it explicitly.
   */
  public static Optional<AnnotationPatch> between(
      int link, LinkAnnotation before, LinkAnnotation after, Instant roundAt) {
    if (before.equals(after)) {
      return Optional.empty();
    }
    Map<String, Double> changed = new TreeMap<>();
    after.counters().forEach((k, v) -> {
      if (!v.equals(before.counters().get(k))) {
        changed.put(k, v);
      }
    });
    Set<String> removed = new TreeSet<>(before.counters().keySet());
    removed.removeAll(after.counters().keySet());
    Set<AnnotationField> cleared = EnumSet.noneOf(AnnotationField.class);
    for (AnnotationField f : AnnotationField.values()) {
      if (before.value(f).isPresent() && after.value(f).isEmpty()) {
        cleared.add(f);
      }
    }
    AnnotationPatch p = new AnnotationPatch(link,
        changedOrEmpty(before.capacityBps(), after.capacityBps()),
        changedOrEmpty(before.loadAbBps(), after.loadAbBps()),
        changedOrEmpty(before.loadBaBps(), after.loadBaBps()),
        changedOrEmpty(before.costMicros(), after.costMicros()),
        cleared,
        before.labels().equals(after.labels()) ? Optional.empty() : Optional.of(after.labels()),
        changed, removed, Optional.empty());
    LinkAnnotation result = before.apply(p, roundAt);
    if (!result.measuredAt().equals(after.measuredAt())) {
      if (after.measuredAt().isEmpty()) {
        // A measurement time never goes away once set; keep the one the patch produces.
        return Optional.of(p);
      }
      p = new AnnotationPatch(link, p.capacityBps(), p.loadAbBps(), p.loadBaBps(), p.costMicros(),
          p.cleared(), p.labels(), p.counters(), p.removedCounters(), after.measuredAt());
    }
    return Optional.of(p);
  }

  private static OptionalLong changedOrEmpty(OptionalLong before, OptionalLong after) {
    return after.isPresent() && !after.equals(before) ? after : OptionalLong.empty();
  }
}
