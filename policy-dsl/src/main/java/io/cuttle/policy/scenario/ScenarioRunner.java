package io.cuttle.policy.scenario;

import io.cuttle.host.enforce.AppRestriction;
import io.cuttle.host.enforce.DesiredState;
import io.cuttle.host.model.AppUsage;
import io.cuttle.host.model.HostSnapshot;
import io.cuttle.host.model.Rate;
import io.cuttle.host.model.Traffic;
import io.cuttle.host.model.UserUsage;
import io.cuttle.netstate.model.LinkAnnotation;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.policy.engine.EngineSettings;
import io.cuttle.policy.engine.EnforcementService;
import io.cuttle.policy.engine.Explanation;
import io.cuttle.policy.engine.HandlerEngine;
import io.cuttle.policy.engine.HandlerSource;
import io.cuttle.policy.engine.Notification;
import io.cuttle.policy.engine.PollResult;
import io.cuttle.policy.engine.Restrictions;
import io.cuttle.policy.sandbox.HandlerFailure;
import io.cuttle.policy.sandbox.SandboxEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Runs a scenario against one handler in the real engine, with a stepping clock and a seeded
 * random source (so splay is reproducible), and checks each step's expectations.
 */
public final class ScenarioRunner {
  /** Limits compare with this relative tolerance (handlers compute them in floating point). */
  static final double TOLERANCE = 1e-3;
  private static final Instant START = Instant.parse("2026-01-01T08:00:00Z");

  private ScenarioRunner() {}

  public static ScenarioReport run(SandboxEngine sandbox, Scenario scenario, HandlerSource handler) {
    SteppingClock clock = new SteppingClock(START);
    EngineSettings settings = EngineSettings.defaults(clock, new SplittableRandom(42)).withRetryAfter(Duration.ZERO);
    if (scenario.self().isPresent()) {
      settings = settings.withSelf(scenario.self().get());
    }
    TopologyBuilder topo = topology(scenario);
    List<AppUsage> apps = scenario.apps();
    List<StepResult> results = new ArrayList<>();
    long version = 0;
    Duration tick = handler.manifest().triggers().tick().isZero() ? Duration.ofSeconds(1)
        : handler.manifest().triggers().tick();
    try (HandlerEngine engine = new HandlerEngine(sandbox, settings, EnforcementService.NONE)) {
      List<HandlerFailure> loadFailure = engine.load(handler).stream().toList();
      for (Scenario.Step step : scenario.steps()) {
        List<String> problems = new ArrayList<>();
        boolean changed = version == 0;
        try {
          changed |= apply(topo, step);
        } catch (IllegalArgumentException e) {
          problems.add("the step does not fit the network: " + e.getMessage());
        }
        if (step.apps().isPresent()) {
          apps = step.apps().get();
        }
        if (changed) {
          NetworkState s = topo.build(++version, clock.instant());
          engine.stateChanged(s);
        }
        clock.advance(step.after().orElse(version == 1 && results.isEmpty() ? Duration.ZERO : tick));
        engine.hostChanged(snapshot(apps, clock.instant()));
        PollResult r = engine.poll();
        List<HandlerFailure> failures = new ArrayList<>(r.failures());
        if (results.isEmpty()) {
          failures.addAll(0, loadFailure);
        }
        problems.addAll(check(step.expect(), r, failures, engine.explain(), handler.name()));
        results.add(new StepResult(step.line(), step.name(), problems, r.desired()));
      }
    }
    return new ScenarioReport(scenario.name(), handler.name(), results);
  }

  private static TopologyBuilder topology(Scenario s) {
    TopologyBuilder t = new TopologyBuilder();
    s.links().forEach(l -> t.link(l.name(), l.a(), l.b(), l.cost()));
    s.prefixes().forEach(p -> t.prefix(p.prefix(), p.router()));
    s.sites().forEach(x -> t.site(x.name(), x.prefixes(), x.uplinks()));
    s.links().forEach(l -> change(t, l.name(), l.initial()));
    return t;
  }

  private static boolean apply(TopologyBuilder t, Scenario.Step step) {
    step.links().forEach((name, c) -> change(t, name, c));
    step.sites().forEach((name, c) -> t.siteLoad(name, c.upstream(), c.downstream()));
    return !step.links().isEmpty() || !step.sites().isEmpty();
  }

