package io.cuttle.policy.engine;

import io.cuttle.host.enforce.AppRestriction;
import io.cuttle.host.enforce.DesiredState;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.policy.conflict.Ownership;
import io.cuttle.policy.conflict.Resolution;
import io.cuttle.policy.sandbox.HandlerFailure;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A snapshot of the engine for {@code cuttle policy explain}: handlers, why they are where they are, and owners. */
public record Explanation(Instant at, long stateVersion, List<HandlerInfo> handlers, List<Ownership> owners,
    DesiredState desired) {
  public Explanation {
    handlers = List.copyOf(handlers);
    owners = List.copyOf(owners);
  }

  /** One handler's state. */
  public record HandlerInfo(String name, String file, int priority, HandlerStatus status, String why,
      int registeredFunctions, long runs, long fires, long failures, Optional<HandlerFailure> lastFailure,
      Map<String, AppRestriction> restrictions, Map<String, String> reports) {
    public HandlerInfo {
      restrictions = Map.copyOf(restrictions);
      reports = Map.copyOf(reports);
    }
  }

  static Explanation of(Instant now, NetworkState state, Collection<HandlerRuntime> runtimes, Resolution r) {
    List<HandlerInfo> infos = new ArrayList<>();
    for (HandlerRuntime h : runtimes) {
      HandlerCounters c = h.counters();
      infos.add(new HandlerInfo(h.source().name(), h.source().file(), h.source().priority(), h.status(), why(h, now),
          h.registeredCount(), c.runs, c.fires, c.failures, c.lastFailure(), h.restrictions(), h.lastReports()));
    }
    return new Explanation(now, state.version(), infos, r.owners(), r.desired());
  }

  private static String why(HandlerRuntime h, Instant now) {
    HandlerCounters c = h.counters();
    return switch (h.status()) {
      case FAILED -> "failed at " + c.failedAt + ": " + c.lastFailure().map(HandlerFailure::describe).orElse("?");
      case REGISTERED -> "fired at " + c.lastFiredAt + "; registered since " + c.registeredAt + ", "
          + h.restrictions().size() + " app(s) restricted";
      case WATCHING -> {
        if (c.runs == 0) {
          yield "loaded at " + c.loadedAt + "; not run yet";
        }
        String held = h.trigger().heldUntil().isAfter(now) ? "; held down until " + h.trigger().heldUntil() : "";
        String streak = h.trigger().consecutiveTrue() > 0 ? "; exception(net) true " + h.trigger().consecutiveTrue()
            + " time(s) in a row (debounce " + h.trigger().policy().debounce() + ")" : "; exception(net) false";
        yield "watching since " + c.loadedAt + streak + held + (c.lastDeregisteredAt != null
            ? "; last deregistered at " + c.lastDeregisteredAt : "");
      }
    };
  }

  /** Plain data (maps, lists, strings, numbers) for JSON. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", at.toString());
    m.put("stateVersion", stateVersion);
    List<Object> hs = new ArrayList<>();
    for (HandlerInfo h : handlers) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("name", h.name());
      x.put("file", h.file());
      x.put("priority", h.priority());
      x.put("status", h.status().name());
      x.put("why", h.why());
      x.put("registeredFunctions", h.registeredFunctions());
      x.put("runs", h.runs());
      x.put("fires", h.fires());
      x.put("failures", h.failures());
      h.lastFailure().ifPresent(f -> x.put("lastFailure", f.describe()));
      Map<String, Object> rs = new LinkedHashMap<>();
      h.restrictions().forEach((app, r) -> rs.put(app, Restrictions.describe(r)));
      x.put("restrictions", rs);
      x.put("reports", h.reports());
      hs.add(x);
    }
    m.put("handlers", hs);
    List<Object> os = new ArrayList<>();
    for (Ownership o : owners) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("app", o.app());
      x.put("kind", o.kind().name());
      x.put("value", o.value());
      x.put("owner", o.owner());
      x.put("overrides", o.overridden().stream().map(c -> c.handler() + "=" + c.value()).toList());
      os.add(x);
    }
    m.put("effective", os);
    return m;
  }

  /** A text listing for people. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append("handlers at ").append(at).append(" (network state version ").append(stateVersion).append(")\n");
    if (handlers.isEmpty()) {
      sb.append("  none loaded\n");
    }
    for (HandlerInfo h : handlers) {
      sb.append(String.format("  %-28s %-10s prio %-4d runs %-6d fires %-4d failures %d%n", h.name(),
          h.status(), h.priority(), h.runs(), h.fires(), h.failures()));
      sb.append("      ").append(h.why()).append('\n');
      h.restrictions().forEach((app, r) -> sb.append("      holds ").append(app).append(": ")
          .append(Restrictions.describe(r)).append('\n'));
    }
    sb.append("effective restrictions:\n");
    if (owners.isEmpty()) {
      sb.append("  none\n");
    }
    for (Ownership o : owners) {
      sb.append("  ").append(o.app()).append(' ').append(Restrictions.describe(o.kind(), o.value()))
          .append(" owned by ").append(o.owner());
      if (!o.overridden().isEmpty()) {
        sb.append(" (overrides ").append(String.join(", ", o.overridden().stream()
            .map(c -> c.handler() + " " + Restrictions.describe(c.kind(), c.value())).toList())).append(')');
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
