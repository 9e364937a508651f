package io.cuttle.policy.api;

import java.util.List;

/** One element of {@code net.events}. */
final class EventView extends View {
  private final NetEvent event;

  EventView(Interop js, NetEvent event) {
    super(js);
    this.event = event;
  }

  @Override
  String typeName() {
    return "Event";
  }

  @Override
  List<String> names() {
    return List.of("kind", "subject");
  }

  @Override
  Object compute(String key) {
    return "kind".equals(key) ? event.kind() : event.subject();
  }
}
