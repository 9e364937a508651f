package io.cuttle.bench.policy;

import io.cuttle.host.model.AppUsage;
import io.cuttle.host.model.HostSnapshot;
import io.cuttle.host.model.Rate;
import io.cuttle.host.model.Traffic;
import io.cuttle.host.model.UserUsage;
import io.cuttle.netstate.model.LinkAnnotation;
import io.cuttle.policy.scenario.TopologyBuilder;
import io.cuttle.policy.scenario.TopologyBuilder.UplinkSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The scenario network of the shipped policies (cambridge, datacenter, wan1, bk1, dc1, dc2)
 * inside a large random core: {@code links} links in all, every one annotated with capacity and
 * loads, a tenth labelled.
 */
final class BenchNetwork {
  private BenchNetwork() {}

  static TopologyBuilder build(int links, long seed) {
    TopologyBuilder t = new TopologyBuilder()
        .link("wan1", "r1", "r2", 10).link("bk1", "r1", "r3", 100).link("dc1", "r2", "r4", 10).link("dc2", "r3", "r4", 10)
        .prefix("10.1.0.0/24", "r1").prefix("10.9.0.0/24", "r4")
        .site("cambridge", List.of("10.1.0.0/16"), List.of(new UplinkSpec("wan1", "r1"), new UplinkSpec("bk1", "r1")))
        .site("datacenter", List.of("10.9.0.0/16"), List.of(new UplinkSpec("dc1", "r4"), new UplinkSpec("dc2", "r4")));
    SplittableRandom rnd = new SplittableRandom(seed);
    int routers = Math.max(10, links / 4);
    for (int i = 0; i < routers; i++) {
      t.link("ring" + i, "c" + i, "c" + ((i + 1) % routers), 10 + rnd.nextInt(90));
    }
    t.link("core-r2", "c0", "r2", 10).link("core-r3", "c1", "r3", 10);
    int made = routers + 6;
    for (int i = 0; made < links; i++, made++) {
      int a = rnd.nextInt(routers);
      int b = (a + 1 + rnd.nextInt(routers - 1)) % routers;
      t.link("x" + i, "c" + a, "c" + b, 10 + rnd.nextInt(200));
    }
    for (int i = 0; i < routers; i++) {
      annotate(t, "ring" + i, rnd);
    }
    for (String l : List.of("wan1", "bk1", "dc1", "dc2")) {
      annotate(t, l, rnd);
    }
    for (int i = 0; i < made - routers - 6; i++) {
      annotate(t, "x" + i, rnd);
    }
    t.siteLoad("cambridge", OptionalLong.of(150_000_000), OptionalLong.of(50_000_000));
    return t;
  }

  private static void annotate(TopologyBuilder t, String link, SplittableRandom rnd) {
    Set<String> labels = rnd.nextInt(10) == 0 ? Set.of("wan") : Set.of();
    t.annotate(link, new LinkAnnotation(OptionalLong.of(1_000_000_000L), OptionalLong.of(rnd.nextLong(900_000_000L)),
        OptionalLong.of(rnd.nextLong(900_000_000L)), OptionalLong.of(rnd.nextLong(2_000_000)), labels, Map.of(),
        java.util.Optional.empty()));
  }

  static HostSnapshot host(Instant at) {
    String[] classes = {"low-priority", "bulk", "interactive", "update", "critical"};
    List<AppUsage> apps = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      apps.add(new AppUsage("app" + i, classes[i % classes.length], Set.of("user" + (i % 7)), Set.of(1000 + i),
          Traffic.ZERO, new Rate(1e6 * (i + 1), 5e5 * (i + 1)), List.of()));
    }
    List<UserUsage> users = new ArrayList<>();
    for (int u = 0; u < 7; u++) {
      users.add(new UserUsage("user" + u, Set.of(), Traffic.ZERO, new Rate(1e6, 1e6)));
    }
    return new HostSnapshot("bench-host", at, Duration.ofSeconds(10), apps, users);
  }
}