  private static void change(TopologyBuilder t, String link, Scenario.LinkChange c) {
    c.up().ifPresent(up -> t.linkState(link, up));
    LinkAnnotation a = t.annotation(link);
    t.annotate(link, new LinkAnnotation(c.capacity().isPresent() ? c.capacity() : a.capacityBps(),
        c.loadAB().isPresent() ? c.loadAB() : a.loadAbBps(), c.loadBA().isPresent() ? c.loadBA() : a.loadBaBps(),
        c.costMicros().isPresent() ? c.costMicros() : a.costMicros(), c.labels().orElse(a.labels()), a.counters(),
        a.measuredAt()));
  }

  private static HostSnapshot snapshot(List<AppUsage> apps, Instant at) {
    TreeSet<String> names = new TreeSet<>();
    apps.forEach(a -> names.addAll(a.users()));
    List<UserUsage> users = names.stream().map(u -> {
      double up = 0;
      double down = 0;
      TreeSet<String> theirs = new TreeSet<>();
      for (AppUsage a : apps) {
        if (a.users().contains(u)) {
          up += a.rate().upBps();
          down += a.rate().downBps();
          theirs.add(a.app());
        }
      }
      return new UserUsage(u, theirs, Traffic.ZERO, new Rate(up, down));
    }).toList();
    return new HostSnapshot("scenario-host", at, Duration.ofSeconds(10), apps, users);
  }

  private static List<String> check(Scenario.Expect e, PollResult r, List<HandlerFailure> failures, Explanation x,
      String handler) {
    List<String> out = new ArrayList<>();
    e.restrictions().ifPresent(want -> out.addAll(compare(want, r.desired())));
    Optional<Explanation.HandlerInfo> info = x.handlers().stream().filter(h -> h.name().equals(handler)).findFirst();
    e.status().ifPresent(s -> {
      String got = info.map(i -> i.status().name()).orElse("not loaded");
      if (!got.equals(s.name())) {
        out.add("status: expected " + s.name().toLowerCase() + ", got " + got.toLowerCase()
            + info.map(i -> " (" + i.why() + ")").orElse(""));
      }
    });
    for (Scenario.NotificationExpect n : e.notifications()) {
      boolean found = r.notifications().stream().anyMatch(k -> k.user().equals(n.user()) && k.text().contains(n.contains()));
      if (!found) {
        out.add("notifications: expected one to " + n.user() + " containing '" + n.contains() + "', got "
            + r.notifications().stream().map(ScenarioRunner::describe).toList());
      }
    }
    Map<String, String> reports = info.map(Explanation.HandlerInfo::reports).orElse(Map.of());
    e.reports().forEach((k, v) -> {
      if (!v.equals(reports.get(k))) {
        out.add("reports." + k + ": expected '" + v + "', got " + (reports.containsKey(k) ? "'" + reports.get(k) + "'"
            : "nothing"));
      }
    });
    if (e.failures().isPresent() && e.failures().get() != failures.size()) {
      out.add("failures: expected " + e.failures().get() + ", got " + failures.size() + " "
          + failures.stream().map(HandlerFailure::describe).toList());
    } else if (e.failures().isEmpty() && !failures.isEmpty()) {
      out.add("failures: expected none, got " + failures.stream().map(HandlerFailure::describe).toList());
    }
    return out;
  }

  private static String describe(Notification n) {
    return n.user() + ": " + n.text();
  }

  static List<String> compare(Map<String, AppRestriction> want, DesiredState got) {
    List<String> out = new ArrayList<>();
    TreeSet<String> apps = new TreeSet<>(want.keySet());
    apps.addAll(got.byApp().keySet());
    for (String app : apps) {
      Optional<AppRestriction> w = Optional.ofNullable(want.get(app));
      Optional<AppRestriction> g = got.of(app);
      if (w.isPresent() && g.isPresent() && same(w.get(), g.get())) {
        continue;
      }
      out.add("restrictions." + app + ": expected " + w.map(Restrictions::describe).orElse("nothing") + ", got "
          + g.map(Restrictions::describe).orElse("nothing"));
    }
    return out;
  }

  private static boolean same(AppRestriction a, AppRestriction b) {
    return close(a.maxUpBps(), b.maxUpBps()) && close(a.maxDownBps(), b.maxDownBps()) && a.blocked() == b.blocked()
        && a.dscp().equals(b.dscp());
  }

  private static boolean close(java.util.OptionalLong a, java.util.OptionalLong b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() && b.isEmpty();
    }
    return Math.abs(a.getAsLong() - b.getAsLong()) <= TOLERANCE * Math.max(a.getAsLong(), b.getAsLong());
  }
}
