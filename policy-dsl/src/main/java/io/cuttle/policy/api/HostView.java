package io.cuttle.policy.api;

import io.cuttle.host.model.HostSnapshot;
import java.util.List;

/** The {@code host} object: this host's applications and users over the snapshot's window. */
public final class HostView extends View {
  private final HostSnapshot snapshot;

  public HostView(Interop js, HostSnapshot snapshot) {
    super(js);
    this.snapshot = snapshot;
  }

  @Override
  String typeName() {
    return "host";
  }

  @Override
  List<String> names() {
    return List.of("name", "apps", "users", "app", "user");
  }

  @Override
  Object compute(String key) {
    return switch (key) {
      case "name" -> snapshot.hostId();
      case "apps" -> js.array(snapshot.apps().stream().map(a -> new AppView(js, a)).toList());
      case "users" -> js.array(snapshot.users().stream().map(u -> new UserView(js, u)).toList());
      case "app" -> method("host.app", 1, a -> snapshot.app(stringArg("host.app", a[0], "name"))
          .map(x -> (Object) new AppView(js, x)).orElse(null));
      case "user" -> method("host.user", 1, a -> snapshot.user(stringArg("host.user", a[0], "name"))
          .map(x -> (Object) new UserView(js, x)).orElse(null));
      default -> throw new IllegalStateException(key);
    };
  }
}
