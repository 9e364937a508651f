package io.cuttle.controller.topology.ospf;

import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.common.config.Diagnostic;
import io.cuttle.controller.store.CommitResult;
import io.cuttle.controller.store.TopologyStore;
import io.cuttle.controller.topology.SpecChange;
import io.cuttle.controller.topology.TopologyProviderListener;
import io.cuttle.controller.topology.TopologySpec;
import io.cuttle.controller.topology.ospf.LsaBytes.L;
import io.cuttle.netstate.model.Lineage;
import io.cuttle.netstate.model.Link;
import io.cuttle.netstate.model.NetworkState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random databases (two areas with ABRs, parallel and one-sided point-to-point links, a broadcast
 * network, repeated stub prefixes, summaries, an external) take random changes, mostly link costs,
 * half of them announced as ospfd does (deletion of the old instance, then the new one);
 * after every one the spec the follower delivers, in place or rebuilt, must equal a rebuild of the
 * whole database, and a store fed the in-place changes must hold the same network as a store fed
 * every spec whole.
 */
class LsdbFollowerIncrementalTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final int ROUTERS = 10;

  /** A router's links in one area, as announced (mutable). */
  private final Map<String, List<L>> announced = new HashMap<>();
  private final Map<String, Integer> seq = new HashMap<>();
  private final Map<String, byte[]> installed = new HashMap<>();

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void inPlaceUpdatesEqualAFullRebuild(int seed) {
    Random rnd = new Random(seed);
    TopologyStore incremental = new TopologyStore(new Lineage(1, Instant.EPOCH), CLOCK, 64);
    TopologyStore whole = new TopologyStore(new Lineage(1, Instant.EPOCH), CLOCK, 64);
    int[] updates = new int[1];
    int[] rebuilds = new int[1];
    TopologySpec[] applied = new TopologySpec[1];
    LsdbFollower f = new LsdbFollower("test", new TopologyProviderListener() {
      @Override
      public void specChanged(TopologySpec spec) {
        assertThat(incremental.apply(spec)).isInstanceOf(CommitResult.Committed.class);
        assertThat(whole.apply(spec)).isInstanceOf(CommitResult.Committed.class);
        applied[0] = spec;
        rebuilds[0]++;
      }

      @Override
      public void specUpdated(TopologySpec spec, SpecChange change) {
        assertThat(change.base()).isSameAs(applied[0]);
        assertThat(change.links().size() + change.prefixes().size()).isPositive();
        assertThat(incremental.applyCosts(change.links(), change.prefixes())).isInstanceOf(CommitResult.Committed.class);
        assertThat(whole.apply(spec)).isInstanceOf(CommitResult.Committed.class);
        applied[0] = spec;
        updates[0]++;
      }

      @Override
      public void specRejected(String source, List<Diagnostic> problems) {
        throw new AssertionError(problems.toString());
      }
    });
    build(rnd).forEach(e -> f.apply(false, e.getKey(), e.getValue()));
    f.publish(true);
    for (int round = 0; round < 400; round++) {
      change(rnd, f);
      f.publish(false);
      TopologySpec rebuilt = AreaGraphBuilder.build(f.entries()).spec();
      assertThat(f.lastDelivered()).as("round %d", round).isEqualTo(rebuilt);
      assertThat(links(incremental.current())).as("round %d", round).isEqualTo(links(whole.current()));
    }
    assertThat(updates[0]).as("changes applied in place").isGreaterThan(50);
    assertThat(rebuilds[0]).as("changes that rebuilt the graph").isGreaterThan(20);
  }

  /** Links by name with their ends' names and the cost from the lower-named end. */
  private static Set<String> links(NetworkState s) {
    Set<String> out = new TreeSet<>();
    for (Link l : s.links().values()) {
      String a = s.nodes().get(l.a()).name();
      String b = s.nodes().get(l.b()).name();
      boolean swap = a.compareTo(b) > 0;
      out.add(l.name() + " " + (swap ? b + ">" + a + " " + l.costBa() + "/" + l.costAb()
          : a + ">" + b + " " + l.costAb() + "/" + l.costBa()) + " " + l.state() + " " + l.area());
    }
    return out;
  }

  private static String rid(int i) {
    return "10.0.0." + (i + 1);
  }

  private static int areaOf(String key) {
    return key.startsWith("1/") ? 1 : 0;
  }

  private static String key(int area, int router) {
    return area + "/" + router;
  }

  private List<Map.Entry<Integer, byte[]>> build(Random rnd) {
    // Routers 0..5 in area 0, 4..9 in area 1: 4 and 5 are ABRs.
    for (int i = 0; i < ROUTERS; i++) {
      if (i <= 5) {
        announced.put(key(0, i), new ArrayList<>());
      }
      if (i >= 4) {
        announced.put(key(1, i), new ArrayList<>());
      }
    }
    int address = 1;
    for (int area = 0; area <= 1; area++) {
      int lo = area == 0 ? 0 : 4;
      int hi = area == 0 ? 5 : 9;
      for (int k = 0; k < 9; k++) {
        int a = lo + rnd.nextInt(hi - lo + 1);
        int b = lo + rnd.nextInt(hi - lo + 1);
        if (a == b) {
          continue;
        }
        String aAddr = "11.0." + area + "." + address++;
        String bAddr = "11.0." + area + "." + address++;
        announced.get(key(area, a)).add(LsaBytes.p2p(rid(b), aAddr, 1 + rnd.nextInt(50)));
        if (rnd.nextInt(8) != 0) { // sometimes only one end announces the link
          announced.get(key(area, b)).add(LsaBytes.p2p(rid(a), bAddr, 1 + rnd.nextInt(50)));
        }
      }
    }
    // A broadcast network in area 0: DR 12.0.0.1 (router 0), routers 0, 1, 2 attached.
    for (int i = 0; i <= 2; i++) {
      announced.get(key(0, i)).add(LsaBytes.transit("12.0.0.1", "12.0.0." + (i + 1), 5 + i));
    }
    for (String k : announced.keySet()) {
      int r = Integer.parseInt(k.substring(2));
      announced.get(k).add(LsaBytes.stub("20.0." + r + ".0", "255.255.255.0", 10));
      announced.get(k).add(LsaBytes.stub("30.0.0.0", "255.255.255.0", 1 + rnd.nextInt(20))); // shared
    }
    List<Map.Entry<Integer, byte[]>> out = new ArrayList<>();
    announced.keySet().forEach(k -> out.add(Map.entry(areaOf(k), routerLsa(k))));
    out.add(Map.entry(0, LsaBytes.network("12.0.0.1", rid(0), 1, "255.255.255.0", rid(0), rid(1), rid(2))));
    out.add(Map.entry(0, LsaBytes.summary(3, "40.0.0.0", rid(4), 1, "255.255.0.0", 7)));
    out.add(Map.entry(1, LsaBytes.summary(3, "20.0.0.0", rid(5), 1, "255.255.255.0", 9)));
    out.add(Map.entry(0, LsaBytes.summary(4, rid(9), rid(4), 1, "0.0.0.0", 12)));
    out.add(Map.entry(0, LsaBytes.external("50.0.0.0", rid(9), 1, "255.0.0.0", true, 20)));
    return out;
  }

  private byte[] routerLsa(String k) {
    int r = Integer.parseInt(k.substring(2));
    int s = seq.merge(k, 1, Integer::sum);
    byte[] lsa = LsaBytes.router(rid(r), s, 0, announced.get(k).toArray(L[]::new));
    installed.put(k, lsa);
    return lsa;
  }

  /** One random change to one router-LSA; most change a link cost only. */
  private void change(Random rnd, LsdbFollower f) {
    List<String> keys = new ArrayList<>(new TreeSet<>(announced.keySet()));
    String k = keys.get(rnd.nextInt(keys.size()));
    List<L> links = announced.get(k);
    int dice = rnd.nextInt(20);
    int i = rnd.nextInt(links.size());
    L l = links.get(i);
    if (dice < 14) {
      List<Integer> toRouters = new ArrayList<>();
      for (int j = 0; j < links.size(); j++) {
        if (links.get(j).type() != 3) {
          toRouters.add(j);
        }
      }
      if (!toRouters.isEmpty()) {
        int j = toRouters.get(rnd.nextInt(toRouters.size()));
        L x = links.get(j);
        links.set(j, new L(x.type(), x.id(), x.data(), rnd.nextInt(8) == 0 ? 0xffff : 1 + rnd.nextInt(60)));
      }
    } else if (dice < 15) {
      for (int j = 0; j < links.size(); j++) { // stub router and back
        L x = links.get(j);
        if (x.type() != 3) {
          links.set(j, new L(x.type(), x.id(), x.data(), x.metric() == 0xffff ? 10 : 0xffff));
        }
      }
    } else if (dice < 16) {
      links.set(i, new L(l.type(), l.id(), l.data(), l.metric() + 1));
    } else if (dice < 18 && links.size() > 2) {
      links.remove(i);
    } else {
      links.add(rnd.nextInt(links.size() + 1), l);
    }
    byte[] before = installed.get(k);
    byte[] after = routerLsa(k);
    if (rnd.nextBoolean()) {
      f.apply(true, areaOf(k), before); // as ospfd announces a new instance: delete, then update
    }
    f.apply(false, areaOf(k), after);
  }
}
