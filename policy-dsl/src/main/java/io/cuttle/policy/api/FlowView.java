package io.cuttle.policy.api;

import io.cuttle.host.model.FlowRecord;
import java.util.List;
import java.util.Locale;

/** One flow of an application: its 5-tuple and byte counters since first seen. */
final class FlowView extends View {
  private final FlowRecord flow;

  FlowView(Interop js, FlowRecord flow) {
    super(js);
    this.flow = flow;
  }

  @Override
  String typeName() {
    return "Flow";
  }

  @Override
  List<String> names() {
    return List.of("protocol", "local", "localPort", "remote", "remotePort", "bytesUp", "bytesDown");
  }

  @Override
  Object compute(String key) {
    return switch (key) {
      case "protocol" -> flow.key().protocol().name().toLowerCase(Locale.ROOT);
      case "local" -> flow.key().localAddress().getHostAddress();
      case "localPort" -> flow.key().localPort();
      case "remote" -> flow.key().remoteAddress().getHostAddress();
      case "remotePort" -> flow.key().remotePort();
      case "bytesUp" -> (double) flow.traffic().bytesUp();
      case "bytesDown" -> (double) flow.traffic().bytesDown();
      default -> throw new IllegalStateException(key);
    };
  }
}
