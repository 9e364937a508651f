package io.cuttle.controller.annotation;

import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.TopologySpec.LinkSpec;
import io.cuttle.controller.topology.TopologySpec.SiteSpec;
import io.cuttle.netstate.model.LinkAnnotation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Lays static rules and measurements over a provider's spec. Per link, in increasing precedence:
 * what the provider said, then the static rules in configuration order (cost and capacity
 * replace, labels are added, counters merge), then the measurement (loads, the measurement time,
 * and capacity unless a rule declared one). Declared sites replace provider sites of the same name.
 */
public final class SpecOverlay {
  private SpecOverlay() {}

  public static TopologySpec compose(TopologySpec base, StaticAnnotations.Resolved statics,
      Map<String, MeasuredLink> measured) {
    Map<String, LinkAnnotation> annotations = new LinkedHashMap<>();
    for (LinkSpec l : base.links()) {
      LinkAnnotation a = base.annotations().getOrDefault(l.name(), LinkAnnotation.EMPTY);
      boolean declaredCapacity = false;
      for (LinkRule r : statics.rulesByLink().getOrDefault(l.name(), List.of())) {
        a = withRule(a, r);
        declaredCapacity |= r.capacityBps().isPresent();
      }
      MeasuredLink m = measured.get(l.name());
      if (m != null) {
        a = withMeasurement(a, m, declaredCapacity);
      }
      if (!a.isEmpty()) {
        annotations.put(l.name(), a);
      }
    }
    Map<String, SiteSpec> sites = new LinkedHashMap<>();
    base.sites().forEach(s -> sites.put(s.name(), s));
    statics.sites().forEach(s -> sites.put(s.name(), s));
    return base.withAnnotations(annotations).withSites(new ArrayList<>(sites.values()));
  }

  private static LinkAnnotation withRule(LinkAnnotation a, LinkRule r) {
    Set<String> labels = new TreeSet<>(a.labels());
    labels.addAll(r.labels());
    Map<String, Double> counters = new TreeMap<>(a.counters());
    counters.putAll(r.counters());
    return new LinkAnnotation(or(r.capacityBps(), a.capacityBps()), a.loadAbBps(), a.loadBaBps(),
        or(r.costMicros(), a.costMicros()), labels, counters, a.measuredAt());
  }

  private static LinkAnnotation withMeasurement(LinkAnnotation a, MeasuredLink m, boolean declaredCapacity) {
    OptionalLong capacity = declaredCapacity ? a.capacityBps() : or(m.capacityBps(), a.capacityBps());
    Instant at = m.at();
    return new LinkAnnotation(capacity, or(m.abBps(), a.loadAbBps()), or(m.baBps(), a.loadBaBps()),
        a.costMicros(), a.labels(), a.counters(), Optional.of(at));
  }

  private static OptionalLong or(OptionalLong first, OptionalLong second) {
    return first.isPresent() ? first : second;
  }
}
