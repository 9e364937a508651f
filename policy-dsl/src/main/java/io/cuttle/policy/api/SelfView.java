package io.cuttle.policy.api;

import java.net.InetAddress;
import java.util.List;

/** {@code net.self}: this host's address and the site it is in (null when unknown). */
final class SelfView extends View {
  private final StateIndex index;

  SelfView(Interop js, StateIndex index) {
    super(js);
    this.index = index;
  }

  @Override
  String typeName() {
    return "Self";
  }

  @Override
  List<String> names() {
    return List.of("address", "site");
  }

  @Override
  Object compute(String key) {
    return switch (key) {
      case "address" -> index.self().map(InetAddress::getHostAddress).orElse(null);
      case "site" -> index.selfSite().map(s -> (Object) s.name()).orElse(null);
      default -> throw new IllegalStateException(key);
    };
  }
}
