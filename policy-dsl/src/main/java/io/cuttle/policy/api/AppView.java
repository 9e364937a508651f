package io.cuttle.policy.api;

import io.cuttle.host.model.AppUsage;
import java.util.List;

/** An application: its class, users, rates (bit/s) and flows. Actions accept it in place of its name. */
public final class AppView extends View {
  /** The class the paper calls "low priority". */
  public static final String LOW_PRIORITY = "low-priority";
  private final AppUsage app;

  AppView(Interop js, AppUsage app) {
    super(js);
    this.app = app;
  }

  /** The application's name (what restrictions are keyed by). */
  public String appName() {
    return app.app();
  }

  @Override
  String typeName() {
    return "App";
  }

  @Override
  List<String> names() {
    return List.of("name", "class", "isLowPriority", "is", "users", "user", "up", "down", "flows");
  }

  @Override
  Object compute(String key) {
    return switch (key) {
      case "name" -> app.app();
      case "class" -> app.appClass();
      case "isLowPriority" -> LOW_PRIORITY.equals(app.appClass());
      case "is" -> method("App.is", 1, a -> app.appClass().equals(stringArg("App.is", a[0], "class")));
      case "users" -> js.array(app.users().stream().sorted().toList());
      case "user" -> app.users().stream().sorted().findFirst().orElse(null);
      case "up" -> app.rate().upBps();
      case "down" -> app.rate().downBps();
      case "flows" -> js.array(app.flows().stream().map(f -> new FlowView(js, f)).toList());
      default -> throw new IllegalStateException(key);
    };
  }

  @Override
  public String toString() {
    return "App " + app.app();
  }
}
