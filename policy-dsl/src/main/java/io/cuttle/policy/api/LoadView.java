package io.cuttle.policy.api;

import java.util.List;

/** One direction of a site's traffic: load and capacity in bit/s, utilisation as a fraction (null if capacity unknown). */
final class LoadView extends View {
  private final long load;
  private final long capacity;

  LoadView(Interop js, long load, long capacity) {
    super(js);
    this.load = load;
    this.capacity = capacity;
  }

  @Override
  String typeName() {
    return "Load";
  }

  @Override
  List<String> names() {
    return List.of("load", "capacity", "utilisation");
  }

  @Override
  Object compute(String key) {
    return switch (key) {
      case "load" -> (double) load;
      case "capacity" -> capacity > 0 ? (Object) (double) capacity : null;
      case "utilisation" -> capacity > 0 ? (Object) ((double) load / capacity) : null;
      default -> throw new IllegalStateException(key);
    };
  }
}
