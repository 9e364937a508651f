package io.cuttle.policy.api;

import io.cuttle.policy.sandbox.ApiMisuse;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * The global functions of the handler API. Each checks its arguments ("expected X, got Y"),
 * refuses to run in the side-effect-free predicate, and records the request in the current
 * {@link ActionSink}.
 */
public final class Actions {
  /** DSCP names a script may use instead of numbers. */
  public static final Map<String, Integer> DSCP_NAMES = dscpNames();

  private final Supplier<ActionSink> sink;

  public Actions(Supplier<ActionSink> sink) {
    this.sink = sink;
  }

  /** The functions to install as globals, by name. */
  public Map<String, Object> globals() {
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("restrict", fn("restrict", 2, a -> {
      String app = app("restrict", a[0]);
      if (a[1] == null || !a[1].hasMembers() || a[1].isString()) {
        throw new ApiMisuse("restrict: limits: expected an object {maxUp, maxDown}, got " + Args.describe(a[1]));
      }
      for (String k : a[1].getMemberKeys()) {
        if (!k.equals("maxUp") && !k.equals("maxDown")) {
          throw new ApiMisuse("restrict: limits: expected only maxUp and maxDown, got '" + k + "'");
        }
      }
      OptionalLong up = rate("restrict", a[1], "maxUp");
      OptionalLong down = rate("restrict", a[1], "maxDown");
      if (up.isEmpty() && down.isEmpty()) {
        throw new ApiMisuse("restrict: limits: expected maxUp or maxDown, got neither");
      }
      active("restrict").restrict(app, up, down);
      return null;
    }));
    g.put("block", fn("block", 1, a -> {
      active("block").block(app("block", a[0]));
      return null;
    }));
    g.put("mark", fn("mark", 2, a -> {
      active("mark").mark(app("mark", a[0]), dscp(a[1]));
      return null;
    }));
    g.put("unrestrict", fn("unrestrict", 1, a -> {
      active("unrestrict").unrestrict(app("unrestrict", a[0]));
      return null;
    }));
    g.put("removeAllRestrictions", fn("removeAllRestrictions", 0, a -> {
      active("removeAllRestrictions").removeAllRestrictions();
      return null;
    }));
    g.put("notify", fn("notify", 2, a -> {
      active("notify").notify(user(a[0]), text("notify", a[1], "text"));
      return null;
    }));
    g.put("report", fn("report", 2, a -> {
      active("report").report(text("report", a[0], "key"), a[1] == null ? "null" : a[1].isString() ? a[1].asString() : a[1].toString());
      return null;
    }));
    g.put("register", fn("register", 1, a -> {
      if (!a[0].canExecute()) {
        throw new ApiMisuse("register: handler: expected a function (net, host), got " + Args.describe(a[0]));
      }
      active("register").register(a[0]);
      return null;
    }));
    g.put("deregister", fn("deregister", 0, a -> {
      if (a.length > 0 && !a[0].canExecute()) {
        throw new ApiMisuse("deregister: handler: expected a function or nothing, got " + Args.describe(a[0]));
      }
      active("deregister").deregister(a.length == 0 ? Optional.empty() : Optional.of(a[0]));
      return null;
    }));
    return g;
  }

  private static ProxyExecutable fn(String name, int arity, ProxyExecutable body) {
    return args -> {
      if (args.length < arity) {
        throw new ApiMisuse(name + ": expected " + arity + " argument" + (arity == 1 ? "" : "s") + ", got "
            + args.length);
      }
      return body.execute(args);
    };
  }

  private ActionSink active(String name) {
    ActionSink s = sink.get();
    if (s == null) {
      throw new ApiMisuse(name + ": expected to be called while the handler runs, got a call outside any run");
    }
    switch (s.phase()) {
      case PREDICATE -> throw new ApiMisuse(name + ": expected no actions in exception(net), which must have no "
          + "side effects; got a call to " + name + "()");
      case LOAD -> throw new ApiMisuse(name + ": expected actions only in fire() or a registered handler, got a "
          + "call at the top level of the script");
      default -> {
        return s;
      }
    }
  }

  private static String app(String fn, Value v) {
    String named = nameOf(v);
    if (named != null) {
      return named;
    }
    if (v != null && v.isString() && !v.asString().isBlank()) {
      return v.asString();
    }
    throw new ApiMisuse(fn + ": app: expected an App from host.apps or an application name, got " + Args.describe(v));
  }

  private static String user(Value v) {
    String named = nameOf(v);
    if (named != null) {
      return named;
    }
    if (v != null && v.isString() && !v.asString().isBlank()) {
      return v.asString();
    }
    throw new ApiMisuse("notify: user: expected a user name or a User from host.users, got " + Args.describe(v));
  }

  /** The {@code name} of an App or User object from {@code host}, or null for anything else. */
  private static String nameOf(Value v) {
    if (v == null || v.isString() || v.isNull() || !v.hasMembers() || !v.hasMember("name")) {
      return null;
    }
    Value n = v.getMember("name");
    return n != null && n.isString() && !n.asString().isBlank() ? n.asString() : null;
  }

  private static String text(String fn, Value v, String what) {
    if (v == null || !v.isString()) {
      throw new ApiMisuse(fn + ": " + what + ": expected a string, got " + Args.describe(v));
    }
    return v.asString();
  }

  private static OptionalLong rate(String fn, Value limits, String key) {
    Value v = limits.getMember(key);
    if (v == null || v.isNull()) {
      return OptionalLong.empty();
    }
    if (!v.isNumber() || !(v.asDouble() >= 1) || Double.isInfinite(v.asDouble())) {
      throw new ApiMisuse(fn + ": " + key + ": expected a rate >= 1 bit/s, got " + Args.describe(v));
    }
    return OptionalLong.of((long) Math.floor(v.asDouble()));
  }

  private static int dscp(Value v) {
    if (v != null && v.isString()) {
      Integer code = DSCP_NAMES.get(v.asString().toUpperCase(Locale.ROOT));
      if (code != null) {
        return code;
      }
    }
    if (v != null && v.isNumber() && v.fitsInInt() && v.asInt() >= 0 && v.asInt() <= 63) {
      return v.asInt();
    }
    throw new ApiMisuse("mark: dscp: expected 0..63 or a name (EF, AF41, CS1, ...), got " + Args.describe(v));
  }

  private static Map<String, Integer> dscpNames() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("BE", 0);
    m.put("DF", 0);
    m.put("EF", 46);
    for (int c = 1; c <= 7; c++) {
      m.put("CS" + c, c * 8);
    }
    for (int c = 1; c <= 4; c++) {
      for (int d = 1; d <= 3; d++) {
        m.put("AF" + c + d, c * 8 + d * 2);
      }
    }
    return Map.copyOf(m);
  }
}
