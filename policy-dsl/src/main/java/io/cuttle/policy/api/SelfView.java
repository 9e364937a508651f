package io.cuttle.policy.api;

import io.cuttle.netstate.model.NetworkState;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/** {@code net.self}: this host's address and the site it is in (null when unknown). */
final class SelfView extends View {
  private final NetworkState state;
  private final Optional<InetAddress> address;

  SelfView(Interop js, NetworkState state, Optional<InetAddress> address) {
    super(js);
    this.state = state;
    this.address = address;
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
      case "address" -> address.map(InetAddress::getHostAddress).orElse(null);
      case "site" -> address.flatMap(a -> state.paths().siteOf(a)).map(s -> (Object) s.name()).orElse(null);
      default -> throw new IllegalStateException(key);
    };
  }
}
