package io.cuttle.policy.api;

import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.LinkAnnotation;
import io.cuttle.netstate.model.NetworkState;
import java.util.List;
import java.util.OptionalLong;

/** A link: state, labels and the measured annotations (bit/s; cost in currency units per GB). */
final class LinkView extends View {
  private static final List<String> NAMES = List.of("name", "state", "up", "area", "labels", "hasLabel",
      "capacity", "loadAB", "loadBA", "load", "utilisation", "cost", "counter");
  private final Link link;
  private final LinkAnnotation a;

  LinkView(Interop js, NetworkState state, Link link) {
    super(js);
    this.link = link;
    this.a = state.annotation(link.id());
  }

  @Override
  String typeName() {
    return "Link";
  }

  @Override
  List<String> names() {
    return NAMES;
  }

  @Override
  Object compute(String key) {
    return switch (key) {
      case "name" -> link.name();
      case "state" -> link.isUp() ? "up" : "down";
      case "up" -> link.isUp();
      case "area" -> link.area();
      case "labels" -> js.array(List.copyOf(a.labels()));
      case "hasLabel" -> method("Link.hasLabel", 1, x -> a.hasLabel(stringArg("Link.hasLabel", x[0], "label")));
      case "capacity" -> number(a.capacityBps());
      case "loadAB" -> number(a.loadAbBps());
      case "loadBA" -> number(a.loadBaBps());
      case "load" -> number(max());
      case "utilisation" -> a.capacityBps().orElse(0) > 0 && max().isPresent()
          ? (Object) ((double) max().getAsLong() / a.capacityBps().getAsLong()) : null;
      case "cost" -> a.costMicros().isPresent() ? (Object) (a.costMicros().getAsLong() / 1e6) : null;
      case "counter" -> method("Link.counter", 1, x -> a.counters().get(stringArg("Link.counter", x[0], "name")));
      default -> throw new IllegalStateException(key);
    };
  }

  private OptionalLong max() {
    if (a.loadAbBps().isEmpty()) {
      return a.loadBaBps();
    }
    return a.loadBaBps().isEmpty() ? a.loadAbBps()
        : OptionalLong.of(Math.max(a.loadAbBps().getAsLong(), a.loadBaBps().getAsLong()));
  }
}
