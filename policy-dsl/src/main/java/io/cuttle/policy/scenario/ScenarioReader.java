package io.cuttle.policy.scenario;

import io.cuttle.common.config.ConfigException;
import io.cuttle.common.config.ConfigNode;
import io.cuttle.common.config.Diagnostic;
import io.cuttle.common.config.Diagnostics;
import io.cuttle.host.enforce.AppRestriction;
import io.cuttle.host.model.AppUsage;
import io.cuttle.host.model.Rate;
import io.cuttle.host.model.Traffic;
import io.cuttle.netstate.model.Prefix;
import io.cuttle.policy.api.Actions;
import io.cuttle.policy.engine.HandlerStatus;
import io.cuttle.policy.manifest.Units;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads a scenario file; every problem becomes a diagnostic with line, column, field, expected
 * and got. The format (rates accept units such as {@code 100Mbit/s}):
 * <pre>
 * name: busy upstream is smoothed
 * handler: upstream-smoothing.js        # optional: the CLI names the file
 * params: {threshold: 100Mbit/s}        # overrides for this scenario
 * self: 10.1.0.10                       # this host's address (path queries)
 * network:
 *   links:    [{name: wan1, a: r1, b: r2, cost: 10, capacity: 1Gbit/s, labels: [wan]}]
 *   prefixes: [{prefix: 10.1.0.0/24, router: r1}]
 *   sites:    [{name: cambridge, prefixes: [10.1.0.0/16], uplinks: [{link: wan1, inside: r1}]}]
 * host:
 *   apps: [{name: backup, class: low-priority, user: alice, up: 40Mbit/s, down: 1Mbit/s}]
 * steps:
 *   - name: upstream busy
 *     after: 10s                        # the changes happen, then the clock advances this much, then the
 *                                       # engine runs what is due (default: the handler's tick)
 *     links: {wan1: {state: down, labels: [backup], loadAB: 1Mbit/s, capacity: 10Mbit/s, cost: 0.5}}
 *     sites: {cambridge: {upstream: 200Mbit/s}}
 *     apps: [...]                       # replaces the host's apps
 *     expect:
 *       restrictions: {backup: {maxUp: 20Mbit/s}}   # exact; {} means nothing restricted
 *       status: registered              # watching | registered | failed
 *       notifications: [{user: alice, contains: restricted}]
 *       reports: {key: value}
 *       failures: 0
 * </pre>
 */
public final class ScenarioReader {
  private ScenarioReader() {}

  /** The outcome of reading a scenario. */
  public sealed interface Result {
    record Read(Scenario scenario) implements Result {}

    record Invalid(List<Diagnostic> diagnostics) implements Result {}
  }

