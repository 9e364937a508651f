package io.cuttle.policy.api;

import io.cuttle.host.model.AppUsage;
import io.cuttle.host.model.FlowRecord;
import io.cuttle.host.model.HostSnapshot;
import io.cuttle.host.model.UserUsage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code host} object as JSON, written once per host snapshot and parsed once per handler
 * context: scripts then read plain, frozen JavaScript objects (fast, and usable with every array
 * method) instead of crossing into Java for each field.
 */
public final class HostJson {
  /** Members of an App, in documentation order ({@code is} is added by the prelude). */
  public static final List<String> APP = List.of("name", "class", "isLowPriority", "is", "users", "user", "up",
      "down", "flows");
  public static final List<String> USER = List.of("name", "apps", "up", "down");
  public static final List<String> FLOW = List.of("protocol", "local", "localPort", "remote", "remotePort", "bytesUp",
      "bytesDown");
  /** Members of {@code host} ({@code app} and {@code user} are added by the prelude). */
  public static final List<String> HOST = List.of("name", "apps", "users", "app", "user");

  /** The class the paper calls "low priority". */
  public static final String LOW_PRIORITY = "low-priority";

  private HostJson() {}

  public static String of(HostSnapshot s) {
    Map<String, Object> host = new LinkedHashMap<>();
    host.put("name", s.hostId());
    host.put("apps", s.apps().stream().map(HostJson::app).toList());
    host.put("users", s.users().stream().map(HostJson::user).toList());
    return Prelude.json(host);
  }

  private static Map<String, Object> app(AppUsage a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", a.app());
    m.put("class", a.appClass());
    m.put("isLowPriority", LOW_PRIORITY.equals(a.appClass()));
    List<String> users = a.users().stream().sorted().toList();
    m.put("users", users);
    m.put("user", users.isEmpty() ? null : users.get(0));
    m.put("up", a.rate().upBps());
    m.put("down", a.rate().downBps());
    m.put("flows", a.flows().stream().map(HostJson::flow).toList());
    return m;
  }

  private static Map<String, Object> flow(FlowRecord f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("protocol", f.key().protocol().name().toLowerCase(Locale.ROOT));
    m.put("local", f.key().localAddress().getHostAddress());
    m.put("localPort", f.key().localPort());
    m.put("remote", f.key().remoteAddress().getHostAddress());
    m.put("remotePort", f.key().remotePort());
    m.put("bytesUp", f.traffic().bytesUp());
    m.put("bytesDown", f.traffic().bytesDown());
    return m;
  }

  private static Map<String, Object> user(UserUsage u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", u.user());
    m.put("apps", u.apps().stream().sorted().toList());
    m.put("up", u.rate().upBps());
    m.put("down", u.rate().downBps());
    return m;
  }
}
