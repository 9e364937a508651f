package io.cuttle.policy.api;

import io.cuttle.host.model.AppUsage;
import io.cuttle.host.model.FlowRecord;
import io.cuttle.host.model.HostSnapshot;
import io.cuttle.host.model.UserUsage;
import io.cuttle.policy.sandbox.ApiMisuse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * The {@code host} object as JSON, written once per host snapshot and parsed once per handler
 * context: scripts then read plain, frozen JavaScript objects (fast, and usable with every array
 * method) instead of crossing into Java for each field. An app's flows are written and parsed
 * only when a script reads them ({@link Doc#flows}, {@link Prelude}).
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

  /**
   * One snapshot as handlers' contexts receive it: the host without flows as JSON, and each app's
   * flows as JSON written when a script first asks for them (then kept for every other context).
   */
  public static final class Doc {
    private final String json;
    private final HostSnapshot snapshot;
    private final AtomicReferenceArray<String> flows;

    private Doc(HostSnapshot snapshot) {
      this.snapshot = snapshot;
      Map<String, Object> host = new LinkedHashMap<>();
      host.put("name", snapshot.hostId());
      host.put("apps", snapshot.apps().stream().map(HostJson::app).toList());
      host.put("users", snapshot.users().stream().map(HostJson::user).toList());
      this.json = Prelude.json(host);
      this.flows = new AtomicReferenceArray<>(snapshot.apps().size());
    }

    /** The host, its apps without their flows, and its users. */
    public String json() {
      return json;
    }

    /** The flows of the app at {@code index} of {@code host.apps}, as a JSON array. */
    public String flows(int index) {
      String f = flows.get(index);
      if (f == null) {
        f = Prelude.json(snapshot.apps().get(index).flows().stream().map(HostJson::flow).toList());
        flows.set(index, f);
      }
      return f;
    }

    /** {@link #flows} for scripts: {@code flowsOf(index)}. */
    ProxyExecutable flowsFunction() {
      return args -> {
        if (args.length != 1 || !args[0].fitsInInt() || args[0].asInt() < 0 || args[0].asInt() >= flows.length()) {
          throw new ApiMisuse("host flows: expected an app index 0.." + (flows.length() - 1) + ", got "
              + java.util.Arrays.toString(args));
        }
        return flows(args[0].asInt());
      };
    }
  }

  public static Doc of(HostSnapshot s) {
    return new Doc(s);
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
