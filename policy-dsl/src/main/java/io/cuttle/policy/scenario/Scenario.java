package io.cuttle.policy.scenario;

import io.cuttle.common.config.ConfigNode;
import io.cuttle.host.enforce.AppRestriction;
import io.cuttle.host.model.AppUsage;
import io.cuttle.policy.engine.HandlerStatus;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** A parsed scenario: see {@link ScenarioReader} for the format. */
public record Scenario(String file, String name, Optional<String> handler, Map<String, ConfigNode> params,
    Optional<InetAddress> self, List<LinkDef> links, List<PrefixDef> prefixes, List<SiteDef> sites,
    List<AppUsage> apps, List<Step> steps) {

  public record LinkDef(String name, String a, String b, int cost, LinkChange initial) {}

  public record PrefixDef(String prefix, String router) {}

  public record SiteDef(String name, List<String> prefixes, List<TopologyBuilder.UplinkSpec> uplinks) {}

  /** Changes to one link; absent parts stay as they were. */
  public record LinkChange(Optional<Boolean> up, Optional<Set<String>> labels, OptionalLong capacity,
      OptionalLong loadAB, OptionalLong loadBA, OptionalLong costMicros) {}

  /** Sets the load on a site's uplinks (split evenly over them), in each direction given. */
  public record SiteLoadChange(OptionalLong upstream, OptionalLong downstream) {}

  public record NotificationExpect(String user, String contains) {}

  /**
   * What must hold after a step. {@code restrictions} is the exact desired state when present
   * (an empty map: nothing restricted).
   */
  public record Expect(Optional<Map<String, AppRestriction>> restrictions, Optional<HandlerStatus> status,
      List<NotificationExpect> notifications, Map<String, String> reports, Optional<Integer> failures) {}

  public record Step(int line, String name, Optional<Duration> after, Map<String, LinkChange> links,
      Map<String, SiteLoadChange> sites, Optional<List<AppUsage>> apps, Expect expect) {}
}
