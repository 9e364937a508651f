package io.cuttle.policy.engine;

import io.cuttle.host.model.AppUsage;
import io.cuttle.host.model.HostSnapshot;
import io.cuttle.host.model.Rate;
import io.cuttle.host.model.Traffic;
import io.cuttle.host.model.UserUsage;
import io.cuttle.netstate.model.NetworkState;
import io.cuttle.policy.manifest.Manifest;
import io.cuttle.policy.manifest.ParamSpec;
import io.cuttle.policy.manifest.ParamType;
import io.cuttle.policy.scenario.TopologyBuilder;
import io.cuttle.policy.triggers.TriggerPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A two-site network and host snapshots shared by the engine tests. */
final class Fixtures {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private Fixtures() {}

  /** cambridge (10.1.0.0/16, r1) --wan1-- core r2 --wan2-- redmond (10.3.0.0/16, r3). */
  static TopologyBuilder topology() {
    return new TopologyBuilder()
        .link("wan1", "r1", "r2", 10)
        .link("wan2", "r2", "r3", 10)
        .prefix("10.1.0.0/24", "r1")
        .prefix("10.3.0.0/24", "r3")
        .site("cambridge", List.of("10.1.0.0/16"), List.of(new TopologyBuilder.UplinkSpec("wan1", "r1")))
        .site("redmond", List.of("10.3.0.0/16"), List.of(new TopologyBuilder.UplinkSpec("wan2", "r3")));
  }

  static NetworkState withCambridgeUpstream(long bps, long version) {
    return topology().loadFrom("wan1", "r1", bps).build(version, T0);
  }

  static AppUsage app(String name, String cls, String user, double upBps, double downBps) {
    return new AppUsage(name, cls, Set.of(user), Set.of(100), Traffic.ZERO, new Rate(upBps, downBps), List.of());
  }

  static HostSnapshot host(AppUsage... apps) {
    List<UserUsage> users = List.of(apps).stream().flatMap(a -> a.users().stream()).distinct()
        .map(u -> new UserUsage(u, Set.of(), Traffic.ZERO, Rate.ZERO)).toList();
    return new HostSnapshot("h1", T0, Duration.ofSeconds(5), List.of(apps), users);
  }

  static Manifest manifest(String name, int priority, List<ParamSpec> params) {
    return new Manifest(name, "", priority, params, new TriggerPolicy(Duration.ofSeconds(10), Duration.ZERO, 1,
        Duration.ZERO));
  }

  static HandlerSource source(String name, String script) {
    return HandlerSource.of(name + ".js", script, manifest(name, 0, List.of()));
  }

  static HandlerSource fig8(String name, int priority) {
    Manifest m = manifest(name, priority, List.of(
        new ParamSpec("sites", ParamType.STRINGS, List.of("cambridge"), ""),
        new ParamSpec("threshold", ParamType.RATE, 100e6, "")));
    return new HandlerSource(name, name + ".js", FIG8, m, m.values(Map.of()), priority);
  }

  static final String FIG8 = """
      function exception(net) {
        return params.sites.some(s => net.site(s).upstream.load > params.threshold);
      }
      function fire(net, host) {
        register(handler);
      }
      function handler(net, host) {
        if (!exception(net)) {
          removeAllRestrictions();
          deregister(handler);
          return;
        }
        for (const s of params.sites) {
          const ratio = params.threshold / net.site(s).upstream.load;
          for (const app of host.apps)
            if (app.isLowPriority) restrict(app, { maxUp: app.up * ratio });
        }
      }
      """;
}
