package io.cuttle.policy.api;

import io.cuttle.host.model.UserUsage;
import java.util.List;

/** A user: the applications they run and their rates (bit/s). */
final class UserView extends View {
  private final UserUsage user;

  UserView(Interop js, UserUsage user) {
    super(js);
    this.user = user;
  }

  String userName() {
    return user.user();
  }

  @Override
  String typeName() {
    return "User";
  }

  @Override
  List<String> names() {
    return List.of("name", "apps", "up", "down");
  }

  @Override
  Object compute(String key) {
    return switch (key) {
      case "name" -> user.user();
      case "apps" -> js.array(user.apps().stream().sorted().toList());
      case "up" -> user.rate().upBps();
      case "down" -> user.rate().downBps();
      default -> throw new IllegalStateException(key);
    };
  }
}
