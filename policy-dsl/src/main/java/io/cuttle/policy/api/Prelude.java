package io.cuttle.policy.api;

import java.util.List;
import java.util.Map;

/**
 * The JavaScript every handler context evaluates before the handler: unit constants, the frozen
 * {@code params} object, and (as its value) the array converter and host-object builder used by
 * {@link Interop}. Each app's {@code flows} are fetched as JSON ({@link HostJson.Doc#flows}) and
 * become frozen objects on the first read of {@code app.flows}: a handler that never reads flows
 * (most react to apps and classes) does not pay for them when a view is built.
 */
public final class Prelude {
  private Prelude() {}

  public static String source(Map<String, Object> params) {
    return """
        'use strict';
        const kbit = 1e3, Mbit = 1e6, Gbit = 1e9;
        const KB = 1e3, MB = 1e6, GB = 1e9;
        const params = (function freeze(o) {
          Object.values(o).forEach(v => { if (v && typeof v === 'object') freeze(v); });
          return Object.freeze(o);
        })(JSON.parse(%s));
        ({
          toArray: %s,
          host: (function () {
            const appProto = { is(c) { return this.class === c; } };
            function freeze(o) {
              Object.values(o).forEach(v => { if (v && typeof v === 'object' && !Object.isFrozen(v)) freeze(v); });
              return Object.freeze(o);
            }
            function app(a, i, flowsOf) {
              let flows = null;
              const o = Object.assign(Object.create(appProto), a);
              Object.defineProperty(o, 'flows', { enumerable: true,
                get() { return flows || (flows = freeze(JSON.parse(flowsOf(i)))); } });
              Object.freeze(o.users);
              return Object.freeze(o);
            }
            return function (json, flowsOf) {
              const h = JSON.parse(json);
              h.apps = Object.freeze(h.apps.map((a, i) => app(a, i, flowsOf)));
              freeze(h.users);
              h.app = name => h.apps.find(a => a.name === name) || null;
              h.user = name => h.users.find(u => u.name === name) || null;
              return Object.freeze(h);
            };
          })()
        })
        """.formatted(json(json(params)), Interop.CONVERTER);
  }

  /** Minimal JSON for parameter values: numbers, strings, booleans, lists and maps of them. */
  static String json(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      return Double.isFinite(d) ? (d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d)
          : Double.toString(d)) : "null";
    }
    if (v instanceof Boolean b) {
      return b.toString();
    }
    if (v instanceof List<?> l) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < l.size(); i++) {
        sb.append(i == 0 ? "" : ",").append(json(l.get(i)));
      }
      return sb.append(']').toString();
    }
    if (v instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder("{");
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        sb.append(first ? "" : ",").append(json(String.valueOf(e.getKey()))).append(':').append(json(e.getValue()));
        first = false;
      }
      return sb.append('}').toString();
    }
    String s = v.toString();
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