  public static Result read(String file, String text) {
    ConfigNode root;
    try {
      root = ConfigNode.parse(file, text);
    } catch (ConfigException e) {
      return new Result.Invalid(e.diagnostics());
    }
    Diagnostics d = new Diagnostics();
    root.allowOnly(d, Set.of("name", "handler", "params", "self", "network", "host", "steps"));
    String name = root.get("name").string(d, file);
    Optional<String> handler = root.has("handler") ? Optional.of(root.get("handler").string(d, "")) : Optional.empty();
    Map<String, ConfigNode> params = root.get("params").entries(d);
    Optional<InetAddress> self = root.get("self").parsed(d, "an IP address", Prefix::parseAddress);
    ConfigNode net = root.get("network");
    net.allowOnly(d, Set.of("links", "prefixes", "sites"));
    List<Scenario.LinkDef> links = new ArrayList<>();
    for (ConfigNode l : net.get("links").items(d)) {
      l.allowOnly(d, Set.of("name", "a", "b", "cost", "state", "labels", "capacity", "loadAB", "loadBA", "price"));
      links.add(new Scenario.LinkDef(l.get("name").require(d, "a link name").string(d, "?"),
          l.get("a").require(d, "a router name").string(d, "?"), l.get("b").require(d, "a router name").string(d, "?"),
          l.get("cost").intIn(d, 0, 65535, 10), linkChange(l, d)));
    }
    List<Scenario.PrefixDef> prefixes = new ArrayList<>();
    for (ConfigNode p : net.get("prefixes").items(d)) {
      p.allowOnly(d, Set.of("prefix", "router"));
      p.get("prefix").parsed(d, "a prefix such as 10.1.0.0/24", Prefix::parse);
      prefixes.add(new Scenario.PrefixDef(p.get("prefix").require(d, "a prefix").string(d, "0.0.0.0/0"),
          p.get("router").require(d, "a router name").string(d, "?")));
    }
    List<Scenario.SiteDef> sites = new ArrayList<>();
    for (ConfigNode s : net.get("sites").items(d)) {
      s.allowOnly(d, Set.of("name", "prefixes", "uplinks"));
      List<TopologyBuilder.UplinkSpec> ups = new ArrayList<>();
      for (ConfigNode u : s.get("uplinks").items(d)) {
        u.allowOnly(d, Set.of("link", "inside"));
        ups.add(new TopologyBuilder.UplinkSpec(u.get("link").require(d, "a link name").string(d, "?"),
            u.get("inside").require(d, "a router name").string(d, "?")));
      }
      List<String> sp = s.get("prefixes").strings(d);
      for (int i = 0; i < sp.size(); i++) {
        s.get("prefixes").items(d).get(i).parsed(d, "a prefix such as 10.1.0.0/16", Prefix::parse);
      }
      sites.add(new Scenario.SiteDef(s.get("name").require(d, "a site name").string(d, "?"), sp, ups));
    }
    root.get("host").allowOnly(d, Set.of("apps"));
    List<AppUsage> apps = apps(root.get("host").get("apps"), d);
    List<Scenario.Step> steps = new ArrayList<>();
    for (ConfigNode s : root.get("steps").require(d, "a list of steps").items(d)) {
      steps.add(step(s, d, steps.size()));
    }
    if (d.hasErrors()) {
      return new Result.Invalid(d.all().stream().sorted(java.util.Comparator
          .comparingInt((Diagnostic x) -> x.location().line()).thenComparingInt(x -> x.location().column())).toList());
    }
    return new Result.Read(new Scenario(file, name, handler, params, self, links, prefixes, sites, apps, steps));
  }

  private static Scenario.Step step(ConfigNode s, Diagnostics d, int index) {
    s.allowOnly(d, Set.of("name", "after", "links", "sites", "apps", "expect"));
    Optional<Duration> after = s.has("after") ? Optional.of(s.get("after").duration(d, Duration.ZERO, Duration.ZERO))
        : Optional.empty();
    Map<String, Scenario.LinkChange> links = new LinkedHashMap<>();
    s.get("links").entries(d).forEach((name, n) -> {
      n.allowOnly(d, Set.of("state", "labels", "capacity", "loadAB", "loadBA", "price"));
      links.put(name, linkChange(n, d));
    });
    Map<String, Scenario.SiteLoadChange> sites = new LinkedHashMap<>();
    s.get("sites").entries(d).forEach((name, n) -> {
      n.allowOnly(d, Set.of("upstream", "downstream"));
      sites.put(name, new Scenario.SiteLoadChange(rate(n.get("upstream"), d), rate(n.get("downstream"), d)));
    });
    Optional<List<AppUsage>> apps = s.has("apps") ? Optional.of(apps(s.get("apps"), d)) : Optional.empty();
    return new Scenario.Step(s.location().line(), s.get("name").string(d, "step " + (index + 1)), after, links, sites,
        apps, expect(s.get("expect"), d));
  }

  private static Scenario.LinkChange linkChange(ConfigNode n, Diagnostics d) {
    Optional<Boolean> up = Optional.empty();
    if (n.has("state")) {
      String st = n.get("state").string(d, "up");
      if (!st.equals("up") && !st.equals("down")) {
        d.expected(n.get("state"), "up or down");
      }
      up = Optional.of(st.equals("up"));
    }
    Optional<Set<String>> labels = n.has("labels") ? Optional.of(new LinkedHashSet<>(n.get("labels").strings(d)))
        : Optional.empty();
    OptionalLong price = OptionalLong.empty();
    if (n.has("price")) {
      price = OptionalLong.of(Math.round(n.get("price").doubleIn(d, 0, 1e9, 0) * 1e6));
    }
    return new Scenario.LinkChange(up, labels, rate(n.get("capacity"), d), rate(n.get("loadAB"), d),
        rate(n.get("loadBA"), d), price);
  }

