package io.cuttle.controller.topology.file;

import io.cuttle.common.config.ConfigNode;
import io.cuttle.common.config.Diagnostics;
import io.cuttle.netstate.model.LinkAnnotation;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the {@code annotations} section: per link capacity, load per direction, monetary cost
 * per GB, labels, named counters and the time they were measured.
 */
final class AnnotationReader {
  private static final Set<String> FIELDS =
      Set.of("link", "capacity", "load", "cost-per-gb", "labels", "counters", "measured-at");

  private final Diagnostics d;
  private final Declarations declared;

  AnnotationReader(Diagnostics d, Declarations declared) {
    this.d = d;
    this.declared = declared;
  }

  /** Annotations by link name, in file order; entries that declare nothing are left out. */
  Map<String, LinkAnnotation> annotations(ConfigNode section) {
    Map<String, LinkAnnotation> out = new LinkedHashMap<>();
    Map<String, Integer> firstLine = new HashMap<>();
    for (ConfigNode entry : section.items(d)) {
      if (!entry.isMap()) {
        d.expected(entry, "an annotation mapping with link and the values to declare");
        continue;
      }
      entry.allowOnly(d, FIELDS);
      Optional<String> link = Values.name(entry.get("link"), d);
      link.ifPresent(l -> declared.linkReference(d, entry.get("link"), l));
      LinkAnnotation annotation = annotation(entry);
      if (link.isEmpty()) {
        continue;
      }
      Integer first = firstLine.putIfAbsent(link.get(), entry.location().line());
      if (first != null) {
        d.error(entry.get("link"), "duplicate annotation for link '" + link.get()
            + "' (first at line " + first + ")");
      } else if (!annotation.isEmpty()) {
        out.put(link.get(), annotation);
      }
    }
    return out;
  }

  private LinkAnnotation annotation(ConfigNode entry) {
    OptionalLong capacity = Values.bitRate(entry.get("capacity"), d);
    OptionalLong[] load = load(entry.get("load"));
    OptionalLong cost = Values.micros(entry.get("cost-per-gb"), d);
    Set<String> labels = labels(entry.get("labels"));
    Map<String, Double> counters = counters(entry.get("counters"));
    Optional<Instant> measuredAt = Values.instant(entry.get("measured-at"), d);
    return new LinkAnnotation(capacity, load[0], load[1], cost, labels, counters, measuredAt);
  }

  /** {a->b, b->a}: one bit rate for both directions, or {@code {a-b: X, b-a: Y}} (either may be left out). */
  private OptionalLong[] load(ConfigNode n) {
    if (n.isMap()) {
      n.allowOnly(d, Set.of(LinkReader.A_TO_B, LinkReader.B_TO_A));
      return new OptionalLong[] {
          Values.bitRate(n.get(LinkReader.A_TO_B), d), Values.bitRate(n.get(LinkReader.B_TO_A), d)};
    }
    if (n.isList()) {
      d.expected(n, "a bit rate or {a-b: X, b-a: Y}");
      return new OptionalLong[] {OptionalLong.empty(), OptionalLong.empty()};
    }
    OptionalLong both = Values.bitRate(n, d);
    return new OptionalLong[] {both, both};
  }

  private Set<String> labels(ConfigNode n) {
    Set<String> out = new TreeSet<>();
    if (n.isMap()) {
      d.expected(n, "a list of labels like [backup, metered]");
      return out;
    }
    if (!n.isList()) {
      Values.optionalName(n, d).ifPresent(out::add);
      return out;
    }
    for (ConfigNode item : n.items(d)) {
      Values.optionalName(item, d).ifPresent(label -> {
        if (!out.add(label)) {
          d.error(item, "duplicate label '" + label + "'");
        }
      });
    }
    return out;
  }

  private Map<String, Double> counters(ConfigNode n) {
    Map<String, Double> out = new TreeMap<>();
    Map<String, ConfigNode> entries = n.entries(d);
    if (entries.size() > LinkAnnotation.MAX_COUNTERS) {
      d.error(n, "expected at most " + LinkAnnotation.MAX_COUNTERS + " counters, got " + entries.size());
      return out;
    }
    entries.forEach((key, value) -> {
      if (Values.isName(key)) {
        value.require(d, "a number");
        out.put(key, value.doubleIn(d, -Double.MAX_VALUE, Double.MAX_VALUE, 0));
      } else {
        d.error(value, "expected a counter " + Values.NAME_SYNTAX + ", got '" + key + "'");
      }
    });
    return out;
  }
}