  private static OptionalLong rate(ConfigNode n, Diagnostics d) {
    if (n.isMissing()) {
      return OptionalLong.empty();
    }
    Optional<Double> v = n.parsed(d, "a rate such as 100Mbit/s", t -> Units.rate(t)
        .orElseThrow(() -> new IllegalArgumentException("not a rate")));
    return v.map(x -> OptionalLong.of(Math.round(x))).orElse(OptionalLong.empty());
  }

  private static List<AppUsage> apps(ConfigNode list, Diagnostics d) {
    List<AppUsage> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (ConfigNode a : list.items(d)) {
      a.allowOnly(d, Set.of("name", "class", "user", "up", "down"));
      String name = a.get("name").require(d, "an application name").string(d, "?");
      if (!seen.add(name)) {
        d.error(a.get("name"), "expected each application once, got '" + name + "' twice");
        continue;
      }
      out.add(new AppUsage(name, a.get("class").string(d, "default"), Set.of(a.get("user").string(d, "user")),
          Set.of(), Traffic.ZERO, new Rate(rate(a.get("up"), d).orElse(0), rate(a.get("down"), d).orElse(0)),
          List.of()));
    }
    return out;
  }

  private static Scenario.Expect expect(ConfigNode e, Diagnostics d) {
    e.allowOnly(d, Set.of("restrictions", "status", "notifications", "reports", "failures"));
    Optional<Map<String, AppRestriction>> restrictions = Optional.empty();
    if (e.has("restrictions")) {
      Map<String, AppRestriction> m = new LinkedHashMap<>();
      e.get("restrictions").entries(d).forEach((app, r) -> restriction(app, r, d).ifPresent(x -> m.put(app, x)));
      restrictions = Optional.of(m);
    }
    Optional<HandlerStatus> status = e.get("status").parsed(d, "watching, registered or failed",
        t -> HandlerStatus.valueOf(t.toUpperCase(Locale.ROOT)));
    List<Scenario.NotificationExpect> notes = new ArrayList<>();
    for (ConfigNode n : e.get("notifications").items(d)) {
      n.allowOnly(d, Set.of("user", "contains"));
      notes.add(new Scenario.NotificationExpect(n.get("user").require(d, "a user name").string(d, "?"),
          n.get("contains").string(d, "")));
    }
    Map<String, String> reports = new LinkedHashMap<>();
    e.get("reports").entries(d).forEach((k, v) -> reports.put(k, v.string(d, "")));
    Optional<Integer> failures = e.has("failures") ? Optional.of(e.get("failures").intIn(d, 0, 1000, 0))
        : Optional.empty();
    return new Scenario.Expect(restrictions, status, notes, reports, failures);
  }

  private static Optional<AppRestriction> restriction(String app, ConfigNode r, Diagnostics d) {
    r.allowOnly(d, Set.of("maxUp", "maxDown", "block", "dscp"));
    AppRestriction x = AppRestriction.of(app);
    OptionalLong up = rate(r.get("maxUp"), d);
    OptionalLong down = rate(r.get("maxDown"), d);
    if (up.isPresent() && up.getAsLong() > 0) {
      x = x.withMaxUp(up.getAsLong());
    }
    if (down.isPresent() && down.getAsLong() > 0) {
      x = x.withMaxDown(down.getAsLong());
    }
    if (r.get("block").bool(d, false)) {
      x = x.withBlock();
    }
    if (r.has("dscp")) {
      String t = r.get("dscp").string(d, "0");
      Integer named = Actions.DSCP_NAMES.get(t.toUpperCase(Locale.ROOT));
      x = x.withDscp(named != null ? named : r.get("dscp").intIn(d, 0, 63, 0));
    }
    if (x.isEmpty()) {
      d.expected(r, "at least one of maxUp, maxDown, block: true, dscp");
      return Optional.empty();
    }
    return Optional.of(x);
  }
}
